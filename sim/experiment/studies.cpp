#include "sim/experiment/studies.h"

#include <memory>

#include "sim/experiment/analytic.h"

namespace cablesim {

Result<ExperimentResult> CompareExperiment(const Scenario& s,
                                           const std::vector<Discipline>& disciplines,
                                           std::uint64_t replications) {
  ExperimentResult c;
  c.scenario = s.name;
  c.seed = s.seed;
  c.replications = replications;
  c.warmup = s.warmup;
  c.disciplines = disciplines;
  c.objectives = s.objectives;
  c.network = s.network.get();  // names the links and stations of per-replication figures
  if (!s.analytic.empty()) {
    auto model = AnalyticModelOf(s, s.analytic);
    if (!model) return model.error();
    c.analytic = *model;
  }
  c.points.assign(1, ExperimentResult::Point{});  // one point: the scenario as it is
  return c;
}

std::string RunCompare(const Scenario& s, const Rounds& rounds, const RunnerOptions& options,
                       ExperimentResult* result) {
  // Every (discipline, replication) is a task of the runner, in rounds until the goal is
  // met; the output is the same for any number of jobs or MPI ranks.
  const std::shared_ptr<const Scenario> scenario(&s, [](const Scenario*) {});
  return RunRounds([&](std::size_t) { return scenario; }, rounds, options, result);
}

ExperimentResult SweepExperiment(const Scenario& base, const SweepSpec& spec,
                                 const std::vector<SweepPoint>& points) {
  ExperimentResult r;
  r.scenario = base.name;
  r.seed = spec.seed.value_or(base.seed);
  r.replications = spec.replications;
  r.warmup = base.warmup;
  r.disciplines = spec.disciplines;
  r.objectives = base.objectives;
  r.network = base.network.get();
  for (const auto& axis : spec.vary) r.keys.push_back(axis.key);
  for (const auto& p : points) r.points.push_back({p.load, p.values});
  return r;
}

std::string RunSweep(const ScenarioText& text, const SweepSpec& spec,
                     const std::vector<SweepPoint>& points, const LoadOptions& limits,
                     const Rounds& rounds, bool capacity, const RunnerOptions& options,
                     ExperimentResult* result) {
  // Each point's scenario is loaded for its runs only.
  if (std::string failure = RunGrid(text, points, limits, rounds, options, result);
      !failure.empty()) {
    return failure;
  }
  if (!capacity) return "";
  // Per combination of the other swept values (load aside), per discipline.
  for (const auto& p : points) {
    if (p.load != spec.loads.front()) continue;
    std::vector<KeyValue> edits;
    for (std::size_t k = 0; k < spec.vary.size(); ++k)
      edits.push_back({spec.vary[k].key, p.values[k]});
    if (spec.seed) edits.push_back({"seed", std::to_string(*spec.seed)});
    auto s = text.Load(edits, limits);
    if (!s) return s.error().ToString();
    result->capacity_values.push_back(p.values);
    result->capacity.emplace_back();
    for (const Discipline d : spec.disciplines) {
      auto c = FindCapacity(&*s, d, result->replications, limits, options);
      if (!c) return c.error().ToString();
      result->capacity.back().push_back(*c);
    }
  }
  return "";
}

}  // namespace cablesim
