#include "sim/report/compare.h"

#include <doctest/doctest.h>

TEST_CASE("replication seeds differ and do not depend on the discipline") {
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
