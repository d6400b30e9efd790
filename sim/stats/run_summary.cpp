#include "sim/stats/run_summary.h"

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

LinkFigures FiguresOf(const RunView& sim, ChannelId c, double utilisation) {
  const ChannelStats& st = sim.channel_stats()[c];
  return {c,
          utilisation,
          st.copies_sent,
          st.max_queue,
          sim.Backlogged(c),
          st.interruptions,
          st.lost,
          st.garbled,
          st.reruns,
          st.service_messages,
          st.duplicates};
}

}  // namespace

RunSummary SummarizeRun(const RunView& sim, const Scenario& s, const SummaryOptions& o) {
  RunSummary r;
  r.seed = o.seed;
  r.discipline = o.discipline;
  r.end = sim.now();
  r.messages = sim.messages().size();
  r.copies = sim.copies_made();
  r.events = sim.events();
  r.completion = o.completion;
  if (o.completion.drained) r.arrivals_end = ArrivalsEnd(s);
  r.by_precedence = SummarizeLatency(sim, s);
  for (std::size_t k = 0; k < kPrecedenceCount; ++k) r.anatomy[k] = MeansOf(sim.anatomy()[k]);
  r.conservation = sim.Count();
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
  for (const LinkRow& row : LinksByUtilisation(sim)) {
    r.links.push_back(FiguresOf(sim, row.channel, row.utilisation));
  }
  const double span = sim.now().seconds();
  for (const ChannelId c : LinksByBacklog(sim)) {
    const double u = span > 0 ? sim.channel_stats()[c].busy.seconds() / span : 0;
    r.backlogged.push_back(FiguresOf(sim, c, u));
  }
  for (const StationId id : StationsWithOperators(sim)) {
    const StationStats& st = sim.station_stats()[id];
    r.stations.push_back({id, sim.network().station(id).operators, OperatorUtilisation(sim, id),
                          st.processed, st.max_waiting, MeanWaitSeconds(st)});
  }
  return r;
}

}  // namespace cablesim
