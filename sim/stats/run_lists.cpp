#include "sim/stats/run_lists.h"

#include <algorithm>
#include <functional>
#include <utility>

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

namespace {

// The ids of the n least `keys` (a key and its id each, ids ascending), in order of key, ties
// by id: what a stable sort of all of them would put first, at the cost of a partial sort.
template <typename Key, typename Before>
std::vector<std::uint32_t> FirstN(std::vector<std::pair<Key, std::uint32_t>> keys, std::size_t n,
                                  Before before) {
  const auto in_order = [&](const auto& x, const auto& y) {
    if (before(x.first, y.first)) return true;
    if (before(y.first, x.first)) return false;
    return x.second < y.second;
  };
  const auto end = keys.begin() + static_cast<std::ptrdiff_t>(std::min(n, keys.size()));
  std::partial_sort(keys.begin(), end, keys.end(), in_order);
  std::vector<std::uint32_t> ids;
  ids.reserve(static_cast<std::size_t>(end - keys.begin()));
  for (auto it = keys.begin(); it != end; ++it) ids.push_back(it->second);
  return ids;
}

}  // namespace

std::vector<std::uint32_t> SlowestDeliveries(const RunView& sim, const Scenario& s, std::size_t n) {
  std::vector<std::pair<double, std::uint32_t>> keys;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    const AddresseeRecord& a = sim.addressees()[i];
    if (CountedDelivery(sim, s, a)) keys.emplace_back(LatencySeconds(sim, a), i);
  }
  return FirstN(std::move(keys), n, std::greater<>());
}

std::vector<std::uint32_t> OldestInFlight(const RunView& sim, std::size_t n) {
  std::vector<std::pair<SimTime, std::uint32_t>> keys;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    const auto& a = sim.addressees()[i];
    const SimTime filed = sim.messages()[a.message].filed;
    if (a.outcome == Outcome::kInFlight && filed < sim.now()) keys.emplace_back(filed, i);
  }
  return FirstN(std::move(keys), n, std::less<>());
}

}  // namespace cablesim
