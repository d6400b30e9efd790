#include "sim/experiment/replication.h"

#include "sim/relay/relay_simulation.h"
#include "sim/stats/run_summary.h"

namespace cablesim {
namespace {

/// The outcomes as they are heard, and what a run's summary counts from records that a
/// replication gives back when its messages are done: deliveries per station, the reasons
/// of the undeliverable.
class ReplicationListener : public OutcomeCollector {
 public:
  ReplicationListener(const Scenario& s, std::size_t stations)
      : OutcomeCollector(s), delivered_at_(stations, 0) {}
  void OnOutcome(const MessageRecord& m, const AddresseeRecord& a, bool at_acceptance) override {
    OutcomeCollector::OnOutcome(m, a, at_acceptance);
    if (a.outcome == Outcome::kDelivered && a.station != kNoStation &&
        a.station < delivered_at_.size()) {
      ++delivered_at_[a.station];
    }
    if (a.outcome == Outcome::kUndeliverable) ++reasons_[a.reason];
  }
  /// The run's figures beyond its latencies, at its end.
  RunFigures Figures(const RunView& sim) const {
    RunFigures f;
    f.messages = sim.messages().size();
    f.copies = sim.copies_made();
    f.events = sim.events();
    f.span = sim.now() - SimTime();
    f.undeliverable_reasons = reasons_;
    f.links = LinkFiguresOf(sim, f.span);
    f.stations = StationFiguresOf(sim);
    for (std::size_t st = 0; st < f.stations.size() && st < delivered_at_.size(); ++st) {
      f.stations[st].delivered_here = delivered_at_[st];
    }
    return f;
  }

 private:
  std::vector<std::uint64_t> delivered_at_;
  std::map<Undeliverable, std::uint64_t> reasons_;
};

}  // namespace

ReplicationResult RunReplication(const Scenario& s, Discipline d, std::uint64_t r, bool keep_cdfs,
                                 bool keep_run_figures, const StopCheck& stop) {
  ReplicationResult out;
  out.seed = ReplicationSeed(s.seed, r);
  ReplicationListener listener(s, s.network->station_count());
  auto sim = Instantiate(s, out.seed, d, std::nullopt, Retention::kInFlight, &listener);
  if (stop.stop) sim->set_stop_check(stop);
  RunScenario(*sim, s);
  out.conservation = sim->Count();
  const Population pop = listener.Finish(*sim);
  out.by_precedence = Summarize(pop, s);
  out.anatomy = sim->anatomy();
  const Duration span = sim->now() - SimTime();
  for (const auto& st : sim->channel_stats()) {
    out.channel_utilisation.push_back(Utilisation(st.busy, span));
  }
  for (StationId id = 0; id < sim->network().station_count(); ++id) {
    if (sim->network().station(id).operators == 0) continue;  // no limit: nothing to saturate
    out.operator_utilisation.push_back({id, OperatorUtilisation(*sim, id)});
  }
  if (keep_cdfs) out.cdfs = CdfsOf(pop);
  if (keep_run_figures) out.figures = listener.Figures(*sim);
  return out;
}

}  // namespace cablesim
