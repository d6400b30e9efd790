#include "sim/relay/faults.h"

#include <algorithm>

#include "sim/relay/relay_events.h"

namespace cablesim::relay {

void Faults::Add(const Fault& f) {
  const auto id = static_cast<std::uint32_t>(faults_.size());
  faults_.push_back(f);
  sim_.ScheduleAt(std::max(f.at, sim_.Now()), kFaultStart, id);
  sim_.ScheduleAt(std::max(f.at, sim_.Now()) + f.length, kFaultEnd, id);
}

void Faults::Apply(std::uint32_t id, bool start, Transmitters& transmitters, Stations& stations,
                   Router& router) {
  const Fault& f = faults_[id];
  router.WorkingChanged();
  if (const auto* link = std::get_if<LinkFault>(&f.what)) {
    transmitters.SetDown(2 * link->link, start);
    transmitters.SetDown(2 * link->link + 1, start);
    return;
  }
  const StationId station = std::get<StationFault>(f.what).station;
  // When it will be back: asked only as it goes down (at its end, now + length would be
  // twice the length on, perhaps past the last simulated time).
  stations.SetDown(station, start, start ? sim_.Now() + f.length : sim_.Now());
  for (ChannelId c = 0; c < net_.channel_count(); ++c) {
    if (net_.ChannelFrom(c) == station || net_.ChannelTo(c) == station) {
      transmitters.SetDown(c, start);
    }
  }
}

}  // namespace cablesim::relay
