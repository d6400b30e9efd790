// The job's ranks in a build without MPI (CABLESIM_MPI=OFF, or Open MPI not installed): this
// process alone, always. Under a launcher every rank would do the whole job by itself, so it
// says so.
#include <cstdlib>
#include <iostream>

#include "sim/experiment/job_ranks.h"

namespace cablesim {

std::unique_ptr<Ranks> RanksFromEnvironment() {
  if (std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
      std::getenv("PMIX_RANK") != nullptr) {
    std::cerr << "cablesim: built without MPI: this process runs every replication itself, on "
                 "threads (--jobs); start it without mpirun\n";
  }
  return std::make_unique<Ranks>();
}

bool RanksHaveMpi() { return false; }

}  // namespace cablesim
