// The lists a run report draws from its records: the slowest deliveries, the oldest still in
// flight, link directions by utilisation and by backlog, staffed stations. Shared by the
// text, JSON and HTML writers so they always list the same things.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// A delivery the latency figures count: delivered, of a message filed after the warm-up.
bool CountedDelivery(const RunView& sim, const Scenario& s, const AddresseeRecord& a);
/// Filing to delivery of a delivered addressee, in seconds.
double LatencySeconds(const RunView& sim, const AddresseeRecord& a);

struct LinkRow {
  ChannelId channel;
  double utilisation;  ///< share of the run the channel's transmitter was busy
};
/// Channels that sent, were busy or queued anything, busiest first (then channel order).
std::vector<LinkRow> LinksByUtilisation(const RunView& sim);
/// Channels that ever had a queue, longest queue first (then longest backlog, then order).
std::vector<ChannelId> LinksByBacklog(const RunView& sim);
/// "RUEH>RUDKC": a channel by its ends.
std::string ChannelName(const RunView& sim, ChannelId c);

/// Stations with an operator limit, in station order.
std::vector<StationId> StationsWithOperators(const RunView& sim);
/// The share of the operators' time spent on copies since the start of the run.
double OperatorUtilisation(const RunView& sim, StationId id);
/// Mean time a copy waited for an operator, in seconds (0 when none was processed).
double MeanWaitSeconds(const StationStats& st);
/// Undeliverable addressees counted by reason.
std::map<std::string, std::uint64_t> UndeliverableReasons(const RunView& sim);

/// The n counted deliveries with the longest latency, longest first (ties by record order).
std::vector<std::uint32_t> SlowestDeliveries(const RunView& sim, const Scenario& s, std::size_t n);
/// Addressees in flight at the end, oldest first (messages not yet filed left out).
std::vector<std::uint32_t> OldestInFlight(const RunView& sim, std::size_t n);

}  // namespace cablesim
