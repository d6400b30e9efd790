// sim/experiment/precision.h: --precision's goals, where results stand against them, and how
// many replications the next round asks for.
#include "sim/experiment/precision.h"

#include <doctest/doctest.h>

#include <cmath>

using cablesim::Metric;
using cablesim::Precedence;

namespace {

// Replications whose ROUTINE mean takes these values (one delivery each).
std::vector<cablesim::ReplicationResult> Means(const std::vector<double>& means) {
  std::vector<cablesim::ReplicationResult> runs;
  for (double m : means) {
    cablesim::ReplicationResult r;
    auto& x = r.by_precedence[static_cast<std::size_t>(Precedence::kRoutine)];
    x.addressed = x.delivered = 1;
    x.mean_s = m;
    x.p95 = x.max = {m, false};
    runs.push_back(r);
  }
  return runs;
}

}  // namespace

TEST_CASE("precision goals: a share for every mean, or chosen figures") {
  auto all = cablesim::ParsePrecision("5%");
  REQUIRE(all.ok());
  REQUIRE(all->targets.size() == 1);
  CHECK_FALSE(all->targets[0].precedence);
  CHECK(all->targets[0].metric == Metric::kMean);
  CHECK(all->targets[0].relative == doctest::Approx(0.05));
  auto chosen = cablesim::ParsePrecision("ROUTINE.p95=10%,IMMEDIATE.mean=2.5%");
  REQUIRE(chosen.ok());
  REQUIRE(chosen->targets.size() == 2);
  CHECK(chosen->targets[0].precedence == Precedence::kRoutine);
  CHECK(chosen->targets[0].metric == Metric::kP95);
  CHECK(chosen->targets[1].relative == doctest::Approx(0.025));
  for (const char* bad :
       {"5", "0%", "100%", "ROUTINE=5%", "ROUTIN.mean=5%", "ROUTINE.p50=5%", ""}) {
    INFO(bad);
    CHECK_FALSE(cablesim::ParsePrecision(bad).ok());
  }
  CHECK(cablesim::ParsePrecision("ROUTINE.p50=5%")
            .error()
            .message.rfind("'p50' is not mean, p95 or max", 0) == 0);
}

TEST_CASE("where results stand: the figure furthest from its target, exactly") {
  const auto goal = *cablesim::ParsePrecision("5%");
  // Means 9, 10, 11: s = 1, t(0.975, 2) = 4.303 (the table), half-width 4.303 / sqrt(3) = 2.484
  // = 24.8%.
  std::vector<std::vector<std::vector<cablesim::ReplicationResult>>> runs{{Means({9, 10, 11})}};
  auto state = cablesim::CheckPrecision(runs, {cablesim::Discipline::kPriority}, goal);
  CHECK_FALSE(state.met);
  CHECK(state.worst == doctest::Approx(4.303 / std::sqrt(3.0) / 10 / 0.05).epsilon(1e-9));
  CHECK(state.worst_figure == "priority ROUTINE mean ±24.8% (target 5%)");
  // The next round by 1/sqrt(n): 3 x 4.968^2 x 1.1 = 81.4 -> 82, capped by the goal.
  CHECK(cablesim::NextReplications(3, state, goal) == 82);
  auto capped = goal;
  capped.max_replications = 50;
  CHECK(cablesim::NextReplications(3, state, capped) == 50);
  // Tight values meet it; one replication cannot be judged.
  runs = {{Means({10, 10.01, 9.99, 10})}};
  CHECK(cablesim::CheckPrecision(runs, {cablesim::Discipline::kPriority}, goal).met);
  runs = {{Means({10})}};
  state = cablesim::CheckPrecision(runs, {cablesim::Discipline::kPriority}, goal);
  CHECK_FALSE(state.met);
  CHECK(std::isinf(state.worst));
  CHECK(cablesim::NextReplications(1, state, goal) == 3);  // at least two more
}
