// compare and sweep from Python (Scenario.compare, Scenario.sweep): the experiment set up,
// run and written by the same functions as `cablesim compare` and `cablesim sweep`
// (sim/experiment/studies.h, report/compare.h, report/sweep_report.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "python/py_scenario.h"
#include "sim/experiment/results.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/sweep.h"

namespace cablesim::python {

/// What compare and sweep share (keyword arguments).
struct ExperimentAsk {
  std::optional<std::vector<std::string>> disciplines;  ///< nullopt: the command's default
  std::uint64_t replications = 10;
  std::optional<std::int64_t> jobs;  ///< nullopt: the hardware threads (at most kMaxJobs)
  std::optional<std::uint64_t> seed;
  std::optional<std::string> precision;  ///< "5%", "ROUTINE.p95=10%"
  std::uint64_t max_replications = 200;
  /// Called on the calling thread with (runs done, runs) now and then; may throw.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Asked on the calling thread while runs go on (RunnerOptions::stop); none: never.
  StopCheck stop;
};

/// What sweep adds: the grid and the capacity search.
struct SweepAsk {
  std::vector<double> loads{1.0};
  std::vector<SweepAxis> vary;
  bool capacity = false;
};

/// A finished compare or sweep, with what its writers need (the scenario whose network
/// names the bottlenecks).
class PyExperiment {
 public:
  /// compare: `scenario` under each discipline; throws InputError, and RunStopped (or the
  /// exception of ask.stop or ask.progress) when stopped.
  static std::shared_ptr<PyExperiment> Compare(const PyScenario& scenario, const ExperimentAsk& ask,
                                               bool per_replication);
  /// sweep: every point of the grid under each discipline; throws as Compare does.
  static std::shared_ptr<PyExperiment> Sweep(const PyScenario& scenario, const ExperimentAsk& ask,
                                             const SweepAsk& sweep);

  /// The report as the command writes it with --format json, csv or text.
  std::string Json() const;
  std::string Csv() const;
  std::string Text() const;
  /// What the sweep's --vary settings warn of and the scenario as loaded does not (BuildGrid's
  /// notes); none for a compare.
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  bool sweep_ = false;
  std::shared_ptr<const Scenario> scenario_;
  ExperimentResult result_;
  std::vector<std::string> warnings_;
};

}  // namespace cablesim::python
