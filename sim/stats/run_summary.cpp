#include "sim/stats/run_summary.h"

#include <algorithm>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_lists.h"

namespace cablesim {

std::vector<LinkFigures> LinkFiguresOf(const RunView& sim, Duration span) {
  std::vector<LinkFigures> out;
  for (ChannelId c = 0; c < sim.channel_stats().size(); ++c) {
    const ChannelStats& st = sim.channel_stats()[c];
    out.push_back({c, st.busy, Utilisation(st.busy, span), st.copies_sent, st.max_queue,
                   sim.Backlogged(c), st.interruptions, st.lost, st.garbled, st.reruns,
                   st.service_messages, st.corrections});
  }
  return out;
}

std::vector<StationFigures> StationFiguresOf(const RunView& sim) {
  const Network& net = sim.network();
  std::vector<StationFigures> out(net.station_count());
  for (StationId id = 0; id < net.station_count(); ++id) {
    StationFigures& f = out[id];
    f.station = id;
    f.operators = net.station(id).operators;
    if (f.operators == 0) continue;
    const StationStats& st = sim.station_stats()[id];
    f.utilisation = OperatorUtilisation(sim, id);
    f.copies = st.processed;
    f.max_waiting = st.max_waiting;
    f.mean_wait_s = MeanWaitSeconds(st);
  }
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    out[net.ChannelFrom(c)].copies_sent += sim.channel_stats()[c].copies_sent;
  }
  return out;
}

double Utilisation(Duration busy, Duration span) {
  return span > Duration() ? busy.seconds() / span.seconds() : 0;
}

double OperatorUtilisation(const RunView& sim, StationId id) {
  if (sim.network().station(id).operators == 0) return 0;
  const double capacity = sim.StaffSeconds(id);
  return capacity > 0 ? sim.station_stats()[id].busy.seconds() / capacity : 0;
}

RunSummary SummarizeRun(const RunView& sim, const Scenario& s, const SummaryOptions& o) {
  RunSummary r;
  r.seed = o.seed;
  r.discipline = o.discipline;
  r.end = sim.now();
  r.span = r.end - SimTime();
  r.messages = sim.messages().size();
  r.copies = sim.copies_made();
  r.events = sim.events();
  r.completion = o.completion;
  if (o.completion.drained) r.arrivals_end = ArrivalsEnd(s);
  r.by_precedence = SummarizeLatency(sim, s);
  for (std::size_t k = 0; k < kPrecedenceCount; ++k) r.anatomy[k] = MeansOf(sim.anatomy()[k]);
  r.conservation = sim.Count();
  r.corrections = sim.Corrections();
  if (!o.lists) return r;
  r.undeliverable_reasons = UndeliverableReasons(sim);
  // Warm-up advice is for steady-state traffic: generators, and a run that does not drain. A
  // drained run is a terminating study, whose start is part of what it measures.
  r.advice_given = !s.generators.empty() && !s.drain;
  if (r.advice_given) r.advice = SuggestWarmup(sim);
  r.batches = o.batches;
  if (o.batches > 0) r.batch = BatchMeans(sim, s, o.batches);
  r.slowest = SlowestDeliveries(sim, s, kListed);
  r.oldest_in_flight = OldestInFlight(sim, kListed);
  r.all_links = LinkFiguresOf(sim, r.span);
  for (const LinkFigures& l : r.all_links) {
    if (l.copies > 0 || l.busy > Duration() || l.max_queue > 0) r.links.push_back(l);
    if (l.max_queue > 0) r.backlogged.push_back(l);
  }
  std::stable_sort(r.links.begin(), r.links.end(), [](const LinkFigures& a, const LinkFigures& b) {
    return a.utilisation > b.utilisation;
  });
  std::stable_sort(r.backlogged.begin(), r.backlogged.end(),
                   [](const LinkFigures& a, const LinkFigures& b) {
                     if (a.max_queue != b.max_queue) return a.max_queue > b.max_queue;
                     return a.backlogged > b.backlogged;
                   });
  r.all_stations = StationFiguresOf(sim);
  for (const AddresseeRecord& a : sim.addressees()) {
    if (a.outcome == Outcome::kDelivered && a.station != kNoStation) {
      ++r.all_stations[a.station].delivered_here;
    }
  }
  for (const StationFigures& st : r.all_stations) {
    if (st.operators > 0) r.stations.push_back(st);
  }
  return r;
}

}  // namespace cablesim
