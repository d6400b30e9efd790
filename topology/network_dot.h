// The network as Graphviz DOT: relays as boxes, posts as ellipses, switches as diamonds,
// one cluster per region, each link labelled with its rate.
#pragma once

#include <string>

#include "topology/network.h"

namespace cablesim {

std::string NetworkToDot(const Network& net);

/// `s` quoted for DOT (backslashes and quotes escaped).
std::string DotQuote(const std::string& s);

}  // namespace cablesim
