#include "sim/experiment/ranks.h"

#include <boost/mpi/collectives/all_gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <cstdlib>

namespace cablesim {
namespace {

bool UnderLauncher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

}  // namespace

struct Ranks::Mpi {
  boost::mpi::environment env{boost::mpi::threading::single};  // MPI_Finalize when it ends
  boost::mpi::communicator world;
};

Ranks::Ranks() = default;
Ranks::~Ranks() = default;

std::unique_ptr<Ranks> Ranks::FromEnvironment() {
  auto ranks = std::make_unique<Ranks>();
  if (!UnderLauncher()) return ranks;
  ranks->mpi_ = std::make_unique<Mpi>();
  ranks->rank_ = ranks->mpi_->world.rank();
  ranks->size_ = ranks->mpi_->world.size();
  return ranks;
}

bool Ranks::Built() { return true; }

std::vector<std::string> Ranks::AllGather(const std::vector<std::string>& mine) {
  if (!mpi_ || size_ == 1) return mine;
  std::vector<std::vector<std::string>> all;
  boost::mpi::all_gather(mpi_->world, mine, all);
  std::vector<std::string> out;
  for (auto& part : all) {
    for (auto& s : part) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace cablesim
