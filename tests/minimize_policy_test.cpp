// MinimizePolicy (sim/relay/minimize_policy.h) on its own: what the MINIMIZE orders in force
// say of a message of a precedence at a station at a time: refuse, hold until when, or
// neither.
#include "sim/relay/minimize_policy.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "tests/relay_support.h"

using cablesim::Duration;
using cablesim::MinimizeOrder;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::StationId;
using cablesim::relay::MinimizePolicy;
using cablesim::testing::MakeNetwork;

namespace {

Network ThreeStations() {
  return MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}}, Duration(), Duration());
}

MinimizeOrder Order(int at_s, Duration length, Precedence below, bool refuse,
                    std::vector<StationId> stations = {}) {
  MinimizeOrder o;
  o.at = SimTime::Seconds(at_s);
  o.length = length;
  o.below = below;
  o.refuse = refuse;
  o.stations = std::move(stations);
  return o;
}

bool Refuses(const MinimizePolicy& p, Precedence prec, StationId at, int t_s) {
  return p.At(prec, at, SimTime::Seconds(t_s)).refuse;
}

// The hold's end in seconds; -1 for no hold.
std::int64_t HoldUntil(const MinimizePolicy& p, Precedence prec, StationId at, int t_s) {
  const auto v = p.At(prec, at, SimTime::Seconds(t_s));
  return v.hold_until ? v.hold_until->ns() / cablesim::testing::kS : -1;
}

}  // namespace

TEST_CASE("no order says nothing") {
  const Network net = ThreeStations();
  const MinimizePolicy policy(net);
  CHECK(policy.empty());
  const auto v = policy.At(Precedence::kRoutine, 0, SimTime());
  CHECK_FALSE(v.refuse);
  CHECK_FALSE(v.hold_until.has_value());
}

TEST_CASE("a hold order holds what is below its precedence from its start to its end") {
  const Network net = ThreeStations();
  MinimizePolicy policy(net);
  policy.Add(Order(10, Duration::Seconds(100), Precedence::kImmediate, false));
  CHECK_FALSE(policy.empty());
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 9) == -1);    // not yet
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 10) == 110);  // from its start
  CHECK(HoldUntil(policy, Precedence::kPriority, 2, 109) == 110);
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 110) == -1);   // ended
  CHECK(HoldUntil(policy, Precedence::kImmediate, 0, 50) == -1);  // not below IMMEDIATE
  CHECK(HoldUntil(policy, Precedence::kFlash, 0, 50) == -1);
  CHECK_FALSE(Refuses(policy, Precedence::kRoutine, 0, 50));
}

TEST_CASE("a refusing order beats a hold, whichever was given first") {
  const Network net = ThreeStations();
  for (const bool refuse_first : {false, true}) {
    CAPTURE(refuse_first);
    MinimizePolicy policy(net);
    const MinimizeOrder hold = Order(10, Duration::Seconds(100), Precedence::kImmediate, false);
    const MinimizeOrder refuse = Order(50, Duration::Seconds(20), Precedence::kPriority, true);
    policy.Add(refuse_first ? refuse : hold);
    policy.Add(refuse_first ? hold : refuse);
    const auto v = policy.At(Precedence::kRoutine, 1, SimTime::Seconds(60));
    CHECK(v.refuse);
    CHECK_FALSE(v.hold_until.has_value());
    // PRIORITY is not below the refusing order's PRIORITY: only held.
    CHECK_FALSE(Refuses(policy, Precedence::kPriority, 1, 60));
    CHECK(HoldUntil(policy, Precedence::kPriority, 1, 60) == 110);
    // Once the refusing order ended (at 70 s), ROUTINE is held again.
    CHECK_FALSE(Refuses(policy, Precedence::kRoutine, 1, 70));
    CHECK(HoldUntil(policy, Precedence::kRoutine, 1, 70) == 110);
  }
}

TEST_CASE("overlapping holds hold until the latest end of those in force") {
  const Network net = ThreeStations();
  MinimizePolicy policy(net);
  policy.Add(Order(0, Duration::Seconds(200), Precedence::kImmediate, false));
  policy.Add(Order(10, Duration::Seconds(50), Precedence::kImmediate, false));  // to 60
  policy.Add(Order(20, Duration::Seconds(300), Precedence::kPriority, false));  // to 320
  CHECK(HoldUntil(policy, Precedence::kPriority, 0, 30) == 200);  // the third does not hold it
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 30) == 320);
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 5) == 200);
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 250) == 320);
}

TEST_CASE("an order for some stations says nothing of the others") {
  const Network net = ThreeStations();
  MinimizePolicy policy(net);
  policy.Add(Order(0, Duration::Seconds(100), Precedence::kImmediate, true, {1}));
  policy.Add(Order(0, Duration::Seconds(100), Precedence::kImmediate, false, {0, 2}));
  CHECK(Refuses(policy, Precedence::kRoutine, 1, 50));
  CHECK(HoldUntil(policy, Precedence::kRoutine, 1, 50) == -1);
  CHECK_FALSE(Refuses(policy, Precedence::kRoutine, 0, 50));
  CHECK(HoldUntil(policy, Precedence::kRoutine, 0, 50) == 100);
  CHECK(HoldUntil(policy, Precedence::kRoutine, 2, 50) == 100);
}

TEST_CASE("an order whose end is past the last simulated time holds until SimTime::Max") {
  const Network net = ThreeStations();
  MinimizePolicy policy(net);
  policy.Add(Order(10, Duration::Max() - Duration::Seconds(5), Precedence::kImmediate, false));
  policy.Add(Order(0, Duration::Seconds(100), Precedence::kImmediate, false));
  const auto v = policy.At(Precedence::kRoutine, 0, SimTime::Seconds(50));
  REQUIRE(v.hold_until.has_value());
  CHECK(*v.hold_until == SimTime::Max());
  CHECK(policy.At(Precedence::kRoutine, 0, SimTime::Days(100'000)).hold_until == SimTime::Max());
  // From the start, a length of exactly SimTime::Max() ends there too.
  MinimizePolicy from_start(net);
  from_start.Add(Order(0, Duration::Max(), Precedence::kFlash, false));
  CHECK(from_start.At(Precedence::kImmediate, 2, SimTime::Days(1)).hold_until == SimTime::Max());
}

TEST_CASE("an order for passing traffic says nothing of messages filed, and the reverse") {
  const Network net = ThreeStations();
  MinimizePolicy p(net);
  MinimizeOrder passing = Order(0, Duration::Seconds(100), Precedence::kImmediate, false, {1});
  passing.filed = false;
  passing.passing = true;
  p.Add(passing);
  MinimizeOrder filed = Order(0, Duration::Seconds(50), Precedence::kImmediate, true, {2});
  p.Add(filed);
  CHECK(p.At(Precedence::kRoutine, 1, SimTime::Seconds(10), true).hold_until ==
        SimTime::Seconds(100));
  CHECK_FALSE(p.At(Precedence::kRoutine, 1, SimTime::Seconds(10)).hold_until.has_value());
  CHECK(Refuses(p, Precedence::kRoutine, 2, 10));  // filed at RCCC
  CHECK_FALSE(p.At(Precedence::kRoutine, 2, SimTime::Seconds(10), true).refuse);
}
