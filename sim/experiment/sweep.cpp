#include "sim/experiment/sweep.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_set>

namespace cablesim {
namespace {

constexpr double kHighestLoad = kMaxLoadFactor;
constexpr double kLowestLoad = 1.0 / 1024;
constexpr double kPrecision = 0.02;

std::string LoadText(double load) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", load);
  return buf;
}

// "K=V, K2=V2": the --vary settings of one point.
std::string Setting(const std::vector<std::string>& combo, const SweepSpec& spec) {
  std::string out;
  for (std::size_t k = 0; k < combo.size(); ++k) {
    out += (out.empty() ? "" : ", ") + spec.vary[k].key + "=" + combo[k];
  }
  return out;
}

}  // namespace

void ScaleLoad(Scenario* s, double factor) {
  for (auto& g : s->generators) g.per_hour *= factor;
}

std::string MessageLimitProblem(const Scenario& s, const LoadOptions& limits) {
  for (const auto& g : s.generators) {
    const double expected = ExpectedMessages(g, s.duration);
    if (expected > static_cast<double>(limits.max_messages)) {
      char count[48];
      std::snprintf(count, sizeof count, "%.3g", expected);
      return "generator " + g.name + " would file about " + count +
             " messages, more than the limit of " + std::to_string(limits.max_messages) +
             " (--max-messages raises it)";
    }
  }
  return "";
}

Result<std::unique_ptr<Scenario>> LoadPoint(const ScenarioText& text, const SweepPoint& point,
                                            const LoadOptions& limits) {
  auto s = text.Load(point.edits, limits);
  if (!s) return s.error();
  auto scenario = std::make_unique<Scenario>(std::move(s).value());
  ScaleLoad(scenario.get(), point.load);
  if (const std::string why = MessageLimitProblem(*scenario, limits); !why.empty()) {
    return Error{"", 0, 0, "--load", "at load " + LoadText(point.load) + " " + why};
  }
  return scenario;
}

std::string LoadFactorProblem(double load) {
  if (load >= kMinLoadFactor && load <= kMaxLoadFactor) return "";
  return "'" + LoadText(load) + "' is not a load factor " + kLoadFactorRange;
}

Result<std::vector<SweepPoint>> BuildGrid(const ScenarioText& text, const SweepSpec& spec,
                                          const LoadOptions& limits,
                                          std::vector<std::string>* notes) {
  for (const double load : spec.loads) {
    if (const std::string why = LoadFactorProblem(load); !why.empty()) {
      return Error{"", 0, 0, "--load", why};
    }
  }
  for (const SweepAxis& axis : spec.vary) {
    if (axis.key == "seed") {
      return Error{"", 0, 0, "--vary",
                   "seed is not varied: every point of a sweep runs on the same seeds (common "
                   "random numbers: points differ only in what is varied); give --seed N for "
                   "others, or more --replications"};
    }
  }
  std::size_t size = spec.loads.size();
  for (const SweepAxis& axis : spec.vary) {
    if (axis.values.empty() || size > kMaxGridPoints / axis.values.size()) {
      size = kMaxGridPoints + 1;
      break;
    }
    size *= axis.values.size();
  }
  if (size > kMaxGridPoints) {
    return Error{"", 0, 0, "--vary",
                 "the grid has more than " + std::to_string(kMaxGridPoints) +
                     " points (the product of the number of values of every --vary and "
                     "--load); split the study"};
  }
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
  // What the unedited text warns of already (shown once, by the command), without places:
  // the edited texts' places are of text no one wrote.
  std::unordered_set<std::string> known;
  if (notes && !spec.vary.empty()) {
    auto unedited = text.Load({}, limits);
    if (!unedited) return unedited.error();
    for (const auto& w : unedited->warnings) known.insert(text.WithoutPlace(w));
  }
  std::vector<SweepPoint> points;
  for (const auto& combo : combos) {
    std::vector<KeyValue> edits;
    for (std::size_t k = 0; k < combo.size(); ++k) edits.push_back({spec.vary[k].key, combo[k]});
    if (spec.seed) edits.push_back({"seed", std::to_string(*spec.seed)});
    for (const double load : spec.loads) {
      SweepPoint point{load, combo, edits};
      auto checked = LoadPoint(text, point, limits);  // checked now, let go, loaded again to run
      if (!checked) return checked.error();
      if (notes && !spec.vary.empty() && load == spec.loads.front()) {  // the same at each load
        for (const auto& w : (*checked)->warnings) {
          std::string bare = text.WithoutPlace(w);
          // Once, with the first setting that draws it (not again for each other value).
          if (known.insert(bare).second) {
            notes->push_back("with " + Setting(combo, spec) + ": " + bare);
          }
        }
      }
      points.push_back(std::move(point));
    }
  }
  return points;
}

std::string RunGrid(const ScenarioText& text, const std::vector<SweepPoint>& points,
                    const LoadOptions& limits, const Rounds& rounds, const RunnerOptions& options,
                    ExperimentResult* result) {
  const PointLoader load = [&](std::size_t p) -> Result<std::shared_ptr<const Scenario>> {
    auto s = LoadPoint(text, points[p], limits);
    if (!s) return s.error();
    return std::shared_ptr<const Scenario>(std::move(s).value());
  };
  return RunRounds(load, rounds, options, result);
}

