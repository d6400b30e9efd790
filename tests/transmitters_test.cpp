// Transmitters (sim/relay/transmitters.h) on their own: one link RAAA - RBBB of 1000 bit/s
// (1,000 characters: 8 s) with 1 s of propagation; copies handed to channel 0 (RAAA -> RBBB)
// at given seconds. Exact order, anatomy parts and figures per discipline, preemption,
// outages and backlog.
#include "sim/relay/transmitters.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "tests/part_support.h"

using cablesim::ChannelId;
using cablesim::CopyState;
using cablesim::Discipline;
using cablesim::Duration;
using cablesim::Event;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::RelayOptions;
using cablesim::SimTime;
using cablesim::testing::Bench;
using cablesim::testing::kS;
using cablesim::testing::kTestDown;
using cablesim::testing::kTestUp;
using cablesim::testing::MakeNetwork;

namespace {

Network OneLink() {
  return MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration::Seconds(1));
}

RelayOptions With(Discipline d) {
  RelayOptions o;
  o.discipline = d;
  return o;
}

// The transmitters of a network, driven as the runtime drives them.
struct TxBench {
  TxBench(const Network& net, RelayOptions o)
      : b(net, std::move(o)), tx(net, b.options, b.sim, b.copies) {}

  /// A copy of 1,000 characters handed to channel 0 at `s` seconds.
  std::uint32_t At(int s, Precedence p, ChannelId channel = 0) {
    return b.EnqueueAt(SimTime::Seconds(s), channel, p);
  }
  void Outage(int from_s, int to_s, ChannelId channel = 0) {
    b.sim.ScheduleAt(SimTime::Seconds(from_s), kTestDown, channel);
    b.sim.ScheduleAt(SimTime::Seconds(to_s), kTestUp, channel);
  }
  auto Handler() {
    return [this](const Event& e) {
      if (e.kind == cablesim::relay::kTxEnd) {
        cablesim::testing::EndTransmission(b, tx, e.a, e.b);
        ends.emplace_back(e.b, b.sim.Now().ns() / kS);
        return;
      }
      REQUIRE(cablesim::testing::HandleTestTx(tx, e));
    };
  }
  void RunUntil(SimTime end) { b.sim.RunUntil(end, Handler()); }
  void Run() { b.sim.Run(Handler()); }

  Bench b;
  cablesim::relay::Transmitters tx;
  std::vector<std::pair<std::uint32_t, std::int64_t>> ends;  // (copy, end of its transmission s)
};

using Ends = std::vector<std::pair<std::uint32_t, std::int64_t>>;
using Parts = std::vector<std::int64_t>;  // operator wait, processing, queued, transmitting,
                                          // preemption, outage, propagation, minimized, rerun

// The four disciplines as types, for the suite each of them must pass (STYLE.md 5). Five
// copies handed to channel 0: R0 (ROUTINE) at 0 s, R1 (ROUTINE) at 1 s, P (PRIORITY) at 2 s,
// F (FLASH) at 3 s, R2 (ROUTINE) at 4 s, 8 s each on the wire. kEnds: (copy, end of its
// transmission in s) in the order they end; kThrownAway: the seconds of R0 that F's
// interruption throws away; kInterruptions: how many transmissions are interrupted.
struct Fifo {  // in order of arrival
  static constexpr Discipline kDiscipline = Discipline::kFifo;
  static constexpr std::array<std::pair<int, int>, 5> kEnds = {
      {{0, 8}, {1, 16}, {2, 24}, {3, 32}, {4, 40}}};
  static constexpr int kThrownAway = 0, kInterruptions = 0;
};
struct Priority {  // F, then P, jump the queue but wait for R0 in progress
  static constexpr Discipline kDiscipline = Discipline::kPriority;
  static constexpr std::array<std::pair<int, int>, 5> kEnds = {
      {{0, 8}, {3, 16}, {2, 24}, {1, 32}, {4, 40}}};
  static constexpr int kThrownAway = 0, kInterruptions = 0;
};
struct PreemptRestart {  // F interrupts R0 at 3 s; R0, first of the ROUTINEs, starts again
  static constexpr Discipline kDiscipline = Discipline::kPreemptRestart;
  static constexpr std::array<std::pair<int, int>, 5> kEnds = {
      {{3, 11}, {2, 19}, {0, 27}, {1, 35}, {4, 43}}};
  static constexpr int kThrownAway = 3, kInterruptions = 1;
};
struct PreemptResume {  // F interrupts R0 at 3 s; R0 later sends the 5 s it had left
  static constexpr Discipline kDiscipline = Discipline::kPreemptResume;
  static constexpr std::array<std::pair<int, int>, 5> kEnds = {
      {{3, 11}, {2, 19}, {0, 24}, {1, 32}, {4, 40}}};
  static constexpr int kThrownAway = 0, kInterruptions = 1;
};

}  // namespace

