// The network as Graphviz DOT: relays as boxes, posts as ellipses, switches as diamonds,
// one cluster per region, each link labelled with its rate.
#pragma once

#include <string>
#include <vector>

#include "topology/network.h"

namespace cablesim {

/// `link_label` and `link_style`, when not empty, give per link (by LinkId) a label to use
/// instead of the rate and extra DOT attributes (e.g. a colour for utilisation).
std::string NetworkToDot(const Network& net, const std::vector<std::string>& link_label = {},
                         const std::vector<std::string>& link_style = {});

/// `s` quoted for DOT (backslashes and quotes escaped).
std::string DotQuote(const std::string& s);

}  // namespace cablesim
