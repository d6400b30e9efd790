// The experiment loop behind compare and sweep: rounds of replications, common random
// numbers, and the delivery-time CDFs added up as results come and let go.
#include "sim/experiment/rounds.h"

#include <doctest/doctest.h>

#include <memory>

namespace {

std::shared_ptr<const cablesim::Scenario> Small() {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/mm1-small.yaml");
  REQUIRE(s.ok());
  return std::make_shared<const cablesim::Scenario>(std::move(s).value());
}

cablesim::ExperimentResult Experiment(const std::vector<cablesim::Discipline>& disciplines) {
  cablesim::ExperimentResult r;
  r.points.assign(1, cablesim::ExperimentResult::Point{});
  r.disciplines = disciplines;
  return r;
}

}  // namespace

TEST_CASE("the CDFs of every replication are added up and each replication's let go" *
          doctest::timeout(120)) {
  const auto scenario = Small();
  cablesim::ExperimentResult r = Experiment({cablesim::Discipline::kFifo});
  cablesim::RunnerOptions o;
  o.jobs = 2;
  o.keep_cdfs = true;
  REQUIRE(
      cablesim::RunRounds([&](std::size_t) { return scenario; }, {3, std::nullopt}, o, &r).empty());
  CHECK(r.replications == 3);
  REQUIRE(r.runs[0][0].size() == 3);
  for (std::size_t p = 0; p < cablesim::kPrecedenceCount; ++p) {
    std::uint64_t delivered = 0, in_flight = 0;
    for (const auto& run : r.runs[0][0]) {
      delivered += run.by_precedence[p].delivered;
      in_flight += run.by_precedence[p].in_flight;
      CHECK(run.cdfs[p].counts().empty());  // folded in, not kept per replication
    }
    CHECK(r.cdfs[0][0][p].delivered() == delivered);
    CHECK(r.cdfs[0][0][p].not_delivered() == in_flight);
  }
}

TEST_CASE("rounds run until the precision is met, adding replications") {
  const auto scenario = Small();
  cablesim::ExperimentResult r = Experiment({cablesim::Discipline::kPriority});
  auto goal = cablesim::ParsePrecision("ROUTINE.mean=20%");
  REQUIRE(goal.ok());
  goal->max_replications = 12;
  cablesim::RunnerOptions o;
  REQUIRE(cablesim::RunRounds([&](std::size_t) { return scenario; }, {2, *goal}, o, &r).empty());
  REQUIRE(r.precision);
  CHECK(r.replications > 2);  // two are never enough for 20%
  CHECK(r.replications <= 12);
  CHECK(r.runs[0][0].size() == r.replications);
  // Replication k is the same whatever the rounds: its seed.
  CHECK(r.runs[0][0][1].seed == cablesim::ReplicationSeed(scenario->seed, 1));
}
