// The text level of the ACP 127 parser (internal to sim/message): lines with their numbers and
// indents, tokens with their columns, and the patterns that recognise a heading's first
// line and a classification line. Every function is linear in its input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cablesim::acp127 {

/// One input line with surrounding white space removed; `indent` is how much was removed
/// at the left, so columns can be given in the original line.
struct Line {
  std::string text;
  int number = 0;
  int indent = 0;
};

// Inline: the reader calls these for nearly every character and line it reads.
inline bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool AllDigits(std::string_view s);

/// A run of non-space characters and its 0-based offset in the line.
struct Token {
  std::string_view text;
  std::size_t offset;
};
/// Splits on runs of spaces.
std::vector<Token> Tokens(std::string_view s);
/// tokens[from, to) joined by single spaces.
std::string Join(const std::vector<Token>& tokens, std::size_t from, std::size_t to);
/// The lines of `text`, numbered from 1, trimmed, white-space controls as spaces; a final
/// newline makes no extra empty line, and a UTF-8 byte-order mark first is no part of line 1.
std::vector<Line> SplitLines(std::string_view text);

/// A classification as written at the start of the text, and what it means.
struct ClassificationPattern {
  std::string_view written;
  std::string_view meaning;
};
/// FL5: one or two precedence prosigns and a date-time group (`O P 052124Z`).
bool IsPrecedenceLine(std::string_view t);
/// Whether a line can begin a heading: FL1 to FL5.
bool CanStartHeading(const std::string& t);
std::string ToUpper(std::string_view s);
/// The classification written at the start of `upper` (an upper-cased line), if it is
/// followed by the end of the line, a space, or "//" (as in SECRET//NOFORN).
const ClassificationPattern* ClassificationAt(std::string_view upper);
/// A line that begins the text: a classification word, or the archive's "Cable dated:".
bool LooksLikeClassificationLine(const std::string& line);

}  // namespace cablesim::acp127
