#include "sim/experiment/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cablesim {
namespace {

constexpr double kHighestLoad = 64;
constexpr double kLowestLoad = 1.0 / 64;
constexpr double kPrecision = 0.02;

std::string LoadText(double load) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", load);
  return buf;
}

}  // namespace

void ScaleLoad(Scenario* s, double factor) {
  for (auto& g : s->generators) g.per_hour *= factor;
}

Result<std::vector<SweepPoint>> BuildGrid(const ScenarioText& text, const SweepSpec& spec,
                                          const LoadOptions& limits) {
  // Every combination of axis values, the first axis outermost.
  std::vector<std::vector<std::string>> combos{{}};
  for (const SweepAxis& axis : spec.vary) {
    std::vector<std::vector<std::string>> next;
    for (const auto& c : combos) {
      for (const auto& v : axis.values) {
        next.push_back(c);
        next.back().push_back(v);
      }
    }
    combos = std::move(next);
  }
  std::vector<SweepPoint> points;
  for (const auto& combo : combos) {
    std::vector<KeyValue> edits;
    for (std::size_t k = 0; k < combo.size(); ++k) edits.push_back({spec.vary[k].key, combo[k]});
    for (const double load : spec.loads) {
      auto s = text.Load(edits, limits);
      if (!s) return s.error();
      auto scenario = std::make_unique<Scenario>(std::move(s).value());
      ScaleLoad(scenario.get(), load);
      for (std::size_t g = 0; g < scenario->generators.size(); ++g) {
        const double expected = ExpectedMessages(scenario->generators[g], scenario->duration);
        if (expected > static_cast<double>(limits.max_messages)) {
          char count[48];
          std::snprintf(count, sizeof count, "%.3g", expected);
          return Error{"", 0, 0, "--load",
                       "at load " + LoadText(load) + " generator " + scenario->generators[g].name +
                           " would file about " + count + " messages, more than the limit of " +
                           std::to_string(limits.max_messages) + " (--max-messages raises it)"};
        }
      }
      points.push_back({load, combo, std::move(scenario)});
    }
  }
  return points;
}

std::string RunSweep(const std::vector<SweepPoint>& points, const SweepSpec& spec,
                     const RunnerOptions& options, SweepRuns* runs) {
  std::vector<RunTask> tasks;
  std::vector<const Scenario*> scenarios;
  for (std::size_t p = 0; p < points.size(); ++p) {
    scenarios.push_back(points[p].scenario.get());
    for (const Discipline d : spec.disciplines) {
      for (std::uint64_t r = 0; r < spec.replications; ++r) tasks.push_back({p, d, r});
    }
  }
  std::vector<ReplicationResult> results;
  std::vector<std::string> failures;
  RunTasks(tasks, scenarios, options, &results, &failures);
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    if (failures[k].empty()) continue;
    return "point " + std::to_string(tasks[k].point + 1) + ", " +
           std::string(DisciplineName(tasks[k].discipline)) + ", replication " +
           std::to_string(tasks[k].replication + 1) + ": " + failures[k];
  }
  runs->assign(points.size(), std::vector<std::vector<ReplicationResult>>(spec.disciplines.size()));
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    const std::size_t d = (k / spec.replications) % spec.disciplines.size();
    (*runs)[tasks[k].point][d].push_back(std::move(results[k]));
  }
  return "";
}

CapacityCheck CheckShareWithin(const std::vector<ReplicationResult>& runs, double share) {
  CapacityCheck c;
  for (Precedence p : kReportOrder) {
    const std::uint64_t eligible = TotalsOver(runs, p).Eligible();
    if (eligible == 0) continue;
    const auto n = static_cast<double>(eligible);
    if (runs.size() > 1 && Wilson(n, n).lo < share) {
      c.too_few.push_back(p);  // even a perfect record could not show 95% on so few
      continue;
    }
    const Share w = WithinOver(runs, p);
    // With one replication there is no interval: the estimate itself must pass.
    const double bound = w.has_interval ? w.lo : w.value;
    if (bound < share && (!c.limiting || bound < c.lowest_bound)) {
      c.ok = false;
      c.limiting = p;
      c.lowest_bound = bound;
    }
  }
  return c;
}

Result<CapacityResult> FindCapacity(Scenario* s, Discipline d, std::uint64_t replications,
                                    const RunnerOptions& options) {
  CapacityResult out;
  std::vector<double> base;
  for (const auto& g : s->generators) base.push_back(g.per_hour);
  std::string failure;
  std::vector<ReplicationResult> last_ok_runs;
  // Runs every replication at `load`; true when every precedence passes.
  auto evaluate = [&](double load, CapacityCheck* check) -> bool {
    for (std::size_t g = 0; g < base.size(); ++g) s->generators[g].per_hour = base[g] * load;
    std::vector<RunTask> tasks;
    for (std::uint64_t r = 0; r < replications; ++r) tasks.push_back({0, d, r});
    std::vector<ReplicationResult> results;
    std::vector<std::string> failures;
    RunTasks(tasks, {s}, options, &results, &failures);
    for (const auto& f : failures) {
      if (!f.empty() && failure.empty()) failure = "at load " + LoadText(load) + ": " + f;
    }
    *check = CheckShareWithin(results);
    out.tried.push_back({load, check->ok});
    for (Precedence p : check->too_few) {
      if (std::find(out.too_few.begin(), out.too_few.end(), p) == out.too_few.end()) {
        out.too_few.push_back(p);
      }
    }
    if (check->ok) last_ok_runs = std::move(results);
    return check->ok;
  };
  CapacityCheck check;
  double lo = 0, hi = 0;  // lo passed (0: none yet), hi failed (0: none yet)
  if (evaluate(1, &check)) {
    lo = 1;
    while (failure.empty() && lo < kHighestLoad) {
      if (!evaluate(lo * 2, &check)) {
        hi = lo * 2;
        out.limiting = check.limiting;
        break;
      }
      lo *= 2;
    }
  } else {
    hi = 1;
    out.limiting = check.limiting;
    while (failure.empty() && hi > kLowestLoad) {
      if (evaluate(hi / 2, &check)) {
        lo = hi / 2;
        break;
      }
      hi /= 2;
      out.limiting = check.limiting;
    }
  }
  // Bisection until the bracket is within kPrecision of its low end.
  while (failure.empty() && lo > 0 && hi > 0 && (hi - lo) > kPrecision * lo) {
    const double mid = (lo + hi) / 2;
    if (evaluate(mid, &check)) {
      lo = mid;
    } else {
      hi = mid;
      out.limiting = check.limiting;
    }
  }
  for (std::size_t g = 0; g < base.size(); ++g) s->generators[g].per_hour = base[g];
  if (!failure.empty()) return Error{"", 0, 0, "--capacity", failure};
  if (lo > 0) out.load = lo;
  if (hi > 0) out.fails_at = hi;
  out.at_least = lo >= kHighestLoad;
  if (!last_ok_runs.empty()) out.bottleneck = BusiestChannel(last_ok_runs);
  return out;
}

}  // namespace cablesim
