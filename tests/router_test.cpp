// Router (sim/relay/router.h) on its own: the routing table's way, the way over links and
// stations cleared for a classification, the way over what is working for a copy on a
// detour, and another neighbour toward a destination for a copy that waited too long.
#include "sim/relay/router.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/part_support.h"

using cablesim::ChannelId;
using cablesim::Classification;
using cablesim::Clearance;
using cablesim::Duration;
using cablesim::kNone;
using cablesim::Network;
using cablesim::StationId;
using cablesim::testing::Bench;

namespace {

struct LinkSpec {
  int a, b;
  std::int64_t cost;  // in routing units (ns of equivalent delay)
  std::uint8_t clearance = Clearance::kNoLimit;
};

// Stations by RI (each cleared as given, default no limit), links with explicit costs.
Network Build(const std::vector<std::string>& ris, const std::vector<LinkSpec>& links,
              const std::vector<std::uint8_t>& station_clearance = {}) {
  Network net;
  for (std::size_t i = 0; i < ris.size(); ++i) {
    cablesim::Station s = cablesim::testing::StationWith(ris[i], Duration());
    if (i < station_clearance.size()) s.clearance.level = station_clearance[i];
    net.AddStation(s);
  }
  for (const LinkSpec& spec : links) {
    cablesim::Link l;
    l.a = static_cast<StationId>(spec.a);
    l.b = static_cast<StationId>(spec.b);
    l.cost = spec.cost;
    l.clearance.level = spec.clearance;
    net.AddLink(l);
  }
  REQUIRE(net.Finalize().ok());
  return net;
}

constexpr std::uint8_t kConfidential = 1, kSecret = 2;

// The square A - B - D - C - A: A to D by B costs 2, by C 3; B is cleared for CONFIDENTIAL
// only, the link C - D for SECRET only.
enum : StationId { A, B, C, D };
Network Square() {
  return Build({"RAAA", "RBBB", "RCCC", "RDDD"},
               {{A, B, 1}, {A, C, 1}, {B, D, 1}, {C, D, 2, kSecret}},
               {Clearance::kNoLimit, kConfidential});
}

// The router of a network, with the transmitters whose channels it asks about.
struct RouterBench {
  explicit RouterBench(const Network& net)
      : b(net), tx(net, b.options, b.sim, b.copies), router(net, tx) {}
  ChannelId Between(StationId from, StationId to) const { return *b.net.ChannelBetween(from, to); }
  /// Both directions of the link between x and y go down (or up), as a fault has them.
  void Link(StationId x, StationId y, bool down) {
    tx.SetDown(Between(x, y), down);
    tx.SetDown(Between(y, x), down);
    router.WorkingChanged();
  }
  Bench b;
  cablesim::relay::Transmitters tx;
  cablesim::relay::Router router;
};

}  // namespace

TEST_CASE("traffic no clearance restricts follows the routing table") {
  const Network net = Square();
  RouterBench t(net);
  CHECK_FALSE(net.Restricts(Classification::kConfidential));
  CHECK(t.router.Next(A, D, Classification::kUnclassified, false) == t.Between(A, B));
  CHECK(t.router.Next(A, D, Classification::kConfidential, false) == t.Between(A, B));
  CHECK(t.router.Next(C, B, Classification::kUnclassified, false) == net.NextChannel(C, B));
}

TEST_CASE("a restricted classification goes by the links and stations cleared for it") {
  const Network net = Square();
  RouterBench t(net);
  REQUIRE(net.Restricts(Classification::kSecret));
  // Not through B (CONFIDENTIAL only): by C, the dearer way.
  CHECK(t.router.Next(A, D, Classification::kSecret, false) == t.Between(A, C));
  CHECK(t.router.Next(C, D, Classification::kSecret, false) == t.Between(C, D));
  CHECK(t.router.Next(D, A, Classification::kSecret, false) == t.Between(D, C));
}

TEST_CASE("no cleared way leads on: kNone") {
  const Network net = Square();
  RouterBench t(net);
  // TOP SECRET may not pass B nor cross C - D: nothing leads from A to D.
  CHECK(t.router.Next(A, D, Classification::kTopSecret, false) == kNone);
  CHECK(t.router.Next(A, C, Classification::kTopSecret, false) == t.Between(A, C));
  // B itself is not cleared for SECRET: nothing reaches it.
  CHECK(t.router.Next(A, B, Classification::kSecret, false) == kNone);
}

