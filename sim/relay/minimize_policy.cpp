#include "sim/relay/minimize_policy.h"

#include <algorithm>

namespace cablesim::relay {

void MinimizePolicy::Add(const MinimizeOrder& order) {
  Order o;
  if (!order.stations.empty()) {
    o.in_scope.assign(net_.station_count(), false);
    for (const StationId st : order.stations) o.in_scope[st] = true;
  }
  o.from = order.at;
  o.until = order.length.ns() > SimTime::Max().ns() - order.at.ns() ? SimTime::Max()
                                                                    : order.at + order.length;
  o.below = order.below;
  o.refuse = order.refuse;
  o.filed = order.filed;
  o.passing = order.passing;
  orders_.push_back(std::move(o));
}

MinimizePolicy::Verdict MinimizePolicy::At(Precedence precedence, StationId station, SimTime now,
                                           bool passing) const {
  Verdict v;
  for (const Order& order : orders_) {
    if (!(passing ? order.passing : order.filed)) continue;
    if (now < order.from || now >= order.until || precedence >= order.below) continue;
    if (!order.in_scope.empty() && !order.in_scope[station]) continue;
    if (order.refuse) return Verdict{true, std::nullopt};
    v.hold_until = std::max(v.hold_until.value_or(order.until), order.until);
  }
  return v;
}

}  // namespace cablesim::relay
