#include "sim/experiment/runner.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <mutex>

#include "sim/experiment/ranks.h"
#include "sim/experiment/replication.h"
#include "sim/experiment/result_codec.h"

namespace cablesim {

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
  {
    // Each task writes only its own slot: the outcome does not depend on the threads. The
    // calling thread sleeps on a condition until a task finishes, tells the progress of each
    // one, and returns as soon as the last is done (never on a clock's tick).
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t done = 0;
    boost::asio::thread_pool pool(std::max(1u, options.jobs));
    for (const std::size_t i : mine) {
      boost::asio::post(pool, [&, i] {
        const RunTask& t = tasks[i];
        try {
          (*results)[i] = RunReplication(*points[t.point], t.discipline, t.replication,
                                         options.keep_cdfs, options.keep_run_figures);
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
    std::unique_lock<std::mutex> lock(mutex);
    for (std::size_t told = 0; told < mine.size();) {
      finished.wait(lock, [&] { return done > told; });
      for (const std::size_t now_done = done; told < now_done;) {
        ++told;
        if (!options.progress) continue;
        lock.unlock();  // the workers go on while progress is told
        options.progress(told, mine.size());
        lock.lock();
      }
    }
    lock.unlock();
    pool.join();
  }
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
