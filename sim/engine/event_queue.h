// The future-event set: a 4-ary min-heap of 16-byte entries, with event payloads in a slab,
// and lanes: FIFOs for streams of events that are scheduled in time order. While few events
// are pending (a small network, a relay's handful of transmissions and arrivals) the entries
// are kept sorted instead (Insert): the heap's walk would cost more than the work it orders.
//
// Invariants: an entry is (time, key) with key = sequence << kSlotBits | slot. Entries are
// ordered by (time, key): the sequence in the high bits makes same-time events leave in the
// order they were scheduled (first in, first out) and makes every key distinct. The slot
// names the payload's place in the slab; freed slots are reused last-in first-out, so the
// slab stays small and hot in cache. A 4-ary heap halves the depth of a binary one and
// keeps a node's four children in one cache line.
//
// Lanes: most events of a relay network are scheduled at now + a delay that is the same for
// many of them (propagation plus a fixed processing time), so they are scheduled in time
// order. A lane keeps such a stream in a FIFO and only its earliest event in the heap (as an
// entry whose slot names the lane): scheduling into a non-empty lane is O(1) and the heap
// holds a few hundred entries instead of thousands. Lanes never change the order events
// leave in: a lane's entries are in (time, sequence) order, since an event joins a lane only
// if its time is not before the lane's last one (else it goes to the heap), and sequences
// only grow. A lane is a hint for speed; any event may go into any lane.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <vector>

namespace cablesim {

/// What an event carries besides its time: a kind (meaning belongs to the caller) and two ids.
struct EventPayload {
  std::uint8_t kind;
  std::uint32_t a;
  std::uint32_t b;
};

class EventQueue {
 public:
  static constexpr int kSlotBits = 26;  ///< at most 67 million pending events
  static constexpr std::uint64_t kMaxSequence = (std::uint64_t{1} << (64 - kSlotBits)) - 1;
  static constexpr std::uint32_t kMaxLanes = 1U << 16;
  static constexpr std::uint32_t kNoLane = ~std::uint32_t{0};

  struct Entry {
    std::int64_t time_ns;
    std::uint64_t key;  ///< sequence << kSlotBits | slot
    // One 128-bit comparison (time is never negative): no data-dependent branch, so the
    // min-of-four selection compiles to conditional moves.
    bool operator<(const Entry& o) const { return Packed() < o.Packed(); }
    unsigned __int128 Packed() const {
      return static_cast<unsigned __int128>(static_cast<std::uint64_t>(time_ns)) << 64 | key;
    }
    std::uint64_t sequence() const { return key >> kSlotBits; }
    std::uint32_t slot() const { return static_cast<std::uint32_t>(key & kSlotMask); }
  };
  static_assert(sizeof(Entry) == 16);

  EventQueue() { heap_.resize(kRoot); }

  bool empty() const { return heap_.size() == kRoot; }
  /// Events held, in the heap and in lanes.
  std::size_t size() const { return heap_.size() - kRoot + lane_tails_; }
  const Entry& top() const {
    assert(!empty());
    return heap_[kRoot];
  }
  /// True when the entry is a lane's earliest event (pop it rather than replace_top it).
  static bool InLane(const Entry& e) { return e.slot() >= kLaneSlot0; }
  const EventPayload& payload(const Entry& e) const {
    return InLane(e) ? lanes_[e.slot() - kLaneSlot0].front().payload : slab_[e.slot()];
  }
  void reserve(std::size_t n) {
    heap_.reserve(n + kRoot);
    slab_.reserve(n);
  }

  /// A new, empty lane. Throws std::length_error past kMaxLanes lanes.
  std::uint32_t AddLane() {
    if (lanes_.size() >= kMaxLanes) throw std::length_error("too many event lanes");
    lanes_.emplace_back();
    return static_cast<std::uint32_t>(lanes_.size() - 1);
  }
  std::size_t lane_count() const { return lanes_.size(); }

