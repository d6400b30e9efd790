// What the optional parts (the link procedure, rerouting) ask of the run as a whole
// (internal to sim/relay): to send a copy they made or took back on its way, at once or
// once its station has made it ready. The runtime
// implements it; called only on those parts' rare events, never on the main path.
#pragma once

#include <cstdint>

namespace cablesim::relay {

class CopyFlow {
 public:
  /// Hands the copy (its channel set) to its transmitter, as every copy is.
  virtual void Enqueue(std::uint32_t copy) = 0;
  /// Has the copy (a service message, a rerun or a correction, its channel set) made ready
  /// at its sending station (`from`) as a copy filed there is, by an operator where the
  /// station has them and for its processing time, then hands it to its transmitter.
  virtual void Prepare(std::uint32_t copy) = 0;

 protected:
  ~CopyFlow() = default;
};

}  // namespace cablesim::relay
