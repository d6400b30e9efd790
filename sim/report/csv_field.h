// One CSV field as RFC 4180 writes it: as is, or in double quotes (doubled inside) when it
// holds a comma, a quote or a line break; and a number with a fixed count of decimals.
#pragma once

#include <cassert>
#include <charconv>
#include <string>

namespace cablesim {

inline std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

/// v with `decimals` decimals (at most 60), as printf's "%.*f" writes it: to_chars with a
/// precision is specified so, without printf's cost (tables have a dozen per row).
inline std::string FixedDecimals(double v, int decimals) {
  assert(decimals >= 0 && decimals <= 60);
  char b[400];  // room for any double in fixed notation at up to 60 decimals
  return std::string(b, std::to_chars(b, b + sizeof b, v, std::chars_format::fixed, decimals).ptr);
}

}  // namespace cablesim
