// Parses what cablesim writes as JSON (reports, live events, web frames) with Debian's
// nlohmann-json, so tests check values by their keys rather than match substrings.
#pragma once

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace cablesim::testing {

using Json = nlohmann::json;
/// Keeps the keys in the order written (for tests of that order).
using OrderedJson = nlohmann::ordered_json;

/// What `actual` lacks of `expected`, or holds otherwise, one "path: want X, got Y" line each;
/// "" when every field of `expected` is in `actual` with its value. Objects are compared
/// key by key (`actual` may hold more keys, at any depth); arrays and values whole.
inline std::string FieldMismatches(const Json& actual, const Json& expected,
                                   const std::string& path = "") {
  if (expected.is_object() && actual.is_object()) {
    std::string out;
    for (const auto& [key, value] : expected.items()) {
      const std::string at = path + "/" + key;
      if (!actual.contains(key)) {
        out += at + ": missing, want " + value.dump() + "\n";
      } else {
        out += FieldMismatches(actual.at(key), value, at);
      }
    }
    return out;
  }
  if (actual == expected) return "";
  return (path.empty() ? "/" : path) + ": want " + expected.dump() + ", got " + actual.dump() +
         "\n";
}

/// One JSON document per line of `text` (send's output, live events); throws
/// nlohmann::json::parse_error on a line that is not JSON.
inline std::vector<Json> JsonLines(const std::string& text) {
  std::vector<Json> out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out.push_back(Json::parse(line));
  return out;
}

/// How many of `events` (live events, one JSON object each) have "event" equal to `event`.
inline int CountEvents(const std::vector<Json>& events, const std::string& event) {
  int n = 0;
  for (const Json& e : events) n += e.is_object() && e.value("event", "") == event;
  return n;
}

}  // namespace cablesim::testing
