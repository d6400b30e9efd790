#include "sim/stats/series_values.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

namespace cablesim {
namespace {

constexpr std::uint8_t kSmallTag = 0x00, kRunTag = 0x40, kRecentTag = 0x80, kLongTag = 0xC0;
constexpr std::uint8_t kTagMask = 0xC0, kPayloadMask = 0x3F;
constexpr std::uint32_t kLongestRun = 64;
constexpr std::int64_t kFirstLong = 64;  // whole numbers from here are remembered
constexpr std::int64_t kRememberedBelow = std::int64_t{1} << 48;  // ... up to here
constexpr std::size_t kEntryBytes = 6;                            // a remembered number's
constexpr std::uint8_t kSpecial = 7;     // LLL of a long token: none or a fraction
constexpr std::uint8_t kEightBytes = 6;  // LLL of a long token with 8 bytes after it
constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
constexpr double kLargestWhole = 9007199254740992.0;  // 2^53: every whole number below is exact

/// Moves recent[i] to the front (latest first).
void ToFront(std::int64_t* recent, std::size_t i) {
  const std::int64_t v = recent[i];
  std::copy_backward(recent, recent + i, recent + i + 1);
  recent[0] = v;
}

/// Puts a number not among the *count recent ones at their front, the oldest forgotten when
/// there are kRecent.
template <typename Count>
void Remember(std::int64_t* recent, Count* count, std::int64_t n) {
  if (*count < SeriesValues::kRecent) ++*count;
  ToFront(recent, *count - 1u);
  recent[0] = n;
}

}  // namespace

// Slab j holds 2^j blocks up to 2^kLargestSlab (64 KiB), then each as many: block b is in
// slab bit_width(b + 1) - 1 while b < kEarly.
constexpr int kLargestSlab = 10;
constexpr SeriesArena::Block kEarly = (SeriesArena::Block{1} << kLargestSlab) - 1;

SeriesArena::Block SeriesArena::Take() {
  ++in_use_;
  if (free_ != kNoBlock) {
    const Block b = free_;
    free_ = Next(b);
    return b;
  }
  if (carved_ == capacity_) {
    const int shift = std::min<int>(static_cast<int>(slabs_.size()), kLargestSlab);
    const Block count = Block{1} << shift;
    slabs_.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(count * kBlockBytes));
    capacity_ += count;
  }
  return carved_++;
}

SeriesArena::Block SeriesArena::TakeAfter(Block b) {
  const Block taken = Take();
  SetNext(taken, Next(b));
  SetNext(b, taken);
  return taken;
}

void SeriesArena::GiveRing(Block ring) {
  // The ring opened after `ring` joins the free list in front.
  const Block first = Next(ring);
  SetNext(ring, free_);
  free_ = first;
  for (Block b = first;; b = Next(b)) {
    --in_use_;
    if (b == ring) break;
  }
}

std::uint8_t* SeriesArena::Data(Block b) const {
  if (b < kEarly) {
    const auto j = static_cast<int>(std::bit_width(b + 1)) - 1;
    return slabs_[static_cast<std::size_t>(j)].get() +
           static_cast<std::size_t>(b + 1 - (Block{1} << j)) * kBlockBytes;
  }
  const Block i = b - kEarly;
  return slabs_[kLargestSlab + (i >> kLargestSlab)].get() +
         static_cast<std::size_t>(i & kEarly) * kBlockBytes;
}

SeriesArena::Block SeriesArena::Next(Block b) const {
  Block next;
  std::memcpy(&next, Data(b) + kBlockData, sizeof next);
  return next;
}

void SeriesArena::SetNext(Block b, Block next) {
  std::memcpy(Data(b) + kBlockData, &next, sizeof next);
}

