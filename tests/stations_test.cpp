// Stations (sim/relay/stations.h) on their own: copies filed or arriving at a station are
// handled at once, or by operators in precedence order as they come free or come on duty;
// a station that is down holds what it handled until it is back. Exact times.
#include "sim/relay/stations.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/engine/random.h"
#include "sim/relay/shift_clock.h"
#include "sim/stats/run_lists.h"
#include "tests/part_support.h"

using cablesim::CopyRecord;
using cablesim::DelayPart;
using cablesim::Discipline;
using cablesim::Duration;
using cablesim::Event;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::RelayOptions;
using cablesim::SimTime;
using cablesim::Station;
using cablesim::StationId;
using cablesim::testing::Bench;
using cablesim::testing::BuildNetwork;
using cablesim::testing::kS;
using cablesim::testing::kTestFile;
using cablesim::testing::StationWith;

namespace {

constexpr std::uint8_t kStationUp = 120;  // a = station: one outage of it ends

// RAAA (station 0) as given, linked to RBBB (no limit, no processing).
Network Pair(const Station& a) {
  return BuildNetwork({a, StationWith("RBBB", Duration())}, {{0, 1}}, Duration());
}

Station Staffed(Duration processing, std::uint32_t operators) {
  Station s = StationWith("RAAA", processing);
  s.operators = operators;
  return s;
}

// The stations of a network, driven as the runtime drives them (its OnProcessed without
// the segregation).
struct StationBench {
  explicit StationBench(const Network& net, RelayOptions o = {}, Duration day_offset = {})
      : b(net, std::move(o)),
        clock(net, day_offset),
        stations(net, b.options, b.sim, b.copies, clock) {}

  /// A root copy of 1,000 characters filed at station `at` at `t`.
  std::uint32_t FileAt(SimTime t, Precedence p, StationId at = 0) {
    const std::uint32_t copy =
        b.copies.Make(0, cablesim::kNone, at, cablesim::kNone, {}, p, 1000, b.sim.Now());
    cablesim::relay::StartClock(b.copies[copy], t);
    b.sim.ScheduleAt(t, kTestFile, copy, at);
    return copy;
  }
  auto Handler() {
    return [this](const Event& e) {
      switch (e.kind) {
        case kTestFile:
          stations.ReceiveFiled(e.a, e.b);
          break;
        case cablesim::relay::kArrived:
          stations.Arrive(e.a, At(b.copies[e.a]));
          break;
        case cablesim::relay::kShiftChange:
          stations.OnShiftChange(e.a);
          break;
        case kStationUp:
          stations.SetDown(e.a, false, SimTime());
          break;
        case cablesim::relay::kProcessed:
          Processed(e.a);
          break;
        default:
          FAIL("unexpected event kind ", int{e.kind});
      }
    };
  }
  void RunUntil(SimTime end) { b.sim.RunUntil(end, Handler()); }
  void Run() { b.sim.Run(Handler()); }
  StationId At(const CopyRecord& c) const {
    return c.channel == cablesim::kNone ? c.from : b.net.ChannelTo(c.channel);
  }
  void Processed(std::uint32_t copy) {
    REQUIRE(++handlings < 1000);  // a hold that never ends would loop here
    CopyRecord& c = b.copies[copy];
    const StationId at = At(c);
    cablesim::relay::Charge(c, c.held ? DelayPart::kOutage : DelayPart::kProcessing, b.sim.Now());
    c.held = stations.Down(at);
    if (c.held) {
      stations.HoldUntilUp(copy, at);
      return;
    }
    done.emplace_back(copy, b.sim.Now().ns() / kS);
    if (stations.Staffed(at)) stations.Release(copy, at, c.handled);
  }

  Bench b;
  cablesim::relay::ShiftClock clock;
  cablesim::relay::Stations stations;
  std::vector<std::pair<std::uint32_t, std::int64_t>> done;  // (copy, handled by then, s)
  int handlings = 0;
};

using Done = std::vector<std::pair<std::uint32_t, std::int64_t>>;
using Parts = std::vector<std::int64_t>;  // operator wait, processing, queued, transmitting,
                                          // preemption, outage, propagation, minimized, rerun

}  // namespace

