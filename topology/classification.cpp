#include "topology/classification.h"

namespace cablesim {

std::string_view ClassificationName(Classification c) {
  switch (c) {
    case Classification::kUnclassified:
      return "UNCLASSIFIED";
    case Classification::kConfidential:
      return "CONFIDENTIAL";
    case Classification::kSecret:
      return "SECRET";
    case Classification::kTopSecret:
      return "TOP SECRET";
  }
  return "UNCLASSIFIED";
}

const std::vector<std::string>& ClassificationNames() {
  static const std::vector<std::string> names = {"UNCLASSIFIED", "CONFIDENTIAL", "SECRET",
                                                 "TOP SECRET"};
  return names;
}

std::optional<Classification> ParseClassification(std::string_view name) {
  std::string n(name);
  for (char& ch : n) {
    if (ch == '_' || ch == '-') ch = ' ';
  }
  for (std::size_t i = 0; i < kClassificationCount; ++i) {
    if (n == ClassificationNames()[i]) return static_cast<Classification>(i);
  }
  return std::nullopt;
}

std::optional<Classification> ClassificationOfLetter(char letter) {
  switch (letter) {
    case 'U':
      return Classification::kUnclassified;
    case 'C':
      return Classification::kConfidential;
    case 'S':
      return Classification::kSecret;
    case 'T':
      return Classification::kTopSecret;
    default:
      return std::nullopt;
  }
}

}  // namespace cablesim
