// The lists a run report draws from its records: the slowest deliveries, the oldest still in
// flight, names of channels, reasons. The summary (run_summary.h) computes the link and
// station figures.
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
/// Filing to delivery of a delivered addressee, in seconds: to its first delivery, subject
/// to correction or not (what the addressee acted on, and what the latency figures count).
double LatencySeconds(const RunView& sim, const AddresseeRecord& a);
/// Filing to the delivery of the corrected copy of an addressee delivered subject to
/// correction (AddresseeRecord::corrected set), in seconds.
double CorrectedLatencySeconds(const RunView& sim, const AddresseeRecord& a);

/// "RUEH>RUDKC": a channel by its ends.
std::string ChannelName(const RunView& sim, ChannelId c);

/// Mean time a copy waited for an operator, in seconds (0 when none was processed).
double MeanWaitSeconds(const StationStats& st);
/// Undeliverable addressees counted by reason.
std::map<Undeliverable, std::uint64_t> UndeliverableReasons(const RunView& sim);

/// The n counted deliveries with the longest latency, longest first (ties by record order).
std::vector<std::uint32_t> SlowestDeliveries(const RunView& sim, const Scenario& s, std::size_t n);
/// Addressees in flight at the end, oldest first (messages not yet filed left out).
std::vector<std::uint32_t> OldestInFlight(const RunView& sim, std::size_t n);

}  // namespace cablesim