  /// Appends the event to `lane` when the lane has events and none later than this one
  /// (O(1)); returns false, doing nothing, otherwise. lane may be kNoLane.
  bool append_to_lane(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p,
                      std::uint32_t lane) {
    if (lane == kNoLane) return false;
    Lane& l = lanes_[lane];
    if (l.empty() || time_ns < l.back().time_ns) return false;
    l.push_back(LaneEntry{time_ns, CheckedSequence(sequence), p});
    ++lane_tails_;
    return true;
  }

  /// Adds an event: as the head of `lane` if that lane is empty, else to the heap. Throws
  /// std::length_error past kMaxSequence events or 2^kSlotBits - kMaxLanes pending.
  void push(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p,
            std::uint32_t lane = kNoLane) {
    Insert(Entry{time_ns, MakeKey(time_ns, sequence, p, lane)});
  }

  /// Removes the earliest event.
  void pop() {
    assert(!empty());
    const std::uint32_t slot = heap_[kRoot].slot();
    if (slot >= kLaneSlot0) {
      Lane& l = lanes_[slot - kLaneSlot0];
      l.pop_front();
      if (!l.empty()) {
        // The lane's next event takes the root's place. It is usually due soon after the one
        // that left, so it sifts down top-first and stops early.
        --lane_tails_;
        const LaneEntry& next = l.front();
        ReplaceRoot(Entry{next.time_ns, next.sequence << kSlotBits | slot}, true);
        return;
      }
    } else {
      free_slots_.push_back(slot);
    }
    RemoveRoot();
  }

  /// Replaces the earliest event by a new one (pushed as push would): one sift-down instead
  /// of a pop and a push. Precondition: the earliest event is not in a lane (!InLane(top())).
  void replace_top(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p,
                   std::uint32_t lane = kNoLane) {
    assert(!empty() && !InLane(heap_[kRoot]));
    const std::uint32_t slot = heap_[kRoot].slot();
    if (lane != kNoLane && lanes_[lane].empty()) {
      free_slots_.push_back(slot);
      ReplaceRoot(Entry{time_ns, MakeKey(time_ns, sequence, p, lane)}, false);
      return;
    }
    slab_[slot] = p;
    ReplaceRoot(Entry{time_ns, CheckedSequence(sequence) << kSlotBits | slot}, false);
  }

 private:
  // Layout: the root sits at index kRoot = 3 and the children of index j are 4j-8 .. 4j-5,
  // so every group of four siblings starts at a multiple of 4 entries = 64 bytes: one cache
  // line per level when the storage is 64-byte aligned (AlignedAllocator below).
  static constexpr std::size_t kRoot = 3;
  static constexpr std::size_t kPrefetchAbove = 4096;  // entries: 64 KiB
  static std::size_t FirstChild(std::size_t j) { return 4 * j - 8; }
  static std::size_t Parent(std::size_t j) { return j / 4 + 2; }

  template <class T>
  struct AlignedAllocator {
    using value_type = T;
    AlignedAllocator() = default;
    template <class U>
    AlignedAllocator(const AlignedAllocator<U>&) {}  // NOLINT: rebinding
    T* allocate(std::size_t n) {
      return static_cast<T*>(::operator new (n * sizeof(T), std::align_val_t{64}));
    }
    void deallocate(T* p, std::size_t) { ::operator delete (p, std::align_val_t{64}); }
    template <class U>
    bool operator==(const AlignedAllocator<U>&) const {
      return true;
    }
  };

  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  // Slots from here up name lanes; the slab uses the ones below.
  static constexpr std::uint64_t kLaneSlot0 = kSlotMask + 1 - kMaxLanes;

  struct LaneEntry {
    std::int64_t time_ns;
    std::uint64_t sequence;
    EventPayload payload;
  };

  // A FIFO in a ring of power-of-two size that doubles when full.
  class Lane {
   public:
    bool empty() const { return count_ == 0; }
    const LaneEntry& front() const { return ring_[head_]; }
    const LaneEntry& back() const { return ring_[(head_ + count_ - 1) & (ring_.size() - 1)]; }
    void push_back(const LaneEntry& e) {
      if (count_ == ring_.size()) Grow();
      ring_[(head_ + count_) & (ring_.size() - 1)] = e;
      ++count_;
    }
    void pop_front() {
      head_ = (head_ + 1) & (ring_.size() - 1);
      --count_;
    }

