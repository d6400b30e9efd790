#include "sim/experiment/rounds.h"

namespace cablesim {
namespace {

// Replications [first, last) of every discipline at every point, appended to result->runs.
std::string RunRound(const PointLoader& load, std::uint64_t first, std::uint64_t last,
                     const RunnerOptions& options, ExperimentResult* result) {
  const std::size_t points = result->points.size();
  const std::vector<Discipline>& disciplines = result->disciplines;
  for (std::size_t p = 0; p < points; ++p) {
    auto scenario = load(p);
    if (!scenario) return scenario.error().ToString();
    // The tasks of one point, disciplines outermost: the same order as a whole-grid run.
    std::vector<RunTask> tasks;
    for (const Discipline d : disciplines) {
      for (std::uint64_t r = first; r < last; ++r) tasks.push_back({0, d, r});
    }
    std::vector<ReplicationResult> results;
    std::vector<std::string> failures;
    RunnerOptions o = options;
    if (options.progress) {
      const std::size_t done_before = p * tasks.size();
      const std::size_t all = points * tasks.size();
      o.progress = [&, done_before, all](std::size_t done, std::size_t) {
        options.progress(done_before + done, all);
      };
    }
    RunTasks(tasks, {scenario->get()}, o, &results, &failures);
    const std::uint64_t round = last - first;
    for (std::size_t k = 0; k < tasks.size(); ++k) {
      if (!failures[k].empty()) {
        return (points > 1 ? "point " + std::to_string(p + 1) + ", " : std::string()) +
               std::string(DisciplineName(tasks[k].discipline)) + ", replication " +
               std::to_string(tasks[k].replication + 1) + ": " + failures[k];
      }
      // The CDFs are added up and let go; the rest of the result is kept for the intervals.
      for (std::size_t q = 0; q < kPrecedenceCount; ++q) {
        result->cdfs[p][k / round][q].Add(results[k].cdfs[q]);
      }
      results[k].cdfs = {};
      result->runs[p][k / round].push_back(std::move(results[k]));
    }
  }
  return "";
}

}  // namespace

std::string RunRounds(const PointLoader& load, const Rounds& rounds, const RunnerOptions& options,
                      ExperimentResult* result) {
  result->runs.assign(result->points.size(),
                      std::vector<std::vector<ReplicationResult>>(result->disciplines.size()));
  result->cdfs.assign(result->points.size(), std::vector<DeliveryCdfs>(result->disciplines.size()));
  std::uint64_t done = 0, next = rounds.first;
  for (;;) {
    if (std::string failure = RunRound(load, done, next, options, result); !failure.empty()) {
      return failure;
    }
    done = next;
    if (!rounds.goal) break;
    const PrecisionState state = CheckPrecision(result->runs, result->disciplines, *rounds.goal);
    if (state.met || done >= rounds.goal->max_replications) {
      result->precision = ExperimentResult::Precision{
          rounds.goal->text, rounds.goal->max_replications, state.met, state.worst_figure};
      break;
    }
    next = NextReplications(done, state, *rounds.goal);
  }
  result->replications = done;
  return "";
}

}  // namespace cablesim