SeriesValues::SeriesValues(const SeriesValues& o)
    : divisor_(o.divisor_),
      last_bits_(o.last_bits_),
      size_(o.size_),
      run_(o.run_),
      last_kind_(o.last_kind_),
      sealed_(o.sealed_) {
  if (o.length_ > 0) {
    // The bytes block by block into an arena of this copy's own, then the table.
    arena_ = SeriesArena::Make();
    for (SeriesArena::Block b = o.FirstBlock();; b = o.arena_->Next(b)) {
      const std::size_t n = std::min<std::size_t>(o.length_ - length_, SeriesArena::kBlockData);
      const std::uint8_t* data = o.arena_->Data(b);
      for (std::size_t i = 0; i < n; ++i) PutByte(data[i]);
      if (b == o.tail_) break;
    }
    // Then the table's blocks as they are, after the last block of values.
    SeriesArena::Block from = o.tail_, last = tail_;
    for (std::size_t k = 0; k < o.TableBlocks(); ++k) {
      from = o.arena_->Next(from);
      last = arena_->TakeAfter(last);
      std::memcpy(arena_->Data(last), o.arena_->Data(from), SeriesArena::kBlockData);
    }
    recent_count_ = o.recent_count_;
  }
}

SeriesValues& SeriesValues::operator=(const SeriesValues& o) {
  if (this != &o) *this = SeriesValues(o);
  return *this;
}

SeriesValues::SeriesValues(SeriesValues&& o) noexcept
    : arena_(std::move(o.arena_)),
      divisor_(o.divisor_),
      last_bits_(o.last_bits_),
      size_(std::exchange(o.size_, 0)),
      length_(std::exchange(o.length_, 0)),
      tail_(std::exchange(o.tail_, SeriesArena::kNoBlock)),
      run_(std::exchange(o.run_, 0)),
      recent_count_(std::exchange(o.recent_count_, 0)),
      last_kind_(o.last_kind_),
      sealed_(std::exchange(o.sealed_, false)) {}

SeriesValues& SeriesValues::operator=(SeriesValues&& o) noexcept {
  if (this != &o) {
    Release();
    arena_ = std::move(o.arena_);
    divisor_ = o.divisor_;
    last_bits_ = o.last_bits_;
    size_ = std::exchange(o.size_, 0);
    length_ = std::exchange(o.length_, 0);
    tail_ = std::exchange(o.tail_, SeriesArena::kNoBlock);
    run_ = std::exchange(o.run_, 0);
    recent_count_ = std::exchange(o.recent_count_, 0);
    last_kind_ = o.last_kind_;
    sealed_ = std::exchange(o.sealed_, false);
  }
  return *this;
}

SeriesValues::~SeriesValues() { Release(); }

void SeriesValues::Release() {
  if (length_ > 0) arena_->GiveRing(tail_);
  length_ = 0;
  tail_ = SeriesArena::kNoBlock;
}

