// The relay runtime's event kinds (internal to sim/relay): one byte each, dispatched by
// RelaySimulation's one switch. What `a` and `b` of each event name is said beside it. A
// part schedules its own kinds and cancels what it scheduled.
#pragma once

#include <cstdint>

namespace cablesim::relay {

enum EventKind : std::uint8_t {
  kSourceNext,      // a = source (Intake): its next message is due
  kFile,            // a = message: handed to its origin station
  kArrived,         // a = copy: reaches a station with an operator limit (Stations)
  kProcessed,       // a = copy: its handling at its station ends (Stations)
  kTxEnd,           // a = channel, b = copy: a transmission ends (Transmitters)
  kFaultStart,      // a = fault (Faults)
  kFaultEnd,        // a = fault
  kReroute,         // a = copy, b = generation: a wait long enough to reroute (Rerouting)
  kShiftChange,     // a = station: its staff changes while copies wait (Stations)
  kServiceArrived,  // a = service message copy: the rerun it asks for (LinkProcedure)
  kNoTrafficCheck,  // a = channel: the receiver's no-traffic check (LinkProcedure)
  kRequestTimeout,  // a = channel, b = number: a rerun request to send or repeat
};

}  // namespace cablesim::relay
