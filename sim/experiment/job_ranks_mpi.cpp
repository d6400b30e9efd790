// The job's ranks through Boost.MPI (CABLESIM_MPI=ON): under a launcher, the ranks of the
// MPI job; otherwise this process alone, with MPI never initialised.
#include <boost/mpi/collectives/all_gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <cstdlib>

#include "sim/experiment/job_ranks.h"

namespace cablesim {
namespace {

bool UnderLauncher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

// MPI's environment lives as long as the ranks: MPI_Init before them, MPI_Finalize after.
struct MpiSession {
  boost::mpi::environment env{boost::mpi::threading::single};
  boost::mpi::communicator world;
};

class MpiRanks : public Ranks {
 public:
  explicit MpiRanks(std::unique_ptr<MpiSession> mpi)
      : Ranks(mpi->world.rank(), mpi->world.size()), mpi_(std::move(mpi)) {}

  std::vector<std::string> AllGather(const std::vector<std::string>& mine) override {
    if (size() == 1) return mine;
    std::vector<std::vector<std::string>> all;
    boost::mpi::all_gather(mpi_->world, mine, all);
    std::vector<std::string> out;
    for (auto& part : all) {
      for (auto& s : part) out.push_back(std::move(s));
    }
    return out;
  }

 private:
  std::unique_ptr<MpiSession> mpi_;
};

}  // namespace

std::unique_ptr<Ranks> RanksFromEnvironment() {
  if (!UnderLauncher()) return std::make_unique<Ranks>();
  return std::make_unique<MpiRanks>(std::make_unique<MpiSession>());
}

bool RanksHaveMpi() { return true; }

}  // namespace cablesim
