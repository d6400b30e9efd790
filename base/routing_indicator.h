// The syntax of a routing indicator (ACP 127 §123): 4 to 7 capital letters, the first the
// network, the second the nation or alliance, the rest area, relay and tributary.
#pragma once

#include <string_view>

namespace cablesim {

inline constexpr std::size_t kMinRiLength = 4;
inline constexpr std::size_t kMaxRiLength = 7;

/// True for 4 to 7 capital letters A-Z.
constexpr bool IsRoutingIndicator(std::string_view s) {
  if (s.size() < kMinRiLength || s.size() > kMaxRiLength) return false;
  for (const char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

}  // namespace cablesim