   private:
    [[gnu::noinline]] void Grow() {  // rare: kept out of the scheduling path
      std::vector<LaneEntry> bigger(ring_.empty() ? 16 : 2 * ring_.size());
      for (std::size_t i = 0; i < count_; ++i) bigger[i] = ring_[(head_ + i) & (ring_.size() - 1)];
      ring_.swap(bigger);
      head_ = 0;
    }
    std::vector<LaneEntry> ring_;
    std::size_t head_ = 0;
    std::size_t count_ = 0;
  };

  // Out of line and cold: the paths that schedule events stay small enough to inline.
  [[noreturn, gnu::noinline, gnu::cold]] static void Exhausted(const char* what) {
    throw std::length_error(what);
  }
  static std::uint64_t CheckedSequence(std::uint64_t sequence) {
    if (sequence > kMaxSequence) [[unlikely]]
      Exhausted("event sequence numbers exhausted");
    return sequence;
  }

  // The key of a new heap entry: the head of `lane` if it is empty, else a slab slot.
  std::uint64_t MakeKey(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p,
                        std::uint32_t lane) {
    if (lane != kNoLane && lanes_[lane].empty()) {
      lanes_[lane].push_back(LaneEntry{time_ns, CheckedSequence(sequence), p});
      return sequence << kSlotBits | (kLaneSlot0 + lane);
    }
    std::uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slab_[slot] = p;
    } else {
      if (slab_.size() >= kLaneSlot0) [[unlikely]]
        Exhausted("too many pending events");
      slot = static_cast<std::uint32_t>(slab_.size());
      slab_.push_back(p);
    }
    return CheckedSequence(sequence) << kSlotBits | slot;
  }

  // take_second ? second : first, computed with a mask: a comparison between heap entries
  // is a coin toss, so a branch on it would be mispredicted half of the time.
  static std::size_t Select(bool take_second, std::size_t first, std::size_t second) {
    const std::size_t mask = std::size_t{0} - static_cast<std::size_t>(take_second);
    return first ^ ((first ^ second) & mask);
  }

  // Small mode (small_): with at most kSmallMost entries, those after the root are kept
  // sorted, latest first, so the next earliest is the last. Scheduling an event due before
  // the others (the usual, with a few pending) is then one comparison, and a pop one move,
  // where the heap's walk costs more than the work it orders. Such an array read backwards
  // is a heap: the switch to the heap is a reversal, and back a sort of a few entries.
  static constexpr std::size_t kSmallMost = 12;  // entries, the root included
  static constexpr std::size_t kSmallAgain = 4;  // a heap this small sorts itself back

  // Insert, ReplaceRoot and RemoveRoot are inlined into push, pop and replace_top: the sorted
  // paths are a few instructions, and a call around the heap's own (SiftDown, out of line)
  // cost large runs what small ones gain.
  // Adds e (a new entry).
  [[gnu::always_inline]] void Insert(Entry e) {
    if (small_ && heap_.size() - kRoot == kSmallMost) {
      std::reverse(heap_.begin() + kRoot + 1, heap_.end());
      small_ = false;
    }
    heap_.push_back(Entry{});
    if (!small_) {
      SiftUp(heap_.size() - 1, e);
      return;
    }
    Entry* const h = heap_.data();
    std::size_t j = heap_.size() - 1;
    if (j > kRoot && e < h[kRoot]) std::swap(e, h[kRoot]);  // the root moves behind
    for (; j > kRoot + 1 && h[j - 1] < e; --j) h[j] = h[j - 1];
    h[j] = e;
  }
  // The root leaves, e takes its place (sifted down by heap; `from_top`: e is likely to stay
  // near the top).
  [[gnu::always_inline]] void ReplaceRoot(Entry e, bool from_top) {
    if (!small_) {
      if (from_top) {
        SiftDownFromTop(e);
      } else {
        SiftDown(kRoot, e);
      }
      return;
    }
    Entry* const h = heap_.data();
    std::size_t j = heap_.size() - 1;
    if (j == kRoot || e < h[j]) {
      h[kRoot] = e;
      return;
    }
    h[kRoot] = h[j];  // the next earliest is the root now; e goes among the rest
    for (; j > kRoot + 1 && h[j - 1] < e; --j) h[j] = h[j - 1];
    h[j] = e;
  }
  // The root leaves.
  [[gnu::always_inline]] void RemoveRoot() {
    const Entry last = heap_.back();
    heap_.pop_back();
    if (empty()) return;
    if (small_) {
      heap_[kRoot] = last;
      return;
    }
    SiftDown(kRoot, last);
    if (heap_.size() - kRoot <= kSmallAgain) {
      std::sort(heap_.begin() + kRoot + 1, heap_.end(),
                [](const Entry& a, const Entry& b) { return b < a; });
      small_ = true;
    }
  }

