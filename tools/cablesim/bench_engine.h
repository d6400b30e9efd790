// The hold-model benchmark of the event engine.
#pragma once

#include <cstdint>

namespace cablesim::cli {

struct HoldResult {
  std::int64_t pending;
  std::int64_t events;
  double engine_events_per_s;
  double baseline_events_per_s;
};

/// Classic hold model: fill the set with `pending` events at Exp(1) s, then `events` times
/// pop the earliest and schedule one at now + Exp(1) s. Run once through Simulation's full
/// schedule/dispatch path and once on a bare std::priority_queue of (time, sequence) pairs,
/// with the same random draws; each is run three times, alternating, and its best rate kept.
HoldResult RunHoldBenchmark(std::int64_t pending, std::int64_t events, std::uint64_t seed);

}  // namespace cablesim::cli
