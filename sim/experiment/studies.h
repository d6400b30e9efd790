// compare and sweep as `cablesim compare`, `cablesim sweep` and the Python module's
// Scenario.compare and Scenario.sweep run them: the experiment set up from the scenario, then
// its rounds of replications (rounds.h), and for sweep the capacity search (sweep.h). The
// callers parse their options and write the result (report/compare.h, report/sweep_report.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/experiment/results.h"
#include "sim/experiment/rounds.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/sweep.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// The experiment compare runs on `s`: one point (the scenario as it is) under
/// `disciplines`, `replications` in the first round, with the exact values of the analytic
/// model the scenario declares (an error when that model does not fit it).
Result<ExperimentResult> CompareExperiment(const Scenario& s,
                                           const std::vector<Discipline>& disciplines,
                                           std::uint64_t replications);
/// Runs it (RunRounds; `s` must outlive the call). Returns "" or the first failure.
std::string RunCompare(const Scenario& s, const Rounds& rounds, const RunnerOptions& options,
                       ExperimentResult* result);

/// The experiment sweep runs: `points` (BuildGrid of `spec`) of the scenario `base` under
/// spec's disciplines. Its network is base's (which must outlive it).
ExperimentResult SweepExperiment(const Scenario& base, const SweepSpec& spec,
                                 const std::vector<SweepPoint>& points);
/// Runs every point in rounds (RunGrid) and, with `capacity`, per combination of the
/// values other than the load and per discipline, the capacity search (FindCapacity).
/// Returns "" or the first failure.
std::string RunSweep(const ScenarioText& text, const SweepSpec& spec,
                     const std::vector<SweepPoint>& points, const LoadOptions& limits,
                     const Rounds& rounds, bool capacity, const RunnerOptions& options,
                     ExperimentResult* result);

}  // namespace cablesim
