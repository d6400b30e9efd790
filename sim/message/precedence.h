// Precedence: how urgently a message is handled (ACP 127 §150-152).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace cablesim {

/// Ordered from least to most urgent, so a > b means "a goes before b".
enum class Precedence : std::uint8_t {
  kRoutine = 0,           ///< R
  kPriority = 1,          ///< P
  kImmediate = 2,         ///< O
  kFlash = 3,             ///< Z
  kEmergencyCommand = 4,  ///< Y
};

inline constexpr int kPrecedenceCount = 5;

/// The order precedences are reported in: highest first.
inline constexpr Precedence kReportOrder[] = {Precedence::kEmergencyCommand, Precedence::kFlash,
                                              Precedence::kImmediate, Precedence::kPriority,
                                              Precedence::kRoutine};

/// FLASH, IMMEDIATE, PRIORITY, ROUTINE, EMERGENCY COMMAND.
std::string_view PrecedenceName(Precedence p);
/// The prosign letter: Z, O, P, R, Y.
char PrecedenceProsign(Precedence p);
/// From a prosign letter; nullopt if it is not one.
std::optional<Precedence> PrecedenceFromProsign(char c);
/// From a word as written after an addressee or in YAML: FLASH, IMMEDIATE, PRIORITY,
/// ROUTINE, EMERGENCY COMMAND (case-insensitive); nullopt otherwise.
std::optional<Precedence> PrecedenceFromWord(std::string_view word);

}  // namespace cablesim
