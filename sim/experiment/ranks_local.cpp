// Ranks for a build without MPI (CABLESIM_MPI=OFF, or Open MPI not installed): this process
// alone, always. Under a launcher every rank would do the whole job by itself, so it says so.
#include <cstdlib>
#include <iostream>

#include "sim/experiment/ranks.h"

namespace cablesim {

struct Ranks::Mpi {};

Ranks::Ranks() = default;
Ranks::~Ranks() = default;

std::unique_ptr<Ranks> Ranks::FromEnvironment() {
  if (std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
      std::getenv("PMIX_RANK") != nullptr) {
    std::cerr << "cablesim: built without MPI: this process runs every replication itself, on "
                 "threads (--jobs); start it without mpirun\n";
  }
  return std::make_unique<Ranks>();
}

bool Ranks::Built() { return false; }

std::vector<std::string> Ranks::AllGather(const std::vector<std::string>& mine) { return mine; }

}  // namespace cablesim
