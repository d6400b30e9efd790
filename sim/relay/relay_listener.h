// What a relay run tells as it goes (public): deliveries, completed transmissions and other
// final outcomes, for live mode.
#pragma once

#include <cstdint>

namespace cablesim {

/// Told of events as the simulation makes them. Called on the thread that runs the
/// simulation, in simulated-time order.
class RelayObserver {
 public:
  virtual ~RelayObserver() = default;
  virtual void OnDelivered(std::uint32_t addressee) = 0;
  virtual void OnTransmitted(std::uint32_t copy) = 0;
  /// An addressee whose outcome became final during the run other than by delivery:
  /// undeliverable (no cleared circuit on from a station) or by other means (MINIMIZE).
  virtual void OnRefused(std::uint32_t /*addressee*/) {}
};

}  // namespace cablesim
