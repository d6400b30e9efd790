// The delivery-time CDF on a fixed grid of times: exact counts at the grid's times, added up
// across replications, bounded whatever the number of addressees.
#include "sim/stats/delivery_cdf.h"

#include <doctest/doctest.h>

using cablesim::DeliveryCdf;

TEST_CASE("a delivery counts at the first grid time at or after it") {
  DeliveryCdf cdf;
  cdf.AddDelivered(DeliveryCdf::Time(100));         // exactly a grid time: counted there
  cdf.AddDelivered(DeliveryCdf::Time(100) * 1.01);  // just after: at the next one
  cdf.AddDelivered(1e-6);                           // faster than 1 ms: at 1 ms
  cdf.AddDelivered(1e12);                           // slower than 10^9 s: at the last
  cdf.AddNotDelivered(4);
  CHECK(cdf.addressed() == 8);
  CHECK(cdf.delivered() == 4);
  CHECK(cdf.fastest_s() == 1e-6);
  CHECK(cdf.slowest_s() == 1e12);
  const auto corners = cdf.Corners();
  REQUIRE(corners.size() == 4);
  CHECK(corners[0].t_s == DeliveryCdf::Time(0));
  CHECK(corners[0].share == 1.0 / 8);
  CHECK(corners[1].t_s == DeliveryCdf::Time(100));
  CHECK(corners[1].share == 2.0 / 8);
  CHECK(corners[2].t_s == DeliveryCdf::Time(101));
  CHECK(corners[3].t_s == DeliveryCdf::Time(DeliveryCdf::kTimes - 1));
  CHECK(corners[3].share == 4.0 / 8);  // the rest still in flight: the curve ends at half
  CHECK(DeliveryCdf::Time(DeliveryCdf::kPerDecade) == doctest::Approx(1e-2));
}

TEST_CASE("CDFs add up across replications exactly, in any order, in bounded memory") {
  DeliveryCdf a, b, ab, ba;
  for (int i = 1; i <= 1000; ++i) a.AddDelivered(0.5 * i);
  for (int i = 1; i <= 500; ++i) b.AddDelivered(3.0 * i);
  b.AddNotDelivered(10);
  ab.Add(a);
  ab.Add(b);
  ba.Add(b);
  ba.Add(a);
  CHECK(ab.counts() == ba.counts());
  CHECK(ab.addressed() == 1510);
  CHECK(ab.fastest_s() == 0.5);
  CHECK(ab.slowest_s() == 1500);
  CHECK(ab.counts().size() == DeliveryCdf::kTimes);  // whatever the number of deliveries
  CHECK(ab.Corners().back().share == doctest::Approx(1500.0 / 1510));
}

TEST_CASE("a CDF restored from its counts is the same, and bad parts are refused") {
  DeliveryCdf a;
  a.AddDelivered(2);
  a.AddNotDelivered();
  const auto back = DeliveryCdf::Restore(a.counts(), 1, 2, 2);
  REQUIRE(back);
  CHECK(back->counts() == a.counts());
  CHECK(back->addressed() == 2);
  CHECK_FALSE(DeliveryCdf::Restore({1, 2, 3}, 0, 1, 1));   // not a whole grid
  CHECK_FALSE(DeliveryCdf::Restore(a.counts(), 0, 5, 1));  // slowest before fastest
  CHECK(DeliveryCdf::Restore({}, 3, 0, 0)->addressed() == 3);
}
