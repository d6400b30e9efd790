// A run's statistics on hand-made networks with exact times: censored deliveries at the end
// of a run, and batch means over a deterministic series.
#include "sim/stats/run_statistics.h"

#include <doctest/doctest.h>

#include <utility>
#include <vector>

#include "sim/relay/relay_simulation.h"
#include "sim/stats/statistics.h"

using cablesim::Duration;
using cablesim::Precedence;
using cablesim::RelaySimulation;
using cablesim::SimTime;

namespace {

// Two stations, no processing, a 1,000 bit/s synchronous link (1 character = 8 ms), no
// propagation delay.
cablesim::Network TwoStations() {
  cablesim::Network net;
  for (const char* ri : {"RAAA", "RBBB"}) {
    cablesim::Station s;
    s.ri = ri;
    s.processing = Duration();
    net.AddStation(s);
  }
  net.AddLink({0, 1, 1000, cablesim::Framing::kSyncAscii, Duration(), 0});
  REQUIRE(net.Finalize().ok());
  return net;
}

cablesim::MessageSpec Routine(const std::string& id, SimTime at, std::int64_t chars) {
  cablesim::MessageSpec m;
  m.id = id;
  m.filed = at;
  m.origin_ri = "RAAA";
  cablesim::AddresseeSpec a;
  a.ri = "RBBB";
  a.precedence = Precedence::kRoutine;
  m.addressees.push_back(a);
  m.chars = chars;
  return m;
}

cablesim::Scenario ScenarioWith(Duration routine_objective) {
  cablesim::Scenario s;
  s.objectives[static_cast<int>(Precedence::kRoutine)] = routine_objective;
  return s;
}

}  // namespace

TEST_CASE("a run that ends with addressees in flight: censored, never left out" *
          doctest::timeout(120)) {
  // Five 1,000-character messages filed at 0 are sent one after another: delivered at 8,
  // 16, 24, 32 and 40 s. The run stops at 18 s: two delivered, three in flight at age 18.
  const cablesim::Network net = TwoStations();
  RelaySimulation sim(net, cablesim::RelayOptions{});
  for (int i = 1; i <= 5; ++i) sim.AddMessage(Routine("M" + std::to_string(i), SimTime(), 1000));
  sim.Run(SimTime::Seconds(18));
  const cablesim::Scenario s = ScenarioWith(Duration::Seconds(20));
  const auto r = cablesim::SummarizeLatency(sim, s)[static_cast<int>(Precedence::kRoutine)];
  CHECK(r.addressed == 5);
  CHECK(r.delivered == 2);
  CHECK(r.in_flight == 3);
  CHECK(r.within == 2);
  CHECK(r.unresolved == 3);  // in flight at 18 s, younger than the 20 s objective
  CHECK(r.Resolved() == 2);
  CHECK(r.WithinObjective() == 1.0);  // 2 of the 2 whose fate is known; the 3 are unknown // age 18
                                      // s < objective 20 s
  CHECK(r.mean_s == doctest::Approx(12));  // of the delivered only
  // F(8) = 1/5, F(16) = 2/5; the median falls among the three in flight: more than 18 s.
  CHECK(r.p50.at_least);
  CHECK(r.p50.s == doctest::Approx(18));
  CHECK(r.p95.at_least);
  CHECK(r.max.at_least);
  CHECK(r.max.s == doctest::Approx(18));

  // Against a 10 s objective: one within, and the ones in flight are already late.
  const auto late = cablesim::SummarizeLatency(
      sim, ScenarioWith(Duration::Seconds(10)))[static_cast<int>(Precedence::kRoutine)];
  CHECK(late.within == 1);
  CHECK(late.unresolved == 0);
  CHECK(late.WithinObjective() == doctest::Approx(0.2));
}

