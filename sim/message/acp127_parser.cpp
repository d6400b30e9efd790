#include "sim/message/acp127_parser.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <unordered_set>

#include "base/routing_indicator.h"
#include "sim/message/acp127_reader.h"
#include "sim/message/acp127_text.h"

namespace cablesim {
namespace {

using namespace acp127;  // NOLINT: the parser's own text level

bool HasContent(const std::vector<Line>& lines, std::size_t begin, std::size_t end) {
  for (std::size_t j = begin; j < end; ++j) {
    if (!lines[j].text.empty()) return true;
  }
  return false;
}

// True when the next non-blank line from j can continue a heading (FL2 to FL5), so that a
// "VZCZC..." line inside a message's text is not taken for a new transmission.
bool HeadingFollows(const std::vector<Line>& lines, std::size_t j) {
  while (j < lines.size() && lines[j].text.empty()) ++j;
  return j < lines.size() && CanStartHeading(lines[j].text);
}

}  // namespace

std::vector<ParsedMessage> ParseAcp127(std::string_view text) {
  const std::vector<Line> lines = SplitLines(text);
  std::vector<ParsedMessage> out;
  std::size_t begin = 0;
  bool from_line = false;  // a line "FM ..." since `begin` (kept as it goes: linear)
  std::string label;
  auto flush = [&](std::size_t end) {
    if (HasContent(lines, begin, end)) {
      ParsedMessage pm;
      pm.label = label;
      std::size_t first = begin;
      while (first < end && lines[first].text.empty()) ++first;
      pm.first_line = lines[first].number;
      MessageReader(lines, begin, end, &pm).Read();
      out.push_back(std::move(pm));
    }
    label.clear();
    from_line = false;
  };
  for (std::size_t j = 0; j < lines.size(); ++j) {
    const std::string& t = lines[j].text;
    if (StartsWith(t, "=== ")) {
      flush(j);
      auto tokens = Tokens(std::string_view(t).substr(4));
      label = tokens.empty() ? "" : std::string(tokens[0].text);
      begin = j + 1;
    } else if (t == "NNNN") {
      flush(j);
      begin = j + 1;
    } else if (StartsWith(t, "VZCZC") && from_line && HeadingFollows(lines, j + 1)) {
      // A new transmission after a complete heading: the previous message ends here.
      flush(j);
      begin = j;
    }
    if (StartsWith(t, "FM ") && j >= begin) from_line = true;
  }
  flush(lines.size());
  return out;
}

bool IsStructuralLine(const std::string& line) {
  const std::string& t = line;
  return t.empty() || t == "BT" || t == "NNNN" || StartsWith(t, "VZCZC") || StartsWith(t, "=== ") ||
         StartsWith(t, "TO") || StartsWith(t, "INFO") || StartsWith(t, "XMT") ||
         LooksLikeClassificationLine(t);
}

ParsedMessage ParseOneAcp127(std::string_view text) {
  auto all = ParseAcp127(text);
  if (all.empty()) {
    ParsedMessage pm;
    pm.errors.push_back({1, 1, "no message: the input is empty"});
    return pm;
  }
  ParsedMessage first = std::move(all.front());
  if (all.size() > 1) {
    first.errors.push_back(
        {all[1].first_line, 1, "a second message starts here; expected exactly one"});
  }
  return first;
}

}  // namespace cablesim
