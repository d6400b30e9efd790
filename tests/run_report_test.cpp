#include "sim/report/run_report.h"

#include <doctest/doctest.h>

TEST_CASE("nearest-rank percentiles are exact") {
  std::vector<double> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i);
  CHECK(cablesim::Percentile(v, 50) == 50);
  CHECK(cablesim::Percentile(v, 95) == 95);
  CHECK(cablesim::Percentile(v, 99) == 99);
  CHECK(cablesim::Percentile(v, 100) == 100);
  CHECK(cablesim::Percentile(v, 0) == 1);
  CHECK(cablesim::Percentile({7.0}, 95) == 7.0);
  CHECK(cablesim::Percentile({}, 50) == 0);
  CHECK(cablesim::Percentile({1, 2, 3}, 50) == 2);
}
