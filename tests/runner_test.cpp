// The runner behind compare and sweep: every task on a pool of threads, results in task
// order whatever the threads, and the calling thread told of each task as it finishes.
#include "sim/experiment/runner.h"

#include <doctest/doctest.h>

#include <vector>

namespace {

cablesim::Scenario Tiny() {
  auto s = cablesim::LoadScenarioText(R"(
start: 2008-01-01T00:00:00Z
seed: 7
network:
  defaults: {processing: 1s, propagation: 0s, rate: 8000bps, framing: sync-ascii}
  stations:
    - {ri: RAAA, name: SENDER}
    - {ri: RBBB, name: RECEIVER}
  links:
    - {between: [RAAA, RBBB]}
traffic:
  generators:
    - name: g
      from: [RAAA]
      per_hour: 3600
      length: {exponential: 1000}
      to: {count: 1, from: [RBBB]}
      max_messages: 20
)",
                                      "tiny.yaml");
  REQUIRE(s.ok());
  return std::move(s).value();
}

std::vector<cablesim::RunTask> Tasks(std::size_t n) {
  std::vector<cablesim::RunTask> tasks;
  for (std::uint64_t r = 0; r < n; ++r) tasks.push_back({0, cablesim::Discipline::kPriority, r});
  return tasks;
}

}  // namespace

TEST_CASE("the caller is told of each task as it finishes, the last before RunTasks returns") {
  const cablesim::Scenario s = Tiny();
  const auto tasks = Tasks(16);
  cablesim::RunnerOptions o;
  o.jobs = 2;
  std::vector<std::size_t> told;
  o.progress = [&](std::size_t done, std::size_t all) {
    CHECK(all == tasks.size());
    told.push_back(done);
  };
  std::vector<cablesim::ReplicationResult> results;
  std::vector<std::string> failures;
  cablesim::RunTasks(tasks, {&s}, o, &results, &failures);
  // 1, 2, ..., 16: one call per task, not one per tick of a clock.
  REQUIRE(told.size() == tasks.size());
  for (std::size_t k = 0; k < told.size(); ++k) CHECK(told[k] == k + 1);
}

TEST_CASE("results land in task order whatever the number of threads") {
  const cablesim::Scenario s = Tiny();
  const auto tasks = Tasks(6);
  std::vector<cablesim::ReplicationResult> one, two;
  std::vector<std::string> failures;
  cablesim::RunnerOptions o;
  cablesim::RunTasks(tasks, {&s}, o, &one, &failures);
  o.jobs = 2;
  cablesim::RunTasks(tasks, {&s}, o, &two, &failures);
  REQUIRE(one.size() == tasks.size());
  REQUIRE(two.size() == tasks.size());
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    CHECK(failures[k].empty());
    CHECK(one[k].seed == cablesim::ReplicationSeed(s.seed, k));
    CHECK(two[k].seed == one[k].seed);
    CHECK(two[k].conservation.delivered == one[k].conservation.delivered);
    CHECK(two[k].by_precedence[3].mean_s == one[k].by_precedence[3].mean_s);
  }
}
