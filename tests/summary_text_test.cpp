// sim/report/summary_text.h: the cells a run's text shares with the other reports, above all
// the one way every report writes a time with its interval.
#include "sim/report/summary_text.h"

#include <doctest/doctest.h>

using cablesim::Estimate;

TEST_CASE("a time with its interval is written one way: compact, then the half-width") {
  CHECK(cablesim::IntervalText({29.8, 28.6, 31.0, 5}) ==
        "29.8s \xC2\xB1"
        "1.20s");
  // 13.236 s is "13.2s" with its interval, never "13.236s" (sweep's old style).
  CHECK(cablesim::IntervalText({13.236, 0.5, 25.972, 3}) ==
        "13.2s \xC2\xB1"
        "12.7s");
  CHECK(cablesim::IntervalText({3725, 3600, 3850, 3}) ==
        "1h 02m \xC2\xB1"
        "2m 05s");
  // Cut at 0, so not symmetric: the interval itself. One value: no interval. None: "-".
  CHECK(cablesim::IntervalText({20, 0, 44.843, 3}) == "20.0s [0,44.8s]");
  CHECK(cablesim::IntervalText({20, 20, 20, 1}, "*") == "20.0s*");
  CHECK(cablesim::IntervalText({0, 0, 0, 0}) == "-");
  CHECK(cablesim::IntervalText({97, 70.4, 123.6, 10}, "*") ==
        "1m 37s* \xC2\xB1"
        "26.6s");
}

TEST_CASE("batch means write their intervals as compare and sweep do") {
  std::array<cablesim::BatchSummary, cablesim::kPrecedenceCount> batches{};
  cablesim::ByPrecedence summary{};
  const auto routine = static_cast<std::size_t>(cablesim::Precedence::kRoutine);
  for (auto& b : batches) b.batches = 10;
  batches[routine].mean = {97, 70.4, 123.6, 10};
  batches[routine].p95 = {297, 228, 366, 10};
  batches[routine].in_flight = 3;
  summary[routine].addressed = 100;
  cablesim::Scenario s;
  const std::string text = cablesim::BatchMeansText(
      batches, summary, s, cablesim::SimTime() + cablesim::Duration::Hours(10));
  // It said "*1m 37s ± 26.648s" and "4m 57s ± 1m 09s".
  // Right-aligned as the terminal shows them (the headings end where the cells do).
  CHECK(text.find("precedence  batches                   mean                    p95   lag-1\n"
                  "ROUTINE          10         1m 37s* \xC2\xB1"
                  "26.6s         4m 57s \xC2\xB1"
                  "1m 09s"
                  "    0.00\n") != std::string::npos);
}
