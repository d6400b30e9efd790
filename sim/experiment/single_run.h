// One run of a scenario with its summary and, when asked, its run over time: what `cablesim
// run` and the Python module's Scenario.run do (replication.h is the run of an experiment,
// which keeps no records).
#pragma once

#include <optional>

#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"

namespace cablesim {

/// How a run is recorded over time (TimeSeriesRecorder): every `step` given by hand (at
/// most kMaxSamples samples), or, without one, on the automatic grid (AutoSampleStep, at
/// most kAutoSamples samples).
struct Sampling {
  std::optional<Duration> step;
};

/// Runs `sim` (made by Instantiate from `s` with the seed and discipline of `o`) as the
/// scenario says (RunScenario) and computes its one summary (SummarizeRun with `o`, whose
/// completion the run sets); with `sampling`, records it over time into the summary's
/// timeseries (whose step may have doubled: a run longer than planned). A stop check set on
/// `sim` (set_stop_check) is asked between chunks of the run: RunStopped (or the check's own
/// exception) ends it there, and `sim` is then only to be let go.
RunSummary SummarizedRun(RelaySimulation& sim, const Scenario& s, SummaryOptions o,
                         const std::optional<Sampling>& sampling);

}  // namespace cablesim
