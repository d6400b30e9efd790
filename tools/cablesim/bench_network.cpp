#include "tools/cablesim/bench_network.h"

#include <chrono>
#include <fstream>
#include <optional>
#include <string>

#include "sim/relay/relay_simulation.h"
#include "sim/stats/time_series.h"
#include "sim/traffic/poisson_source.h"
#include "topology/network.h"

namespace cablesim::cli {
namespace {

using Clock = std::chrono::steady_clock;

// Three or two capital letters for a number: RIs for generated stations.
std::string Letters(int n, int width) {
  std::string s(static_cast<std::size_t>(width), 'A');
  for (int i = width - 1; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = static_cast<char>('A' + n % 26);
    n /= 26;
  }
  return s;
}

double PeakRssMib() {
  std::ifstream in("/proc/self/status");
  std::string key;
  while (in >> key) {
    if (key == "VmHWM:") {
      double kib = 0;
      in >> kib;
      return kib / 1024.0;
    }
    std::getline(in, key);
  }
  return 0;
}

}  // namespace

NetworkBenchResult RunNetworkBench(int stations, std::int64_t messages, std::uint64_t seed,
                                   Duration sample) {
  NetworkBenchResult r;
  const auto t0 = Clock::now();
  const int relays = std::max(2, stations / 50);
  const int posts = std::max(2, stations - 1 - relays);
  Network net;
  Station hub{.ri = "RHUB",
              .name = "HUB RELAY",
              .kind = StationKind::kRelay,
              .region = "Hub",
              .processing = Duration::Seconds(1)};
  net.AddStation(hub);
  for (int i = 0; i < relays; ++i) {
    net.AddStation({.ri = "RR" + Letters(i, 2),
                    .name = "RELAY " + std::to_string(i),
                    .kind = StationKind::kRelay,
                    .region = "Region " + std::to_string(i),
                    .processing = Duration::Seconds(1)});
  }
  PoissonConfig traffic;
  for (int i = 0; i < posts; ++i) {
    const std::string ri = "RP" + Letters(i, 3);
    net.AddStation({.ri = ri,
                    .name = "POST " + std::to_string(i),
                    .kind = StationKind::kPost,
                    .region = "Region " + std::to_string(i % relays),
                    .processing = Duration::Seconds(5)});
    traffic.origins.push_back(ri);
  }
  auto trunk = [&](StationId a, StationId b) {
    net.AddLink({.a = a,
                 .b = b,
                 .rate = 1'544'000,
                 .framing = Framing::kSyncAscii,
                 .propagation = Duration::Milliseconds(20)});
  };
  for (int i = 0; i < relays; ++i) {
    trunk(0, static_cast<StationId>(1 + i));
    trunk(static_cast<StationId>(1 + i), static_cast<StationId>(1 + (i + 1) % relays));
  }
  for (int i = 0; i < posts; ++i) {
    net.AddLink({.a = static_cast<StationId>(1 + relays + i),
                 .b = static_cast<StationId>(1 + i % relays),
                 .rate = 9600,
                 .framing = Framing::kSyncAscii,
                 .propagation = Duration::Milliseconds(50)});
  }
  if (!net.Finalize()) return r;

  traffic.name = "bench";
  traffic.per_hour = 25.0 * 3600.0 / posts;
  traffic.corpus_mix = true;
  traffic.length = {Draw::Kind::kConstant, 1500};
  traffic.to_pool = traffic.origins;
  traffic.info_pool = traffic.origins;
  traffic.to_pool_collective.assign(traffic.origins.size(), false);
  traffic.info_pool_collective.assign(traffic.origins.size(), false);
  traffic.to_count = {Draw::Kind::kConstant, 1};
  traffic.info_count = {Draw::Kind::kConstant, 7};
  traffic.max_messages = static_cast<std::uint64_t>(messages);
  for (const auto& ri : traffic.origins) traffic.origin_stations.push_back(*net.FindStation(ri));
  traffic.to_pool_stations = traffic.origin_stations;
  traffic.info_pool_stations = traffic.origin_stations;

  RelaySimulation sim(net, RelayOptions{});
  sim.set_retention(Retention::kInFlight);  // counts only: records given back
  sim.AddSource(std::make_unique<PoissonSource>(traffic, RandomStream(seed, 1)));
  std::optional<TimeSeriesRecorder> recorder;
  if (sample > Duration()) {
    recorder.emplace(sim, sample, kAutoSamples);
    sim.set_listener(&*recorder, SimTime());
  }
  const auto t1 = Clock::now();
  sim.Run(std::nullopt);
  if (recorder) {
    const TimeSeries ts = recorder->Finish(sim);
    r.samples = static_cast<std::int64_t>(ts.t.size());
    r.sample_s = ts.step.seconds();
  }
  const auto t2 = Clock::now();

  const auto c = sim.Count();
  r.stations = static_cast<std::int64_t>(net.station_count());
  r.links = static_cast<std::int64_t>(net.link_count());
  r.messages = static_cast<std::int64_t>(sim.messages().size());
  r.addressees = static_cast<std::int64_t>(c.addressed);
  r.events = sim.events();
  r.copies = sim.copies_made();
  r.deliveries = c.delivered;
  r.in_flight = c.in_flight;
  r.simulated_s = sim.now().seconds();
  r.setup_s = std::chrono::duration<double>(t1 - t0).count();
  r.run_s = std::chrono::duration<double>(t2 - t1).count();
  r.peak_rss_mib = PeakRssMib();
  return r;
}

}  // namespace cablesim::cli
