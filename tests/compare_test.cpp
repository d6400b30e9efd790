#include "sim/report/compare.h"

#include <doctest/doctest.h>

#include <cmath>

TEST_CASE("Student t quantiles") {
  CHECK(cablesim::StudentT975(1) == doctest::Approx(12.706));
  CHECK(cablesim::StudentT975(19) == doctest::Approx(2.093));
  CHECK(cablesim::StudentT975(60) == doctest::Approx(2.000).epsilon(0.001));
  CHECK(cablesim::StudentT975(1000) == doctest::Approx(1.962).epsilon(0.001));
}

TEST_CASE("estimates: mean and a Student t interval over replications") {
  const auto e = cablesim::EstimateOf({1, 2, 3, 4, 5});
  CHECK(e.n == 5);
  CHECK(e.mean == doctest::Approx(3));
  // sd = sqrt(2.5); half-width = 2.776 * sd / sqrt(5)
  CHECK(e.hi - e.mean == doctest::Approx(2.776 * std::sqrt(2.5) / std::sqrt(5.0)));
  CHECK(e.mean - e.lo == doctest::Approx(e.hi - e.mean));
  const auto one = cablesim::EstimateOf({7});
  CHECK(one.lo == 7);
  CHECK(one.hi == 7);
  CHECK(cablesim::EstimateOf({}).n == 0);
}

TEST_CASE("replication seeds differ and do not depend on the discipline") {
  CHECK(cablesim::ReplicationSeed(11, 0) != cablesim::ReplicationSeed(11, 1));
  CHECK(cablesim::ReplicationSeed(11, 0) != cablesim::ReplicationSeed(12, 0));
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/mm1-small.yaml");
  REQUIRE(s.ok());
  const auto a = cablesim::RunReplication(*s, cablesim::Discipline::kFifo, 1, false);
  const auto b = cablesim::RunReplication(*s, cablesim::Discipline::kPriority, 1, false);
  // Common random numbers: the same messages, addressees and arrival times under both.
  CHECK(a.addressed == b.addressed);
  for (int p = 0; p < cablesim::kPrecedenceCount; ++p) {
    CHECK(a.by_precedence[static_cast<std::size_t>(p)].count ==
          b.by_precedence[static_cast<std::size_t>(p)].count);
  }
}
