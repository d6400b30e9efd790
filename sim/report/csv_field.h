// One CSV field as RFC 4180 writes it: as is, or in double quotes (doubled inside) when it
// holds a comma, a quote or a line break.
#pragma once

#include <string>

namespace cablesim {

inline std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace cablesim
