// Results in SQLite (Debian's libsqlite3): `run`, `compare` and `sweep --out FILE.sqlite`.
// One database holds any number of runs; each write appends (in one transaction), never
// overwrites. Tables, every row keyed by run_id:
//   runs        run_id, command, scenario, seed (text: seeds use all 64 bits), discipline,
//               replication (NULL for a run), load, vary (JSON object of --vary values),
//               version, command_line
//   precedence  per run and precedence: counts (addressed, delivered, other_means,
//               undeliverable, in_flight, unresolved, within), mean_s and quantiles (NULL
//               when there is none; *_at_least 1 when only a lower bound), objective_s, and
//               the anatomy of the mean (<part>_s)
//   addressees  every (message, addressee) of a run with its outcome (run only: experiments
//               keep no records)
//   links       per link direction: utilisation (every command), and for a run busy_s,
//               copies, max_queue, backlogged_s, interruptions
//   stations    per station with an operator limit (run only)
//   timeseries  t_s, series, key, precedence, value, when the run was recorded over time
#pragma once

#include <string>

#include "sim/experiment/results.h"
#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"

namespace cablesim {

/// True for a path ending in .sqlite, .sqlite3 or .db: --out writes a database there.
bool IsDatabasePath(const std::string& path);

/// What every row of a write says of where it came from.
struct DbProvenance {
  std::string command;       ///< run, compare or sweep
  std::string command_line;  ///< as typed
  std::string version;       ///< cablesim's
};

/// Appends one run. Returns "" or the error (naming the file).
std::string WriteRunToDb(const std::string& path, const RunView& sim, const Scenario& s,
                         const RunSummary& r, const DbProvenance& p);

/// Appends every replication of an experiment (each grid point, discipline, replication is
/// a run of its own). Returns "" or the error.
std::string WriteExperimentToDb(const std::string& path, const ExperimentResult& e,
                                const DbProvenance& p);

}  // namespace cablesim
