// Network YAML (schema in README.md, "Network files"): stations, links, collectives, static
// routes, defaults. Errors name file, line, column and field; nothing here throws.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>

#include "base/error.h"
#include "topology/network.h"

namespace cablesim {

/// Reads a network file and computes its routing tables.
Result<Network> LoadNetworkFile(const std::string& path);
/// Reads a network from an already parsed node (a scenario's inline `network:`); `field` is
/// the key path of that node, for messages.
Result<Network> LoadNetworkFromNode(const YAML::Node& root, const std::string& file,
                                    const std::string& field);

}  // namespace cablesim