  void SiftUp(std::size_t i, Entry e) {
    while (i > kRoot) {
      const std::size_t parent = Parent(i);
      if (!(e < heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  // Floyd's bottom-up sift-down: walk the hole to a leaf along the smallest children, then
  // sift e up from there. A re-inserted event usually belongs near the bottom, so this saves
  // most comparisons against e.
  [[gnu::noinline]] void SiftDown(std::size_t i, Entry e) {
    // Prefetching only pays once the heap outgrows the first-level cache; two instances of
    // the loop keep the test out of it.
    if (heap_.size() > kPrefetchAbove) {
      SiftDownTo<true>(i, e);
    } else {
      SiftDownTo<false>(i, e);
    }
  }

  // The least of the four siblings starting at `first`: a tournament of two pairs.
  static std::size_t LeastOfFour(const Entry* h, std::size_t first) {
    const Entry* c = h + first;
    const std::size_t b01 = Select(c[1] < c[0], 0, 1);
    const std::size_t b23 = Select(c[3] < c[2], 2, 3);
    return first + Select(c[b23] < c[b01], b01, b23);
  }
  // The least of h[first, end) (a last group of fewer than four siblings).
  static std::size_t LeastOf(const Entry* h, std::size_t first, std::size_t end) {
    std::size_t best = first;
    for (std::size_t c = first + 1; c < end; ++c) best = Select(h[c] < h[best], best, c);
    return best;
  }

  // The classic sift-down from the root: stops as soon as e is not after its least child.
  void SiftDownFromTop(Entry e) {
    Entry* const h = heap_.data();
    const std::size_t n = heap_.size();
    std::size_t i = kRoot;
    for (std::size_t first = FirstChild(i); first < n; first = FirstChild(i)) {
      const std::size_t best = first + 4 <= n ? LeastOfFour(h, first) : LeastOf(h, first, n);
      if (!(h[best] < e)) break;
      h[i] = h[best];
      i = best;
    }
    h[i] = e;
  }

  template <bool kPrefetch>
  void SiftDownTo(std::size_t i, Entry e) {
    Entry* const h = heap_.data();
    const std::size_t n = heap_.size();
    std::size_t first = FirstChild(i);
    while (first + 4 <= n) {  // all four children exist
      if constexpr (kPrefetch) {
        // The grandchildren are 16 consecutive entries (4 cache lines): fetch them while
        // the children are compared, so the next level's loads overlap this level's work.
        const std::size_t grand = FirstChild(first);
        if (grand < n) {
          const Entry* g = h + grand;
          __builtin_prefetch(g);
          __builtin_prefetch(g + 4);
          __builtin_prefetch(g + 8);
          __builtin_prefetch(g + 12);
        }
      }
      const std::size_t best = LeastOfFour(h, first);
      h[i] = h[best];
      i = best;
      first = FirstChild(i);
    }
    if (first < n) {
      // The last, partial group of siblings: its members have no children.
      const std::size_t best = LeastOf(h, first, n);
      h[i] = h[best];
      i = best;
    }
    SiftUp(i, e);
  }

  std::vector<Entry, AlignedAllocator<Entry>> heap_;  // [0, kRoot) unused
  std::vector<EventPayload> slab_;
  std::vector<std::uint32_t> free_slots_;
  std::vector<Lane> lanes_;
  std::size_t lane_tails_ = 0;  // events in lanes other than their heads (those are in heap_)
  bool small_ = true;           // few pending: sorted after the root (Insert), else a heap
};

}  // namespace cablesim
