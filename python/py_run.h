// One run of a scenario from Python (Scenario.run): the simulation kept for its tables, its
// summary computed once by the same function as `cablesim run` (SummarizedRun) and rendered
// by the same writers (RunFiguresJson, the CSV files of run_csv.h).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "python/py_scenario.h"
#include "sim/relay/relay_simulation.h"
#include "sim/stats/run_summary.h"
#include "topology/network_dot.h"

namespace cablesim::python {

/// "auto", "detailed" or "overview" (DOT pictures); InputError for anything else.
DotLayout LayoutOf(const std::string& name);

/// What Scenario.run asks (keyword arguments; nullopt: the scenario's own).
struct RunAsk {
  std::optional<std::string> discipline;
  std::optional<std::uint64_t> seed;
  std::optional<std::string> duration;  ///< a YAML value of the key `duration`
  std::optional<std::string> drain;     ///< a YAML value of the key `drain` (true, 2h, false)
  std::optional<std::string> sample;    ///< a step ("1m") or "auto"
  /// Asked between chunks of the run (Ctrl-C: CtrlCCheck); none: never.
  StopCheck stop;
};

/// A finished run. Made without the GIL (it touches no Python object; its stop check takes
/// the GIL for itself).
class PyRun {
 public:
  /// Runs `scenario` as `ask` says; throws InputError for a bad option, and RunStopped (or
  /// the stop check's own exception) when the check stops it.
  PyRun(const PyScenario& scenario, const RunAsk& ask);

  /// The head, summary, warnings and conservation as JSON (RunFiguresJson).
  const std::string& figures_json() const { return figures_json_; }
  /// The whole JSON report, as `cablesim run --format json` writes it.
  std::string ReportJson() const;
  /// The text report, as `cablesim run` writes it.
  std::string ReportText() const;
  /// The CSV file `name` (addressees, links, stations, timeseries) as `run --out DIR/`
  /// writes it; "" for timeseries when the run was not recorded over time.
  std::string Csv(const std::string& name) const;
  /// The network with each link's utilisation and the faults (`cablesim dot --heat`).
  std::string HeatDot(const std::string& layout) const;
  /// The routing tree of message `id` (`cablesim dot --message`); InputError for an
  /// unknown id, with the closest one.
  std::string RouteDot(const std::string& id) const;

 private:
  std::shared_ptr<const Scenario> scenario_;
  std::unique_ptr<RelaySimulation> sim_;
  RunSummary summary_;
  std::string figures_json_;
};

}  // namespace cablesim::python
