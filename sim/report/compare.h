// Comparing queue disciplines over independent replications: per discipline and precedence,
// the mean, p95 and max latency (Student t intervals over replications) and the share within
// objective (Wilson interval on the pooled counts, widened by the replications' design
// effect), the difference from the first discipline with its paired interval (replication r
// draws the same traffic under every discipline), and what every figure covers: addressed,
// delivered, still in flight. Quantiles that fall among addressees still in flight are lower
// bounds, and so is any average over replications that includes one.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/relay/discipline.h"
#include "sim/report/analytic.h"
#include "sim/report/plot_format.h"
#include "sim/report/run_statistics.h"
#include "sim/report/statistics.h"
#include "sim/report/table_sink.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// The seed of replication r of a scenario whose seed is `seed`.
std::uint64_t ReplicationSeed(std::uint64_t seed, std::uint64_t r);

/// What one replication contributes (sim/experiment/replication.h runs one).
struct ReplicationResult {
  std::uint64_t seed = 0;
  ByPrecedence by_precedence{};                ///< after the warm-up (run_statistics.h)
  Conservation conservation;  ///< the whole run, warm-up included
  /// Per channel: the share of the run its transmitter was busy (for the bottleneck).
  std::vector<double> channel_utilisation;
  /// Delivery times per precedence (censored ones included), kept only for plots.
  std::array<std::vector<Observation>, kPrecedenceCount> observations;
};

/// A latency figure over replications: the estimate, and whether it is only a lower bound
/// (some replication's value is one) or, for a mean, of the delivered only (some were still
/// in flight).
struct Figure {
  Estimate e;
  bool at_least = false;  ///< quantiles: a lower bound, given without interval
  bool partial = false;   ///< means: of the delivered only
};
enum class Metric { kMean, kP95, kMax };

/// The mean, p95 or max of precedence p over replications (Student t interval).
Figure FigureOver(const std::vector<ReplicationResult>& runs, Precedence p, Metric m);
/// A figure as a table cell, its times written by `time`: "-" with nothing to show, "> X"
/// for a lower bound, "X*" for a mean of the delivered only, then " ±H" (half-width of the
/// interval) or " [0,HI]" when the interval was cut at 0.
std::string FigureCell(const Figure& f, std::string (*time)(double seconds));
/// "71.6% [65.0,77.3]": a share and its interval in percent; "-" when nothing was eligible.
std::string ShareCell(const Share& s, std::uint64_t eligible);

/// The share within objective of precedence p, pooled, with its Wilson interval.
Share WithinOver(const std::vector<ReplicationResult>& runs, Precedence p);
/// The counts of precedence p summed over replications.
PrecedenceSummary TotalsOver(const std::vector<ReplicationResult>& runs, Precedence p);
/// The channel busiest on average over replications, and its mean utilisation.
struct ChannelLoad {
  ChannelId channel;
  double utilisation;
};
std::optional<ChannelLoad> BusiestChannel(const std::vector<ReplicationResult>& runs);

struct CompareResult {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  Duration warmup;
  std::vector<Discipline> disciplines;
  /// [discipline][replication]
  std::vector<std::vector<ReplicationResult>> runs;
  std::array<Duration, kPrecedenceCount> objectives{};
  std::optional<AnalyticModel> analytic;
  bool per_replication = false;  ///< also report each replication's figures
};

std::string CompareText(const CompareResult& c);
/// The tables of CompareText (counts, mean, p95, max, share within objective, paired
/// differences, conservation) with their footnotes, into any writer.
void WriteCompareTables(const CompareResult& c, TableSink* sink);
/// Each replication's figures as a text table (compare --per-replication).
std::string PerReplicationText(const CompareResult& c);
std::string CompareJson(const CompareResult& c);
std::string CompareCsv(const CompareResult& c);

/// A gnuplot script drawing per precedence the share of all addressees (after the warm-up)
/// delivered by each time (log time axis; below 1 at the end while any are in flight), one
/// panel per discipline, into `path`; the data are inline, pooled over replications.
std::string CompareGnuplotScript(const CompareResult& c, const std::string& path,
                                 PlotFormat format);

}  // namespace cablesim
