#include "sim/experiment/precision.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace cablesim {
namespace {

// "10%" -> 0.1; nullopt unless a positive number below 100 followed by '%'.
std::optional<double> Percent(const std::string& s) {
  if (s.size() < 2 || s.back() != '%') return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(s.substr(0, s.size() - 1), &used);
    if (used != s.size() - 1 || !(v > 0) || !(v < 100)) return std::nullopt;
    return v / 100;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

const char* MetricName(Metric m) {
  switch (m) {
    case Metric::kMean:
      return "mean";
    case Metric::kP95:
      return "p95";
    case Metric::kMax:
      return "max";
  }
  return "?";
}

}  // namespace

Result<PrecisionGoal> ParsePrecision(const std::string& text) {
  PrecisionGoal goal;
  goal.text = text;
  auto fail = [&](const std::string& why) -> Result<PrecisionGoal> {
    return Error{"", 0, 0, "--precision",
                 why +
                     " (expected a share such as 5%, or FIGURE=SHARE such as ROUTINE.p95=10% "
                     "or IMMEDIATE.mean=5%, separated by commas; FIGURE is PRECEDENCE.mean, "
                     ".p95 or .max)"};
  };
  std::stringstream list(text);
  for (std::string item; std::getline(list, item, ',');) {
    const auto eq = item.find('=');
    PrecisionTarget t;
    const std::string share = eq == std::string::npos ? item : item.substr(eq + 1);
    const auto relative = Percent(share);
    if (!relative) return fail("'" + share + "' is not a share between 0% and 100%");
    t.relative = *relative;
    if (eq != std::string::npos) {
      const std::string figure = item.substr(0, eq);
      const auto dot = figure.rfind('.');
      if (dot == std::string::npos) return fail("'" + figure + "' names no figure");
      const auto p = PrecedenceFromWord(figure.substr(0, dot));
      if (!p) return fail("'" + figure.substr(0, dot) + "' is not a precedence");
      t.precedence = *p;
      const std::string metric = figure.substr(dot + 1);
      if (metric == "mean") {
        t.metric = Metric::kMean;
      } else if (metric == "p95") {
        t.metric = Metric::kP95;
      } else if (metric == "max") {
        t.metric = Metric::kMax;
      } else {
        return fail("'" + metric + "' is not mean, p95 or max");
      }
    }
    goal.targets.push_back(t);
  }
  if (goal.targets.empty()) return fail("nothing asked for");
  return goal;
}

PrecisionState CheckPrecision(const std::vector<std::vector<std::vector<ReplicationResult>>>& runs,
                              const std::vector<Discipline>& disciplines,
                              const PrecisionGoal& goal) {
  PrecisionState state;
  auto consider = [&](double ratio, const std::string& figure) {
    if (ratio > 1) state.met = false;
    if (ratio > state.worst) {
      state.worst = ratio;
      state.worst_figure = figure;
    }
  };
  for (std::size_t point = 0; point < runs.size(); ++point) {
    for (std::size_t d = 0; d < runs[point].size() && d < disciplines.size(); ++d) {
      const auto& reps = runs[point][d];
      for (const PrecisionTarget& t : goal.targets) {
        for (Precedence p : kReportOrder) {
          if (t.precedence && *t.precedence != p) continue;
          if (TotalsOver(reps, p).addressed == 0) continue;  // not in the report
          const Figure f = FigureOver(reps, p, t.metric);
          std::string name = std::string(DisciplineName(disciplines[d])) + " " +
                             std::string(PrecedenceName(p)) + " " + MetricName(t.metric);
          if (runs.size() > 1) name += " at point " + std::to_string(point + 1);
          char target[32];
          std::snprintf(target, sizeof target, " (target %g%%)", 100 * t.relative);
          if (f.e.n < 2 || f.at_least || !(f.e.mean > 0)) {
            const std::string why =
                f.at_least ? " is a lower bound"
                           : " has " + std::to_string(f.e.n) + " replication(s) with a value";
            consider(std::numeric_limits<double>::infinity(), name + why + target);
            continue;
          }
          const double relative = (f.e.hi - f.e.mean) / f.e.mean;
          char text[64];
          std::snprintf(text, sizeof text, " ±%.1f%%", 100 * relative);
          consider(relative / t.relative, name + text + target);
        }
      }
    }
  }
  return state;
}

std::uint64_t NextReplications(std::uint64_t done, const PrecisionState& state,
                               const PrecisionGoal& goal) {
  double want = static_cast<double>(done) * 2;  // a figure not yet measurable: double
  if (std::isfinite(state.worst)) {
    want = static_cast<double>(done) * state.worst * state.worst * 1.1;  // 1/sqrt(n)
  }
  const auto next = static_cast<std::uint64_t>(std::ceil(std::min(want, 1e9)));
  return std::min(goal.max_replications, std::max(next, done + 2));
}

}  // namespace cablesim
