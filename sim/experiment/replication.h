// One replication of a scenario under one discipline: the run of an experiment (compare,
// sweep). Its seed comes from (scenario seed, replication) alone, so replication r draws the
// same traffic under every discipline and at every grid point: common random numbers.
#pragma once

#include <cstdint>

#include "sim/experiment/results.h"
#include "sim/relay/discipline.h"
#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// Runs replication `r` of `s` under `d`, folding each message into the statistics as it is
/// done (memory for what is in flight only). Thread-safe: it only reads the scenario.
/// `keep_cdfs` keeps its delivery-time CDFs, `keep_run_figures` its links, stations and
/// counts (ReplicationResult::figures). A `stop` check is set on its simulation: asked
/// between chunks of events, it ends the run with RunStopped (or its own exception).
ReplicationResult RunReplication(const Scenario& s, Discipline d, std::uint64_t r, bool keep_cdfs,
                                 bool keep_run_figures = false, const StopCheck& stop = {});

}  // namespace cablesim
