#include "base/did_you_mean.h"

#include <algorithm>
#include <cstddef>

namespace cablesim {
namespace {

// Levenshtein distance; both words are short here (DidYouMean bounds the lengths).
std::size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string DidYouMean(std::string_view word, const std::vector<std::string>& allowed) {
  std::string best;
  std::size_t best_d = 3;  // at most 2 edits away, and less than half the word
  for (const auto& a : allowed) {
    // The distance is at least the difference in length: no need to compute it then.
    const std::size_t gap =
        word.size() > a.size() ? word.size() - a.size() : a.size() - word.size();
    if (gap >= best_d) continue;
    const std::size_t d = Distance(word, a);
    if (d < best_d && d * 2 < std::max(word.size(), a.size())) {
      best = a;
      best_d = d;
    }
  }
  return best;
}

}  // namespace cablesim