TEST_CASE("a copy on a detour goes over what is working now") {
  const Network net = Square();
  RouterBench t(net);
  CHECK(t.router.Next(A, D, Classification::kUnclassified, true) == t.Between(A, B));
  t.Link(A, B, true);
  CHECK(t.router.Next(A, D, Classification::kUnclassified, true) == t.Between(A, C));
  CHECK(t.router.Next(A, B, Classification::kUnclassified, true) == t.Between(A, C));
  // A copy not on a detour keeps to the table, down or not.
  CHECK(t.router.Next(A, D, Classification::kUnclassified, false) == t.Between(A, B));
  t.Link(A, B, false);
  CHECK(t.router.Next(A, D, Classification::kUnclassified, true) == t.Between(A, B));
}

TEST_CASE("a detour with no working way keeps to the usual way") {
  const Network net = Square();
  RouterBench t(net);
  t.Link(A, B, true);
  t.Link(A, C, true);
  CHECK(t.router.Next(A, D, Classification::kUnclassified, true) == t.Between(A, B));  // table
  CHECK(t.router.Next(A, D, Classification::kSecret, true) == t.Between(A, C));  // cleared way
}

namespace {

// Around B, the copy's station, which it reached from A and where it waits on B -> D:
//   A - B 2, A - D 2, B - D 3, A - X 1, B - X 1, B - C 2, C - D 3, B - Y 1 (Y: only B).
// X's best way to D is by A (3 against 4), C's is direct, Y's is by B.
enum : StationId { kA, kB, kC, kD, kX, kY };
Network AroundB() {
  return Build({"RAAA", "RBBB", "RCCC", "RDDD", "RXXX", "RAYY"}, {{kA, kB, 2},
                                                                  {kA, kD, 2},
                                                                  {kB, kD, 3},
                                                                  {kA, kX, 1},
                                                                  {kB, kX, 1},
                                                                  {kB, kC, 2},
                                                                  {kC, kD, 3},
                                                                  {kB, kY, 1}});
}

}  // namespace

TEST_CASE("the alternative hop never leads back the way the copy came, nor back through here") {
  const Network net = AroundB();
  RouterBench t(net);
  REQUIRE(net.NextHop(kB, kD) == kD);
  const ChannelId waiting_on = t.Between(kB, kD);
  // A came first (cost 4) but the copy came from it; X (4) leads back through A; Y (5, and
  // its RI sorts before C's) leads back through B. C (2 + 3) is the way.
  CHECK(t.router.AlternativeHop(kB, kD, waiting_on, kA, Classification::kUnclassified) == kC);
  // A copy filed at B came from nowhere: A is the cheapest other way.
  CHECK(t.router.AlternativeHop(kB, kD, waiting_on, cablesim::kNoStation,
                                Classification::kUnclassified) == kA);
}

TEST_CASE("no alternative hop when every other way is down or leads back") {
  const Network net = AroundB();
  RouterBench t(net);
  const ChannelId waiting_on = t.Between(kB, kD);
  t.tx.SetDown(t.Between(kB, kC), true);  // B's transmitter to C is out of service
  CHECK_FALSE(
      t.router.AlternativeHop(kB, kD, waiting_on, kA, Classification::kUnclassified).has_value());
  t.tx.SetDown(t.Between(kB, kC), false);
  t.Link(kC, kD, true);  // C's only way to D is now back through B
  CHECK_FALSE(
      t.router.AlternativeHop(kB, kD, waiting_on, kA, Classification::kUnclassified).has_value());
}

TEST_CASE("the alternative hop for a restricted classification is over cleared links only") {
  const Network net =
      Build({"RAAA", "RBBB", "RCCC", "RDDD", "REEE"},
            {{A, B, 1}, {B, D, 1}, {B, C, 1, kConfidential}, {C, D, 1}, {B, 4, 2}, {4, D, 2}});
  RouterBench t(net);
  const ChannelId waiting_on = t.Between(B, D);
  CHECK(t.router.AlternativeHop(B, D, waiting_on, A, Classification::kConfidential) == C);
  CHECK(t.router.AlternativeHop(B, D, waiting_on, A, Classification::kSecret) == StationId{4});
}
