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

std::vector<LinkRow> LinksByUtilisation(const RunView& sim) {
  const double span = sim.now().seconds();
  std::vector<LinkRow> rows;
  for (ChannelId c = 0; c < sim.channel_stats().size(); ++c) {
    const auto& st = sim.channel_stats()[c];
    if (st.copies_sent == 0 && st.busy == Duration() && st.max_queue == 0) continue;
    rows.push_back({c, span > 0 ? st.busy.seconds() / span : 0});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const LinkRow& a, const LinkRow& b) {
    return a.utilisation > b.utilisation;
  });
  return rows;
}

std::vector<ChannelId> LinksByBacklog(const RunView& sim) {
  std::vector<ChannelId> rows;
  for (ChannelId c = 0; c < sim.channel_stats().size(); ++c) {
    if (sim.channel_stats()[c].max_queue > 0) rows.push_back(c);
  }
  std::stable_sort(rows.begin(), rows.end(), [&](ChannelId a, ChannelId b) {
    const auto& x = sim.channel_stats()[a];
    const auto& y = sim.channel_stats()[b];
    if (x.max_queue != y.max_queue) return x.max_queue > y.max_queue;
    return sim.Backlogged(a) > sim.Backlogged(b);
  });
  return rows;
}

std::string ChannelName(const RunView& sim, ChannelId c) {
  const Network& net = sim.network();
  return net.station(net.ChannelFrom(c)).ri + ">" + net.station(net.ChannelTo(c)).ri;
}

std::vector<StationId> StationsWithOperators(const RunView& sim) {
  std::vector<StationId> out;
  for (StationId st = 0; st < sim.network().station_count(); ++st) {
    if (sim.network().station(st).operators > 0) out.push_back(st);
  }
  return out;
}

double OperatorUtilisation(const RunView& sim, StationId id) {
  const double capacity = sim.StaffSeconds(id);
  return capacity > 0 ? sim.station_stats()[id].busy.seconds() / capacity : 0;
}

double MeanWaitSeconds(const StationStats& st) {
  return st.processed > 0 ? st.waited.seconds() / static_cast<double>(st.processed) : 0;
}

std::map<std::string, std::uint64_t> UndeliverableReasons(const RunView& sim) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& a : sim.addressees()) {
    if (a.outcome == Outcome::kUndeliverable) ++out[std::string(UndeliverableReason(a.reason))];
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
