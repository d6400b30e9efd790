// Statistics of a finished run and the writers of `cablesim run` (text, JSON, CSV; the trace
// is in message_trace.h).
// Reads the relay's records; never touches the engine.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/relay_simulation.h"
#include "sim/report/json_writer.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// Latency (filing to delivery) of one precedence, in seconds.
struct LatencySummary {
  std::uint64_t count = 0;
  double mean_s = 0, p50_s = 0, p95_s = 0, p99_s = 0, max_s = 0;
  double within_objective = 0;  ///< share of deliveries within the objective, 0..1
};

/// Nearest-rank percentile (p in 0..100) of sorted values; 0 for none.
double Percentile(const std::vector<double>& sorted, double p);

/// Per precedence, over deliveries of messages filed at or after the warm-up.
std::array<LatencySummary, kPrecedenceCount> SummarizeLatency(const RelaySimulation& sim,
                                                              const Scenario& s);
/// Latencies in seconds per precedence (warm-up applied), sorted ascending.
std::array<std::vector<double>, kPrecedenceCount> LatenciesByPrecedence(const RelaySimulation& sim,
                                                                        const Scenario& s);

/// One hop of a delivered copy's way.
struct Hop {
  StationId from, to;
  SimTime queued, start, end;
  std::uint16_t interruptions;
  std::uint32_t copy;
};
/// The hops from the origin to the station that delivered addressee `a` (needs copies kept).
std::vector<Hop> HopsOf(const RelaySimulation& sim, const AddresseeRecord& a);
/// The way addressee `a` was reached, as "RUEHC>RUEH>RUDKC>RUEHFR" (needs copies kept).
std::string HopPath(const RelaySimulation& sim, const AddresseeRecord& a);

/// "N addressed = D delivered + U undeliverable + F in flight".
std::string ConservationText(const RelaySimulation::Conservation& c);
/// The keys addressed, delivered, undeliverable, in_flight into the open object of `w`.
void WriteConservationKeys(const RelaySimulation::Conservation& c, JsonWriter* w);

/// "2008-06-05T21:35:12.250Z": simulated time as UTC, to the millisecond.
std::string UtcTime(const Scenario& s, SimTime t);

std::string RunReportText(const RelaySimulation& sim, const Scenario& s, std::uint64_t seed,
                          Discipline discipline);
std::string RunReportJson(const RelaySimulation& sim, const Scenario& s, std::uint64_t seed,
                          Discipline discipline);
/// One row per (message, addressee) that was delivered, with the header row.
std::string DeliveriesCsv(const RelaySimulation& sim, const Scenario& s);

}  // namespace cablesim