/// The coder's table of recent numbers, read and changed where it lies in the ring (its
/// blocks after tail_): entry i, the i-th latest, is 6 bytes, least significant first, in
/// the table's block i / kTableEntries. Made for one value put: it holds the table's
/// blocks, which putting bytes does not move.
class SeriesValues::Table {
 public:
  explicit Table(SeriesValues* s) : s_(s) {
    SeriesArena::Block b = s->tail_;
    for (std::size_t k = 0; k < s->TableBlocks(); ++k) {
      b = s->arena_->Next(b);
      blocks_[k] = b;
      data_[k] = s->arena_->Data(b);
    }
  }
  std::size_t count() const { return s_->recent_count_; }
  /// The entry at `p`.
  static std::int64_t Load(const std::uint8_t* p) {
    std::uint64_t v = 0;
    if constexpr (std::endian::native == std::endian::little) {
      // A block's last entry ends where its 4-byte link begins: 8 bytes stay in the block.
      std::memcpy(&v, p, sizeof v);
      v &= (std::uint64_t{1} << (8 * kEntryBytes)) - 1;
    } else {
      for (std::size_t j = 0; j < kEntryBytes; ++j) v |= std::uint64_t{p[j]} << (8 * j);
    }
    return static_cast<std::int64_t>(v);
  }
  /// Where `n` is among the recent numbers; count() when it is not.
  std::size_t Find(std::int64_t n) const {
    const std::size_t count = s_->recent_count_;
    for (std::size_t k = 0, i = 0; i < count; ++k) {
      const std::uint8_t* p = data_[k];
      for (const std::size_t end = std::min(count, i + kTableEntries); i < end; ++i) {
        if (Load(p) == n) return i;
        p += kEntryBytes;
      }
    }
    return count;
  }
  /// Makes the i-th latest number the latest.
  void ToFront(std::size_t i) {
    std::uint8_t entry[kEntryBytes];
    std::memcpy(entry, Entry(i), kEntryBytes);
    MoveBack(i);
    std::memcpy(data_[0], entry, kEntryBytes);
  }
  /// Puts `n` (from kFirstLong to kRememberedBelow, not among them) first, the oldest
  /// forgotten when there are kRecent; a block more when the last is full (after the
  /// table's last block, or after tail_: the ring made).
  void Remember(std::int64_t n) {
    const std::size_t count = s_->recent_count_;
    if (count < kRecent) {
      if (count % kTableEntries == 0) {
        const std::size_t k = count / kTableEntries;
        SeriesArena& arena = *s_->arena_;
        blocks_[k] = arena.TakeAfter(k == 0 ? s_->tail_ : blocks_[k - 1]);
        data_[k] = arena.Data(blocks_[k]);
      }
      ++s_->recent_count_;
    }
    MoveBack(s_->recent_count_ - 1);
    auto v = static_cast<std::uint64_t>(n);
    std::uint8_t* p = data_[0];
    for (std::size_t j = 0; j < kEntryBytes; ++j, v >>= 8) p[j] = static_cast<std::uint8_t>(v);
  }

 private:
  static constexpr std::size_t kMostBlocks = (kRecent + kTableEntries - 1) / kTableEntries;
  /// Entries 0 .. i - 1 move one place on, over entry i: block by block, the last of a block
  /// to the first of the next.
  void MoveBack(std::size_t i) {
    std::size_t k = i / kTableEntries, j = i % kTableEntries;  // entry i: block k, place j
    for (;;) {
      std::memmove(data_[k] + kEntryBytes, data_[k], j * kEntryBytes);
      if (k == 0) return;
      --k;
      j = kTableEntries - 1;
      std::memcpy(data_[k + 1], data_[k] + j * kEntryBytes, kEntryBytes);
    }
  }
  std::uint8_t* Entry(std::size_t i) const {
    return data_[i / kTableEntries] + i % kTableEntries * kEntryBytes;
  }
  SeriesValues* s_;
  std::array<SeriesArena::Block, kMostBlocks> blocks_{};
  std::array<std::uint8_t*, kMostBlocks> data_{};
};

SeriesArena::Block SeriesValues::FirstBlock() const {
  SeriesArena::Block b = arena_->Next(tail_);
  for (std::size_t i = TableBlocks(); i > 0; --i) b = arena_->Next(b);
  return b;
}

void SeriesValues::PutByte(std::uint8_t b) {
  // A block at a time from the arena: no copy, no spare room beyond the last block.
  const std::size_t offset = length_ % SeriesArena::kBlockData;
  if (offset == 0) {
    if (!arena_) arena_ = SeriesArena::Make();
    if (length_ == 0) {
      tail_ = arena_->Take();
      arena_->SetNext(tail_, tail_);
    } else {
      tail_ = arena_->TakeAfter(tail_);
    }
  }
  arena_->Data(tail_)[offset] = b;
  ++length_;
}

void SeriesValues::FlushRun() {
  if (run_ == 0) return;
  PutByte(static_cast<std::uint8_t>(kRunTag | (run_ - 1)));
  run_ = 0;
}

