// The anatomy clock (sim/relay/anatomy_clock.h) on its own: each call ends the running part
// at a time, books it and moves the copy's mark, so the parts add up to the time elapsed.
#include "sim/relay/anatomy_clock.h"

#include <doctest/doctest.h>

#include <array>
#include <cstdint>

using cablesim::CopyRecord;
using cablesim::DelayPart;
using cablesim::Duration;
using cablesim::SimTime;
using cablesim::relay::Charge;
using cablesim::relay::ChargeAhead;
using cablesim::relay::ChargeWait;
using cablesim::relay::StartClock;

namespace {

constexpr std::int64_t kS = 1'000'000'000;

// The anatomy in whole seconds: operator wait, processing, queued, transmitting, preemption,
// outage, propagation, minimized, rerun.
std::array<std::int64_t, 9> Seconds(const CopyRecord& c) {
  std::array<std::int64_t, 9> out{};
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = c.so_far.ns[k] / kS;
  return out;
}

}  // namespace

TEST_CASE("starting the clock moves the mark and books nothing") {
  CopyRecord c;
  c.mark = SimTime::Seconds(3);
  StartClock(c, SimTime::Seconds(7));
  CHECK(c.mark == SimTime::Seconds(7));
  CHECK(c.so_far.Total() == 0);
}

TEST_CASE("a part charged up to a time gets the time since the mark, and the mark moves") {
  CopyRecord c;
  StartClock(c, SimTime::Seconds(10));
  Charge(c, DelayPart::kProcessing, SimTime::Seconds(12));
  CHECK(c.so_far[DelayPart::kProcessing] == 2 * kS);
  CHECK(c.mark == SimTime::Seconds(12));
  Charge(c, DelayPart::kProcessing, SimTime::Seconds(15));  // the same part again adds
  CHECK(c.so_far[DelayPart::kProcessing] == 5 * kS);
  Charge(c, DelayPart::kMinimized, SimTime::Seconds(15));  // nothing elapsed: nothing booked
  CHECK(c.so_far[DelayPart::kMinimized] == 0);
  CHECK(c.mark == SimTime::Seconds(15));
}

TEST_CASE("a wait at a transmitter is queued time but for the outage within it") {
  CopyRecord c;
  StartClock(c, SimTime::Seconds(4));
  ChargeWait(c, SimTime::Seconds(20), 6 * kS);  // 16 s waited, 6 s of it with the channel down
  CHECK(c.so_far[DelayPart::kQueued] == 10 * kS);
  CHECK(c.so_far[DelayPart::kOutage] == 6 * kS);
  CHECK(c.mark == SimTime::Seconds(20));
  ChargeWait(c, SimTime::Seconds(23), 0);
  CHECK(c.so_far[DelayPart::kQueued] == 13 * kS);
}

TEST_CASE("a part known in advance is booked now and the mark moves to its end") {
  CopyRecord c;
  StartClock(c, SimTime::Seconds(8));
  ChargeAhead(c, DelayPart::kPropagation, Duration::Seconds(3));
  CHECK(c.so_far[DelayPart::kPropagation] == 3 * kS);
  CHECK(c.mark == SimTime::Seconds(11));
  // The next part runs from the end of the propagation, not from when it was booked.
  Charge(c, DelayPart::kOperatorWait, SimTime::Seconds(14));
  CHECK(c.so_far[DelayPart::kOperatorWait] == 3 * kS);
}

TEST_CASE("a copy's parts add up to the time from its start to its mark") {
  CopyRecord c;
  StartClock(c, SimTime::Seconds(100));
  Charge(c, DelayPart::kMinimized, SimTime::Seconds(130));        // held 30 s
  Charge(c, DelayPart::kProcessing, SimTime::Seconds(150));       // handled 20 s
  ChargeWait(c, SimTime::Seconds(160), 4 * kS);                   // 6 queued, 4 outage
  Charge(c, DelayPart::kPreemption, SimTime::Seconds(163));       // an attempt thrown away
  ChargeWait(c, SimTime::Seconds(165), 0);                        // 2 queued
  Charge(c, DelayPart::kTransmitting, SimTime::Seconds(173));     // 8 on the wire
  ChargeAhead(c, DelayPart::kPropagation, Duration::Seconds(1));  // 1 propagating
  Charge(c, DelayPart::kOperatorWait, SimTime::Seconds(180));     // 6 waiting for an operator
  Charge(c, DelayPart::kRerun, SimTime::Seconds(180));
  CHECK(Seconds(c) == std::array<std::int64_t, 9>{6, 20, 8, 8, 3, 4, 1, 30, 0});
  CHECK(c.so_far.Total() == (c.mark - SimTime::Seconds(100)).ns());
}
