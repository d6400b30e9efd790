#include "sim/message/precedence.h"

#include <cctype>
#include <string>

namespace cablesim {

std::string_view PrecedenceName(Precedence p) {
  switch (p) {
    case Precedence::kRoutine:
      return "ROUTINE";
    case Precedence::kPriority:
      return "PRIORITY";
    case Precedence::kImmediate:
      return "IMMEDIATE";
    case Precedence::kFlash:
      return "FLASH";
    case Precedence::kEmergencyCommand:
      return "EMERGENCY COMMAND";
  }
  return "?";
}

char PrecedenceProsign(Precedence p) {
  switch (p) {
    case Precedence::kRoutine:
      return 'R';
    case Precedence::kPriority:
      return 'P';
    case Precedence::kImmediate:
      return 'O';
    case Precedence::kFlash:
      return 'Z';
    case Precedence::kEmergencyCommand:
      return 'Y';
  }
  return '?';
}

std::optional<Precedence> PrecedenceFromProsign(char c) {
  switch (c) {
    case 'R':
      return Precedence::kRoutine;
    case 'P':
      return Precedence::kPriority;
    case 'O':
      return Precedence::kImmediate;
    case 'Z':
      return Precedence::kFlash;
    case 'Y':
      return Precedence::kEmergencyCommand;
    default:
      return std::nullopt;
  }
}

std::optional<Precedence> PrecedenceFromWord(std::string_view word) {
  std::string upper;
  for (char c : word) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int i = 0; i < kPrecedenceCount; ++i) {
    auto p = static_cast<Precedence>(i);
    if (upper == PrecedenceName(p)) return p;
  }
  return std::nullopt;
}

}  // namespace cablesim