TYPE_TO_STRING(Fifo);
TYPE_TO_STRING(Priority);
TYPE_TO_STRING(PreemptRestart);
TYPE_TO_STRING(PreemptResume);

TEST_CASE_TEMPLATE(
    "each discipline sends every copy once in its order, never idles while one waits, and books "
    "each copy's time whole",
    D, Fifo, Priority, PreemptRestart, PreemptResume) {
  const Network net = OneLink();
  TxBench t(net, With(D::kDiscipline));
  const std::array<std::pair<int, Precedence>, 5> filed = {{{0, Precedence::kRoutine},
                                                            {1, Precedence::kRoutine},
                                                            {2, Precedence::kPriority},
                                                            {3, Precedence::kFlash},
                                                            {4, Precedence::kRoutine}}};
  std::array<std::uint32_t, 5> copy{};
  for (std::size_t i = 0; i < filed.size(); ++i) copy[i] = t.At(filed[i].first, filed[i].second);
  t.Run();
  Ends want;
  for (const auto& [i, end_s] : D::kEnds) {
    want.emplace_back(copy[static_cast<std::size_t>(i)], end_s);
  }
  CHECK(t.ends == want);
  for (const auto& [i, end_s] : D::kEnds) {
    CAPTURE(i);
    const auto k = static_cast<std::size_t>(i);
    // 8 s on the wire (resumed or not), 1 s on the way, the time thrown away to preemption,
    // and the rest queued: the parts add up to the copy's time from handing over to arrival.
    const int thrown = k == 0 ? D::kThrownAway : 0;
    CHECK(t.b.Anatomy(copy[k]) ==
          Parts{0, 0, end_s - filed[k].first - 8 - thrown, 8, thrown, 0, 1, 0, 0});
    CHECK(t.b.copies[copy[k]].remaining == Duration());
  }
  const cablesim::ChannelStats& s = t.tx.stats()[0];
  CHECK(s.copies_sent == 5);
  CHECK(s.busy == Duration::Seconds(D::kEnds.back().second));  // busy from 0 s to the last end
  CHECK(s.interruptions == D::kInterruptions);
  CHECK(t.tx.interruptions().size() == static_cast<std::size_t>(D::kInterruptions));
  CHECK(t.tx.QueueLength(0) == 0);
  CHECK(t.tx.stats()[1].copies_sent == 0);
}

TEST_CASE("priority: while one copy is sent the others wait by precedence in arrival order") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPriority));
  const auto r0 = t.At(0, Precedence::kRoutine);
  t.At(1, Precedence::kRoutine);
  const auto p = t.At(2, Precedence::kPriority);
  const auto f = t.At(3, Precedence::kFlash);
  t.At(4, Precedence::kRoutine);
  t.RunUntil(SimTime::Seconds(5));
  CHECK(t.tx.QueueLength(0) == 4);
  CHECK(t.tx.QueuedByPrecedence(0) == std::array<std::uint32_t, 5>{2, 1, 0, 1, 0});
  CHECK(t.b.copies[r0].state == CopyState::kSending);
  CHECK(t.b.copies[f].state == CopyState::kQueued);
  t.Run();
  // PRIORITY waited from 2 s to 16 s, was sent for 8 s and propagates for 1 s.
  CHECK(t.b.Anatomy(p) == Parts{0, 0, 14, 8, 0, 0, 1, 0, 0});
  CHECK(t.b.copies[p].mark == SimTime::Seconds(25));
  CHECK(t.tx.stats()[0].max_queue == 4);
}

