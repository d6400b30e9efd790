#include "sim/report/compare.h"

#include <doctest/doctest.h>

#include "sim/experiment/replication.h"
#include "sim/relay/relay_simulation.h"
#include "tests/csv_support.h"
#include "tests/json_support.h"

TEST_CASE("replication seeds differ and do not depend on the discipline" * doctest::timeout(120)) {
  CHECK(cablesim::ReplicationSeed(11, 0) != cablesim::ReplicationSeed(11, 1));
  CHECK(cablesim::ReplicationSeed(11, 0) != cablesim::ReplicationSeed(12, 0));
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/mm1-small.yaml");
  REQUIRE(s.ok());
  const auto a = cablesim::RunReplication(*s, cablesim::Discipline::kFifo, 1, false);
  const auto b = cablesim::RunReplication(*s, cablesim::Discipline::kPriority, 1, false);
  // Common random numbers: the same messages, addressees and arrival times under both.
  CHECK(a.seed == b.seed);
  CHECK(a.conservation.addressed == b.conservation.addressed);
  for (int p = 0; p < cablesim::kPrecedenceCount; ++p) {
    CHECK(a.by_precedence[static_cast<std::size_t>(p)].addressed ==
          b.by_precedence[static_cast<std::size_t>(p)].addressed);
  }
}

TEST_CASE("a replication that gives back done messages' records reports what a full run does" *
          doctest::timeout(120)) {
  // congested-relay ends with addressees in flight: both the folded and the in-flight part
  // of the population are exercised.
  auto s =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/congested-relay.yaml");
  REQUIRE(s.ok());
  for (auto d : {cablesim::Discipline::kPriority, cablesim::Discipline::kPreemptRestart}) {
    const auto folded = cablesim::RunReplication(*s, d, 3, true);
    auto full = cablesim::Instantiate(*s, folded.seed, d);
    cablesim::RunScenario(*full, *s);
    const auto summary = cablesim::SummarizeLatency(*full, *s);
    CHECK(folded.conservation.addressed == full->Count().addressed);
    CHECK(folded.conservation.in_flight == full->Count().in_flight);
    CHECK(folded.conservation.in_flight > 0);
    for (int p = 0; p < cablesim::kPrecedenceCount; ++p) {
      const auto& a = folded.by_precedence[static_cast<std::size_t>(p)];
      const auto& b = summary[static_cast<std::size_t>(p)];
      CHECK(a.addressed == b.addressed);
      CHECK(a.delivered == b.delivered);
      CHECK(a.in_flight == b.in_flight);
      CHECK(a.within == b.within);
      CHECK(a.mean_s == b.mean_s);  // exact: integer sums
      CHECK(a.p95.s == b.p95.s);
      CHECK(a.max.s == b.max.s);
      CHECK(a.max.at_least == b.max.at_least);
      // The anatomy is tallied whatever the retention: the same sums, to the nanosecond.
      CHECK(folded.anatomy[static_cast<std::size_t>(p)].deliveries ==
            full->anatomy()[static_cast<std::size_t>(p)].deliveries);
      CHECK(folded.anatomy[static_cast<std::size_t>(p)].sum_ns ==
            full->anatomy()[static_cast<std::size_t>(p)].sum_ns);
    }
  }
}

namespace {

// A replication where FLASH, IMMEDIATE and ROUTINE each delivered one addressee, taking the
// given means (nothing in flight).
cablesim::ReplicationResult Delivered(double flash, double immediate, double routine) {
  cablesim::ReplicationResult r;
  const std::pair<cablesim::Precedence, double> means[] = {
      {cablesim::Precedence::kFlash, flash},
      {cablesim::Precedence::kImmediate, immediate},
      {cablesim::Precedence::kRoutine, routine}};
  for (const auto& [p, m] : means) {
    auto& x = r.by_precedence[static_cast<std::size_t>(p)];
    x.addressed = x.delivered = x.within = 1;
    x.mean_s = m;
    x.p95 = x.max = {m, false};
  }
  return r;
}

}  // namespace

