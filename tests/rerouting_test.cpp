// Rerouting (sim/relay/rerouting.h) on its own: a copy that waits at its transmitter longer
// than `after` sends each target that has another way out by that way; the check is
// cancelled once its transmission ends. RAAA (0) - RBBB (1), RAAA - RCCC (2), RCCC - RBBB,
// RBBB - RDDD (3): channel 0 is RAAA -> RBBB, 2 is RAAA -> RCCC.
#include "sim/relay/rerouting.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/addressing.h"
#include "sim/relay/router.h"
#include "tests/part_support.h"

using cablesim::CopyPrecedence;
using cablesim::CopyState;
using cablesim::Duration;
using cablesim::Event;
using cablesim::MessageRecord;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::testing::Bench;
using cablesim::testing::kS;
using cablesim::testing::kTestEnqueue;
using cablesim::testing::MakeNetwork;

namespace {

Network Diamond() {
  return MakeNetwork({"RAAA", "RBBB", "RCCC", "RDDD"}, {{0, 1}, {0, 2}, {2, 1}, {1, 3}}, Duration(),
                     Duration());
}

// Sends what the rerouting part hands on as the runtime does: watched, then queued.
class WatchingFlow final : public cablesim::relay::CopyFlow {
 public:
  explicit WatchingFlow(cablesim::relay::Transmitters& tx) : tx_(tx) {}
  void Enqueue(std::uint32_t copy) override {
    sent.push_back(copy);
    rerouting->Watch(copy);
    tx_.Enqueue(copy);
  }
  void Prepare(std::uint32_t copy) override { Enqueue(copy); }  // not used by rerouting
  cablesim::relay::Rerouting* rerouting = nullptr;
  std::vector<std::uint32_t> sent;

 private:
  cablesim::relay::Transmitters& tx_;
};

// One message from RAAA to `to`, the parts rerouting stands on, and copies of the message
// handed to channel 0 at given times.
struct RerouteBench {
  RerouteBench(const Network& net, Duration after, const std::vector<std::string>& to)
      : b(net, {}, /*reroute=*/true),
        tx(net, b.options, b.sim, b.copies),
        router(net, tx),
        addressing(net),
        flow(tx),
        rerouting(after, CopyPrecedence::kKeep, net, b.sim, b.copies, tx, router, addressing,
                  messages, flow) {
    flow.rerouting = &rerouting;
    messages.push_back(MessageRecord{});
    addressing.Resolve(cablesim::testing::Spec("M", SimTime(), "RAAA", to, Precedence::kRoutine), 0,
                       0, &targets);
  }
  /// A copy toward every addressee handed to channel 0 at `s` seconds.
  std::uint32_t At(int s) {
    return b.EnqueueAt(SimTime::Seconds(s), 0, Precedence::kRoutine, 1000, targets);
  }
  void RunUntil(SimTime end) {
    b.sim.RunUntil(end, [this](const Event& e) {
      switch (e.kind) {
        case kTestEnqueue:
          rerouting.Watch(e.a);
          tx.Enqueue(e.a);
          break;
        case cablesim::relay::kTxEnd:
          cablesim::testing::EndTransmission(b, tx, e.a, e.b);
          rerouting.Left(e.b);
          ends.push_back({e.b, e.a, b.sim.Now().ns() / kS});
          break;
        case cablesim::relay::kReroute:
          rerouting.OnReroute(e.a, e.b);
          break;
        default:
          FAIL("unexpected event kind ", int{e.kind});
      }
    });
  }
  void Run() { RunUntil(SimTime::Max()); }
  std::vector<std::string> Targets(std::uint32_t copy) const {
    std::vector<std::string> out;
    for (const std::uint32_t t : b.copies[copy].targets) {
      out.push_back(b.net.station(addressing.targets()[t].station).ri);
    }
    return out;
  }

  Bench b;
  cablesim::relay::Transmitters tx;
  cablesim::relay::Router router;
  cablesim::Addressing addressing;
  cablesim::RecordStore<MessageRecord> messages;
  WatchingFlow flow;
  cablesim::relay::Rerouting rerouting;
  std::vector<std::uint32_t> targets;  // the message's first copy's
  struct End {
    std::uint32_t copy, channel;
    std::int64_t at_s;
    bool operator==(const End&) const = default;
  };
  std::vector<End> ends;
};

using Ends = std::vector<RerouteBench::End>;
using Names = std::vector<std::string>;
using Parts = std::vector<std::int64_t>;  // operator wait, processing, queued, transmitting,
                                          // preemption, outage, propagation, minimized, rerun

}  // namespace

