// Writes a message in ACP 127 order (FL1..FL16), text lines of at most 69 characters (the
// classification line is written as read: real ones are short, and a piece of one could be
// read back as something else).
// parse(format(m)) == m for any message whose text lines fit in 69 characters, that has no
// text line "BT" or "NNNN", no blank last text line, and a classification line whenever it
// has text; for every message
// format(parse(format(m))) == format(m).
#pragma once

#include <string>

#include "sim/message/message.h"

namespace cablesim {

inline constexpr std::size_t kMaxLineChars = 69;

/// The whole message: FL1..FL13 and the end-of-message line NNNN.
std::string FormatAcp127(const Message& m);
/// Only the heading (FL1..FL9): what a relay shows of a segregated copy.
std::string FormatAcp127Heading(const Message& m);
/// Characters on the wire for the whole message, counting the end-of-message sequence
/// (2 CR, 8 LF, NNNN, 12 LTRS: 26 characters, ACP 127 §138) and CR LF per line.
std::size_t WireChars(const Message& m);

}  // namespace cablesim
