// "Did you mean ...?": the allowed word closest to a misspelt one, for error messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cablesim {

/// The allowed word closest to `word` by edit distance, if it is close enough to be a typo
/// (at most 2 edits, and fewer than half the longer word's length); "" otherwise. Linear in
/// the number of allowed words and cheap for any `word`: words whose lengths differ by more
/// than the best distance so far are not compared.
std::string DidYouMean(std::string_view word, const std::vector<std::string>& allowed);

}  // namespace cablesim
