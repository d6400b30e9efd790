// The processes of an experiment. A Ranks itself is this process alone (rank 0 of 1): what
// the runner uses when given none, and all that cablesim_experiment (and so the Python
// module and an embedding program) ever makes. The ranks of an MPI job come from
// RanksFromEnvironment (job_ranks.h), in the library cablesim_job_ranks, which only the
// program links: nothing else in cablesim knows about MPI.
// A job's Ranks is made once by the command that runs an experiment and passed to the runner
// (RunnerOptions::ranks); tests use the default, single-process one.
#pragma once

#include <string>
#include <vector>

namespace cablesim {

class Ranks {
 public:
  /// This process alone: rank 0 of 1, no MPI.
  Ranks() = default;
  virtual ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  /// Every rank's items, concatenated in rank order, on every rank (a collective call: every
  /// rank must make it, with the same sequence of calls). Alone: `mine`.
  virtual std::vector<std::string> AllGather(const std::vector<std::string>& mine);

 protected:
  /// Rank `rank` of `size` (a job's ranks: job_ranks_mpi.cpp).
  Ranks(int rank, int size) : rank_(rank), size_(size) {}

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace cablesim