TEST_CASE("a warm-up leaves earlier messages out of the population") {
  const cablesim::Network net = TwoStations();
  RelaySimulation sim(net, cablesim::RelayOptions{});
  sim.AddMessage(Routine("EARLY", SimTime(), 100));
  sim.AddMessage(Routine("LATE", SimTime::Seconds(10), 100));
  sim.Run(std::nullopt);
  cablesim::Scenario s = ScenarioWith(Duration::Hours(6));
  s.warmup = Duration::Seconds(5);
  const auto r = cablesim::SummarizeLatency(sim, s)[static_cast<int>(Precedence::kRoutine)];
  CHECK(r.addressed == 1);
  CHECK(r.delivered == 1);
  CHECK(r.mean_s == doctest::Approx(0.8));
}

TEST_CASE("batch means over a deterministic series" * doctest::timeout(120)) {
  // One message a second for 40 s, each alone on the link: latency = 8 ms a character.
  // Batch b (filing times 10b to 10b+10 s) has 10(b+1) characters: 0.08, 0.16, 0.24, 0.32 s.
  const cablesim::Network net = TwoStations();
  RelaySimulation sim(net, cablesim::RelayOptions{});
  for (int i = 0; i < 40; ++i) {
    sim.AddMessage(Routine("M" + std::to_string(i), SimTime::Seconds(i), 10 * (i / 10 + 1)));
  }
  sim.Run(SimTime::Seconds(40));
  const cablesim::Scenario s = ScenarioWith(Duration::Hours(6));
  const auto b = cablesim::BatchMeans(sim, s, 4)[static_cast<int>(Precedence::kRoutine)];
  CHECK(b.mean.n == 4);
  CHECK(b.mean.mean == doctest::Approx(0.2));
  // sd of (0.08, 0.16, 0.24, 0.32) = sqrt(0.032 / 3); half-width t(3) = 3.182 times sd / 2.
  const double half = 3.182 * std::sqrt(0.032 / 3) / 2;
  CHECK(b.mean.hi - b.mean.mean == doctest::Approx(half));
  CHECK(b.p95.mean == doctest::Approx(0.2));  // each batch is constant: p95 = its mean
  CHECK_FALSE(b.p95_censored);
  // Deviations -0.12, -0.04, 0.04, 0.12: lagged products 0.008 over squares 0.032.
  CHECK(b.lag1 == doctest::Approx(0.25));
  CHECK(b.lag1 > cablesim::kBatchCorrelationLimit);
  CHECK(b.in_flight == 0);
}

TEST_CASE("batch means: an interval that would reach below 0 stops at 0") {
  // Two batches of 100 s, a message every 10 s, each alone on the link: 10 characters
  // (0.08 s) in the first, 1,000 (8 s) in the second. Mean 4.04 s, half-width
  // t(1) 12.706 times |8 - 0.08| / 2: the interval's lower end would be -46 s.
  const cablesim::Network net = TwoStations();
  RelaySimulation sim(net, cablesim::RelayOptions{});
  for (int i = 0; i < 20; ++i) {
    sim.AddMessage(Routine("M" + std::to_string(i), SimTime::Seconds(10 * i), i < 10 ? 10 : 1000));
  }
  sim.Run(SimTime::Seconds(200));
  const cablesim::Scenario s = ScenarioWith(Duration::Hours(6));
  const auto b = cablesim::BatchMeans(sim, s, 2)[static_cast<int>(Precedence::kRoutine)];
  REQUIRE(b.mean.n == 2);
  CHECK(b.mean.mean == doctest::Approx(4.04));
  CHECK(b.mean.lo == 0.0);
  CHECK(b.mean.hi - b.mean.mean == doctest::Approx(12.706 * 7.92 / 2));
  CHECK(b.p95.lo == 0.0);
}

