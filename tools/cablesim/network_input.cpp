#include "tools/cablesim/network_input.h"

#include <iostream>

#include "sim/scenario/scenario.h"
#include "topology/network_yaml.h"

namespace cablesim::cli {

Result<Network> LoadNetworkForCommand(const std::string& command, const std::string& path) {
  if (LooksLikeScenario(path)) {
    auto s = LoadScenario(path);
    if (!s) {
      std::cerr << "cablesim " << command << ": " << s.error().ToString() << "\n";
      return s.error();
    }
    return std::move(*s->network);
  }
  auto net = LoadNetworkFile(path);
  if (!net) std::cerr << "cablesim " << command << ": " << net.error().ToString() << "\n";
  return net;
}

}  // namespace cablesim::cli
