// The future-event set: a 4-ary min-heap of 16-byte entries, with event payloads in a slab.
//
// Invariants: an entry is (time, key) with key = sequence << kSlotBits | slot. Entries are
// ordered by (time, key): the sequence in the high bits makes same-time events leave in the
// order they were scheduled (first in, first out) and makes every key distinct. The slot
// names the payload's place in the slab; freed slots are reused last-in first-out, so the
// slab stays small and hot in cache. A 4-ary heap halves the depth of a binary one and
// keeps a node's four children in one cache line.
#pragma once

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
  std::size_t size() const { return heap_.size() - kRoot; }
  const Entry& top() const {
    assert(!empty());
    return heap_[kRoot];
  }
  const EventPayload& payload(const Entry& e) const { return slab_[e.slot()]; }
  void reserve(std::size_t n) {
    heap_.reserve(n + kRoot);
    slab_.reserve(n);
  }

  /// Adds an event. Throws std::length_error past kMaxSequence events or 2^kSlotBits pending.
  void push(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p) {
    heap_.push_back(Entry{});
    SiftUp(heap_.size() - 1, Entry{time_ns, MakeKey(sequence, p)});
  }

  /// Removes the earliest event.
  void pop() {
    assert(!empty());
    free_slots_.push_back(heap_[kRoot].slot());
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!empty()) SiftDown(kRoot, last);
  }

  /// Replaces the earliest event by a new one: one sift-down instead of a pop and a push.
  void replace_top(std::int64_t time_ns, std::uint64_t sequence, const EventPayload& p) {
    assert(!empty());
    const std::uint32_t slot = heap_[kRoot].slot();
    slab_[slot] = p;
    SiftDown(kRoot, Entry{time_ns, CheckedSequence(sequence) << kSlotBits | slot});
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

  static std::uint64_t CheckedSequence(std::uint64_t sequence) {
    if (sequence > kMaxSequence) throw std::length_error("event sequence numbers exhausted");
    return sequence;
  }

  std::uint64_t MakeKey(std::uint64_t sequence, const EventPayload& p) {
    std::uint32_t slot;
    if (!free_slots_.empty()) {
      slot = free_slots_.back();
      free_slots_.pop_back();
      slab_[slot] = p;
    } else {
      if (slab_.size() > kSlotMask) throw std::length_error("too many pending events");
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
  void SiftDown(std::size_t i, Entry e) {
    // Prefetching only pays once the heap outgrows the first-level cache; two instances of
    // the loop keep the test out of it.
    if (heap_.size() > kPrefetchAbove) {
      SiftDownTo<true>(i, e);
    } else {
      SiftDownTo<false>(i, e);
    }
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
      const Entry* c = h + first;
      const std::size_t b01 = Select(c[1] < c[0], 0, 1);
      const std::size_t b23 = Select(c[3] < c[2], 2, 3);
      const std::size_t best = first + Select(c[b23] < c[b01], b01, b23);
      h[i] = h[best];
      i = best;
      first = FirstChild(i);
    }
    if (first < n) {
      // The last, partial group of siblings: its members have no children.
      std::size_t best = first;
      for (std::size_t c = first + 1; c < n; ++c) best = Select(h[c] < h[best], best, c);
      h[i] = h[best];
      i = best;
    }
    SiftUp(i, e);
  }

  std::vector<Entry, AlignedAllocator<Entry>> heap_;  // [0, kRoot) unused
  std::vector<EventPayload> slab_;
  std::vector<std::uint32_t> free_slots_;
};

}  // namespace cablesim
