#include "sim/message/acp127_text.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "base/input_file.h"
#include "sim/message/precedence.h"

namespace cablesim::acp127 {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsDigit);
}

std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  out.reserve(8);  // most lines: one allocation, not one per doubling
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    std::size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) out.push_back({s.substr(start, i - start), start});
  }
  return out;
}

std::string Join(const std::vector<Token>& tokens, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i].text;
  }
  return out;
}

std::vector<Line> SplitLines(std::string_view text) {
  text = WithoutByteOrderMark(text);
  std::vector<Line> lines;
  int number = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    ++number;
    std::size_t b = 0, e = raw.size();
    while (b < e && IsSpace(raw[b])) ++b;
    while (e > b && IsSpace(raw[e - 1])) --e;
    // Teletype text has no tabs: every white-space control character counts as one space.
    std::string clean(raw.substr(b, e - b));
    for (char& c : clean) {
      if (IsSpace(c)) c = ' ';
    }
    lines.push_back({std::move(clean), number, static_cast<int>(b)});
    if (nl == text.size()) break;
    pos = nl + 1;
  }
  // A final newline does not make an extra empty line.
  if (!lines.empty() && lines.back().text.empty() && !text.empty() && text.back() == '\n') {
    lines.pop_back();
  }
  return lines;
}

namespace {

// Longest and most specific first: "TOP SECRET" before "SECRET", "UNCLAS E F T O" before
// "UNCLAS".
constexpr ClassificationPattern kClassifications[] = {
    {"T O P S E C R E T", "TOP SECRET"},
    {"TOP SECRET", "TOP SECRET"},
    {"S E C R E T", "SECRET"},
    {"SECRET", "SECRET"},
    {"C O N F I D E N T I A L", "CONFIDENTIAL"},
    {"CONFIDENTIAL", "CONFIDENTIAL"},
    {"LIMITED OFFICIAL USE", "LIMITED OFFICIAL USE"},
    {"UNCLAS E F T O", "UNCLASSIFIED EFTO"},
    {"UNCLASSIFIED", "UNCLASSIFIED"},
    {"UNCLAS", "UNCLASSIFIED"},
};

}  // namespace

bool IsPrecedenceLine(std::string_view t) {
  auto tokens = Tokens(t);
  std::size_t k = 0;
  while (k < tokens.size() && k < 2 && tokens[k].text.size() == 1 &&
         PrecedenceFromProsign(tokens[k].text[0])) {
    ++k;
  }
  return k > 0 && k < tokens.size() && tokens[k].text.size() == 7 && tokens[k].text[6] == 'Z' &&
         AllDigits(tokens[k].text.substr(0, 6));
}

bool CanStartHeading(const std::string& t) {
  return StartsWith(t, "VZCZC") || StartsWith(t, "ZCZC") || StartsWith(t, "DE ") ||
         StartsWith(t, "ZNR ") || StartsWith(t, "ZNY ") || IsPrecedenceLine(t) ||
         (t.size() > 3 && t[0] == t[1] && PrecedenceFromProsign(t[0]) && t[2] == ' ');
}

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

const ClassificationPattern* ClassificationAt(std::string_view upper) {
  for (const auto& c : kClassifications) {
    if (!StartsWith(upper, c.written)) continue;
    const std::string_view after = upper.substr(c.written.size());
    if (after.empty() || after[0] == ' ' || StartsWith(after, "//")) return &c;
  }
  return nullptr;
}

namespace {

// The letters a classification pattern begins with: a line beginning otherwise (most do)
// is none, without more reading.
constexpr std::array<bool, 256> kPatternStarts = [] {
  std::array<bool, 256> starts{};
  for (const auto& c : kClassifications) starts[static_cast<unsigned char>(c.written[0])] = true;
  return starts;
}();

}  // namespace

bool LooksLikeClassificationLine(const std::string& line) {
  if (StartsWith(line, "Cable dated:")) return true;
  if (line.empty() || !kPatternStarts[static_cast<unsigned char>(
                          std::toupper(static_cast<unsigned char>(line[0])))]) {
    return false;
  }
  // ClassificationAt reads a pattern and the two characters after it: the line's first 32
  // characters, upper-cased, answer as the whole line would.
  char upper[32];
  static_assert([] {
    std::size_t longest = 0;
    for (const auto& c : kClassifications) longest = std::max(longest, c.written.size());
    return longest + 2 <= sizeof upper;
  }());
  const std::size_t n = std::min(line.size(), sizeof upper);
  for (std::size_t i = 0; i < n; ++i) {
    upper[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[i])));
  }
  return ClassificationAt(std::string_view(upper, n)) != nullptr;
}

}  // namespace cablesim::acp127
