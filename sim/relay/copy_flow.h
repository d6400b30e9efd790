// What the optional parts (the link procedure, rerouting) ask of the run as a whole
// (internal to sim/relay): to send a copy they made or took back on its way. The runtime
// implements it; called only on those parts' rare events, never on the main path.
#pragma once

#include <cstdint>

namespace cablesim::relay {

class CopyFlow {
 public:
  /// Hands the copy (its channel set) to its transmitter, as every copy is.
  virtual void Enqueue(std::uint32_t copy) = 0;

 protected:
  ~CopyFlow() = default;
};

}  // namespace cablesim::relay
