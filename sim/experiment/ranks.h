// The processes of an experiment: under an MPI launcher (mpirun, srun) the ranks of the job,
// through Boost.MPI; otherwise one process. Nothing else in cablesim knows about MPI.
#pragma once

#include <string>
#include <vector>

namespace cablesim {

class Ranks {
 public:
  /// The ranks of this process's job. MPI is initialised (once, on first call) only when a
  /// launcher started the process (OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK is set):
  /// a plain `cablesim sweep` never touches MPI.
  static Ranks& Get();

  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }

  /// Every rank's items, concatenated in rank order, on every rank (a collective call: every
  /// rank must make it, with the same sequence of calls).
  std::vector<std::string> AllGather(const std::vector<std::string>& mine);

 private:
  Ranks();
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace cablesim
