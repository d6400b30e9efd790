// One series of a run over time (time_series.h): a value per sample time, a number or none,
// kept compact as the run goes and read back exactly as it was given. Most series stand still
// for long stretches (an empty queue, an idle transmitter) and many come back to a few values
// (a window that held one, two or three whole messages on the line). So values are kept as a
// string of bytes, each value coded by what it is (the first byte's top two bits say which):
//   00xxxxxx          a whole number 0..63
//   01xxxxxx          the value before, xxxxxx + 1 more times (a run)
//   10xxxxxx          xxxxxx < kRecent: one of the last kRecent distinct whole numbers from 64
//                     up to 2^48 (how recently given, 0 the latest); kRecent + i: the whole
//                     number that with the value before (a whole number) sums to recent number
//                     i (a busy window split from the one before by a transmission across
//                     their border)
//   11LLLxxx + bytes  any other whole number: xxx its lowest 3 bits, then L bytes (8 when
//                     LLL is 6), least significant first; LLL 7: xxx 0 none, 1 a fraction
//                     (the double's 8 bytes follow)
// A run of equal values costs a count, a value seen lately a byte, a busy window of 15 s in
// nanoseconds 5 bytes: memory follows what changes, not samples x series.
//
// The bytes live in a SeriesArena: a ring of 64-byte blocks (60 bytes of values, then the
// next block's number; the last block links back to the first), carved from slabs that never
// move. A series grows a block at a time, without copying itself or leaving a hole behind, and
// the blocks a series gives back are the next ones taken. The series of a run share one arena
// (TimeSeriesRecorder); a series made on its own gets one of its own at its first byte.
//
// The coder's table of recent numbers lives in the same ring, between the last block of
// values and the first: up to kRecent / kTableEntries blocks (one more each kTableEntries
// distinct numbers), kTableEntries numbers of 6 bytes each (so a number from 2^48 up is never
// remembered). A series that never gives a whole number from 64 up has none; a sealed one
// gives its table back.
//
// A series may read its whole numbers through a divisor (busy nanoseconds read as a share of
// the step): a whole number n reads as static_cast<double>(n) / divisor, as a dense vector of
// doubles computed the same way would hold it.
#pragma once

#include <array>
#include <boost/smart_ptr/intrusive_ptr.hpp>
#include <boost/smart_ptr/intrusive_ref_counter.hpp>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace cablesim {

/// Blocks of bytes for series (SeriesValues) that share it: 64-byte blocks carved from slabs
/// that never move (the first slabs small, doubling up to 64 KiB), a block given back the
/// next taken. Not thread-safe: the series sharing an arena are used from one thread at a
/// time (a copy of a series takes an arena of its own).
class SeriesArena : public boost::intrusive_ref_counter<SeriesArena, boost::thread_safe_counter> {
 public:
  /// A counted reference to an arena, the size of a pointer (a run keeps thousands): the
  /// arena goes with the last reference (the count is atomic, so series of one arena may be
  /// handed from thread to thread and destroyed there).
  using Ref = boost::intrusive_ptr<SeriesArena>;
  /// A new, empty arena.
  static Ref Make() { return Ref(new SeriesArena()); }

  /// A block's number; kNoBlock for none.
  using Block = std::uint32_t;
  static constexpr Block kNoBlock = ~Block{0};
  static constexpr std::size_t kBlockBytes = 64;
  /// Bytes of values in a block; the next block's number follows them.
  static constexpr std::size_t kBlockData = kBlockBytes - sizeof(Block);

  SeriesArena(const SeriesArena&) = delete;
  SeriesArena& operator=(const SeriesArena&) = delete;

