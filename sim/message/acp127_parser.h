// Reads ACP 127 messages from text: tolerant of what real cables contain, strict where a
// field would otherwise be silently wrong.
//
// Tolerated (read, sometimes with a warning): CRLF line ends, trailing spaces, blank lines in
// the header, FL1/FL2/FL3/FL4 absent, FL2 over several lines, operating signals after the DTG,
// double spaces, no BT or NNNN, a "Cable dated:" prefix before the classification line, text
// glued to the reference, "TORUEHC/..." garbles, 4-letter classification groups.
// Errors (the message is still returned, with what could be read): no or unreadable FL5
// (precedence + DTG), no FM, no TO, an unreadable DE line, an addressee without an address.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sim/message/message.h"

namespace cablesim {

struct ParsedMessage {
  Message message;
  std::string label;   ///< from a "=== LABEL ..." separator line (the corpus format), or ""
  int first_line = 0;  ///< 1-based line in the input where the message starts
  std::vector<Diagnostic> warnings;
  std::vector<Diagnostic> errors;
  bool ok() const { return errors.empty(); }
};

/// Splits `text` into messages and reads each. Messages are separated by a line "NNNN", by a
/// new "VZCZC" line, or by a "=== LABEL" line. Blank input gives an empty list.
std::vector<ParsedMessage> ParseAcp127(std::string_view text);

/// True when `line`, standing alone after an addressee, would be read as structure (a
/// section keyword, BT, NNNN, a new transmission, a separator, the classification line)
/// rather than as another addressee. The formatter repeats the section keyword before such
/// an addressee.
bool IsStructuralLine(const std::string& line);

/// Reads exactly one message; if the text holds several, the extra ones are an error.
ParsedMessage ParseOneAcp127(std::string_view text);

}  // namespace cablesim
