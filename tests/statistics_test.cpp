// Statistics on hand-worked samples: exact where the arithmetic allows.
#include "sim/stats/statistics.h"

#include <doctest/doctest.h>

#include <cmath>

using cablesim::KaplanMeier;
using cablesim::Observation;

TEST_CASE("nearest-rank percentiles are exact" * doctest::timeout(120)) {
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

TEST_CASE("Kaplan-Meier on a hand-worked sample with censoring") {
  // Delivered at 1, 3, 4; still in flight at ages 2, 3 and 5 (n = 6). At risk: 6 at t=1,
  // 4 at t=3 (the one censored at 3 still counts), 2 at t=4.
  // S(1) = 5/6, S(3) = 5/6 * 3/4 = 0.625, S(4) = 0.625 * 1/2 = 0.3125.
  const KaplanMeier km({{4, true}, {2, false}, {1, true}, {3, false}, {3, true}, {5, false}});
  REQUIRE(km.steps().size() == 3);
  CHECK(km.steps()[0].t == 1);
  CHECK(km.steps()[0].share == doctest::Approx(1.0 / 6));
  CHECK(km.steps()[1].t == 3);
  CHECK(km.steps()[1].share == doctest::Approx(0.375));
  CHECK(km.steps()[2].t == 4);
  CHECK(km.steps()[2].share == doctest::Approx(0.6875));
  CHECK(km.censored() == 3);
  CHECK(km.At(0.1).s == 1);
  CHECK(km.At(0.375).s == 3);  // exactly at a step
  CHECK_FALSE(km.At(0.5).at_least);
  CHECK(km.At(0.5).s == 4);
  // F never reaches 0.95: the quantile is beyond the last observation, age 5.
  CHECK(km.At(0.95).at_least);
  CHECK(km.At(0.95).s == 5);
  CHECK(km.Max().at_least);
  CHECK(km.Max().s == 5);
}

TEST_CASE("Kaplan-Meier without censoring is the empirical distribution, exactly" *
          doctest::timeout(120)) {
  std::vector<Observation> obs;
  std::vector<double> sorted;
  for (int i = 20; i >= 1; --i) obs.push_back({i * 1.5, true});
  for (int i = 1; i <= 20; ++i) sorted.push_back(i * 1.5);
  const KaplanMeier km(obs);
  for (double q : {0.05, 0.5, 0.95, 0.99, 1.0}) {
    CHECK_FALSE(km.At(q).at_least);
    CHECK(km.At(q).s == cablesim::Percentile(sorted, 100 * q));
  }
  CHECK(km.steps().back().share == 1);
  CHECK(km.Max().s == 30);
  CHECK_FALSE(km.Max().at_least);
}

TEST_CASE("Kaplan-Meier: a delivery and a censoring at the same time") {
  // Deliveries before censorings at a tie: at t=2, 2 at risk, 1 delivered: F = 1/2.
  const KaplanMeier km({{2, false}, {2, true}});
  REQUIRE(km.steps().size() == 1);
  CHECK(km.steps()[0].share == doctest::Approx(0.5));
  CHECK(km.At(0.5).s == 2);
  CHECK(km.At(0.6).at_least);
}

TEST_CASE("Wilson score intervals stay within 0 and 1") {
  // p = 0.8, n = 10, z = 1.95996: centre (0.8 + z^2/20) / (1 + z^2/10) = 0.716847,
  // half-width z sqrt(0.016 + z^2/400) / (1 + z^2/10) = 0.226685.
  const auto w = cablesim::Wilson(8, 10);
  CHECK(w.value == doctest::Approx(0.8));
  CHECK(w.lo == doctest::Approx(0.4901625).epsilon(1e-6));
  CHECK(w.hi == doctest::Approx(0.9433178).epsilon(1e-6));
  const auto all = cablesim::Wilson(10, 10);
  CHECK(all.lo == doctest::Approx(0.7224672).epsilon(1e-6));
  CHECK(all.hi <= 1.0);
  CHECK(all.hi == doctest::Approx(1.0));
  const auto none = cablesim::Wilson(0, 10);
  CHECK(none.lo == 0);
  CHECK(none.hi == doctest::Approx(0.2775328).epsilon(1e-6));
  CHECK_FALSE(cablesim::Wilson(0, 0).has_interval);
}

TEST_CASE("a Wilson interval holds its estimate exactly, at 0 and 1 too") {
  // At k = n the upper end is exactly 1 (and at k = 0 the lower end 0): computed as
  // centre + half it comes out a rounding below for many n (0.9999999999999998).
  for (int n = 1; n <= 2000; ++n) {
    const auto all = cablesim::Wilson(n, n);
    REQUIRE(all.hi == 1.0);
    REQUIRE(all.lo <= 1.0);
    const auto none = cablesim::Wilson(0, n);
    REQUIRE(none.lo == 0.0);
    const auto some = cablesim::Wilson(n / 3, n);
    REQUIRE(some.lo <= some.value);
    REQUIRE(some.value <= some.hi);
  }
}

TEST_CASE("a share pooled over replications is widened by their design effect") {
  // Shares 0.9, 1.0, 0.8 of 10 each: pooled 27/30 = 0.9. Their variance 0.01 against
  // 0.9 * 0.1 / 10 = 0.009 for independent addressees: design effect 10/9, effective
  // size 27, Wilson(24.3 of 27).
  const auto s = cablesim::PooledShare({9, 10, 8}, {10, 10, 10});
  CHECK(s.value == doctest::Approx(0.9));
  REQUIRE(s.has_interval);
  CHECK(s.lo == doctest::Approx(0.7331644).epsilon(1e-6));
  CHECK(s.hi == doctest::Approx(0.9671916).epsilon(1e-6));
  // Replications that vary less than independent addressees would: design effect 1.
  const auto calm = cablesim::PooledShare({9, 9, 9}, {10, 10, 10});
  const auto w = cablesim::Wilson(27, 30);
  CHECK(calm.lo == doctest::Approx(w.lo));
  CHECK(calm.hi == doctest::Approx(w.hi));
  // Every replication at 100%: the interval still has width, and never passes 1.
  const auto full = cablesim::PooledShare({5, 5}, {5, 5});
  CHECK(full.value == 1);
  CHECK(full.lo < 1);
  CHECK(full.hi <= 1);
  // One replication with addressees: no interval.
  CHECK_FALSE(cablesim::PooledShare({3, 0}, {4, 0}).has_interval);
}

TEST_CASE("lag-1 autocorrelation of a series") {
  // 1..5: deviations -2..2, sum of lagged products 4, of squares 10.
  CHECK(cablesim::Lag1Autocorrelation({1, 2, 3, 4, 5}) == doctest::Approx(0.4));
  // Alternating: -3 / 4.
  CHECK(cablesim::Lag1Autocorrelation({1, -1, 1, -1}) == doctest::Approx(-0.75));
  CHECK(cablesim::Lag1Autocorrelation({2, 2, 2}) == 0);
  CHECK(cablesim::Lag1Autocorrelation({1, 2}) == 0);
}

TEST_CASE("MSER-5 cuts a known transient" * doctest::timeout(120)) {
  // 50 observations at 100 (ten batches), then 450 at 0: from batch 10 on the rest has no
  // variance, and ties go to the shortest truncation: 50 observations.
  std::vector<double> series(50, 100.0);
  series.resize(500, 0.0);
  const auto r = cablesim::Mser5(series);
  CHECK(r.batches == 100);
  CHECK(r.truncate == 50);
  CHECK_FALSE(r.at_edge);
  // A steady series: nothing to cut.
  std::vector<double> steady;
  for (int i = 0; i < 500; ++i) steady.push_back(i % 2 ? 1.0 : 3.0);
  CHECK(cablesim::Mser5(steady).truncate == 0);
  // A series that keeps growing never settles: the minimum is at half the run.
  std::vector<double> growing;
  for (int i = 0; i < 500; ++i) growing.push_back(i);
  const auto g = cablesim::Mser5(growing);
  CHECK(g.at_edge);
  CHECK(g.truncate == 250);
  // Too short to batch.
  CHECK(cablesim::Mser5({1, 2, 3}).truncate == 0);
}