TEST_CASE("the total wait for an operator may pass the 292 years a Duration holds") {
  // 500 copies filed at once before one operator who takes a day over each: they wait 0, 1,
  // ..., 499 days, 124,750 days (341 years) in all, the run itself 500 days. The total in a
  // Duration stopped such a run as "out of range".
  constexpr std::int64_t kDay = 86400;
  const Network net = Pair(Staffed(Duration::Seconds(kDay), 1));
  StationBench t(net);
  for (int k = 0; k < 500; ++k) t.FileAt(SimTime(), Precedence::kRoutine);
  t.Run();
  CHECK(t.done.size() == 500);
  const cablesim::StationStats& s = t.stations.stats()[0];
  CHECK(s.waited.ns() == static_cast<__int128>(124750) * kDay * kS);
  CHECK(s.busy == Duration::Seconds(500 * kDay));
  CHECK(cablesim::MeanWaitSeconds(s) == 249.5 * kDay);
}

TEST_CASE("one operator takes copies up by precedence, first come first served within one") {
  const Network net = Pair(Staffed(Duration::Seconds(10), 1));
  StationBench t(net);
  const auto r0 = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto r1 = t.FileAt(SimTime::Seconds(1), Precedence::kRoutine);
  const auto p = t.FileAt(SimTime::Seconds(2), Precedence::kPriority);
  const auto f = t.FileAt(SimTime::Seconds(3), Precedence::kFlash);
  const auto i = t.FileAt(SimTime::Seconds(3), Precedence::kImmediate);
  t.RunUntil(SimTime::Seconds(5));
  CHECK(t.stations.Waiting(0) == 4);
  t.Run();
  CHECK(t.done == Done{{r0, 10}, {f, 20}, {i, 30}, {p, 40}, {r1, 50}});
  CHECK(t.b.Anatomy(p) == Parts{28, 10, 0, 0, 0, 0, 0, 0, 0});  // waited 2-30 s
  CHECK(t.b.copies[p].arrived == SimTime::Seconds(2));
  CHECK(t.b.copies[p].handled == SimTime::Seconds(30));
  const cablesim::StationStats& s = t.stations.stats()[0];
  CHECK(s.processed == 5);
  CHECK(s.max_waiting == 4);
  CHECK(s.waited == Duration::Seconds(7 + 17 + 28 + 39));
  CHECK(s.busy == Duration::Seconds(50));
  CHECK(t.stations.stats()[1].processed == 0);  // no limit: not counted
}

TEST_CASE("under fifo the operators take copies up in order of arrival") {
  const Network net = Pair(Staffed(Duration::Seconds(10), 2));
  RelayOptions o;
  o.station_discipline[0] = Discipline::kFifo;
  StationBench t(net, o);
  const auto r0 = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto r1 = t.FileAt(SimTime::Seconds(1), Precedence::kRoutine);
  const auto p = t.FileAt(SimTime::Seconds(2), Precedence::kPriority);
  const auto f = t.FileAt(SimTime::Seconds(3), Precedence::kFlash);
  t.Run();
  CHECK(t.done == Done{{r0, 10}, {r1, 11}, {p, 20}, {f, 21}});
}

TEST_CASE("a station without an operator limit handles each copy as it comes") {
  Station a = StationWith("RAAA", Duration::Seconds(10));
  a.per_char = Duration::Milliseconds(1);  // 1,000 characters: 1 s more
  const Network net = Pair(a);
  StationBench t(net);
  const auto x = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto y = t.FileAt(SimTime(), Precedence::kRoutine);
  // A copy over channel 1 (RBBB -> RAAA) whose transmission ends now, 2 s from RAAA.
  const auto z = t.b.Copy(1, Precedence::kRoutine);
  cablesim::relay::ChargeAhead(t.b.copies[z], DelayPart::kPropagation, Duration::Seconds(2));
  t.stations.Receive(z, 0, Duration::Seconds(2));
  CHECK_FALSE(t.stations.Staffed(0));
  t.Run();
  CHECK(t.done == Done{{x, 11}, {y, 11}, {z, 13}});
  CHECK(t.b.copies[z].arrived == SimTime::Seconds(2));
  CHECK(t.b.copies[z].handled == SimTime::Seconds(2));
  CHECK(t.b.Anatomy(z) == Parts{0, 11, 0, 0, 0, 0, 2, 0, 0});
}

