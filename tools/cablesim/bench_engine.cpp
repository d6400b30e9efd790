#include "tools/cablesim/bench_engine.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/simulation.h"

namespace cablesim::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kRounds = 3;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::int64_t DrawHoldNs(RandomStream& rng) {
  return Duration::FromSecondsRounded(rng.Exponential(1.0)).ns();
}

double RunEngine(std::int64_t pending, std::int64_t events, std::uint64_t seed) {
  RandomStream rng(seed, 1);
  Simulation sim;
  sim.Reserve(static_cast<std::size_t>(pending) + 1);
  for (std::int64_t i = 0; i < pending; ++i) {
    sim.ScheduleAt(SimTime::Nanoseconds(DrawHoldNs(rng)), 0);
  }
  std::int64_t remaining = events;
  auto handler = [&](const Event&) {
    sim.ScheduleIn(Duration::Nanoseconds(DrawHoldNs(rng)), 0);
    if (--remaining == 0) sim.Stop();
  };
  const auto start = Clock::now();
  sim.Run(handler);
  return static_cast<double>(events) / SecondsSince(start);
}

double RunBaseline(std::int64_t pending, std::int64_t events, std::uint64_t seed) {
  RandomStream rng(seed, 1);
  using Entry = std::pair<std::int64_t, std::uint64_t>;
  std::vector<Entry> storage;
  storage.reserve(static_cast<std::size_t>(pending) + 1);
  std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap(std::greater<Entry>(),
                                                                           std::move(storage));
  std::uint64_t seq = 0;
  for (std::int64_t i = 0; i < pending; ++i) heap.emplace(DrawHoldNs(rng), ++seq);
  const auto start = Clock::now();
  for (std::int64_t i = 0; i < events; ++i) {
    const std::int64_t now = heap.top().first;
    heap.pop();
    heap.emplace(now + DrawHoldNs(rng), ++seq);
  }
  return static_cast<double>(events) / SecondsSince(start);
}

}  // namespace

HoldResult RunHoldBenchmark(std::int64_t pending, std::int64_t events, std::uint64_t seed) {
  HoldResult r{pending, events, 0, 0};
  // Alternate the two, three rounds, and keep each one's best rate: on a shared machine the
  // best of several runs is the least disturbed estimate of what the code can do.
  for (int round = 0; round < kRounds; ++round) {
    r.baseline_events_per_s = std::max(r.baseline_events_per_s, RunBaseline(pending, events, seed));
    r.engine_events_per_s = std::max(r.engine_events_per_s, RunEngine(pending, events, seed));
  }
  return r;
}

}  // namespace cablesim::cli
