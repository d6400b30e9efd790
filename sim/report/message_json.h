// Parsed messages as JSON and as a short text summary (the output of `cablesim parse`).
#pragma once

#include <string>

#include "sim/message/acp127_parser.h"
#include "sim/report/json_writer.h"

namespace cablesim {

/// One object per message with the keys documented in README ("cablesim parse").
void WriteMessageJson(const ParsedMessage& pm, const std::string& file, JsonWriter* w);
/// A few lines for a person: identity, precedence, addressees, diagnostics.
std::string MessageSummaryText(const ParsedMessage& pm, const std::string& file);

}  // namespace cablesim
