#include "python/py_experiment.h"

#include <algorithm>
#include <string>

#include "sim/experiment/precision.h"
#include "sim/experiment/studies.h"
#include "sim/report/compare.h"
#include "sim/report/sweep_report.h"

namespace cablesim::python {
namespace {

std::vector<Discipline> DisciplinesOf(const std::vector<std::string>& words) {
  std::vector<Discipline> out;
  for (const std::string& w : words) {
    auto d = ParseDiscipline(w);
    if (!d) throw InputError("disciplines: " + UnknownDiscipline(w));
    out.push_back(*d);
  }
  if (out.empty()) throw InputError("disciplines: none given");
  return out;
}

// The rounds asked: `replications` first, then until the precision goal (at most
// max_replications) when one is given.
Rounds RoundsOf(const ExperimentAsk& ask) {
  Rounds rounds{ask.replications, std::nullopt};
  // The program's limits (--replications, --max-replications).
  const auto most = static_cast<std::uint64_t>(kMaxReplications);
  if (ask.replications < 1) throw InputError("replications: at least 1");
  if (ask.replications > most) {
    throw InputError("replications: at most " + std::to_string(most));
  }
  if (ask.precision) {
    auto goal = ParsePrecision(*ask.precision);
    if (!goal) throw InputError(goal.error().ToString());
    if (ask.max_replications < 2) throw InputError("max_replications: at least 2");
    if (ask.max_replications > most) {
      throw InputError("max_replications: at most " + std::to_string(most));
    }
    goal->max_replications = ask.max_replications;
    rounds.first = std::min(rounds.first, goal->max_replications);
    rounds.goal = std::move(goal).value();
  }
  return rounds;
}

RunnerOptions RunnerOf(const ExperimentAsk& ask) {
  RunnerOptions o;
  if (ask.jobs && *ask.jobs < 1) throw InputError("jobs: at least 1");
  if (ask.jobs && *ask.jobs > kMaxJobs) {
    throw InputError("jobs: at most " + std::to_string(kMaxJobs));
  }
  o.jobs = ask.jobs ? static_cast<unsigned>(*ask.jobs) : DefaultJobs();
  o.progress = ask.progress;
  o.stop = ask.stop;
  return o;
}

}  // namespace

std::shared_ptr<PyExperiment> PyExperiment::Compare(const PyScenario& scenario,
                                                    const ExperimentAsk& ask,
                                                    bool per_replication) {
  const PyScenario seeded =
      ask.seed ? scenario.Edited({{"seed", std::to_string(*ask.seed)}}, "seed") : scenario;
  const auto disciplines = DisciplinesOf(ask.disciplines.value_or(
      std::vector<std::string>{"fifo", "priority", "preempt-restart", "preempt-resume"}));
  const Rounds rounds = RoundsOf(ask);
  auto e = std::make_shared<PyExperiment>();
  e->scenario_ = seeded.scenario();
  auto experiment = CompareExperiment(*e->scenario_, disciplines, rounds.first);
  if (!experiment) throw InputError(experiment.error().ToString());
  e->result_ = std::move(experiment).value();
  e->result_.per_replication = per_replication;
  const std::string failure = RunCompare(*e->scenario_, rounds, RunnerOf(ask), &e->result_);
  if (!failure.empty()) throw InputError(failure);
  return e;
}

std::shared_ptr<PyExperiment> PyExperiment::Sweep(const PyScenario& scenario,
                                                  const ExperimentAsk& ask, const SweepAsk& sweep) {
  SweepSpec spec;
  spec.loads = sweep.loads;
  if (spec.loads.empty()) throw InputError("load: no load given");
  spec.vary = sweep.vary;
  spec.seed = ask.seed;
  const Rounds rounds = RoundsOf(ask);
  spec.replications = rounds.first;
  if (rounds.goal && sweep.capacity) {
    throw InputError(
        "precision and capacity: give one (the capacity search judges each load "
        "on its interval already)");
  }
  auto e = std::make_shared<PyExperiment>();
  e->sweep_ = true;
  e->scenario_ = scenario.scenario();
  spec.disciplines = DisciplinesOf(ask.disciplines.value_or(
      std::vector<std::string>{std::string(DisciplineName(e->scenario_->options.discipline))}));
  auto text = scenario.Text();
  if (!text) throw InputError(text.error().ToString());
  LoadOptions limits;
  limits.max_messages = scenario.max_messages();
  auto points = BuildGrid(*text, spec, limits, &e->warnings_);
  if (!points) throw InputError(points.error().ToString());
  e->result_ = SweepExperiment(*e->scenario_, spec, *points);
  const std::string failure =
      RunSweep(*text, spec, *points, limits, rounds, sweep.capacity, RunnerOf(ask), &e->result_);
  if (!failure.empty()) throw InputError(failure);
  return e;
}

std::string PyExperiment::Json() const {
  return sweep_ ? SweepJson(result_) : CompareJson(result_);
}

std::string PyExperiment::Csv() const { return sweep_ ? SweepCsv(result_) : CompareCsv(result_); }

std::string PyExperiment::Text() const {
  return sweep_ ? SweepText(result_) : CompareText(result_);
}

}  // namespace cablesim::python
