#include "sim/report/compare.h"

#include <doctest/doctest.h>

#include "sim/experiment/replication.h"

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
    }
  }
}
