// Reading an input file whole, safely: every loader and the CLI read through here, so a
// directory, a device such as /dev/zero, a pipe or a file too large to be an input is
// refused with a message naming it, before anything is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/error.h"

namespace cablesim {

/// The largest input file accepted (the 6,018-cable corpus is 2.6 MB).
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

/// The whole content of the regular file at `path`, or "-" for standard input (read up to
/// `limit` bytes). Errors name the file: missing or unreadable (with the system's reason), a
/// directory, not a regular file, or over `limit` bytes.
Result<std::string> ReadInputFile(const std::string& path, std::size_t limit = kMaxInputBytes);

/// `text` without the UTF-8 byte-order mark an editor may put first (line-based readers:
/// the mark is no part of the first line, and columns count from after it).
inline std::string_view WithoutByteOrderMark(std::string_view text) {
  constexpr std::string_view kMark = "\xEF\xBB\xBF";
  return text.substr(0, kMark.size()) == kMark ? text.substr(kMark.size()) : text;
}

}  // namespace cablesim
