// Faults (internal to sim/relay): links and stations out of service for a while. A link
// fault takes both its directions down; a station fault takes every channel from or to it
// down and the station handles nothing meanwhile. Outages may overlap: each part counts
// those in force.
//
// Owns: the faults of the run (each scheduled at its start and end when added).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/router.h"
#include "sim/relay/stations.h"
#include "sim/relay/transmitters.h"
#include "topology/network.h"

namespace cablesim::relay {

class Faults {
 public:
  Faults(const Network& net, Simulation& sim) : net_(net), sim_(sim) {}

  /// Schedules its start and end (relay_events.h kFaultStart, kFaultEnd).
  void Add(const Fault& f);
  /// Fault `id` starts or ends now: the channels and stations it concerns go down or up,
  /// and routes over what is working are computed afresh.
  void Apply(std::uint32_t id, bool start, Transmitters& transmitters, Stations& stations,
             Router& router);

 private:
  const Network& net_;
  Simulation& sim_;
  std::vector<Fault> faults_;
};

}  // namespace cablesim::relay
