// MINIMIZE as a pure policy (internal to sim/relay): the orders of a run (relay_options.h,
// MinimizeOrder) and what they say of a message filed, or a copy passing, at a station at a
// time. It schedules
// nothing and changes nothing; the runtime holds or refuses as it is told.
#pragma once

#include <optional>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/message/precedence.h"
#include "sim/relay/relay_options.h"
#include "topology/network.h"

namespace cablesim::relay {

class MinimizePolicy {
 public:
  explicit MinimizePolicy(const Network& net) : net_(net) {}

  void Add(const MinimizeOrder& order);
  bool empty() const { return orders_.empty(); }

  /// What the orders in force at `now` say of a message of `precedence` filed at `station`
  /// (or, `passing`, of a copy handled there on its way): refuse it (one order that refuses is
  /// enough), or hold it until the latest end of those that hold it (SimTime::Max() when one never
  /// ends: its end is past the last simulated time), or neither.
  struct Verdict {
    bool refuse = false;
    std::optional<SimTime> hold_until;
  };
  Verdict At(Precedence precedence, StationId station, SimTime now, bool passing = false) const;

 private:
  struct Order {
    std::vector<bool> in_scope;  // by station; empty = every station
    SimTime from, until;         // until == SimTime::Max(): it never ends
    Precedence below;
    bool refuse;
    bool filed, passing;  // what it stops
  };
  const Network& net_;
  std::vector<Order> orders_;
};

}  // namespace cablesim::relay
