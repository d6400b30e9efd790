// The latency part of a run's text report: the table by precedence with what each figure
// covers (footnotes on censoring, undeliverable and ZEN addressees), batch means, and the
// MSER-5 warm-up advice.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/scenario/scenario.h"
#include "sim/stats/run_statistics.h"

namespace cablesim {

/// A share as a percentage with one decimal: 0.716 -> "71.6%".
std::string PercentText(double share);

/// A time with its 95% interval, the one way every report writes one (compare, sweep, batch
/// means; text and HTML), each time in FormatSecondsCompact: "29.8s ±1.20s" (the half-width),
/// "12.0s [0,30.1s]" when the interval was cut at 0 (not symmetric), the value alone with
/// fewer than two values, "-" with none. `mark` follows the value ("*": of the delivered only).
std::string IntervalText(const Estimate& e, const std::string& mark = "");

/// The cell of a quantile: "6h 12m", or "> 6h 12m" for a lower bound.
std::string QuantileText(const Quantile& q);

/// The table of `summary` (precedences with any addressee), its objectives and footnotes.
std::string SummaryTableText(const ByPrecedence& summary, const Scenario& s);

/// The time cells of one precedence's row: the mean ("*" when of the delivered only, "-"
/// when none was) and the quantiles ("> X" for lower bounds, "-" when there is nothing).
struct SummaryCells {
  std::string mean, p50, p95, p99, max;
  std::string within;  ///< the share within objective, "-" when none was eligible
};
SummaryCells SummaryCellsOf(const PrecedenceSummary& r);

/// The footnotes of the summary table that apply, each ending in '\n' (continuation lines
/// indented): what "in obj." means, the mean of the delivered only, precedences mostly in
/// flight, lower-bound quantiles, addressees left out of the times.
std::vector<std::string> SummaryNotes(const ByPrecedence& summary);

/// Batch means per precedence with their intervals and lag-1 autocorrelation, and a warning
/// for each precedence whose batch means are correlated.
std::string BatchMeansText(const std::array<BatchSummary, kPrecedenceCount>& batches,
                           const ByPrecedence& summary, const Scenario& s, SimTime end);

/// One line per precedence whose MSER-5 truncation is longer than the scenario's warm-up,
/// or that finds no steady state in the first half of the run; "" when none.
std::string WarmupAdviceText(const std::array<WarmupAdvice, kPrecedenceCount>& advice,
                             const Scenario& s);

}  // namespace cablesim
