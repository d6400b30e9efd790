// Results in SQLite (Debian's libsqlite3): `run`, `compare` and `sweep --out FILE.sqlite`.
// One database holds any number of runs; each write appends (in one transaction), never
// overwrites; a database another process holds is waited for, then left alone (the results
// go to a side file next to it, DbWait). Tables, every row keyed by run_id:
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

#include <chrono>
#include <functional>
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

/// How long a write waits for a database that another process holds (a cablesim writing
/// there, a reader's open transaction), and what it says meanwhile.
inline constexpr std::chrono::milliseconds kDbWait = std::chrono::minutes(5);
struct DbWait {
  std::chrono::milliseconds wait = kDbWait;
  /// Called once, when the write first finds the database locked, before it waits.
  std::function<void()> on_locked;
};

/// Appends one run. Returns "" or the error (naming the file). A database still locked by
/// another process after `wait` is left alone: the run goes to a side file next to it
/// ("results.sqlite" -> "results.unwritten-1.sqlite", the first number free, a results
/// database of its own), and the error says where. A lock that comes free during the wait
/// gets the write in `path`.
std::string WriteRunToDb(const std::string& path, const RunView& sim, const Scenario& s,
                         const RunSummary& r, const DbProvenance& p, const DbWait& wait = {});

/// Appends every replication of an experiment (each grid point, discipline, replication is
/// a run of its own). Returns "" or the error; a locked database as WriteRunToDb.
std::string WriteExperimentToDb(const std::string& path, const ExperimentResult& e,
                                const DbProvenance& p, const DbWait& wait = {});

}  // namespace cablesim
