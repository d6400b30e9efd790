// The runner behind compare and sweep: many replications of one or more scenarios (grid
// points) under several disciplines, each an independent task, on a thread pool and, under
// an MPI launcher, spread over the ranks. Results land in task order, so what is printed
// never depends on --jobs or on the number of ranks. A stop check (Ctrl-C in Python) stops
// every run between two chunks of its events.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/relay/discipline.h"
#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// One run: replication `replication` of grid point `point` under `discipline`.
struct RunTask {
  std::size_t point = 0;
  Discipline discipline = Discipline::kPriority;
  std::uint64_t replication = 0;
};

class Ranks;

/// The most threads (--jobs, jobs=) and replications (--replications, --max-replications)
/// a study may ask for, from the command line or Python alike.
inline constexpr unsigned kMaxJobs = 1024;
inline constexpr std::int64_t kMaxReplications = 100000;
/// The default of --jobs and jobs=: the hardware threads, 1 to kMaxJobs.
inline unsigned DefaultJobs() {
  return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxJobs);
}

struct RunnerOptions {
  unsigned jobs = 1;  ///< threads in this process (at most kMaxJobs; no more than its tasks)
  /// The job's processes (MPI ranks); null: this process alone.
  Ranks* ranks = nullptr;
  bool keep_cdfs = false;  ///< each run's delivery-time CDFs (ReplicationResult::cdfs)
  /// Each run's figures beyond its latencies (ReplicationResult::figures): links, stations,
  /// counts (compare --per-replication).
  bool keep_run_figures = false;
  /// Called on the calling thread as tasks finish, once for each, with (tasks done here,
  /// tasks here): 1, 2, ... up to the last.
  std::function<void(std::size_t, std::size_t)> progress;
  /// Ctrl-C for the whole experiment: `stop.stop` is asked on the calling thread at least
  /// every kStopPollPeriod while runs go on (none: that thread sleeps until a run ends, and
  /// the runs are not chunked). With one, once it says stop or throws, or progress throws,
  /// every running run stops within `stop.every` more events, no other starts, and RunTasks
  /// throws RunStopped (or that exception) once every thread has stopped. Runs it lets
  /// finish are the runs without it, event for event. For one process (no ranks): a rank
  /// that stops leaves the others waiting for its results.
  StopCheck stop;
};

/// How often the calling thread asks RunnerOptions::stop while runs go on.
inline constexpr std::chrono::milliseconds kStopPollPeriod{20};

/// Runs every task: results[i] and failures[i] (a message, "" when it ran) belong to
/// tasks[i]. Under MPI, task i runs on rank i % size and every rank ends with every result
/// (a collective call: every rank calls it with the same tasks). A run that fails (a
/// scenario beyond the engine's limits) leaves its message; the caller reports the first.
/// Stopped (RunnerOptions::stop, progress), it throws, leaving no thread running.
void RunTasks(const std::vector<RunTask>& tasks, const std::vector<const Scenario*>& points,
              const RunnerOptions& options, std::vector<ReplicationResult>* results,
              std::vector<std::string>* failures);

}  // namespace cablesim
