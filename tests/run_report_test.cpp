// The run report's writers on a run that ends with addressees in flight: the text marks
// lower bounds and footnotes what the figures cover; JSON gives the counts and null
// quantiles with their lower bounds.
#include "sim/report/run_report.h"

#include <doctest/doctest.h>

#include "sim/relay/relay_simulation.h"
#include "sim/report/summary_text.h"
#include "tests/cli_support.h"

using cablesim::Duration;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::testing::CountOf;

namespace {

struct Fixture {
  Fixture() {
    net = std::make_unique<cablesim::Network>();
    for (const char* ri : {"RAAA", "RBBB"}) {
      cablesim::Station st;
      st.ri = ri;
      st.name = std::string("STATION ") + ri;
      st.processing = Duration();
      net->AddStation(st);
    }
    net->AddLink({0, 1, 1000, cablesim::Framing::kSyncAscii, Duration(), 0});
    REQUIRE(net->Finalize().ok());
    scenario.name = "censored";
    scenario.objectives[static_cast<int>(Precedence::kRoutine)] = Duration::Seconds(20);
    sim = std::make_unique<cablesim::RelaySimulation>(*net, cablesim::RelayOptions{});
    for (int i = 1; i <= 5; ++i) {
      cablesim::MessageSpec m;
      m.id = "M" + std::to_string(i);
      m.origin_ri = "RAAA";
      cablesim::AddresseeSpec a;
      a.ri = "RBBB";
      m.addressees.push_back(a);
      m.chars = 1000;
      sim->AddMessage(m);
    }
    sim->Run(SimTime::Seconds(18));  // delivered at 8 and 16 s, three in flight
  }
  std::unique_ptr<cablesim::Network> net;
  cablesim::Scenario scenario;
  std::unique_ptr<cablesim::RelaySimulation> sim;
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "JSON: counts, a censored mean and quantiles as lower bounds") {
  const std::string json =
      cablesim::RunReportJson(*sim, scenario, cablesim::SummarizeRun(*sim, scenario, {}));
  CHECK(json.find("\"ROUTINE\":{\"addressed\":5,\"delivered\":2,\"other_means\":0,"
                  "\"undeliverable\":0,\"in_flight\":3,\"unresolved\":3,\"mean_s\":12,"
                  "\"mean_excludes_in_flight\":true,\"p50_s\":null,\"p50_at_least_s\":18,"
                  "\"p95_s\":null,\"p95_at_least_s\":18,\"p99_s\":null,\"p99_at_least_s\":18,"
                  "\"max_s\":null,\"max_at_least_s\":18,\"within_objective\":1,"
                  "\"objective_s\":20,\"warmup_suggested_s\":null}") != std::string::npos);
  CHECK(json.find("\"conservation\":{\"addressed\":5,\"delivered\":2,\"other_means\":0,"
                  "\"undeliverable\":0,\"in_flight\":3,") != std::string::npos);
  CHECK(json.find("\"in_flight\":[{\"message\":\"M3\",\"addressee\":\"STATION RBBB\","
                  "\"precedence\":\"ROUTINE\",\"age_s\":18}") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "text: the table says what it covers") {
  const std::string text =
      cablesim::RunReportText(*sim, scenario, cablesim::SummarizeRun(*sim, scenario, {}));
  CHECK(text.find("ROUTINE            5         2         3          3       12s*      > 18s"
                  "      > 18s      > 18s      > 18s   100.0%") != std::string::npos);
  CHECK(text.find("* mean of the delivered only: 3 addressees were still in flight at the end\n"
                  "  (3 of them younger than their objective)") != std::string::npos);
  CHECK(text.find("> X: the quantile falls among addressees still in flight") != std::string::npos);
  CHECK(text.find("conservation: 5 addressed = 2 delivered + 0 by other means + 0 "
                  "undeliverable + 3 in flight") != std::string::npos);
  CHECK(text.find("oldest still in flight at the end") != std::string::npos);
}

TEST_CASE_FIXTURE(Fixture, "batch means in text and JSON") {
  cablesim::SummaryOptions o;
  o.batches = 2;
  const std::string text =
      cablesim::RunReportText(*sim, scenario, cablesim::SummarizeRun(*sim, scenario, o));
  CHECK(text.find("batch means: 2 batches of 9s by filing time") != std::string::npos);
  const std::string json =
      cablesim::RunReportJson(*sim, scenario, cablesim::SummarizeRun(*sim, scenario, o));
  CHECK(json.find("\"batches\":2") != std::string::npos);
  CHECK(json.find("\"lag1_autocorrelation\":") != std::string::npos);
}

TEST_CASE("figures that do not exist are null in JSON and '-' in text, never 0") {
  // One IMMEDIATE addressee still in flight (no delivery: no mean), one PRIORITY addressee
  // no station serves (nothing eligible: no share, no quantile).
  cablesim::Network net;
  for (const char* ri : {"RAAA", "RBBB"}) {
    cablesim::Station st;
    st.ri = ri;
    st.processing = Duration();
    net.AddStation(st);
  }
  net.AddLink({0, 1, 1000, cablesim::Framing::kSyncAscii, Duration(), 0});
  REQUIRE(net.Finalize().ok());
  cablesim::Scenario scenario;
  scenario.name = "nothing";
  cablesim::RelaySimulation sim(net, cablesim::RelayOptions{});
  cablesim::MessageSpec m;
  m.id = "M";
  m.origin_ri = "RAAA";
  m.chars = 1000;
  cablesim::AddresseeSpec a;
  a.ri = "RBBB";
  a.precedence = Precedence::kImmediate;
  m.addressees.push_back(a);
  a.ri = "RQQQ";
  a.precedence = Precedence::kPriority;
  m.addressees.push_back(a);
  sim.AddMessage(m);
  sim.Run(SimTime::Seconds(2));
  const auto summary = cablesim::SummarizeRun(sim, scenario, {});
  const std::string json = cablesim::RunReportJson(sim, scenario, summary);
  CHECK(json.find("\"IMMEDIATE\":{\"addressed\":1,\"delivered\":0,\"other_means\":0,"
                  "\"undeliverable\":0,\"in_flight\":1,\"unresolved\":1,\"mean_s\":null,"
                  "\"mean_excludes_in_flight\":true,\"p50_s\":null,\"p50_at_least_s\":2,") !=
        std::string::npos);
  CHECK(json.find("\"PRIORITY\":{\"addressed\":1,\"delivered\":0,\"other_means\":0,"
                  "\"undeliverable\":1,\"in_flight\":0,\"unresolved\":0,\"mean_s\":null,"
                  "\"p50_s\":null,\"p95_s\":null,\"p99_s\":null,\"max_s\":null,"
                  "\"within_objective\":null,") != std::string::npos);
  const std::string text = cablesim::RunReportText(sim, scenario, summary);
  CHECK(text.find("PRIORITY           1         0         0          0          -          -  "
                  "        -          -          -        -\n") != std::string::npos);
}

TEST_CASE("MSER-5 warm-up advice is for steady-state runs, never for a drained study" *
          doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/scenarios/studies/seed-day-1975.yaml");
  REQUIRE(s.ok());
  REQUIRE(s->drain);
  const auto report = [&](const cablesim::Scenario& scenario) {
    auto sim = cablesim::Instantiate(scenario, scenario.seed, std::nullopt);
    cablesim::SummaryOptions o =
        cablesim::SummaryOptions::Of(scenario.seed, scenario.options.discipline);
    o.completion = cablesim::RunScenario(*sim, scenario);
    const cablesim::RunSummary summary = cablesim::SummarizeRun(*sim, scenario, o);
    CHECK(summary.advice_given == !scenario.drain);
    return std::make_pair(cablesim::RunReportText(*sim, scenario, summary),
                          cablesim::RunReportJson(*sim, scenario, summary));
  };
  // Drained (a terminating study: the day from its start): no advice, null in JSON.
  const auto [text, json] = report(*s);
  CHECK(text.find("MSER-5") == std::string::npos);
  CHECK(CountOf(json, "\"warmup_suggested_s\":null") == 3);  // every precedence addressed: null
  CHECK(CountOf(json, "\"warmup_suggested_s\":") == 3);
  // The same day without the drain is read as steady state: advice is given (checked in
  // report), here a suggestion for some precedence with enough deliveries.
  s->drain.reset();
  const auto steady = report(*s);
  CHECK(CountOf(steady.second, "\"warmup_suggested_s\":null") < 3);
}
