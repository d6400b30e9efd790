// A short list of 32-bit ids that keeps up to kInline of them in place and only beyond that
// on the heap: a copy's targets are a handful, read once per event, and a heap buffer per
// copy would cost an allocation and a cache miss each time.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace cablesim {

class IdList {
 public:
  static constexpr std::size_t kInline = 5;
  /// Bytes from the start of an IdList to the end of its inline ids (its size and inline
  /// ids come first, so that a record can end a cache line with them).
  static constexpr std::size_t kInlineEnd = sizeof(std::uint32_t) * (1 + kInline);

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const std::uint32_t* data() const { return size_ <= kInline ? inline_.data() : heap_.data(); }
  const std::uint32_t* begin() const { return data(); }
  const std::uint32_t* end() const { return data() + size_; }
  std::uint32_t operator[](std::size_t i) const { return data()[i]; }

  /// Replaces the contents (keeps any heap capacity for the next time).
  template <class It>
  void assign(It first, It last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n <= kInline) {
      // Element by element up to kInline: a short copy costs no call (std::copy of a
      // handful of ids became a memmove call).
      for (std::size_t i = 0; i < kInline; ++i) {
        if (i < n) inline_[i] = first[static_cast<std::ptrdiff_t>(i)];
      }
    } else {
      heap_.assign(first, last);
    }
    size_ = static_cast<std::uint32_t>(n);
  }
  void assign(const std::vector<std::uint32_t>& v) { assign(v.begin(), v.end()); }
  void clear() { size_ = 0; }

 private:
  // size_ first and the inline ids next to it: a short list is read from one cache line.
  std::uint32_t size_ = 0;
  std::array<std::uint32_t, kInline> inline_{};
  std::vector<std::uint32_t> heap_;  // only when size_ > kInline
};
static_assert(sizeof(IdList) == IdList::kInlineEnd + sizeof(std::vector<std::uint32_t>),
              "size and inline ids first, no padding before the heap side");

}  // namespace cablesim
