#include "sim/stats/series_values.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>

namespace cablesim {
namespace {

constexpr std::uint8_t kSmallTag = 0x00, kRunTag = 0x40, kRecentTag = 0x80, kLongTag = 0xC0;
constexpr std::uint8_t kTagMask = 0xC0, kPayloadMask = 0x3F;
constexpr std::uint32_t kLongestRun = 64;
constexpr std::int64_t kFirstLong = 64;               // whole numbers from here are remembered
constexpr std::uint8_t kSpecial = 7;                  // LLL of a long token: none or a fraction
constexpr std::uint8_t kEightBytes = 6;               // LLL of a long token with 8 bytes after it
constexpr double kLargestWhole = 9007199254740992.0;  // 2^53: every whole number below is exact

/// Moves recent[i] to the front (latest first).
void ToFront(std::int64_t* recent, std::size_t i) {
  const std::int64_t v = recent[i];
  std::copy_backward(recent, recent + i, recent + i + 1);
  recent[0] = v;
}

}  // namespace

SeriesValues::SeriesValues(const SeriesValues& o)
    : divisor_(o.divisor_),
      last_bits_(o.last_bits_),
      size_(o.size_),
      length_(o.length_),
      capacity_(o.length_),
      run_(o.run_),
      recent_count_(o.recent_count_),
      last_kind_(o.last_kind_) {
  if (length_ > 0) {
    bytes_ = std::make_unique<std::uint8_t[]>(length_);
    std::copy_n(o.bytes_.get(), length_, bytes_.get());
  }
  if (o.recent_) {
    recent_ = std::make_unique<std::int64_t[]>(kRecent);
    std::copy_n(o.recent_.get(), kRecent, recent_.get());
  }
}

SeriesValues& SeriesValues::operator=(const SeriesValues& o) {
  if (this != &o) *this = SeriesValues(o);
  return *this;
}

void SeriesValues::PutByte(std::uint8_t b) {
  // Grow by an eighth, not twice: a run's series grow side by side to their end, and the
  // spare capacity of thousands of them would be most of what they hold.
  if (length_ == capacity_) {
    const std::uint32_t capacity = capacity_ + capacity_ / 8 + 16;
    auto grown = std::make_unique_for_overwrite<std::uint8_t[]>(capacity);
    if (length_ > 0) std::copy_n(bytes_.get(), length_, grown.get());
    bytes_ = std::move(grown);
    capacity_ = capacity;
  }
  bytes_[length_++] = b;
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
  if (!recent_) recent_ = std::make_unique<std::int64_t[]>(kRecent);
  std::int64_t* const recent = recent_.get();
  const std::int64_t* found = std::find(recent, recent + recent_count_, n);
  if (found != recent + recent_count_) {
    const auto i = static_cast<std::size_t>(found - recent);
    PutByte(static_cast<std::uint8_t>(kRecentTag | i));
    ToFront(recent, i);
    return;
  }
  if (recent_count_ < kRecent) ++recent_count_;
  ToFront(recent, recent_count_ - 1u);
  recent[0] = n;
  auto rest = static_cast<std::uint64_t>(n) >> 3;
  std::uint8_t length = 0;
  while (rest >> (8 * length) != 0 && length < kEightBytes) ++length;
  const std::uint8_t count = length == kEightBytes ? 8 : length;
  PutByte(static_cast<std::uint8_t>(kLongTag | (length << 3) | (n & 7)));
  for (std::uint8_t i = 0; i < count; ++i) {
    PutByte(static_cast<std::uint8_t>(rest & 0xFF));
    rest >>= 8;
  }
}

void SeriesValues::Put(Kind kind, std::int64_t bits) {
  if (size_ > 0 && kind == last_kind_ && bits == last_bits_) {
    ++size_;
    if (++run_ == kLongestRun) FlushRun();
    return;
  }
  FlushRun();
  ++size_;
  last_kind_ = kind;
  last_bits_ = bits;
  switch (kind) {
    case kNone:
      PutByte(static_cast<std::uint8_t>(kLongTag | (kSpecial << 3) | 0));
      break;
    case kWhole:
      PutWhole(bits);
      break;
    case kFraction:
      PutByte(static_cast<std::uint8_t>(kLongTag | (kSpecial << 3) | 1));
      for (int i = 0; i < 8; ++i) {
        PutByte(static_cast<std::uint8_t>(static_cast<std::uint64_t>(bits) >> (8 * i)));
      }
      break;
  }
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

void SeriesValues::Cursor::Step() {
  if (repeats_ > 0) {
    --repeats_;
    return;
  }
  const std::uint8_t* const data = s_->bytes_.get();
  if (pos_ == s_->length_) {
    // What is left is the series' run not yet written.
    assert(!tail_taken_ && s_->run_ > 0);
    tail_taken_ = true;
    repeats_ = s_->run_ - 1;
    return;
  }
  const std::uint8_t b = data[pos_++];
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
      last_kind_ = kWhole;
      last_bits_ = recent_[payload];
      ToFront(recent_.data(), payload);
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
      for (int i = 0; i < 8; ++i) bits |= std::uint64_t{data[pos_++]} << (8 * i);
      last_bits_ = static_cast<std::int64_t>(bits);
    }
    return;
  }
  const int count = length == kEightBytes ? 8 : length;
  std::uint64_t rest = 0;
  for (int i = 0; i < count; ++i) rest |= std::uint64_t{data[pos_++]} << (8 * i);
  last_kind_ = kWhole;
  last_bits_ = static_cast<std::int64_t>(rest << 3 | low);
  if (recent_count_ < kRecent) ++recent_count_;
  ToFront(recent_.data(), recent_count_ - 1);
  recent_[0] = last_bits_;
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
  SeriesValues out(divisor_);
  Cursor c(*this);
  for (std::size_t k = 0; k < size_; ++k) {
    c.Step();
    if (k % 2 == 0) out.Put(static_cast<Kind>(c.last_kind_), c.last_bits_);
  }
  return out;
}

SeriesValues SeriesValues::PairSums() const {
  SeriesValues out(divisor_);
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
