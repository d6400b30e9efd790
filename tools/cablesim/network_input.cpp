#include "tools/cablesim/network_input.h"

#include <iostream>

#include "sim/scenario/scenario.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/scenario_input.h"
#include "topology/network_yaml.h"

namespace cablesim::cli {

Result<Network> LoadNetworkForCommand(const std::string& command, const std::string& given) {
  const std::string path = InstalledOr(given);
  if (LooksLikeScenario(path)) {
    auto s = LoadScenario(path);
    if (!s) {
      std::cerr << "cablesim " << command << ": " << s.error().ToString() << "\n";
      return s.error();
    }
    ProtectInputs(s->inputs);
    for (const std::string& w : s->network->warnings()) std::cerr << w << "\n";
    return std::move(*s->network);
  }
  ProtectInputs({path});
  auto net = LoadNetworkFile(path);
  if (!net) {
    std::cerr << "cablesim " << command << ": " << net.error().ToString() << "\n";
    return net;
  }
  for (const std::string& w : net->warnings()) std::cerr << w << "\n";
  return net;
}

}  // namespace cablesim::cli