TEST_CASE("warm-up advice from MSER-5 on a run with a transient" * doctest::timeout(120)) {
  // 100 long messages filed together (a backlog that drains), then 400 short ones a minute
  // apart, each alone: latencies fall from seconds to 0.08 s and stay there.
  const cablesim::Network net = TwoStations();
  RelaySimulation sim(net, cablesim::RelayOptions{});
  for (int i = 0; i < 100; ++i) sim.AddMessage(Routine("B" + std::to_string(i), SimTime(), 100));
  for (int i = 0; i < 400; ++i) {
    sim.AddMessage(Routine("S" + std::to_string(i), SimTime::Seconds(100 + 60 * i), 10));
  }
  sim.Run(std::nullopt);
  const auto advice = cablesim::SuggestWarmup(sim)[static_cast<int>(Precedence::kRoutine)];
  CHECK(advice.observations == 500);
  CHECK(advice.Enough());
  CHECK_FALSE(advice.at_edge);
  // The backlog's 100 latencies are 0.8 s apart; MSER-5 cuts them (and no more than a few
  // batches of the steady part): the suggestion is a filing time at or after 100 s.
  CHECK(advice.suggested_s >= 100);
  CHECK(advice.suggested_s <= 100 + 60 * 20);
}

TEST_CASE("observations come out in Kaplan-Meier's order: by time, deliveries before censorings") {
  cablesim::Population pop;
  auto& routine = pop[static_cast<std::size_t>(Precedence::kRoutine)];
  routine.delivered_ns = {3'000'000'000, 1'000'000'000, 2'000'000'000};
  routine.in_flight_age_ns = {2'000'000'000, 0, 4'000'000'000};
  const auto obs = cablesim::ObservationsOf(pop);
  const auto& o = obs[static_cast<std::size_t>(Precedence::kRoutine)];
  const std::vector<std::pair<double, bool>> expected = {{0, false}, {1, true}, {2, true},
                                                         {2, false}, {3, true}, {4, false}};
  REQUIRE(o.size() == expected.size());
  for (std::size_t i = 0; i < o.size(); ++i) {
    CAPTURE(i);
    CHECK(o[i].t == expected[i].first);
    CHECK(o[i].delivered == expected[i].second);
  }
  CHECK(obs[static_cast<std::size_t>(Precedence::kFlash)].empty());
  // Given so, Kaplan-Meier's estimate is that of the same observations in any order.
  const cablesim::KaplanMeier sorted(o);
  const cablesim::KaplanMeier shuffled(std::vector<cablesim::Observation>(o.rbegin(), o.rend()));
  REQUIRE(sorted.steps().size() == shuffled.steps().size());
  for (std::size_t i = 0; i < sorted.steps().size(); ++i) {
    CHECK(sorted.steps()[i].t == shuffled.steps()[i].t);
    CHECK(sorted.steps()[i].share == shuffled.steps()[i].share);
  }
  CHECK(sorted.At(0.5).s == shuffled.At(0.5).s);
}

TEST_CASE("Summarize's quantiles are Kaplan-Meier's, with and without addressees in flight") {
  // Without censoring Summarize selects the values at their ranks rather than sorting; the
  // figures must be exactly those of the estimate over every observation. Sizes around the
  // ranks' edges, with ties (values drawn from a few), and the same with one in flight.
  cablesim::Scenario s;
  std::uint64_t state = 7;
  const auto draw = [&state](std::uint64_t range) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::int64_t>((state >> 33) % range);
  };
  for (const int n : {1, 2, 3, 19, 20, 21, 99, 100, 101, 1000, 4321}) {
    for (const std::uint64_t range : {std::uint64_t{3}, std::uint64_t{1'000'000'000'000}}) {
      for (const bool in_flight : {false, true}) {
        CAPTURE(n);
        CAPTURE(range);
        CAPTURE(in_flight);
        cablesim::Population pop;
        auto& p = pop[static_cast<std::size_t>(Precedence::kPriority)];
        for (int i = 0; i < n; ++i) p.delivered_ns.push_back(draw(range));
        if (in_flight) p.in_flight_age_ns.push_back(draw(range));
        const auto r = cablesim::Summarize(pop, s)[static_cast<std::size_t>(Precedence::kPriority)];
        const cablesim::KaplanMeier km(cablesim::ObservationsOf(p));
        for (const auto& [got, want] :
             {std::pair{r.p50, km.At(0.50)}, std::pair{r.p95, km.At(0.95)},
              std::pair{r.p99, km.At(0.99)}, std::pair{r.max, km.Max()}}) {
          CHECK(got.s == want.s);
          CHECK(got.at_least == want.at_least);
        }
      }
    }
  }
}