TEST_CASE("precedence against precedence: paired differences within the same replications") {
  cablesim::ExperimentResult c;
  c.scenario = "pairs";
  c.replications = 3;
  c.disciplines = {cablesim::Discipline::kPriority};
  c.points = {{}};
  // IMMEDIATE - FLASH per replication: 2, 3, 4 (mean 3, s 1, t(0.975,2) = 4.303: ±2.484);
  // ROUTINE - IMMEDIATE (PRIORITY is absent, so IMMEDIATE is next above): 10, 10, 10.
  c.runs = {{{Delivered(1, 3, 13), Delivered(2, 5, 15), Delivered(3, 7, 17)}}};
  const std::string text = cablesim::CompareText(c);
  CHECK(text.find("mean minus the next higher precedence's (paired, the same replications)") !=
        std::string::npos);
  CHECK(text.find("IMMEDIATE-FLASH  3.00s ±2.48s") != std::string::npos);
  CHECK(text.find("ROUTINE-IMMEDIATE 10.0s ±0ms") == std::string::npos);  // 17 > 16 columns
  CHECK(text.find("ROUTINE-IMMED.   10.0s ±0ms") != std::string::npos);
  CHECK(text.find("PRIORITY-") == std::string::npos);
  cablesim::testing::Json json = cablesim::testing::Json::parse(cablesim::CompareJson(c));
  cablesim::testing::Json immediate_flash;
  for (auto& d : json["results"]["priority"]["precedence_differences"]) {
    if (d["precedence"] == "IMMEDIATE" && d["minus"] == "FLASH") immediate_flash = d;
  }
  CHECK(cablesim::testing::FieldMismatches(
            immediate_flash, R"({"replications":3,"mean_difference_s":3})"_json) == "");
  CHECK(immediate_flash["mean_difference_ci_s"][0] >= 0.515);  // 3 - 2.484...
  CHECK(immediate_flash["mean_difference_ci_s"][0] < 0.516);
  const auto csv = cablesim::testing::ParseCsv(cablesim::CompareCsv(c));
  CHECK(csv.One({{"discipline", "priority"},
                 {"precedence", "ROUTINE"},
                 {"metric", "mean_minus_IMMEDIATE_s"}})
            .Mismatches({{"value", "10.000000"},
                         {"ci_low", "10.000000"},
                         {"ci_high", "10.000000"},
                         {"replications", "3"},
                         {"bound", ""},
                         {"replication", ""}}) == "");
}

TEST_CASE("compare's count table shows the undeliverable when there are any") {
  cablesim::ExperimentResult c;
  c.scenario = "counts";
  c.replications = 2;
  c.disciplines = {cablesim::Discipline::kPriority};
  c.points = {{}};
  c.runs = {{{Delivered(1, 3, 13), Delivered(2, 5, 15)}}};
  CHECK(cablesim::CompareText(c).find(
            "addressed / in flight / unresolved at the end, all replications\n") !=
        std::string::npos);
  // The second replication's ROUTINE addressee given up: undeliverable, a miss.
  auto& x = c.runs[0][0][1].by_precedence[static_cast<std::size_t>(cablesim::Precedence::kRoutine)];
  x.delivered = x.within = 0;
  x.undeliverable = 1;
  const std::string text = cablesim::CompareText(c);
  CHECK(text.find("addressed / undeliverable / in flight / unresolved at the end, all "
                  "replications\n") != std::string::npos);
  CHECK(text.find("\nROUTINE          2 / 1 / 0 / 0\n") != std::string::npos);
  CHECK(text.find("\nFLASH            2 / 0 / 0 / 0\n") != std::string::npos);
  // The CSV's counts: enough to rebuild the share's denominator.
  const auto csv = cablesim::testing::ParseCsv(cablesim::CompareCsv(c));
  CHECK(csv.One({{"precedence", "ROUTINE"}, {"metric", "undeliverable"}})
            .Mismatches({{"value", "1.000000"}}) == "");
  CHECK(csv.One({{"precedence", "ROUTINE"}, {"metric", "other_means"}})
            .Mismatches({{"value", "0.000000"}}) == "");
}