TEST_CASE("a copy waiting longer than `after` leaves by the alternative hop") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(2), {"RBBB"});
  const auto first = t.At(0);    // sent at once, 0-8 s
  const auto waiting = t.At(0);  // waits behind it
  t.Run();
  // At 2 s the waiting copy's target leaves by RCCC in a new copy, sent 2-10 s.
  REQUIRE(t.flow.sent.size() == 1);
  const std::uint32_t made = t.flow.sent[0];
  CHECK(t.ends == Ends{{first, 0, 8}, {made, 2, 10}});
  CHECK(t.b.copies[waiting].state == CopyState::kSplit);
  const cablesim::CopyRecord& c = t.b.copies[made];
  CHECK(c.from == 0);
  CHECK(c.channel == 2);
  CHECK(t.Targets(made) == Names{"RBBB"});
  CHECK(c.detour);
  CHECK(c.rerouted);
  // Its anatomy goes on from the waiting copy's: 2 s queued, then 8 s on the wire.
  CHECK(t.b.Anatomy(made) == Parts{0, 0, 2, 8, 0, 0, 0, 0, 0});
  CHECK(t.tx.stats()[0].copies_sent == 1);
}

TEST_CASE("targets with no other way out wait on in the copy") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(2), {"RBBB", "RDDD"});
  // RBBB - RDDD is down: nothing but the way it waits on leads to RDDD.
  t.tx.SetDown(*net.ChannelBetween(1, 3), true);
  t.tx.SetDown(*net.ChannelBetween(3, 1), true);
  t.router.WorkingChanged();
  const auto first = t.At(0);
  const auto waiting = t.At(0);
  t.RunUntil(SimTime::Seconds(3));
  REQUIRE(t.flow.sent.size() == 1);
  const std::uint32_t made = t.flow.sent[0];
  CHECK(t.Targets(made) == Names{"RBBB"});
  CHECK(t.Targets(waiting) == Names{"RDDD"});
  CHECK(t.b.copies[waiting].state == CopyState::kQueued);
  // Its wait so far was booked before its target left: the new copy carries it too.
  CHECK(t.b.Anatomy(waiting) == Parts{0, 0, 2, 0, 0, 0, 0, 0, 0});
  CHECK(t.b.Anatomy(made) == Parts{0, 0, 2, 0, 0, 0, 0, 0, 0});
  t.Run();
  CHECK(t.ends == Ends{{first, 0, 8}, {made, 2, 10}, {waiting, 0, 16}});
  CHECK(t.b.Anatomy(waiting) == Parts{0, 0, 8, 8, 0, 0, 0, 0, 0});
}

TEST_CASE("a rerouted copy is not watched again") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(2), {"RBBB"});
  t.At(0);
  t.At(0);
  t.RunUntil(SimTime::Seconds(2));
  REQUIRE(t.flow.sent.size() == 1);
  // Pending: the first copy's end (8 s) and the new copy's (10 s); no check for the new one.
  CHECK(t.b.sim.pending() == 2);
}

TEST_CASE("a copy sent before `after` has its check cancelled when it leaves") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(10), {"RBBB"});
  t.At(0);
  t.RunUntil(SimTime::Seconds(1));
  CHECK(t.b.sim.pending() == 2);  // its transmission's end and its check
  t.RunUntil(SimTime::Seconds(8));
  CHECK(t.b.sim.pending() == 0);
  t.Run();
  CHECK(t.flow.sent.empty());
}

TEST_CASE("a check that comes while the copy is being sent does nothing") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(5), {"RBBB"});
  const auto only = t.At(0);  // sent 0-8 s: its check at 5 s finds it on the wire
  t.Run();
  CHECK(t.flow.sent.empty());
  CHECK(t.ends == Ends{{only, 0, 8}});
}

TEST_CASE("a check for an earlier wait of the copy does nothing") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(2), {"RBBB"});
  const auto first = t.At(0);
  const auto waiting = t.At(0);  // its check for this wait at 2 s
  t.RunUntil(SimTime::Seconds(1));
  t.rerouting.Watch(waiting);  // waits anew from 1 s: checked at 3 s
  t.Run();
  REQUIRE(t.flow.sent.size() == 1);
  CHECK(t.ends == Ends{{first, 0, 8}, {t.flow.sent[0], 2, 11}});
  CHECK(t.b.Anatomy(t.flow.sent[0]) == Parts{0, 0, 3, 8, 0, 0, 0, 0, 0});
}

TEST_CASE("without kept copies a copy whose targets all left gives its slot back") {
  const Network net = Diamond();
  RerouteBench t(net, Duration::Seconds(2), {"RBBB"});
  t.b.copies.set_keep(false);  // as under Retention::kInFlight: memory for what is in flight
  t.At(0);
  const auto waiting = t.At(0);
  t.RunUntil(SimTime::Seconds(3));
  REQUIRE(t.b.copies[waiting].state == CopyState::kSplit);
  // The next copy made takes the split copy's slot: the store does not grow.
  CHECK(t.b.Copy(0, Precedence::kRoutine) == waiting);
  CHECK(t.b.copies.store().size() == 3);
}
