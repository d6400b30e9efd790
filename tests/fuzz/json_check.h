// An independent check that text is JSON the strictest reader takes: well-formed UTF-8 (no
// overlong forms, surrogates or code points past U+10FFFF) and no raw control characters
// inside strings. Used by the fuzz properties on every JSON the inputs make.
#pragma once

#include <cstddef>
#include <string_view>

namespace cablesim::fuzz {

/// True when every byte sequence of `s` is well-formed UTF-8 and no string holds a raw
/// control character (JSON escapes them).
inline bool StrictJsonText(std::string_view s) {
  bool in_string = false, escaped = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      } else if (c < 0x20) {
        return false;
      }
    } else if (c == '"') {
      in_string = true;
    }
    if (c < 0x80) continue;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (b < (k == 1 ? lo : 0x80) || b > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n;
  }
  return !in_string;
}

}  // namespace cablesim::fuzz
