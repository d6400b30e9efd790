// What a relay run tells as it goes (public): one listener hears every final outcome, every
// completed transmission and, at times of its choosing, the state of the run (to sample it).
// Called on the thread that runs the simulation, in simulated-time order, while the records
// it is told of can be read (before a done message's records are given back).
#pragma once

#include <cstdint>

#include "sim/engine/sim_time.h"
#include "sim/relay/addressing.h"
#include "sim/relay/records.h"

namespace cablesim {

class RunView;

class RelayListener {
 public:
  virtual ~RelayListener() = default;
  /// A (message, addressee) reached its final outcome (a.outcome: delivered, by other means
  /// or undeliverable). `at_acceptance`: it was final when the message was accepted (a ZEN
  /// address, one no station serves), not made so during the run.
  virtual void OnOutcome(const MessageRecord& /*m*/, const AddresseeRecord& /*a*/,
                         bool /*at_acceptance*/) {}
  /// A copy's transmission completed and the copy is on its way to the far station.
  virtual void OnTransmitted(const CopyRecord& /*c*/) {}
  /// The state of the run after every event at or before t (and none after it), at the
  /// first sample time given with the listener and then at each time this returns (> t);
  /// SimTime::Max() for no more.
  virtual SimTime OnSample(const RunView& /*run*/, SimTime /*t*/) { return SimTime::Max(); }
};

}  // namespace cablesim
