// Simulation time: whole nanoseconds since the scenario epoch. It is topology's Duration
// (an instant is the span since the epoch), so the two never need converting.
#pragma once

#include "base/units.h"

namespace cablesim {

/// An instant of simulated time, in nanoseconds since the scenario epoch.
using SimTime = Duration;

}  // namespace cablesim
