// A bench for one part of the relay runtime at a time (sim/relay, issue 33.1): the engine to
// schedule into, the copy store and the options a part is built on, and the few events a
// test drives a part with, never a whole RelaySimulation. Each test dispatches the runtime's
// event kinds (relay_events.h) to the part it tests, as the facade does, and its own kinds
// (below) for what the rest of the run would do: a copy handed to a transmitter, a channel
// going down.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/engine/simulation.h"
#include "sim/relay/anatomy_clock.h"
#include "sim/relay/copies.h"
#include "sim/relay/copy_flow.h"
#include "sim/relay/relay_events.h"
#include "sim/relay/transmitters.h"
#include "tests/relay_support.h"

namespace cablesim::testing {

/// Events of the tests' own, after the runtime's kinds.
enum TestEvent : std::uint8_t {
  kTestEnqueue = 100,  // a = copy: handed to its transmitter now
  kTestDown,           // a = channel: one more outage in force
  kTestUp,             // a = channel: one less
  kTestFile,           // a = copy, b = station: filed at its origin (Stations)
};

/// What a part stands on: the engine, the copies and the run's options.
struct Bench {
  explicit Bench(const Network& network, RelayOptions o = {}, bool reroute = false)
      : net(network), options(std::move(o)), copies(reroute) {}

  /// A copy of message `message` leaving over `channel` (from its sending end) toward
  /// `targets`, made now.
  std::uint32_t Copy(ChannelId channel, Precedence p, std::int64_t chars = 1000,
                     std::span<const std::uint32_t> targets = {}, std::uint32_t message = 0) {
    return copies.Make(message, kNone, net.ChannelFrom(channel), channel, targets, p, chars,
                       sim.Now());
  }
  /// A copy (as Copy) handed to its transmitter at `at` (kTestEnqueue), its clock started
  /// then.
  std::uint32_t EnqueueAt(SimTime at, ChannelId channel, Precedence p, std::int64_t chars = 1000,
                          std::span<const std::uint32_t> targets = {}) {
    const std::uint32_t copy = Copy(channel, p, chars, targets);
    relay::StartClock(copies[copy], at);
    sim.ScheduleAt(at, kTestEnqueue, copy);
    return copy;
  }
  /// The copy's anatomy in whole seconds per part, in the order of kDelayParts.
  std::vector<std::int64_t> Anatomy(std::uint32_t copy) const {
    std::vector<std::int64_t> out;
    for (const std::int64_t ns : copies[copy].so_far.ns) {
      CHECK(ns % kS == 0);
      out.push_back(ns / kS);
    }
    return out;
  }

  const Network& net;
  RelayOptions options;
  Simulation sim;
  relay::Copies copies;
};

/// What the runtime does at a transmission's end when the copy goes on (the facade's
/// OnTxEnd without the stations): the transmitter is told, the attempt is booked, the
/// channel takes its next copy. Returns the copy's arrival time at the far end.
inline SimTime EndTransmission(Bench& b, relay::Transmitters& tx, ChannelId channel,
                               std::uint32_t copy) {
  tx.Complete(channel, copy);
  relay::Charge(b.copies[copy], DelayPart::kTransmitting, b.sim.Now());
  relay::ChargeAhead(b.copies[copy], DelayPart::kPropagation, tx.Propagation(channel));
  tx.StartNext(channel);
  return b.copies[copy].mark;
}

/// The test's own transmitter events (kTestEnqueue, kTestDown, kTestUp); false for others.
inline bool HandleTestTx(relay::Transmitters& tx, const Event& e) {
  switch (e.kind) {
    case kTestEnqueue:
      tx.Enqueue(e.a);
      return true;
    case kTestDown:
    case kTestUp:
      tx.SetDown(e.a, e.kind == kTestDown);
      return true;
    default:
      return false;
  }
}

/// The rest of the run as the optional parts see it: records each copy they send on and
/// hands it to its transmitter, as the runtime does.
class RecordingFlow final : public relay::CopyFlow {
 public:
  explicit RecordingFlow(relay::Transmitters& tx) : tx_(tx) {}
  void Enqueue(std::uint32_t copy) override {
    sent.push_back(copy);
    tx_.Enqueue(copy);
  }
  /// Without stations a copy is ready at once.
  void Prepare(std::uint32_t copy) override { Enqueue(copy); }
  std::vector<std::uint32_t> sent;

 private:
  relay::Transmitters& tx_;
};

}  // namespace cablesim::testing
