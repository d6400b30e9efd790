// --out FILE.sqlite of run, compare and sweep: the runs added to a results database
// (sim/report/results_db.h), refusing to write over an input, saying what was done.
#pragma once

#include <string>

#include "sim/experiment/results.h"
#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"

namespace cablesim::cli {

/// Adds one run; returns the exit code (1 after printing why it could not).
int WriteRunDb(const std::string& path, const RelaySimulation& sim, const Scenario& s,
               const RunSummary& r, const Words& words);
/// Adds every replication of a compare or sweep (`command`); returns the exit code.
int WriteExperimentDb(const std::string& command, const std::string& path,
                      const ExperimentResult& e, const Words& words);

}  // namespace cablesim::cli
