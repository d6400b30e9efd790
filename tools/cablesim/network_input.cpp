#include "tools/cablesim/network_input.h"

#include <iostream>

#include "topology/network_yaml.h"

namespace cablesim::cli {

Result<Network> LoadNetworkForCommand(const std::string& command, const std::string& path) {
  auto net = LoadNetworkFile(path);
  if (!net) std::cerr << "cablesim " << command << ": " << net.error().ToString() << "\n";
  return net;
}

}  // namespace cablesim::cli
