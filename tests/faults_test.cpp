// Faults (sim/relay/faults.h) on their own: a link fault takes both its directions down, a
// station fault every channel from or to the station and the station itself, for their
// length; overlapping outages each count; routes over what is working are computed afresh.
#include "sim/relay/faults.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <variant>
#include <vector>

#include "sim/relay/router.h"
#include "sim/relay/shift_clock.h"
#include "sim/relay/stations.h"
#include "tests/part_support.h"

using cablesim::Classification;
using cablesim::Duration;
using cablesim::Event;
using cablesim::Fault;
using cablesim::LinkFault;
using cablesim::Network;
using cablesim::SimTime;
using cablesim::StationFault;
using cablesim::testing::Bench;
using cablesim::testing::MakeNetwork;

namespace {

// RAAA (0) - RBBB (1) - RCCC (2) and RAAA - RCCC: channels 0, 1 (A - B), 2, 3 (B - C),
// 4, 5 (A - C).
Network Triangle() {
  return MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}, {0, 2}}, Duration(), Duration());
}

Fault At(int at_s, int length_s, std::variant<LinkFault, StationFault> what) {
  return Fault{what, SimTime::Seconds(at_s), Duration::Seconds(length_s)};
}

// The faults of a run and the parts they take down.
struct FaultBench {
  explicit FaultBench(const Network& net)
      : b(net),
        tx(net, b.options, b.sim, b.copies),
        clock(net, Duration()),
        stations(net, b.options, b.sim, b.copies, clock),
        router(net, tx),
        faults(net, b.sim) {}

  void RunUntil(int s) {
    b.sim.RunUntil(SimTime::Seconds(s), [this](const Event& e) {
      switch (e.kind) {
        case cablesim::relay::kFaultStart:
        case cablesim::relay::kFaultEnd:
          faults.Apply(e.a, e.kind == cablesim::relay::kFaultStart, tx, stations, router);
          break;
        case cablesim::relay::kProcessed:
          processed.push_back(b.sim.Now().ns() / cablesim::testing::kS);
          break;
        default:
          FAIL("unexpected event kind ", int{e.kind});
      }
    });
  }
  /// Channels down now, in order.
  std::vector<cablesim::ChannelId> Down() const {
    std::vector<cablesim::ChannelId> out;
    for (cablesim::ChannelId c = 0; c < b.net.channel_count(); ++c) {
      if (tx.Down(c)) out.push_back(c);
    }
    return out;
  }

  Bench b;
  cablesim::relay::Transmitters tx;
  cablesim::relay::ShiftClock clock;
  cablesim::relay::Stations stations;
  cablesim::relay::Router router;
  cablesim::relay::Faults faults;
  std::vector<std::int64_t> processed;  // when each kProcessed ran, s
};

using Channels = std::vector<cablesim::ChannelId>;

}  // namespace

TEST_CASE("a station fault takes the station and its channels down, then up") {
  const Network net = Triangle();
  FaultBench t(net);
  t.faults.Add(At(10, 20, StationFault{1}));
  t.RunUntil(9);
  CHECK(t.Down().empty());
  CHECK_FALSE(t.stations.Down(1));
  t.RunUntil(10);
  CHECK(t.Down() == Channels{0, 1, 2, 3});
  CHECK(t.stations.Down(1));
  CHECK_FALSE(t.stations.Down(0));
  t.RunUntil(29);
  CHECK(t.stations.Down(1));
  t.RunUntil(30);
  CHECK(t.Down().empty());
  CHECK_FALSE(t.stations.Down(1));
}

TEST_CASE("a link fault takes both its directions down, and only them") {
  const Network net = Triangle();
  FaultBench t(net);
  t.faults.Add(At(5, 10, LinkFault{2}));
  t.RunUntil(6);
  CHECK(t.Down() == Channels{4, 5});
  CHECK_FALSE(t.stations.Down(0));
  CHECK_FALSE(t.stations.Down(2));
  t.RunUntil(15);
  CHECK(t.Down().empty());
}

TEST_CASE("overlapping faults keep a channel down until the last of them ends") {
  const Network net = Triangle();
  FaultBench t(net);
  t.faults.Add(At(10, 20, StationFault{1}));  // 10-30: channels 0-3
  t.faults.Add(At(20, 20, LinkFault{0}));     // 20-40: channels 0, 1
  t.RunUntil(25);
  CHECK(t.Down() == Channels{0, 1, 2, 3});
  t.RunUntil(30);
  CHECK(t.Down() == Channels{0, 1});
  CHECK_FALSE(t.stations.Down(1));
  t.RunUntil(40);
  CHECK(t.Down().empty());
}

TEST_CASE("a fault added after its start begins now and lasts its length") {
  const Network net = Triangle();
  FaultBench t(net);
  t.RunUntil(50);
  t.faults.Add(At(40, 10, LinkFault{1}));
  t.RunUntil(59);
  CHECK(t.Down() == Channels{2, 3});
  t.RunUntil(60);
  CHECK(t.Down().empty());
}

TEST_CASE("a station fault tells the station when it will be back") {
  const Network net = Triangle();
  FaultBench t(net);
  t.faults.Add(At(10, 20, StationFault{1}));
  t.RunUntil(12);
  t.stations.HoldUntilUp(t.b.Copy(0, cablesim::Precedence::kRoutine), 1);
  t.RunUntil(100);
  CHECK(t.processed == std::vector<std::int64_t>{30});
}

TEST_CASE("a station fault ending past half the simulated time's range ends as planned") {
  // 1 s + 160 years: its end is in range, but not twice its length.
  const Network net = Triangle();
  FaultBench t(net);
  const auto years = static_cast<std::int64_t>(160LL * 365 * 86400);
  Fault f = At(1, 0, StationFault{1});
  f.length = Duration::Seconds(years);
  t.faults.Add(f);
  t.b.sim.RunUntil(SimTime::Max(), [&t](const Event& e) {
    t.faults.Apply(e.a, e.kind == cablesim::relay::kFaultStart, t.tx, t.stations, t.router);
  });
  CHECK(t.b.sim.Now() == SimTime::Seconds(1 + years));
  CHECK_FALSE(t.stations.Down(1));
  CHECK(t.Down().empty());
}

TEST_CASE("routes over what is working are computed afresh as a fault begins and ends") {
  const Network net = Triangle();
  FaultBench t(net);
  t.faults.Add(At(10, 20, LinkFault{2}));
  const auto next = [&] { return t.router.Next(0, 2, Classification::kUnclassified, true); };
  CHECK(next() == 4);  // A -> C direct
  t.RunUntil(10);
  CHECK(next() == 0);  // by B
  t.RunUntil(30);
  CHECK(next() == 4);
}
