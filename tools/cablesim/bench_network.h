// The network benchmark: a generated relay hierarchy under generated traffic.
#pragma once

#include <cstdint>

#include "base/units.h"

namespace cablesim::cli {

struct NetworkBenchResult {
  std::int64_t stations = 0, links = 0, messages = 0, addressees = 0;
  std::uint64_t events = 0, copies = 0, deliveries = 0, in_flight = 0;
  double simulated_s = 0;    ///< simulated time covered
  double setup_s = 0;        ///< wall time to build the network and its routing tables
  double run_s = 0;          ///< wall time of the run
  double peak_rss_mib = 0;   ///< the process's high-water resident set (VmHWM)
  std::int64_t samples = 0;  ///< time-series samples recorded (0: not recorded)
  double sample_s = 0;       ///< their step at the end
};

/// Builds `stations` stations (a hub, one relay per 50 stations in a ring around it, the rest
/// posts spread over the relays) and files `messages` messages of 8 addressees (1 TO, 7 INFO,
/// uniform over the posts, corpus precedence mix, about 2,000 characters) at 25 a second of
/// simulated time, then runs until every copy is delivered. Copies are not kept.
/// `sample` > 0 records the run over time (stats/time_series.h) at that step, kept within
/// kAutoSamples samples as `run --sample auto` does, the series computed in the timed run.
NetworkBenchResult RunNetworkBench(int stations, std::int64_t messages, std::uint64_t seed,
                                   Duration sample = Duration());

}  // namespace cablesim::cli