TEST_CASE("a copy sent to a staffed station arrives after the propagation, then waits") {
  const Network net = Pair(Staffed(Duration::Seconds(10), 1));
  StationBench t(net);
  const auto first = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto z = t.b.Copy(1, Precedence::kRoutine);
  cablesim::relay::ChargeAhead(t.b.copies[z], DelayPart::kPropagation, Duration::Seconds(2));
  t.stations.Receive(z, 0, Duration::Seconds(2));
  t.Run();
  CHECK(t.done == Done{{first, 10}, {z, 20}});
  CHECK(t.b.copies[z].arrived == SimTime::Seconds(2));
  CHECK(t.b.Anatomy(z) == Parts{8, 10, 0, 0, 0, 0, 2, 0, 0});
}

TEST_CASE("a copy arriving as a shift comes on waits behind those already waiting") {
  // One operator from 00:00, two from 01:00; two hours a copy. `first` (00:00) takes the one
  // operator, `waiting` waits from 00:10, `c` arrives at 01:00, the instant the second
  // operator comes on (its arrival is heard before the shift change).
  Station a = Staffed(Duration::Hours(2), 2);
  a.shifts = {{Duration(), 1}, {Duration::Hours(1), 2}};
  const Network net = Pair(a);
  for (const Precedence c_precedence : {Precedence::kRoutine, Precedence::kFlash}) {
    CAPTURE(static_cast<int>(c_precedence));
    StationBench t(net);
    const auto first = t.FileAt(SimTime(), Precedence::kRoutine);
    const auto waiting = t.FileAt(SimTime::Minutes(10), Precedence::kRoutine);
    const auto c = t.FileAt(SimTime::Hours(1), c_precedence);  // before the shift change
    t.Run();
    if (c_precedence == Precedence::kRoutine) {
      CHECK(t.done == Done{{first, 2 * 3600}, {waiting, 3 * 3600}, {c, 4 * 3600}});
      CHECK(t.b.copies[c].handled == SimTime::Hours(2));
    } else {
      // A copy that ranks higher goes first, as it would at any other time.
      CHECK(t.done == Done{{first, 2 * 3600}, {c, 3 * 3600}, {waiting, 4 * 3600}});
    }
    // The shift change watched for the last copy waiting was cancelled when it was taken
    // up: the run ended with the last handling, not at the next day's shift.
    CHECK(t.b.sim.Now() == SimTime::Hours(4));
    CHECK(t.b.sim.pending() == 0);
  }
}

TEST_CASE("handover: the incoming shift waits for the copies in hand, or comes on whole") {
  // One operator on each shift, the second from 01:00; two hours a copy. `first` is taken up
  // at 00:00; `second` arrives at 00:10 and waits. Under finish (the default) the incoming
  // operator takes over `first`'s position when it is done (02:00); under overtime the
  // outgoing operator finishes `first` while the incoming one takes up `second` at 01:00.
  for (const cablesim::ShiftHandover handover :
       {cablesim::ShiftHandover::kFinish, cablesim::ShiftHandover::kOvertime}) {
    const bool overtime = handover == cablesim::ShiftHandover::kOvertime;
    CAPTURE(overtime);
    Station a = Staffed(Duration::Hours(2), 1);
    a.shifts = {{Duration(), 1}, {Duration::Hours(1), 1}};
    a.handover = handover;
    const Network net = Pair(a);
    StationBench t(net);
    const auto first = t.FileAt(SimTime(), Precedence::kRoutine);
    const auto second = t.FileAt(SimTime::Minutes(10), Precedence::kRoutine);
    t.Run();
    if (overtime) {
      CHECK(t.done == Done{{first, 2 * 3600}, {second, 3 * 3600}});
      CHECK(t.b.copies[second].handled == SimTime::Hours(1));
    } else {
      CHECK(t.done == Done{{first, 2 * 3600}, {second, 4 * 3600}});
      CHECK(t.b.copies[second].handled == SimTime::Hours(2));
    }
    CHECK(t.b.sim.pending() == 0);
  }
}