TEST_CASE("compare's text columns widen to hold their widest cell") {
  cablesim::ExperimentResult c;
  c.scenario = "wide";
  c.replications = 1;
  c.disciplines = {cablesim::Discipline::kPriority, cablesim::Discipline::kFifo};
  c.points = {{}};
  auto big = Delivered(1, 3, 13);
  auto& x = big.by_precedence[static_cast<std::size_t>(cablesim::Precedence::kRoutine)];
  x.addressed = 143830;
  x.undeliverable = 1550;
  x.in_flight = 72111;
  x.unresolved = 67828;
  x.delivered = 143830 - 1550 - 72111;
  c.runs = {{{big}, {big}}};
  const std::string text = cablesim::CompareText(c);
  // "143830 / 1550 / 72111 / 67828" is 29 columns: each column is 30 wide, here as in the
  // header (and in every table of the report).
  CHECK(text.find("\n                 priority                      fifo\n") != std::string::npos);
  CHECK(text.find("\nROUTINE          143830 / 1550 / 72111 / 67828 143830 / 1550 / 72111 / "
                  "67828\n") != std::string::npos);
}

TEST_CASE("a replication's run figures are what run's summary gives for its seed" *
          doctest::timeout(300)) {
  // short-staffed-relay: copies wait for operators; relay-outage: links go down, so some
  // addressees are undeliverable or wait out an outage.
  for (const char* name : {"short-staffed-relay", "relay-outage"}) {
    CAPTURE(name);
    auto s =
        cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml");
    REQUIRE(s.ok());
    const auto d = cablesim::Discipline::kPriority;
    const auto folded = cablesim::RunReplication(*s, d, 2, false, true);
    REQUIRE(folded.figures);
    const cablesim::RunFigures& f = *folded.figures;
    auto full = cablesim::Instantiate(*s, folded.seed, d);
    cablesim::RunScenario(*full, *s);
    const auto summary =
        cablesim::SummarizeRun(*full, *s, cablesim::SummaryOptions::Of(folded.seed, d));
    CHECK(f.messages == summary.messages);
    CHECK(f.copies == summary.copies);
    CHECK(f.events == summary.events);
    CHECK(f.span == summary.span);
    CHECK(f.undeliverable_reasons == summary.undeliverable_reasons);
    REQUIRE(f.links.size() == summary.all_links.size());
    for (std::size_t k = 0; k < f.links.size(); ++k) {
      const auto& a = f.links[k];
      const auto& b = summary.all_links[k];
      CAPTURE(k);
      CHECK(a.channel == b.channel);
      CHECK(a.busy == b.busy);
      CHECK(a.utilisation == b.utilisation);
      CHECK(a.copies == b.copies);
      CHECK(a.max_queue == b.max_queue);
      CHECK(a.backlogged == b.backlogged);
      CHECK(a.interruptions == b.interruptions);
      CHECK(a.lost == b.lost);
      CHECK(a.garbled == b.garbled);
      CHECK(a.reruns == b.reruns);
      CHECK(a.service_messages == b.service_messages);
      CHECK(a.corrections == b.corrections);
    }
    REQUIRE(f.stations.size() == summary.all_stations.size());
    for (std::size_t k = 0; k < f.stations.size(); ++k) {
      const auto& a = f.stations[k];
      const auto& b = summary.all_stations[k];
      CAPTURE(k);
      CHECK(a.station == b.station);
      CHECK(a.operators == b.operators);
      CHECK(a.utilisation == b.utilisation);
      CHECK(a.copies == b.copies);
      CHECK(a.max_waiting == b.max_waiting);
      CHECK(a.mean_wait_s == b.mean_wait_s);
      CHECK(a.copies_sent == b.copies_sent);
      CHECK(a.delivered_here == b.delivered_here);
    }
  }
  // Kept only when asked for: an experiment's memory does not grow with the network otherwise.
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/mm1-small.yaml");
  REQUIRE(s.ok());
  CHECK_FALSE(cablesim::RunReplication(*s, cablesim::Discipline::kFifo, 0, false).figures);
}