TEST_CASE("a station's own discipline rules its outgoing channels only") {
  const Network net = OneLink();
  RelayOptions o = With(Discipline::kPriority);
  o.station_discipline[1] = Discipline::kFifo;  // RBBB: channel 1
  TxBench t(net, o);
  const auto a0 = t.At(0, Precedence::kRoutine, 0);
  const auto a1 = t.At(1, Precedence::kRoutine, 0);
  const auto a2 = t.At(1, Precedence::kFlash, 0);
  const auto b0 = t.At(0, Precedence::kRoutine, 1);
  const auto b1 = t.At(1, Precedence::kRoutine, 1);
  const auto b2 = t.At(1, Precedence::kFlash, 1);
  t.Run();
  CHECK(t.ends == Ends{{a0, 8}, {b0, 8}, {a2, 16}, {b1, 16}, {a1, 24}, {b2, 24}});
}

TEST_CASE("preempt-restart: FLASH interrupts and the ROUTINE is sent again from the start") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPreemptRestart));
  const auto r = t.At(0, Precedence::kRoutine);
  const auto p = t.At(1, Precedence::kPriority);  // may not interrupt ROUTINE: waits
  const auto r2 = t.At(2, Precedence::kRoutine);  // waits: behind R once R is interrupted
  const auto f = t.At(3, Precedence::kFlash);
  t.Run();
  // F 3-11, then P 11-19 (it outranks the interrupted ROUTINE), R again 19-27 (it came
  // before R2), R2 27-35.
  CHECK(t.ends == Ends{{f, 11}, {p, 19}, {r, 27}, {r2, 35}});
  // R: 3 s thrown away, queued 3-19, sent 19-27, 1 s on its way.
  CHECK(t.b.Anatomy(r) == Parts{0, 0, 16, 8, 3, 0, 1, 0, 0});
  CHECK(t.b.copies[r].interruptions == 1);
  CHECK(t.b.copies[r].remaining == Duration());
  REQUIRE(t.tx.interruptions().size() == 1);
  const cablesim::Interruption& cut = t.tx.interruptions()[0];
  CHECK(cut.copy == r);
  CHECK(cut.channel == 0);
  CHECK(cut.start == SimTime());
  CHECK(cut.end == SimTime::Seconds(3));
  CHECK_FALSE(cut.by_outage);
  CHECK(t.tx.stats()[0].interruptions == 1);
  CHECK(t.tx.stats()[0].busy == Duration::Seconds(35));  // the attempt thrown away counts
  CHECK(t.tx.stats()[0].copies_sent == 4);
}

TEST_CASE("preempt-resume: the interrupted ROUTINE resumes with what it had left") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPreemptResume));
  const auto r = t.At(0, Precedence::kRoutine);
  const auto p = t.At(1, Precedence::kPriority);
  const auto f = t.At(3, Precedence::kFlash);
  t.RunUntil(SimTime::Seconds(4));
  CHECK(t.b.copies[r].remaining == Duration::Seconds(5));
  CHECK(t.b.copies[r].state == CopyState::kQueued);
  t.Run();
  CHECK(t.ends == Ends{{f, 11}, {p, 19}, {r, 24}});
  // R: 3 s sent before the interruption and 5 s after, both on the wire; queued 3-19.
  CHECK(t.b.Anatomy(r) == Parts{0, 0, 16, 8, 0, 0, 1, 0, 0});
  CHECK(t.b.copies[r].remaining == Duration());
  CHECK(t.tx.stats()[0].busy == Duration::Seconds(24));
}

TEST_CASE("an outage cuts the transmission in progress: sent again from the start once up") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPreemptResume));  // an outage restarts even here
  const auto r = t.At(0, Precedence::kRoutine);
  const auto p = t.At(3, Precedence::kPriority);  // arrives while the channel is down
  t.Outage(2, 5);
  t.RunUntil(SimTime::Seconds(4));
  CHECK(t.tx.Down(0));
  CHECK_FALSE(t.tx.Down(1));
  CHECK(t.tx.QueueLength(0) == 2);
  t.Run();
  CHECK_FALSE(t.tx.Down(0));
  CHECK(t.ends == Ends{{p, 13}, {r, 21}});
  // R: its attempt 0-2 and the outage 2-5, then queued behind P 5-13.
  CHECK(t.b.Anatomy(r) == Parts{0, 0, 8, 8, 0, 5, 1, 0, 0});
  // P: waited 3-5 with the channel down, none of it queued.
  CHECK(t.b.Anatomy(p) == Parts{0, 0, 0, 8, 0, 2, 1, 0, 0});
  REQUIRE(t.tx.interruptions().size() == 1);
  CHECK(t.tx.interruptions()[0].by_outage);
  CHECK(t.tx.interruptions()[0].end == SimTime::Seconds(2));
  CHECK(t.tx.stats()[0].busy == Duration::Seconds(18));
}

