// base/did_you_mean.h and base/routing_indicator.h: suggestions for typos, and RI syntax.
#include "base/did_you_mean.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "base/routing_indicator.h"

using cablesim::DidYouMean;

TEST_CASE("did you mean: the closest allowed word within two edits") {
  const std::vector<std::string> keys = {"processing", "operators", "rate", "framing"};
  CHECK(DidYouMean("procesing", keys) == "processing");
  CHECK(DidYouMean("operatros", keys) == "operators");
  CHECK(DidYouMean("rat", keys) == "rate");
  CHECK(DidYouMean("colour", keys).empty());  // nothing close
  CHECK(DidYouMean("ra", {"rb"}).empty());    // one edit is half of a two-letter word
  CHECK(DidYouMean("", keys).empty());
  CHECK(DidYouMean("RUEHX", {"RUEHC", "RUEHX"}) == "RUEHX");  // exact wins
}

TEST_CASE("did you mean: a huge word against many candidates is answered at once" *
          doctest::timeout(10)) {
  // Lengths that differ by more than two cannot be within two edits: no distance is
  // computed for them, so a megabyte of junk against 100,000 station RIs costs nothing.
  std::vector<std::string> ris;
  for (int i = 0; i < 100'000; ++i) ris.push_back("RU" + std::to_string(10'000 + i));
  CHECK(DidYouMean(std::string(1'000'000, 'X'), ris).empty());
  CHECK(DidYouMean("RU1000", ris) == "RU10000");
}

TEST_CASE("routing indicators are 4 to 7 capital letters") {
  using cablesim::IsRoutingIndicator;
  CHECK(IsRoutingIndicator("RUEH"));
  CHECK(IsRoutingIndicator("RUEHFRA"));
  CHECK_FALSE(IsRoutingIndicator("RUE"));
  CHECK_FALSE(IsRoutingIndicator("RUEHFRAB"));
  CHECK_FALSE(IsRoutingIndicator("RuEH"));
  CHECK_FALSE(IsRoutingIndicator("RUE1"));
  CHECK_FALSE(IsRoutingIndicator(""));
  static_assert(cablesim::IsRoutingIndicator("RUEHC"));
}
