// Comparing queue disciplines over independent replications: per discipline and precedence,
// the mean, p95 and max latency and the share within objective, each with a 95% confidence
// interval (Student t over replications), and the difference from the first discipline with
// its interval (paired: replication r draws the same traffic under every discipline).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/relay/discipline.h"
#include "sim/report/analytic.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// The seed of replication r of a scenario whose seed is `seed`.
std::uint64_t ReplicationSeed(std::uint64_t seed, std::uint64_t r);

/// What one replication contributes, per precedence.
struct ReplicationResult {
  struct PerPrecedence {
    std::uint64_t count = 0;
    double mean_s = 0, p95_s = 0, max_s = 0, within = 0;
  };
  std::array<PerPrecedence, kPrecedenceCount> by_precedence{};
  std::uint64_t addressed = 0, delivered = 0, undeliverable = 0, in_flight = 0;
  /// Sorted latencies per precedence, kept only when a plot is wanted.
  std::array<std::vector<double>, kPrecedenceCount> latencies;
};

/// Runs replication `r` of `s` under `d` (copies are not kept). Thread-safe: it only reads
/// the scenario.
ReplicationResult RunReplication(const Scenario& s, Discipline d, std::uint64_t r,
                                 bool keep_latencies);

/// The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1).
double StudentT975(int df);

/// A mean over replications with its 95% interval (lo == hi == mean for one replication).
struct Estimate {
  double mean = 0, lo = 0, hi = 0;
  int n = 0;  ///< replications that had deliveries of this precedence
};
Estimate EstimateOf(const std::vector<double>& values);

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
};

std::string CompareText(const CompareResult& c);
std::string CompareJson(const CompareResult& c);
std::string CompareCsv(const CompareResult& c);

/// A gnuplot script drawing the latency CDF per precedence (log time axis), one panel per
/// discipline, into `svg_path`; the data are inline, pooled over replications.
std::string CompareGnuplotScript(const CompareResult& c, const std::string& svg_path);

}  // namespace cablesim