TEST_CASE("overlapping outages keep a channel down until the last one ends") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPriority));
  const auto r = t.At(0, Precedence::kRoutine);
  t.Outage(2, 6);
  t.Outage(4, 9);
  t.RunUntil(SimTime::Seconds(7));
  CHECK(t.tx.Down(0));
  t.Run();
  CHECK(t.ends == Ends{{r, 17}});
  CHECK(t.b.Anatomy(r) == Parts{0, 0, 0, 8, 0, 9, 1, 0, 0});
}

TEST_CASE("backlog time counts while more than ten copies wait, an open backlog up to now") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPriority));
  for (int k = 0; k < 12; ++k) t.At(0, Precedence::kRoutine);  // one sending, 11 waiting
  t.At(20, Precedence::kRoutine);                              // at 20 s: 9 waiting, then 10...
  t.At(20, Precedence::kRoutine);                              // ...and 11 again
  t.RunUntil(SimTime::Seconds(5));
  CHECK(t.tx.Backlogged(0) == Duration::Seconds(5));
  t.RunUntil(SimTime::Seconds(10));
  CHECK(t.tx.Backlogged(0) == Duration::Seconds(8));  // the second start (8 s) left 10
  t.RunUntil(SimTime::Seconds(22));
  CHECK(t.tx.Backlogged(0) == Duration::Seconds(10));  // 8 s, and open since 20 s
  t.Run();
  CHECK(t.tx.Backlogged(0) == Duration::Seconds(12));  // closed at 24 s
  CHECK(t.tx.stats()[0].backlogged == Duration::Seconds(12));
  CHECK(t.tx.stats()[0].max_queue == 11);
}

TEST_CASE("busy time up to a time counts the attempt in progress, and the books close once") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPriority));
  t.At(0, Precedence::kRoutine);
  t.At(20, Precedence::kRoutine);
  t.RunUntil(SimTime::Seconds(5));
  CHECK(t.tx.BusyUntil(0, SimTime::Seconds(5)) == Duration::Seconds(5));
  CHECK(t.tx.stats()[0].busy == Duration());
  t.RunUntil(SimTime::Seconds(15));
  CHECK(t.tx.BusyUntil(0, SimTime::Seconds(15)) == Duration::Seconds(8));  // idle since 8 s
  t.RunUntil(SimTime::Seconds(23));
  CHECK(t.tx.BusyUntil(0, SimTime::Seconds(23)) == Duration::Seconds(11));
  t.tx.CloseBooks();
  CHECK(t.tx.stats()[0].busy == Duration::Seconds(11));
}

TEST_CASE("a waiting copy's wait is booked on demand and it can leave the queue") {
  const Network net = OneLink();
  TxBench t(net, With(Discipline::kPriority));
  const auto r0 = t.At(0, Precedence::kRoutine);
  const auto r1 = t.At(0, Precedence::kRoutine);
  t.Outage(3, 4, 1);  // another channel's outage is not this copy's
  t.RunUntil(SimTime::Seconds(5));
  t.tx.RestartWait(t.b.copies[r1]);
  CHECK(t.b.Anatomy(r1) == Parts{0, 0, 5, 0, 0, 0, 0, 0, 0});
  CHECK(t.b.copies[r1].mark == SimTime::Seconds(5));
  t.tx.Remove(r1);
  CHECK(t.tx.QueueLength(0) == 0);
  t.Run();
  CHECK(t.ends == Ends{{r0, 8}});
  CHECK(t.tx.To(0) == 1);
  CHECK(t.tx.Propagation(0) == Duration::Seconds(1));
}
