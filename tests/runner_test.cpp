// The runner behind compare and sweep: every task on a pool of threads, results in task
// order whatever the threads, the calling thread told of each task as it finishes, and a
// stop check (Ctrl-C in Python) that ends the runs in progress, not after them.
#include "sim/experiment/runner.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

// Two stations, a message a second; `more` ends the generator (max_messages: 20, or a
// duration for long runs).
cablesim::Scenario Tiny(const std::string& more = "      max_messages: 20\n") {
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
)" + more,
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

// A second of events for each run even in an optimised build (ten in the dev build): far
// more than the runner needs to see the stop (its first question comes within
// kStopPollPeriod).
cablesim::Scenario Long() { return Tiny("duration: 400h\n"); }

// Whether results[k] is a run that reached its end (a finished run has its seed).
bool Finished(const std::vector<cablesim::ReplicationResult>& results, std::size_t k) {
  return results[k].seed != 0;
}

TEST_CASE("a stop check that says stop ends the runs in progress, and RunTasks then throws") {
  const cablesim::Scenario s = Long();
  const auto tasks = Tasks(3);
  cablesim::RunnerOptions o;
  o.jobs = 2;
  std::size_t asked = 0;
  o.stop = {[&asked] { return ++asked == 1; }, 1000};
  std::size_t told = 0;
  o.progress = [&told](std::size_t, std::size_t) { ++told; };
  std::vector<cablesim::ReplicationResult> results;
  std::vector<std::string> failures;
  CHECK_THROWS_AS(cablesim::RunTasks(tasks, {&s}, o, &results, &failures), cablesim::RunStopped);
  CHECK(asked == 1);  // asked on the calling thread only, and not again once stopped
  CHECK(told == 0);   // no run ended
  // The two runs in progress stopped within a chunk of events, the third never started.
  REQUIRE(results.size() == tasks.size());
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    CAPTURE(k);
    CHECK_FALSE(Finished(results, k));
    CHECK(failures[k].empty());
  }
}

TEST_CASE("the stop check's own exception stops the runs and comes out of RunTasks as it is") {
  const cablesim::Scenario s = Long();
  const auto tasks = Tasks(1);
  cablesim::RunnerOptions o;
  o.stop = {[]() -> bool { throw std::logic_error("interrupted"); }, 1000};
  std::vector<cablesim::ReplicationResult> results;
  std::vector<std::string> failures;
  CHECK_THROWS_WITH_AS(cablesim::RunTasks(tasks, {&s}, o, &results, &failures), "interrupted",
                       std::logic_error);
  CHECK_FALSE(Finished(results, 0));
}

TEST_CASE("progress that throws, with a stop check, stops the runs still in progress") {
  const cablesim::Scenario tiny = Tiny();
  const cablesim::Scenario long_run = Long();
  // A short run (point 0) beside a long one (point 1): the short one's end is told first.
  const std::vector<cablesim::RunTask> tasks{{0, cablesim::Discipline::kPriority, 0},
                                             {1, cablesim::Discipline::kPriority, 0}};
  cablesim::RunnerOptions o;
  o.jobs = 2;
  o.stop = {[] { return false; }, 1000};
  o.progress = [](std::size_t, std::size_t) { throw std::runtime_error("enough"); };
  std::vector<cablesim::ReplicationResult> results;
  std::vector<std::string> failures;
  CHECK_THROWS_WITH_AS(cablesim::RunTasks(tasks, {&tiny, &long_run}, o, &results, &failures),
                       "enough", std::runtime_error);
  CHECK(Finished(results, 0));
  CHECK_FALSE(Finished(results, 1));
}

TEST_CASE("a stop check that never says stop changes no run, however small its chunks") {
  const cablesim::Scenario s = Tiny();
  const auto tasks = Tasks(6);
  std::vector<cablesim::ReplicationResult> alone, asked;
  std::vector<std::string> failures;
  cablesim::RunnerOptions o;
  o.jobs = 2;
  cablesim::RunTasks(tasks, {&s}, o, &alone, &failures);
  o.stop = {[] { return false; }, 1};
  cablesim::RunTasks(tasks, {&s}, o, &asked, &failures);
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    CAPTURE(k);
    CHECK(failures[k].empty());
    CHECK(asked[k].seed == alone[k].seed);
    CHECK(asked[k].conservation.delivered == alone[k].conservation.delivered);
    CHECK(asked[k].by_precedence[3].mean_s == alone[k].by_precedence[3].mean_s);
  }
}
