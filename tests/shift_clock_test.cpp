// ShiftClock (sim/relay/shift_clock.h) on its own: operators on duty and staff-seconds as
// pure functions of time, from a station's daily shifts (UTC) or its fixed operators.
#include "sim/relay/shift_clock.h"

#include <doctest/doctest.h>

#include "tests/relay_support.h"

using cablesim::Duration;
using cablesim::Network;
using cablesim::SimTime;
using cablesim::Station;
using cablesim::relay::ShiftClock;
using cablesim::testing::BuildNetwork;
using cablesim::testing::StationWith;

namespace {

// Station 0: a day shift of 3 from 06:00 and a night shift of 1 from 18:00; station 1: two
// operators at any hour; station 2: no limit.
Network ShiftNetwork() {
  Station shifts = StationWith("RAAA", Duration::Minutes(1));
  shifts.operators = 3;
  shifts.shifts = {{Duration::Hours(6), 3}, {Duration::Hours(18), 1}};
  Station fixed = StationWith("RBBB", Duration::Minutes(1));
  fixed.operators = 2;
  return BuildNetwork({shifts, fixed, StationWith("RCCC", Duration::Minutes(1))}, {{0, 1}, {1, 2}},
                      Duration());
}

SimTime At(int hours, int minutes = 0) {
  return SimTime::Hours(hours) + Duration::Minutes(minutes);
}

}  // namespace

TEST_CASE("the time of day starts at the day offset and wraps at midnight") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration::Hours(20));  // simulated time 0 is 20:00 UTC
  CHECK(clock.TimeOfDay(SimTime()) == Duration::Hours(20));
  CHECK(clock.TimeOfDay(At(3, 30)) == Duration::Hours(23) + Duration::Minutes(30));
  CHECK(clock.TimeOfDay(At(4)) == Duration());
  CHECK(clock.TimeOfDay(At(5)) == Duration::Hours(1));
  CHECK(clock.TimeOfDay(At(52)) == Duration::Hours(0));  // two days later
}

TEST_CASE("the night shift stays on duty across midnight until the day shift comes on") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration::Hours(20));
  CHECK(clock.HasShifts(0));
  CHECK(clock.OnDuty(0, SimTime()) == 1);                          // 20:00
  CHECK(clock.OnDuty(0, At(4)) == 1);                              // 00:00
  CHECK(clock.OnDuty(0, At(9, 59)) == 1);                          // 05:59
  CHECK(clock.OnDuty(0, At(10)) == 3);                             // 06:00
  CHECK(clock.OnDuty(0, At(21, 59)) == 3);                         // 17:59
  CHECK(clock.OnDuty(0, At(22)) == 1);                             // 18:00
  CHECK(clock.OnDuty(0, At(34)) == 3);                             // 06:00 next day
  CHECK(clock.OnDuty(0, At(22) - Duration::Nanoseconds(1)) == 3);  // just before
  CHECK(clock.OnDuty(0, At(10) - Duration::Nanoseconds(1)) == 1);  // just before
}

TEST_CASE("the next change of staff is the next shift start, over midnight if need be") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration::Hours(20));
  CHECK(clock.UntilNextShift(0, SimTime()) == Duration::Hours(10));     // 20:00 -> 06:00
  CHECK(clock.UntilNextShift(0, At(10)) == Duration::Hours(12));        // 06:00 -> 18:00
  CHECK(clock.UntilNextShift(0, At(21, 30)) == Duration::Minutes(30));  // 17:30 -> 18:00
  CHECK(clock.UntilNextShift(0, At(22)) == Duration::Hours(12));        // 18:00 -> 06:00
}

TEST_CASE("staff-seconds add each shift's staff over the hours it was on duty") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration::Hours(20));
  // 20:00-06:00 one operator (10 h), then 06:00-07:00 three (3 h): 13 operator-hours.
  CHECK(clock.StaffSeconds(0, At(11)) == 13 * 3600.0);
  // A whole day from 20:00: 10 h x 1 + 12 h x 3 + 2 h x 1 = 48 operator-hours.
  CHECK(clock.StaffSeconds(0, At(24)) == 48 * 3600.0);
  // Two days and a half-hour into the night shift.
  CHECK(clock.StaffSeconds(0, At(48, 30)) == (96 + 0.5) * 3600.0);
  CHECK(clock.StaffSeconds(0, SimTime()) == 0.0);
}

TEST_CASE("staff-seconds start from the day offset, not from midnight") {
  const Network net = ShiftNetwork();
  const ShiftClock from_midnight(net, Duration());
  // 00:00-06:00 one (6 h), 06:00-18:00 three (36 h), 18:00-24:00 one (6 h).
  CHECK(from_midnight.StaffSeconds(0, At(24)) == 48 * 3600.0);
  CHECK(from_midnight.StaffSeconds(0, At(7)) == 9 * 3600.0);
  const ShiftClock from_noon(net, Duration::Hours(12));
  // 12:00-18:00 three (18 h), then 18:00-19:00 one.
  CHECK(from_noon.StaffSeconds(0, At(7)) == 19 * 3600.0);
}

TEST_CASE("a station without shifts has its fixed operators at every hour") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration::Hours(20));
  CHECK_FALSE(clock.HasShifts(1));
  CHECK(clock.OnDuty(1, SimTime()) == 2);
  CHECK(clock.OnDuty(1, At(10)) == 2);
  CHECK(clock.StaffSeconds(1, SimTime::Seconds(90)) == 180.0);
  // No limit: no operators counted.
  CHECK(clock.OnDuty(2, At(10)) == 0);
  CHECK(clock.StaffSeconds(2, At(10)) == 0.0);
}

TEST_CASE("the present shift came on at its start, the evening before for the night shift") {
  const Network net = ShiftNetwork();
  const ShiftClock clock(net, Duration());
  CHECK(clock.ShiftStart(0, At(7)) == At(6));
  CHECK(clock.ShiftStart(0, At(6)) == At(6));  // a shift is on from its first instant
  CHECK(clock.ShiftStart(0, At(20, 30)) == At(18));
  CHECK(clock.ShiftStart(0, At(3)) == SimTime() - Duration::Hours(6));  // 18:00 the day before
  CHECK(clock.ShiftStart(0, At(27)) == At(18));                         // the next night
  const ShiftClock late(net, Duration::Hours(5));                       // simulated time 0 is 05:00
  CHECK(late.ShiftStart(0, At(2)) == At(1));  // 07:00: the day shift came on at 06:00
}
