#include "sim/stats/run_lists.h"

#include <algorithm>

namespace cablesim {

bool CountedDelivery(const RunView& sim, const Scenario& s, const AddresseeRecord& a) {
  return a.outcome == Outcome::kDelivered &&
         sim.messages()[a.message].filed >= SimTime() + s.warmup;
}

double LatencySeconds(const RunView& sim, const AddresseeRecord& a) {
  return (a.delivered - sim.messages()[a.message].filed).seconds();
}

double CorrectedLatencySeconds(const RunView& sim, const AddresseeRecord& a) {
  return (a.corrected - sim.messages()[a.message].filed).seconds();
}

std::string ChannelName(const RunView& sim, ChannelId c) {
  const Network& net = sim.network();
  return net.station(net.ChannelFrom(c)).ri + ">" + net.station(net.ChannelTo(c)).ri;
}

double MeanWaitSeconds(const StationStats& st) {
  return st.processed > 0 ? st.waited.seconds() / static_cast<double>(st.processed) : 0;
}

std::map<Undeliverable, std::uint64_t> UndeliverableReasons(const RunView& sim) {
  std::map<Undeliverable, std::uint64_t> out;
  for (const auto& a : sim.addressees()) {
    if (a.outcome == Outcome::kUndeliverable) ++out[a.reason];
  }
  return out;
}

std::vector<std::uint32_t> SlowestDeliveries(const RunView& sim, const Scenario& s, std::size_t n) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    if (CountedDelivery(sim, s, sim.addressees()[i])) ids.push_back(i);
  }
  std::stable_sort(ids.begin(), ids.end(), [&](std::uint32_t x, std::uint32_t y) {
    return LatencySeconds(sim, sim.addressees()[x]) > LatencySeconds(sim, sim.addressees()[y]);
  });
  if (ids.size() > n) ids.resize(n);
  return ids;
}

std::vector<std::uint32_t> OldestInFlight(const RunView& sim, std::size_t n) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    const auto& a = sim.addressees()[i];
    if (a.outcome == Outcome::kInFlight && sim.messages()[a.message].filed < sim.now()) {
      ids.push_back(i);
    }
  }
  auto filed = [&](std::uint32_t i) { return sim.messages()[sim.addressees()[i].message].filed; };
  std::stable_sort(ids.begin(), ids.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return filed(x) < filed(y); });
  if (ids.size() > n) ids.resize(n);
  return ids;
}

}  // namespace cablesim
