// Alternative routing (internal to sim/relay; ACP 127 §307-309), present only when the run
// has `reroute_after`: a copy that has waited that long at a transmitter sends each of its
// targets that has another way out by that way (Router::AlternativeHop); the rest wait on.
// A rerouted copy, and every copy made from it, routes over the working topology, and is
// rerouted at most once per station visit.
//
// Owns: each queued copy's reroute check (set when it is queued, cancelled when its
// transmission ends).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.h"
#include "sim/relay/addressing.h"
#include "sim/relay/copies.h"
#include "sim/relay/copy_flow.h"
#include "sim/relay/record_store.h"
#include "sim/relay/relay_events.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/router.h"
#include "sim/relay/transmitters.h"

namespace cablesim::relay {

class Rerouting {
 public:
  Rerouting(Duration after, CopyPrecedence copy_precedence, const Network& net, Simulation& sim,
            Copies& copies, Transmitters& transmitters, Router& router,
            const Addressing& addressing, const RecordStore<MessageRecord>& messages,
            CopyFlow& flow)
      : after_(after),
        copy_precedence_(copy_precedence),
        net_(net),
        sim_(sim),
        copies_(copies),
        transmitters_(transmitters),
        router_(router),
        addressing_(addressing),
        messages_(messages),
        flow_(flow) {}

  /// The copy is about to be queued at its transmitter: its wait may end in a reroute.
  void Watch(std::uint32_t copy) {
    CopyRecord& c = copies_[copy];
    ++c.generation;
    if (c.rerouted) return;
    if (timers_.size() <= copy) timers_.resize(copies_.store().size());
    timers_[copy] = sim_.ScheduleIn(after_, kReroute, copy, c.generation);
  }
  /// Its transmission ended: no reroute check for it any more.
  void Left(std::uint32_t copy) {
    if (copy >= timers_.size()) return;
    sim_.Cancel(timers_[copy]);
    timers_[copy] = EventHandle{};
  }
  /// relay_events.h kReroute: the copy has waited `after` since it was queued.
  void OnReroute(std::uint32_t copy, std::uint32_t generation);

 private:
  const Duration after_;
  const CopyPrecedence copy_precedence_;
  const Network& net_;
  Simulation& sim_;
  Copies& copies_;
  Transmitters& transmitters_;
  Router& router_;
  const Addressing& addressing_;
  const RecordStore<MessageRecord>& messages_;
  CopyFlow& flow_;
  std::vector<EventHandle> timers_;  // per copy
};

}  // namespace cablesim::relay