CapacityCheck CheckShareWithin(const std::vector<ReplicationResult>& runs, double share) {
  CapacityCheck c;
  for (Precedence p : kReportOrder) {
    const PrecedenceSummary totals = TotalsOver(runs, p);
    const std::uint64_t resolved = totals.Resolved();
    if (totals.Eligible() > 0 && static_cast<double>(totals.unresolved) >
                                     kMostUnresolved * static_cast<double>(totals.Eligible())) {
      c.undetermined.push_back(p);
    }
    if (resolved == 0) continue;
    const auto n = static_cast<double>(resolved);
    if (runs.size() > 1 && Wilson(n, n).lo < share) {
      c.too_few.push_back(p);  // even a perfect record could not show 95% on so few
      continue;
    }
    c.judged.push_back(p);
    const Share w = WithinOver(runs, p);
    // With one replication there is no interval: the estimate itself must pass.
    const double bound = w.has_interval ? w.lo : w.value;
    if (!c.limiting || bound < c.lowest_bound) {
      c.limiting = p;
      c.lowest_bound = bound;
      c.estimate = w.value;
    }
  }
  c.ok = (!c.limiting || c.lowest_bound >= share) && c.undetermined.empty();
  if (c.limiting && c.lowest_bound >= share && !c.undetermined.empty()) {
    c.limiting = c.undetermined.front();  // what keeps the load from passing
    const Share w = WithinOver(runs, *c.limiting);
    c.lowest_bound = w.has_interval ? w.lo : w.value;
    c.estimate = w.value;
  }
  return c;
}

void JudgedAnswer(CapacityResult* out) {
  // The precedences that limited some failing load, in report order.
  std::vector<Precedence> failed_by;
  for (Precedence p : kReportOrder) {
    for (const CapacityTrial& t : out->tried) {
      if (!t.passed && t.limiting == p) {
        failed_by.push_back(p);
        break;
      }
    }
  }
  out->load.reset();
  out->unjudged_at.reset();
  out->unjudged.clear();
  for (const CapacityTrial& t : out->tried) {
    if (!t.passed) continue;
    std::vector<Precedence> missing;
    for (Precedence p : failed_by) {
      if (!t.Judged(p)) missing.push_back(p);
    }
    if (missing.empty()) {
      if (!out->load || t.load > *out->load) out->load = t.load;
    } else if (!out->unjudged_at || t.load > *out->unjudged_at) {
      out->unjudged_at = t.load;
      out->unjudged = std::move(missing);
    }
  }
  if (out->unjudged_at && out->load && *out->unjudged_at < *out->load) {
    out->unjudged_at.reset();  // below the answer: it changes nothing
    out->unjudged.clear();
  }
}

Result<CapacityResult> FindCapacity(Scenario* s, Discipline d, std::uint64_t replications,
                                    const LoadOptions& limits, const RunnerOptions& options) {
  CapacityResult out;
  std::vector<double> base;
  for (const auto& g : s->generators) base.push_back(g.per_hour);
  std::string failure;
  // Whether `load` stays within the message limit (else it is refused, not run).
  auto allowed = [&](double load) {
    for (std::size_t g = 0; g < base.size(); ++g) s->generators[g].per_hour = base[g] * load;
    const std::string why = MessageLimitProblem(*s, limits);
    if (why.empty()) return true;
    out.refused_at = load;
    out.refused_why = why;
    return false;
  };
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
    CapacityTrial trial;
    trial.load = load;
    trial.passed = check->ok;
    trial.limiting = check->limiting;
    trial.lower_bound = check->lowest_bound;
    trial.estimate = check->estimate;
    trial.too_few = check->too_few;
    trial.undetermined = check->undetermined;
    trial.judged = check->judged;
    trial.busiest = BusiestResource(results);
    out.tried.push_back(std::move(trial));
    return check->ok;
  };
  CapacityCheck check;
  double lo = 0, hi = 0;  // lo passed (0: none yet), hi failed (0: none yet)
  if (!allowed(1)) {
    // Today's traffic itself passes the limit: nothing is run.
  } else if (evaluate(1, &check)) {
    lo = 1;
    while (failure.empty() && lo < kHighestLoad && allowed(lo * 2)) {
      if (!evaluate(lo * 2, &check)) {
        hi = lo * 2;
        break;
      }
      lo *= 2;
    }
  } else {
    hi = 1;
    while (failure.empty() && hi > kLowestLoad) {
      if (evaluate(hi / 2, &check)) {
        lo = hi / 2;
        break;
      }
      hi /= 2;
    }
  }
  // Bisection until the bracket is within kPrecision of its low end.
  while (failure.empty() && lo > 0 && hi > 0 && (hi - lo) > kPrecision * lo) {
    const double mid = (lo + hi) / 2;
    if (evaluate(mid, &check)) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  for (std::size_t g = 0; g < base.size(); ++g) s->generators[g].per_hour = base[g];
  if (!failure.empty()) return Error{"", 0, 0, "--capacity", failure};
  if (hi > 0) out.fails_at = hi;
  out.at_least = lo >= kHighestLoad || (out.refused_at && lo > 0 && hi == 0);
  JudgedAnswer(&out);  // lo itself when every failing load's limit was judged there
  if (const CapacityTrial* met = out.Met()) out.bottleneck = met->busiest;
  if (const CapacityTrial* failed = out.Failed()) {
    out.limiting = failed->limiting;
    // Only the interval fell short (or too much was unresolved to tell).
    out.uncertain = failed->estimate >= 0.95 || !failed->undetermined.empty();
  }
  if (const CapacityTrial* met = out.Met()) {
    for (Precedence p : met->too_few) {
      if (p != out.limiting) out.too_few.push_back(p);
    }
  }
  return out;
}

}  // namespace cablesim
