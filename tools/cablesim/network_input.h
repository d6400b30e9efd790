// Loading the network that route/dot work on: a network file, or the network of a scenario.
#pragma once

#include <string>

#include "topology/network.h"

namespace cablesim::cli {

/// Loads the network from `path`. On failure prints the located error on stderr as
/// "cablesim COMMAND: file:line:col: ..." and returns an error.
Result<Network> LoadNetworkForCommand(const std::string& command, const std::string& path);

}  // namespace cablesim::cli
