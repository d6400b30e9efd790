// Operators on duty as pure functions of time (internal to sim/relay): a station's staff
// follows its daily schedule of shifts (UTC), or is its fixed number of operators. Nothing
// here changes during a run; it owns no state but the network and the time of day at
// simulated time 0.
#pragma once

#include <cstdint>

#include "sim/engine/sim_time.h"
#include "topology/network.h"

namespace cablesim::relay {

class ShiftClock {
 public:
  /// `day_offset`: the time of day (UTC) at simulated time 0.
  ShiftClock(const Network& net, Duration day_offset) : net_(net), day_offset_(day_offset) {}

  /// Simulated time t as a time of day (UTC).
  Duration TimeOfDay(SimTime t) const;
  /// Operators on duty at station st at time t (0 at stations without a limit).
  std::uint32_t OnDuty(StationId st, SimTime t) const;
  /// True when station st's operators follow a schedule.
  bool HasShifts(StationId st) const { return !net_.station(st).shifts.empty(); }
  /// From t to the next change of staff at station st (which has shifts).
  Duration UntilNextShift(StationId st, SimTime t) const;
  /// When the shift on duty at station st (which has shifts) at time t came on: at or
  /// before t, possibly before the start of the run.
  SimTime ShiftStart(StationId st, SimTime t) const;
  /// Operator-seconds on duty at station st from the start up to `end` (its capacity).
  double StaffSeconds(StationId st, SimTime end) const;

 private:
  const Network& net_;
  Duration day_offset_;
};

}  // namespace cablesim::relay
