#include "sim/experiment/ranks.h"

#include <boost/mpi/collectives/all_gather.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <cstdlib>
#include <memory>

namespace cablesim {
namespace {

bool UnderLauncher() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

// Lives until the process exits (MPI_Finalize from its destructor).
std::unique_ptr<boost::mpi::environment>& Environment() {
  static std::unique_ptr<boost::mpi::environment> env;
  return env;
}

}  // namespace

Ranks::Ranks() {
  if (!UnderLauncher()) return;
  Environment() = std::make_unique<boost::mpi::environment>(boost::mpi::threading::single);
  const boost::mpi::communicator world;
  rank_ = world.rank();
  size_ = world.size();
}

Ranks& Ranks::Get() {
  static Ranks ranks;
  return ranks;
}

std::vector<std::string> Ranks::AllGather(const std::vector<std::string>& mine) {
  if (size_ == 1) return mine;
  const boost::mpi::communicator world;
  std::vector<std::vector<std::string>> all;
  boost::mpi::all_gather(world, mine, all);
  std::vector<std::string> out;
  for (auto& part : all) {
    for (auto& s : part) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace cablesim