  /// A block to fill (its link unset): one given back, or one carved anew.
  Block Take();
  /// A block taken (as Take) and linked into the ring of `b` right after it.
  Block TakeAfter(Block b);
  /// Gives back a ring of blocks (each links to the next, the last back to the first;
  /// `ring` is any of them): every block of it is free again.
  void GiveRing(Block ring);
  /// The kBlockData bytes of block `b`.
  std::uint8_t* Data(Block b) const;
  /// The block `b` links to.
  Block Next(Block b) const;
  void SetNext(Block b, Block next);

  /// Bytes of the slabs carved so far (what the arena holds from the heap).
  std::size_t slab_bytes() const { return static_cast<std::size_t>(capacity_) * kBlockBytes; }
  /// Blocks taken and not given back.
  std::size_t blocks_in_use() const { return in_use_; }

 private:
  SeriesArena() = default;
  std::vector<std::unique_ptr<std::uint8_t[]>> slabs_;
  Block carved_ = 0, capacity_ = 0;  // blocks handed out once, and blocks in slabs_
  Block free_ = kNoBlock;            // blocks given back, linked through their next
  std::size_t in_use_ = 0;
};

class SeriesValues {
 public:
  /// Distinct whole numbers from 64 up (below 2^48) remembered for a one-byte reference.
  static constexpr std::size_t kRecent = 30;
  /// Recent numbers a block of the table holds (6 bytes each).
  static constexpr std::size_t kTableEntries = SeriesArena::kBlockData / 6;

  /// An empty series; `divisor` (> 0) is what its whole numbers are read through. Its bytes
  /// go in an arena of its own, made at the first.
  explicit SeriesValues(double divisor = 1.0) : divisor_(divisor) {}
  /// An empty series whose bytes go in `arena`, shared with other series.
  explicit SeriesValues(SeriesArena::Ref arena, double divisor = 1.0)
      : arena_(std::move(arena)), divisor_(divisor) {}
  /// A copy in an arena of its own.
  SeriesValues(const SeriesValues& o);
  SeriesValues& operator=(const SeriesValues& o);
  SeriesValues(SeriesValues&& o) noexcept;
  SeriesValues& operator=(SeriesValues&& o) noexcept;
  /// Gives its blocks back to the arena.
  ~SeriesValues();

  /// Appends a whole number `n` >= 0 (read as n / divisor).
  void AppendWhole(std::int64_t n);
  /// Appends `n` (>= 0) `count` times.
  void AppendWholes(std::int64_t n, std::size_t count);
  /// Appends a value: none, or a number (a whole number from 0 to 2^53 is kept as one, so
  /// with a divisor other than 1 append whole numbers through AppendWhole only).
  void Append(std::optional<double> v);
  /// Says no value will be appended again: the coder's table of recent numbers, needed only
  /// to append, goes back to the arena (a finished run's thousands of series keep just their
  /// bytes).
  /// Appending to a sealed series is a contract violation (asserted).
  void Seal();
  bool sealed() const { return sealed_; }

  /// How many values were appended.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// The divisor whole numbers are read through; set it before reading, when it is known.
  double divisor() const { return divisor_; }
  void set_divisor(double divisor) { divisor_ = divisor; }
  /// Bytes the values take (not counting the room left in the last block).
  std::size_t bytes() const { return length_; }
  /// Bytes of the arena the series holds besides its values' blocks: the coder's table of
  /// recent numbers, a block for each kTableEntries distinct whole numbers from 64 up given
  /// (up to kRecent), until it is sealed.
  std::size_t table_bytes() const { return TableBlocks() * SeriesArena::kBlockBytes; }
  /// The arena holding the bytes (nullptr before the first byte of a series on its own).
  const SeriesArena* arena() const { return arena_.get(); }

  /// Reads the values in order: one Next per value appended.
  class Cursor {
   public:
    explicit Cursor(const SeriesValues& s) : s_(&s) {}
    /// The next value; call at most size() times.
    std::optional<double> Next();
    /// The next value as its whole number, before the divisor (the value must be one).
    std::int64_t NextWhole();

