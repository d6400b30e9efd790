// Security classifications and the clearances of circuits and stations (ACP 127 §124: FL4's
// repeated letter is "the classification for which the circuit must be approved"; §209a,
// §403: classified traffic goes only over approved circuits). A copy never crosses a link or
// enters a station whose clearance is below its message's classification.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cablesim {

enum class Classification : std::uint8_t {
  kUnclassified = 0,
  kConfidential = 1,
  kSecret = 2,
  kTopSecret = 3,
};
inline constexpr std::size_t kClassificationCount = 4;

/// The highest classification a station or link is approved for, or kNoLimit (the default:
/// networks that say nothing of clearances route as they always did).
struct Clearance {
  static constexpr std::uint8_t kNoLimit = 255;
  std::uint8_t level = kNoLimit;
  bool Allows(Classification c) const { return static_cast<std::uint8_t>(c) <= level; }
  bool limited() const { return level != kNoLimit; }
};

/// "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET".
std::string_view ClassificationName(Classification c);
/// The four names, in order (for did-you-mean and help texts).
const std::vector<std::string>& ClassificationNames();
/// A name as ClassificationName writes it (upper case; "TOP_SECRET" and "TOP-SECRET" too).
std::optional<Classification> ParseClassification(std::string_view name);
/// FL4's repeated letter: U, C, S, T; nullopt for others (E, EFTO: the caller's choice).
std::optional<Classification> ClassificationOfLetter(char letter);

}  // namespace cablesim
