#include "base/input_file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace cablesim {
namespace {

std::string Megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

Error TooLarge(const std::string& path, std::size_t limit, const std::string& size) {
  return Error{path, 0, 0, "",
               "the input is " + size + "; inputs are limited to " + Megabytes(limit)};
}

// Reads a stream up to limit + 1 bytes: more than limit is an error.
Result<std::string> ReadStream(std::FILE* f, const std::string& path, std::size_t limit) {
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    out.append(buf, n);
    if (out.size() > limit) return TooLarge(path, limit, "more than " + Megabytes(limit));
    if (n < sizeof buf) break;
  }
  if (std::ferror(f)) {
    return Error{path, 0, 0, "", std::string("cannot read: ") + std::strerror(errno)};
  }
  return out;
}

}  // namespace

Result<std::string> ReadInputFile(const std::string& path, std::size_t limit) {
  if (path == "-") return ReadStream(stdin, "-", limit);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int err = errno;
    return Error{
        path, 0, 0, "",
        err == ENOENT ? "no such file" : std::string("cannot read: ") + std::strerror(err)};
  }
  if (S_ISDIR(st.st_mode)) return Error{path, 0, 0, "", "is a directory, not a file"};
  if (!S_ISREG(st.st_mode)) {
    return Error{path, 0, 0, "",
                 "is not a regular file (a device, pipe or socket): give a file, or - for "
                 "standard input"};
  }
  if (static_cast<std::size_t>(st.st_size) > limit) {
    return TooLarge(path, limit, Megabytes(static_cast<std::size_t>(st.st_size)));
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return Error{path, 0, 0, "", std::string("cannot read: ") + std::strerror(errno)};
  return ReadStream(f.get(), path, limit);
}

}  // namespace cablesim
