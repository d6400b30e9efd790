// Replications until a precision is met (what JMT and Akaroa do): compare and sweep run
// their replications in rounds, adding more until every figure asked for has a 95% interval
// whose half-width is within a share of the figure, or a most replications is reached.
//
// `--precision 5%` asks it of every mean (per discipline, precedence and grid point);
// `--precision ROUTINE.p95=10%,IMMEDIATE.mean=5%` of chosen figures. A figure counts as not
// yet precise when fewer than two replications have it, or when it is only a lower bound (a
// quantile among addressees still in flight). Rounds keep common random numbers: round k adds
// replications r = done .. next-1 of every discipline and point alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/experiment/results.h"

namespace cablesim {

struct PrecisionTarget {
  std::optional<Precedence> precedence;  ///< nullopt: every precedence
  Metric metric = Metric::kMean;
  double relative = 0.05;  ///< the 95% half-width at most this share of the figure
};

struct PrecisionGoal {
  std::string text;  ///< as given ("5%", "ROUTINE.p95=10%")
  std::vector<PrecisionTarget> targets;
  std::uint64_t max_replications = 200;
};

/// "5%", "2.5%", "ROUTINE.p95=10%", "IMMEDIATE.mean=5%,ROUTINE.max=20%"; an error says what
/// was expected (the field is --precision).
Result<PrecisionGoal> ParsePrecision(const std::string& text);

/// Where a grid of results stands against a goal.
struct PrecisionState {
  bool met = true;
  /// The figure furthest from its target: its relative half-width over the target (> 1 when
  /// not met; infinite when it cannot be judged yet), and a description for reports
  /// ("priority ROUTINE p95 ±7.3% (target 5%)", "... has 1 replication").
  double worst = 0;
  std::string worst_figure;
};
/// runs[point][discipline][replication], as in ExperimentResult.
PrecisionState CheckPrecision(const std::vector<std::vector<std::vector<ReplicationResult>>>& runs,
                              const std::vector<Discipline>& disciplines,
                              const PrecisionGoal& goal);

/// How many replications in all the next round should reach: enough, by the 1/sqrt(n) law, for
/// the worst figure to meet its target (with 10% to spare), at least two more than `done`,
/// at most goal.max_replications.
std::uint64_t NextReplications(std::uint64_t done, const PrecisionState& state,
                               const PrecisionGoal& goal);

}  // namespace cablesim