void SeriesValues::PutWhole(std::int64_t n) {
  if (n < kFirstLong) {
    PutByte(static_cast<std::uint8_t>(kSmallTag | n));
    return;
  }
  // The table where it lies: putting the token's bytes adds blocks before it, not in it.
  Table table(this);
  std::size_t i = table.Find(n);
  if (i < table.count()) {
    PutByte(static_cast<std::uint8_t>(kRecentTag | i));
    table.ToFront(i);
    return;
  }
  // With the whole number before (Put has not made n the last value yet), a recent sum: that
  // one moves to the front, and n is remembered before it as any new number is.
  if (size_ > 0 && last_kind_ == kWhole && last_bits_ <= kLargest - n) {
    i = table.Find(n + last_bits_);
    if (i < table.count()) {
      PutByte(static_cast<std::uint8_t>(kRecentTag | (kRecent + i)));
      table.ToFront(i);
      table.Remember(n);
      return;
    }
  }
  auto rest = static_cast<std::uint64_t>(n) >> 3;
  std::uint8_t length = 0;
  while (rest >> (8 * length) != 0 && length < kEightBytes) ++length;
  const std::uint8_t bytes = length == kEightBytes ? 8 : length;
  PutByte(static_cast<std::uint8_t>(kLongTag | (length << 3) | (n & 7)));
  for (std::uint8_t k = 0; k < bytes; ++k) {
    PutByte(static_cast<std::uint8_t>(rest & 0xFF));
    rest >>= 8;
  }
  if (n < kRememberedBelow) table.Remember(n);
}

void SeriesValues::Seal() {
  // The table's blocks, after tail_, leave the ring as one of their own, given back.
  if (const std::size_t blocks = TableBlocks(); blocks > 0) {
    const SeriesArena::Block first = arena_->Next(tail_);
    SeriesArena::Block last = first;
    for (std::size_t i = 1; i < blocks; ++i) last = arena_->Next(last);
    arena_->SetNext(tail_, arena_->Next(last));
    arena_->SetNext(last, first);
    arena_->GiveRing(last);
  }
  recent_count_ = 0;
  sealed_ = true;
}

void SeriesValues::Put(Kind kind, std::int64_t bits) {
  assert(!sealed_);
  if (size_ > 0 && kind == last_kind_ && bits == last_bits_) {
    ++size_;
    if (++run_ == kLongestRun) FlushRun();
    return;
  }
  FlushRun();
  switch (kind) {
    case kNone:
      PutByte(static_cast<std::uint8_t>(kLongTag | (kSpecial << 3) | 0));
      break;
    case kWhole:
      PutWhole(bits);  // the value before still the last
      break;
    case kFraction:
      PutByte(static_cast<std::uint8_t>(kLongTag | (kSpecial << 3) | 1));
      for (int i = 0; i < 8; ++i) {
        PutByte(static_cast<std::uint8_t>(static_cast<std::uint64_t>(bits) >> (8 * i)));
      }
      break;
  }
  ++size_;
  last_kind_ = kind;
  last_bits_ = bits;
}

void SeriesValues::AppendWhole(std::int64_t n) {
  assert(n >= 0);
  Put(kWhole, n);
}

void SeriesValues::AppendWholes(std::int64_t n, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) AppendWhole(n);
}

void SeriesValues::Append(std::optional<double> v) {
  if (!v) {
    Put(kNone, 0);
  } else if (*v >= 0 && *v < kLargestWhole && std::floor(*v) == *v && !std::signbit(*v) &&
             divisor_ == 1.0) {
    Put(kWhole, static_cast<std::int64_t>(*v));
  } else {
    Put(kFraction, std::bit_cast<std::int64_t>(*v));
  }
}

std::uint8_t SeriesValues::Cursor::Byte() {
  assert(pos_ < s_->length_);
  if (offset_ == SeriesArena::kBlockData) {
    // The first block follows the last and the table in the ring.
    block_ = pos_ == 0 ? s_->FirstBlock() : s_->arena_->Next(block_);
    data_ = s_->arena_->Data(block_);
    offset_ = 0;
  }
  ++pos_;
  return data_[offset_++];
}

