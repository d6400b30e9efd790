// The processes of an experiment: under an MPI launcher (mpirun, srun) the ranks of the job,
// through Boost.MPI; otherwise this process alone. Nothing else in cablesim knows about MPI.
// A Ranks is made once by the command that runs an experiment and passed to the runner
// (RunnerOptions::ranks); tests use the default, single-process one.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace cablesim {

class Ranks {
 public:
  /// This process alone: rank 0 of 1, no MPI.
  Ranks();
  ~Ranks();
  Ranks(const Ranks&) = delete;
  Ranks& operator=(const Ranks&) = delete;

  /// The ranks of this process's job. MPI is initialised (and finalised when the object
  /// ends) only when a launcher started the process (OMPI_COMM_WORLD_SIZE, PMI_SIZE or
  /// PMIX_RANK is set): a plain `cablesim sweep` never touches MPI. At most one per process.
  static std::unique_ptr<Ranks> FromEnvironment();
  /// Whether this build has MPI (CMake option CABLESIM_MPI); without it every process is
  /// alone and compare and sweep run on threads only.
  static bool Built();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  /// Every rank's items, concatenated in rank order, on every rank (a collective call: every
  /// rank must make it, with the same sequence of calls).
  std::vector<std::string> AllGather(const std::vector<std::string>& mine);

 private:
  struct Mpi;
  std::unique_ptr<Mpi> mpi_;  // null: this process alone
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace cablesim
