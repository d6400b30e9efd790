// One loop for compare and sweep: rounds of replications over every grid point and
// discipline. Without a precision goal one round runs; with one (precision.h), rounds are
// added until every figure asked for meets it or the most replications is reached. Rounds
// keep common random numbers: round k runs replications done .. next-1 of every point and
// discipline alike, and results land in task order, so the output never depends on --jobs
// or the number of MPI ranks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/experiment/precision.h"
#include "sim/experiment/results.h"
#include "sim/experiment/runner.h"

namespace cablesim {

/// The scenario of grid point p, loaded when its runs come (a sweep holds one at a time).
using PointLoader = std::function<Result<std::shared_ptr<const Scenario>>(std::size_t point)>;

struct Rounds {
  std::uint64_t first = 10;           ///< replications of the first round
  std::optional<PrecisionGoal> goal;  ///< nullopt: one round
};

/// Runs the rounds for result->points (one per point, loaded by `load`) under
/// result->disciplines: fills result->runs ([point][discipline][replication]),
/// result->replications and, with a goal, result->precision. Returns "" or the first failure
/// by task order ("DISCIPLINE, replication R: why", after "point P, " when there are
/// several points).
std::string RunRounds(const PointLoader& load, const Rounds& rounds, const RunnerOptions& options,
                      ExperimentResult* result);

}  // namespace cablesim
