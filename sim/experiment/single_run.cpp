#include "sim/experiment/single_run.h"

#include "sim/stats/time_series.h"

namespace cablesim {

RunSummary SummarizedRun(RelaySimulation& sim, const Scenario& s, SummaryOptions o,
                         const std::optional<Sampling>& sampling) {
  std::optional<TimeSeriesRecorder> recorder;
  if (sampling) {
    recorder.emplace(sim, sampling->step.value_or(AutoSampleStep(s)),
                     sampling->step ? kMaxSamples : kAutoSamples);
    sim.set_listener(&*recorder, SimTime());
  }
  o.completion = RunScenario(sim, s);
  RunSummary summary = SummarizeRun(sim, s, o);
  if (recorder) summary.timeseries = recorder->Finish(sim);
  return summary;
}

}  // namespace cablesim