TEST_CASE("the shift change is watched only while copies wait") {
  // One operator until 06:00, two after; an hour a copy.
  Station a = Staffed(Duration::Hours(1), 2);
  a.shifts = {{Duration(), 1}, {Duration::Hours(6), 2}};
  const Network net = Pair(a);
  StationBench t(net);
  t.FileAt(SimTime(), Precedence::kRoutine);
  t.RunUntil(SimTime::Minutes(5));
  CHECK(t.b.sim.pending() == 1);  // its handling only: nothing waits
  t.FileAt(SimTime::Minutes(10), Precedence::kRoutine);
  t.RunUntil(SimTime::Minutes(30));
  CHECK(t.stations.Waiting(0) == 1);
  CHECK(t.b.sim.pending() == 2);  // the first copy's handling and the 06:00 shift change
  t.RunUntil(SimTime::Minutes(61));
  CHECK(t.stations.Waiting(0) == 0);
  CHECK(t.b.sim.pending() == 1);  // the second copy's handling: the watch was cancelled
  t.Run();
  CHECK(t.b.sim.Now() == SimTime::Hours(2));
}

TEST_CASE("copies waiting at night are taken up when the day shift comes on") {
  // One operator until 06:00, two after; three hours a copy; simulated time 0 is 05:00.
  Station a = Staffed(Duration::Hours(3), 2);
  a.shifts = {{Duration(), 1}, {Duration::Hours(6), 2}};
  const Network net = Pair(a);
  StationBench t(net, {}, Duration::Hours(5));
  const auto x = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto y = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto z = t.FileAt(SimTime(), Precedence::kRoutine);
  t.Run();
  // x 05:00-08:00; y taken up by the day shift's second operator at 06:00 (06:00-09:00); z by
  // x's operator at 08:00 (08:00-11:00).
  CHECK(t.done == Done{{x, 3 * 3600}, {y, 4 * 3600}, {z, 6 * 3600}});
  CHECK(t.b.copies[y].handled == SimTime::Hours(1));
  CHECK(t.stations.OnDuty(0, SimTime()) == 1);
  CHECK(t.stations.OnDuty(0, SimTime::Hours(1)) == 2);
  CHECK(t.b.sim.Now() == SimTime::Hours(6));  // no shift watched after z was taken up
}

TEST_CASE("a station that is down holds what it handled until it is back") {
  const Network net = Pair(StationWith("RAAA", Duration::Seconds(20)));
  StationBench t(net);
  t.stations.SetDown(0, true, SimTime::Seconds(50));
  t.stations.SetDown(0, true, SimTime::Seconds(30));  // overlapping: the later end holds
  t.b.sim.ScheduleAt(SimTime::Seconds(30), kStationUp, 0);
  t.b.sim.ScheduleAt(SimTime::Seconds(50), kStationUp, 0);
  const auto x = t.FileAt(SimTime(), Precedence::kRoutine);
  t.RunUntil(SimTime::Seconds(40));
  CHECK(t.stations.Down(0));
  t.Run();
  CHECK_FALSE(t.stations.Down(0));
  CHECK(t.done == Done{{x, 50}});
  CHECK(t.b.Anatomy(x) == Parts{0, 20, 0, 0, 0, 30, 0, 0, 0});
}

TEST_CASE("exponential handling draws from the station's own stream") {
  Station a = StationWith("RAAA", Duration::Seconds(10));
  a.processing_law = cablesim::ProcessingLaw::kExponential;
  a.per_char = Duration::Milliseconds(1);
  const Network net = Pair(a);
  RelayOptions o;
  o.seed = 7;
  StationBench t(net, o);
  const auto x = t.FileAt(SimTime(), Precedence::kRoutine);
  const auto y = t.FileAt(SimTime(), Precedence::kRoutine);
  t.Run();
  cablesim::RandomStream stream(7, cablesim::kStationStreamBase + 0);
  const Duration per_char = Duration::Seconds(1);
  const Duration first = Duration::FromSecondsRounded(stream.Exponential(10.0)) + per_char;
  const Duration second = Duration::FromSecondsRounded(stream.Exponential(10.0)) + per_char;
  CHECK(first != second);
  CHECK(t.b.copies[x].so_far[DelayPart::kProcessing] == first.ns());
  CHECK(t.b.copies[y].so_far[DelayPart::kProcessing] == second.ns());
}

TEST_CASE("the books close with the handling in progress counted as operator time") {
  const Network net = Pair(Staffed(Duration::Seconds(10), 1));
  StationBench t(net);
  t.FileAt(SimTime(), Precedence::kRoutine);
  t.RunUntil(SimTime::Seconds(4));
  t.stations.CloseBooks();
  CHECK(t.stations.stats()[0].busy == Duration::Seconds(4));
  CHECK(t.stations.stats()[0].processed == 1);
}
