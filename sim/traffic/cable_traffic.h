// Cables as traffic: an ACP 127 file becomes messages to file, at the station and time the
// cable itself says (FL3), unless the scenario overrides them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/message/acp127_parser.h"
#include "sim/relay/message_spec.h"

namespace cablesim {

/// The filing time of a cable, as Unix seconds: FL3's Julian day and hhmm in the DTG's year
/// (the year after or before when that puts it more than half a year from the DTG), or the
/// DTG itself when there is no FL3.
std::int64_t CableFilingUnixSeconds(const Message& m);

/// A message's identity in reports: "RUEHC 0837" (station and serial, "/01" for a section),
/// else its reference ("STATE 060837"), else `fallback`.
std::string CableId(const Message& m, const std::string& fallback);

/// One message per cable in `path`. `filed_unix` overrides every cable's filing time,
/// `file_at` its originating station. filed in the result is left at zero: the caller turns
/// filed_unix (one per message) into simulation time. A cable with parse errors, or without
/// a DE line and without `file_at`, is an error naming the file and line; with
/// `skip_errors` it is left out instead and listed in `skipped` (its line, column and why).
struct CableMessages {
  std::vector<MessageSpec> messages;
  std::vector<std::int64_t> filed_unix;
  std::vector<int> first_lines;  ///< per message: the line where it starts in the file
  std::vector<Diagnostic> warnings;
  std::vector<Diagnostic> skipped;
};
Result<CableMessages> ReadCableMessages(const std::string& path,
                                        std::optional<std::int64_t> filed_unix,
                                        const std::optional<std::string>& file_at,
                                        bool skip_errors = false);

/// Addressees and exemptions of a parsed message as the relay takes them.
void AddresseesFromMessage(const Message& m, MessageSpec* spec);

/// The classification a cable's copies must be cleared for: FL4's repeated letter (ACP 127
/// §124: U, C, S, T; E, EFTO, counts as `efto`), else the classification line of its text,
/// else CONFIDENTIAL under ZNY ("not to go unencrypted") without a classification line, and
/// UNCLASSIFIED otherwise.
Classification CableClassification(const Message& m,
                                   Classification efto = Classification::kUnclassified);

/// Characters on the wire of a generated message with `addressees` addressees and `text`
/// characters of text: a heading of 120 characters plus 40 per addressee, the text, and the
/// 26-character end-of-message sequence (cables use their exact formatted length).
std::int64_t EstimateWireChars(std::size_t addressees, std::int64_t text);

}  // namespace cablesim
