// Parameter studies: a grid of scenario variants (load factors x values of any keys) run
// under several disciplines with N replications each, and the capacity search: the largest
// load at which every precedence keeps 95% of its addressees within objective.
//
// Common random numbers: replication r of every point and discipline uses the seed from
// (scenario seed, r), so points differ only by what was varied.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/scenario_edit.h"

namespace cablesim {

/// One --vary: a key and the values it takes.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

struct SweepSpec {
  std::vector<double> loads{1.0};  ///< factors on every generator's rate
  std::vector<SweepAxis> vary;     ///< a grid: the cross product of every axis, then loads
  std::vector<Discipline> disciplines;
  std::uint64_t replications = 10;
};

/// One grid point: its load factor, its value of each axis (in axis order), its scenario.
struct SweepPoint {
  double load = 1;
  std::vector<std::string> values;
  std::unique_ptr<Scenario> scenario;
};

/// Multiplies every generator's arrival rate by `factor` (cables, messages and trace rows
/// keep their times).
void ScaleLoad(Scenario* s, double factor);

/// Every point of the grid (axes in order, the first outermost, loads innermost), each
/// scenario loaded and checked: an error names the --vary or --load that is wrong.
Result<std::vector<SweepPoint>> BuildGrid(const ScenarioText& text, const SweepSpec& spec,
                                          const LoadOptions& limits);

/// The runs of a sweep: results[point][discipline][replication].
using SweepRuns = std::vector<std::vector<std::vector<ReplicationResult>>>;

/// Runs every (point, discipline, replication). Returns the first failure by task order, or
/// "" when every run ran.
std::string RunSweep(const std::vector<SweepPoint>& points, const SweepSpec& spec,
                     const RunnerOptions& options, SweepRuns* runs);

/// Whether every precedence keeps at least `share` of its addressees within objective (the
/// Wilson lower bound, not just the estimate); when not, the one furthest below.
/// A precedence with so few addressees that even all of them within objective would not
/// put the interval's lower bound at `share` cannot be judged, and is listed apart.
struct CapacityCheck {
  bool ok = true;
  std::optional<Precedence> limiting;
  double lowest_bound = 1;
  std::vector<Precedence> too_few;
};
CapacityCheck CheckShareWithin(const std::vector<ReplicationResult>& runs, double share = 0.95);

/// The capacity of one discipline on one scenario (CapacityResult, sim/report/sweep_report.h):
/// the largest load factor with every precedence at least 95% within objective, found by
/// bracketing (doubling or halving from 1, up to 64 or down to 1/64) then bisection until
/// the bracket is within 2% of its low end.
/// `s` is scaled in place for each load tried (and left at its base rate). A failing run is
/// an error (its message). Under MPI every rank takes the same steps.
Result<CapacityResult> FindCapacity(Scenario* s, Discipline d, std::uint64_t replications,
                                    const RunnerOptions& options);

}  // namespace cablesim
