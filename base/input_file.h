// Reading an input file whole, safely: every loader and the CLI read through here, so a
// directory, a device such as /dev/zero, a pipe or a file too large to be an input is
// refused with a message naming it, before anything is read.
#pragma once

#include <cstddef>
#include <string>

#include "base/error.h"

namespace cablesim {

/// The largest input file accepted (the 6,018-cable corpus is 2.6 MB).
inline constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;

/// The whole content of the regular file at `path`, or "-" for standard input (read up to
/// `limit` bytes). Errors name the file: missing or unreadable (with the system's reason), a
/// directory, not a regular file, or over `limit` bytes.
Result<std::string> ReadInputFile(const std::string& path, std::size_t limit = kMaxInputBytes);

}  // namespace cablesim