void SeriesValues::Cursor::Step() {
  if (repeats_ > 0) {
    --repeats_;
    return;
  }
  if (pos_ == s_->length_) {
    // What is left is the series' run not yet written.
    assert(!tail_taken_ && s_->run_ > 0);
    tail_taken_ = true;
    repeats_ = s_->run_ - 1;
    return;
  }
  const std::uint8_t b = Byte();
  const std::uint8_t payload = b & kPayloadMask;
  switch (b & kTagMask) {
    case kSmallTag:
      last_kind_ = kWhole;
      last_bits_ = payload;
      return;
    case kRunTag:
      repeats_ = payload;  // this call gives the first of payload + 1
      return;
    case kRecentTag:
      if (payload < kRecent) {
        last_kind_ = kWhole;
        last_bits_ = recent_[payload];
        ToFront(recent_.data(), payload);
      } else {
        // The recent sum less the whole number before.
        assert(last_kind_ == kWhole);
        const std::size_t i = payload - kRecent;
        last_bits_ = recent_[i] - last_bits_;
        ToFront(recent_.data(), i);
        Remember(recent_.data(), &recent_count_, last_bits_);
      }
      return;
    default:
      break;
  }
  const std::uint8_t length = payload >> 3, low = payload & 7;
  if (length == kSpecial) {
    last_kind_ = low == 0 ? kNone : kFraction;
    last_bits_ = 0;
    if (last_kind_ == kFraction) {
      std::uint64_t bits = 0;
      for (int i = 0; i < 8; ++i) bits |= std::uint64_t{Byte()} << (8 * i);
      last_bits_ = static_cast<std::int64_t>(bits);
    }
    return;
  }
  const int count = length == kEightBytes ? 8 : length;
  std::uint64_t rest = 0;
  for (int i = 0; i < count; ++i) rest |= std::uint64_t{Byte()} << (8 * i);
  last_kind_ = kWhole;
  last_bits_ = static_cast<std::int64_t>(rest << 3 | low);
  if (last_bits_ < kRememberedBelow) Remember(recent_.data(), &recent_count_, last_bits_);
}

std::optional<double> SeriesValues::Cursor::Next() {
  Step();
  switch (last_kind_) {
    case kNone:
      return std::nullopt;
    case kWhole:
      return static_cast<double>(last_bits_) / s_->divisor_;
    default:
      return std::bit_cast<double>(last_bits_);
  }
}

std::int64_t SeriesValues::Cursor::NextWhole() {
  Step();
  assert(last_kind_ == kWhole);
  return last_bits_;
}

std::vector<std::optional<double>> SeriesValues::Dense() const {
  std::vector<std::optional<double>> out;
  out.reserve(size_);
  ForEach([&](std::size_t, std::optional<double> v) { out.push_back(v); });
  return out;
}

std::optional<double> SeriesValues::at(std::size_t k) const {
  assert(k < size_);
  Cursor c(*this);
  for (std::size_t i = 0; i < k; ++i) c.Next();
  return c.Next();
}

SeriesValues SeriesValues::EveryOther() const {
  SeriesValues out(arena_, divisor_);
  Cursor c(*this);
  for (std::size_t k = 0; k < size_; ++k) {
    c.Step();
    if (k % 2 == 0) out.Put(static_cast<Kind>(c.last_kind_), c.last_bits_);
  }
  return out;
}

SeriesValues SeriesValues::PairSums() const {
  SeriesValues out(arena_, divisor_);
  Cursor c(*this);
  for (std::size_t k = 0; k < size_; k += 2) {
    std::int64_t sum = c.NextWhole();
    if (k + 1 < size_) sum += c.NextWhole();
    out.AppendWhole(sum);
  }
  return out;
}

bool operator==(const SeriesValues& a, const SeriesValues& b) {
  if (a.size() != b.size()) return false;
  SeriesValues::Cursor ca(a), cb(b);
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (ca.Next() != cb.Next()) return false;
  }
  return true;
}

bool operator==(const SeriesValues& a, const std::vector<std::optional<double>>& b) {
  if (a.size() != b.size()) return false;
  SeriesValues::Cursor c(a);
  for (const auto& v : b) {
    if (c.Next() != v) return false;
  }
  return true;
}

}  // namespace cablesim
