#include "python/py_run.h"

#include <sstream>

#include "base/did_you_mean.h"
#include "sim/experiment/single_run.h"
#include "sim/report/route_dot.h"
#include "sim/report/run_csv.h"
#include "sim/report/run_report.h"

namespace cablesim::python {
namespace {

// How a run is recorded over time: sample=None (not), "auto", or a step like "1m".
std::optional<Sampling> SamplingOf(const std::optional<std::string>& sample) {
  if (!sample) return std::nullopt;
  if (*sample == "auto") return Sampling{};
  std::string err;
  auto step = ParseDuration(*sample, &err);
  if (!step) throw InputError("sample: " + err);
  if (*step <= Duration()) throw InputError("sample: a step must be longer than 0s (or 'auto')");
  return Sampling{step};
}

}  // namespace

DotLayout LayoutOf(const std::string& name) {
  const auto layout = ParseDotLayout(name);
  if (!layout) throw InputError("layout: expected auto, detailed or overview, got '" + name + "'");
  return *layout;
}

PyRun::PyRun(const PyScenario& scenario, const RunAsk& ask) {
  std::optional<Discipline> discipline;
  if (ask.discipline) {
    discipline = ParseDiscipline(*ask.discipline);
    if (!discipline) throw InputError("discipline: " + UnknownDiscipline(*ask.discipline));
  }
  const std::optional<Sampling> sampling = SamplingOf(ask.sample);
  std::vector<KeyValue> edits;
  if (ask.duration) edits.push_back({"duration", *ask.duration});
  if (ask.drain) edits.push_back({"drain", *ask.drain});
  scenario_ = edits.empty() ? scenario.scenario() : scenario.Edited(edits, "run").scenario();
  const Scenario& s = *scenario_;
  SummaryOptions options;
  options.seed = ask.seed.value_or(s.seed);
  options.discipline = discipline.value_or(s.options.discipline);
  sim_ = Instantiate(s, options.seed, discipline);
  if (ask.stop.stop) sim_->set_stop_check(ask.stop);
  summary_ = SummarizedRun(*sim_, s, options, sampling);
  figures_json_ = RunFiguresJson(s, summary_);
}

std::string PyRun::ReportJson() const { return RunReportJson(*sim_, *scenario_, summary_); }

std::string PyRun::ReportText() const { return RunReportText(*sim_, *scenario_, summary_); }

std::string PyRun::Csv(const std::string& name) const {
  if (name == "addressees") return AddresseesCsv(*sim_, *scenario_, summary_);
  if (name == "links") return LinksCsv(*sim_, *scenario_, summary_);
  if (name == "stations") return StationsCsv(*sim_, *scenario_, summary_);
  return TimeSeriesCsv(*scenario_, summary_);
}

std::string PyRun::HeatDot(const std::string& layout) const {
  return UtilisationDot(*sim_, *scenario_, summary_, LayoutOf(layout));
}

std::string PyRun::RouteDot(const std::string& id) const {
  if (auto m = sim_->FindMessage(id)) return MessageRouteDot(*sim_, *scenario_, *m);
  std::vector<std::string> ids;
  for (const MessageRecord& m : sim_->messages()) ids.push_back(m.id);
  const std::string guess = DidYouMean(id, ids);
  throw InputError("message: no message '" + id + "' in " + scenario_->name +
                   (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
}

}  // namespace cablesim::python
