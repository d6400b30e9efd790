#include "sim/relay/shift_clock.h"

#include <algorithm>

namespace cablesim::relay {

Duration ShiftClock::TimeOfDay(SimTime t) const {
  return Duration::Nanoseconds(((day_offset_ + (t - SimTime())).ns()) % Duration::Days(1).ns());
}

std::uint32_t ShiftClock::OnDuty(StationId st, SimTime t) const {
  const Station& s = net_.station(st);
  return s.shifts.empty() ? s.operators : StaffAt(s, TimeOfDay(t));
}

Duration ShiftClock::UntilNextShift(StationId st, SimTime t) const {
  return cablesim::UntilNextShift(net_.station(st), TimeOfDay(t));
}

SimTime ShiftClock::ShiftStart(StationId st, SimTime t) const {
  const std::vector<Shift>& shifts = net_.station(st).shifts;
  const Duration tod = TimeOfDay(t);
  // The last shift that began at or before this time of day, else the day's last shift,
  // which came on the evening before.
  Duration back = tod + Duration::Days(1) - shifts.back().from;
  for (const Shift& shift : shifts) {
    if (shift.from <= tod) back = tod - shift.from;
  }
  return t - back;
}

double ShiftClock::StaffSeconds(StationId st, SimTime end_time) const {
  const Station& s = net_.station(st);
  if (s.shifts.empty()) return end_time.seconds() * static_cast<double>(s.operators);
  double total = 0;
  const std::int64_t day = Duration::Days(1).ns();
  std::int64_t t = 0;  // ns since the start
  const std::int64_t end = (end_time - SimTime()).ns();
  while (t < end) {
    const Duration tod = Duration::Nanoseconds((day_offset_.ns() + t) % day);
    const std::int64_t step = std::min(cablesim::UntilNextShift(s, tod).ns(), end - t);
    total += static_cast<double>(StaffAt(s, tod)) * Duration::Nanoseconds(step).seconds();
    t += step;
  }
  return total;
}

}  // namespace cablesim::relay
