// The anatomy clock (internal to sim/relay): the only code that moves a copy's time mark.
// A copy carries the anatomy of its path (delay_anatomy.h) and the mark where the part now
// running began; each call below ends that part at a time and books it, so the parts of a
// delivered copy add up to its delivery time exactly.
#pragma once

#include <cstdint>

#include "sim/engine/sim_time.h"
#include "sim/relay/records.h"

namespace cablesim::relay {

/// The clock of a copy starts at `at` (a root copy: its filing time; a new copy: now).
inline void StartClock(CopyRecord& c, SimTime at) { c.mark = at; }

/// The time from the mark to `until` (>= the mark) goes to `part`; the mark moves there.
inline void Charge(CopyRecord& c, DelayPart part, SimTime until) {
  c.so_far[part] += (until - c.mark).ns();
  c.mark = until;
}

/// A wait at a transmitter ends at `until`: the time since the mark goes to queued, but for
/// `outage_ns` of it, spent with the channel out of service, which goes to outage.
inline void ChargeWait(CopyRecord& c, SimTime until, std::int64_t outage_ns) {
  c.so_far[DelayPart::kQueued] += (until - c.mark).ns() - outage_ns;
  c.so_far[DelayPart::kOutage] += outage_ns;
  c.mark = until;
}

/// `length` of `part` that is known in advance (propagation) is booked now; the mark moves
/// to its end, a future time.
inline void ChargeAhead(CopyRecord& c, DelayPart part, Duration length) {
  c.so_far[part] += length.ns();
  c.mark = c.mark + length;
}

}  // namespace cablesim::relay
