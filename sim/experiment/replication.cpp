#include "sim/experiment/replication.h"

#include "sim/relay/relay_simulation.h"
#include "sim/stats/run_summary.h"

namespace cablesim {

ReplicationResult RunReplication(const Scenario& s, Discipline d, std::uint64_t r, bool keep_cdfs) {
  ReplicationResult out;
  out.seed = ReplicationSeed(s.seed, r);
  OutcomeCollector collector(s);
  auto sim = Instantiate(s, out.seed, d, std::nullopt, Retention::kInFlight, &collector);
  RunScenario(*sim, s);
  out.conservation = sim->Count();
  const Population pop = collector.Finish(*sim);
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
  return out;
}

}  // namespace cablesim
