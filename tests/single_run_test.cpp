// One run with its summary (SummarizedRun) and a stop check (Ctrl-C in Python): asked between
// chunks of events, it changes nothing in a run it lets finish, and a run it stops ends
// between two chunks with RunStopped.
#include "sim/experiment/single_run.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "sim/report/run_csv.h"
#include "sim/report/run_report.h"

namespace {

using cablesim::RunStopped;
using cablesim::Scenario;
using cablesim::StopCheck;

Scenario Shipped(const std::string& rel) {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/" + rel);
  REQUIRE(s.ok());
  return std::move(s).value();
}

// What the program writes of a run of `s`, sampled every 10 minutes, with `check` set on
// the simulation when it has a question: its JSON report and its time series.
std::string Written(const Scenario& s, const StopCheck& check) {
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  if (check.stop) sim->set_stop_check(check);
  cablesim::SummaryOptions o;
  o.seed = s.seed;
  o.discipline = s.options.discipline;
  const cablesim::RunSummary r =
      cablesim::SummarizedRun(*sim, s, o, cablesim::Sampling{cablesim::Duration::Minutes(10)});
  return cablesim::RunReportJson(*sim, s, r) + cablesim::TimeSeriesCsv(s, r);
}

// A check that never says stop, counting how often it was asked.
StopCheck Counting(std::uint64_t every, std::uint64_t* asked) {
  return StopCheck{[asked] {
                     ++*asked;
                     return false;
                   },
                   every};
}

}  // namespace

TEST_CASE("a stop check that never says stop changes nothing, however small its chunks") {
  // congested-relay runs to its end (Run); outage runs its arrivals (Advance), then drains
  // (RunUntilIdle).
  for (const char* rel : {"congested-relay.yaml", "tutorial/05-outage.yaml"}) {
    CAPTURE(rel);
    const Scenario s = Shipped(rel);
    const std::string alone = Written(s, StopCheck{});
    for (const std::uint64_t every : {std::uint64_t{1}, std::uint64_t{1000}}) {
      CAPTURE(every);
      std::uint64_t asked = 0;
      CHECK(Written(s, Counting(every, &asked)) == alone);
      CHECK(asked > 0);
    }
  }
}

TEST_CASE("a run to its end asks after every whole chunk, and once stopped goes no further") {
  const Scenario s = Shipped("congested-relay.yaml");
  std::uint64_t asked = 0;
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  sim->set_stop_check(Counting(1000, &asked));
  cablesim::RunScenario(*sim, s);
  CHECK(asked == sim->events() / 1000);

  asked = 0;
  auto stopped = cablesim::Instantiate(s, s.seed, std::nullopt);
  stopped->set_stop_check(StopCheck{[&asked] { return ++asked == 3; }, 1000});
  CHECK_THROWS_AS(cablesim::RunScenario(*stopped, s), RunStopped);
  CHECK(asked == 3);
  CHECK(stopped->events() == 3000);  // three chunks, not one event more
}

TEST_CASE("an exception the stop check throws ends the run and comes out as it is") {
  const Scenario s = Shipped("tutorial/05-outage.yaml");
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  sim->set_stop_check(StopCheck{[]() -> bool { throw std::logic_error("interrupted"); }, 500});
  CHECK_THROWS_WITH_AS(cablesim::RunScenario(*sim, s), "interrupted", std::logic_error);
  CHECK(sim->events() == 500);
}
