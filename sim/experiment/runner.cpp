#include "sim/experiment/runner.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <exception>
#include <mutex>

#include "sim/experiment/ranks.h"
#include "sim/experiment/replication.h"
#include "sim/experiment/result_codec.h"

namespace cablesim {

namespace {

// Until every task in `mine` has ended (`done` counts them, under `mutex`): tells the progress
// of each one and, with a stop check, asks it at least every kStopPollPeriod. Throws what
// stopped it (RunStopped, or the exception of the check or the progress).
void TellUntilDone(std::size_t mine, const RunnerOptions& options, std::mutex& mutex,
                   std::condition_variable& finished, const std::size_t& done) {
  std::unique_lock<std::mutex> lock(mutex);
  for (std::size_t told = 0; told < mine;) {
    if (options.stop.stop) {
      finished.wait_for(lock, kStopPollPeriod, [&] { return done > told; });
    } else {
      finished.wait(lock, [&] { return done > told; });
    }
    const std::size_t now_done = done;
    lock.unlock();  // the workers go on while the caller is asked and told
    if (options.stop.stop && options.stop.stop()) throw RunStopped();
    while (told < now_done) {
      ++told;
      if (options.progress) options.progress(told, mine);
    }
    lock.lock();
  }
}

// This rank's tasks `mine` on a pool of options.jobs threads. Each task writes only its own
// slot: the outcome does not depend on the threads. The calling thread sleeps on a condition
// until a task finishes (or the stop check is due), and returns as soon as the last is done
// (never on a clock's tick without a stop check). Stopped, it sets the flag every run asks
// between chunks of its events, waits for every thread, and throws what stopped it.
void RunHere(const std::vector<RunTask>& tasks, const std::vector<std::size_t>& mine,
             const std::vector<const Scenario*>& points, const RunnerOptions& options,
             std::vector<ReplicationResult>* results, std::vector<std::string>* failures) {
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t done = 0;
  std::atomic<bool> stopping{false};
  StopCheck run_stop;  // none without a stop check: the program's runs are not chunked
  if (options.stop.stop) {
    run_stop = {[&stopping] { return stopping.load(std::memory_order_relaxed); },
                options.stop.every};
  }
  std::exception_ptr stopped_by;
  // No more threads than tasks: a thread with nothing to run is only a cost (--jobs 1024
  // for one replication made 1024 of them).
  const auto threads = std::clamp<std::size_t>(mine.size(), 1, std::max(1u, options.jobs));
  boost::asio::thread_pool pool(threads);
  for (const std::size_t i : mine) {
    boost::asio::post(pool, [&, i] {
      const RunTask& t = tasks[i];
      try {
        if (!stopping.load(std::memory_order_relaxed)) {
          (*results)[i] = RunReplication(*points[t.point], t.discipline, t.replication,
                                         options.keep_cdfs, options.keep_run_figures, run_stop);
        }
      } catch (const RunStopped&) {
        // Stopped with the others: RunTasks throws, no result is read.
      } catch (const std::exception& e) {
        (*failures)[i] = e.what();
      }
      {
        const std::lock_guard<std::mutex> lock(mutex);
        ++done;
      }
      finished.notify_one();
    });
  }
  try {
    TellUntilDone(mine.size(), options, mutex, finished, done);
  } catch (...) {
    stopped_by = std::current_exception();
    stopping.store(true, std::memory_order_relaxed);
  }
  pool.join();
  if (stopped_by) std::rethrow_exception(stopped_by);
}

}  // namespace

void RunTasks(const std::vector<RunTask>& tasks, const std::vector<const Scenario*>& points,
              const RunnerOptions& options, std::vector<ReplicationResult>* results,
              std::vector<std::string>* failures) {
  Ranks alone;
  Ranks& ranks = options.ranks ? *options.ranks : alone;
  results->assign(tasks.size(), ReplicationResult{});
  failures->assign(tasks.size(), "");
  // This rank's share: every size-th task from its rank on.
  std::vector<std::size_t> mine;
  for (std::size_t i = static_cast<std::size_t>(ranks.rank()); i < tasks.size();
       i += static_cast<std::size_t>(ranks.size())) {
    mine.push_back(i);
  }
  RunHere(tasks, mine, points, options, results, failures);
  if (ranks.size() == 1) return;
  // Every rank sends its results (index, failure, bytes); every rank receives all of them.
  std::vector<std::string> outgoing;
  for (const std::size_t i : mine) {
    outgoing.push_back(std::to_string(i));
    outgoing.push_back((*failures)[i]);
    outgoing.push_back((*failures)[i].empty() ? EncodeResult((*results)[i]) : std::string());
  }
  const std::vector<std::string> all = ranks.AllGather(outgoing);
  for (std::size_t k = 0; k + 2 < all.size(); k += 3) {
    const std::size_t i = std::stoul(all[k]);
    (*failures)[i] = all[k + 1];
    if (!all[k + 1].empty()) continue;
    auto decoded = DecodeResult(all[k + 2]);
    if (decoded) {
      (*results)[i] = std::move(*decoded);
    } else {
      (*failures)[i] = "a result from another rank could not be read";
    }
  }
}

}  // namespace cablesim