   private:
    friend class SeriesValues;
    void Step();
    std::uint8_t Byte();
    const SeriesValues* s_;
    std::size_t pos_ = 0;                               // next byte to read
    SeriesArena::Block block_ = SeriesArena::kNoBlock;  // the block holding it
    const std::uint8_t* data_ = nullptr;                // that block's bytes
    std::size_t offset_ = SeriesArena::kBlockData;      // pos_'s place in it
    std::uint32_t repeats_ = 0;                         // of last_ still to give
    bool tail_taken_ = false;                           // the series' unwritten run is in repeats_
    std::uint8_t last_kind_ = 0;
    std::int64_t last_bits_ = 0;
    std::array<std::int64_t, kRecent> recent_{};
    std::size_t recent_count_ = 0;
  };

  /// Calls fn(k, value) for every value in order, k from 0.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    Cursor c(*this);
    for (std::size_t k = 0; k < size_; ++k) fn(k, c.Next());
  }
  /// Every value, one per sample (for a reader that needs them at random).
  std::vector<std::optional<double>> Dense() const;
  /// The value at `k` (< size()): reads from the start, so for one value, not a loop.
  std::optional<double> at(std::size_t k) const;
  /// The last value (the series is not empty).
  std::optional<double> back() const { return at(size_ - 1); }

  /// The values at 0, 2, 4, ...: a state series on the grid of twice the step (in the same
  /// arena).
  SeriesValues EveryOther() const;
  /// Whole numbers summed two by two (the last alone if their count is odd): a window series
  /// on the grid of twice the step (in the same arena). Every value must be a whole number.
  SeriesValues PairSums() const;

  /// Reads values in order, for range-for.
  class const_iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = std::optional<double>;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = std::optional<double>;
    const_iterator(const SeriesValues& s, std::size_t k) : cursor_(s), k_(k), end_(s.size()) {
      if (k_ < end_) value_ = cursor_.Next();
    }
    std::optional<double> operator*() const { return value_; }
    const_iterator& operator++() {
      if (++k_ < end_) value_ = cursor_.Next();
      return *this;
    }
    bool operator==(const const_iterator& o) const { return k_ == o.k_; }

   private:
    Cursor cursor_;
    std::size_t k_, end_;
    std::optional<double> value_;
  };
  const_iterator begin() const { return const_iterator(*this, 0); }
  const_iterator end() const { return const_iterator(*this, size_); }

  /// Equal when they read the same values (whatever their coding).
  friend bool operator==(const SeriesValues& a, const SeriesValues& b);
  friend bool operator==(const SeriesValues& a, const std::vector<std::optional<double>>& b);

 private:
  enum Kind : std::uint8_t { kNone, kWhole, kFraction };
  class Table;
  void Put(Kind kind, std::int64_t bits);
  void FlushRun();
  void PutByte(std::uint8_t b);
  void PutWhole(std::int64_t n);
  void Release();
  /// Blocks of the table of recent numbers (after tail_ in the ring).
  std::size_t TableBlocks() const { return (recent_count_ + kTableEntries - 1) / kTableEntries; }
  /// The first block of values.
  SeriesArena::Block FirstBlock() const;
  // Small, as a run keeps thousands of series: the bytes in the arena's blocks (tail_ the
  // last, linking to the table's blocks if any, then to the first).
  SeriesArena::Ref arena_;
  double divisor_;
  std::int64_t last_bits_ = -1;  // with size_ == 0: no last value
  std::uint32_t size_ = 0;
  std::uint32_t length_ = 0;                         // bytes written
  SeriesArena::Block tail_ = SeriesArena::kNoBlock;  // with length_ > 0
  std::uint8_t run_ = 0;           // repeats of the last value not yet written (< 64)
  std::uint8_t recent_count_ = 0;  // numbers in the table (0 once sealed)
  Kind last_kind_ = kNone;
  bool sealed_ = false;  // no value appended again, the table given back
};

}  // namespace cablesim
