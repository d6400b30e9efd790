// Where the live page draws each station: Graphviz's overview layout of the network (sfdp,
// as `cablesim dot --layout overview` draws it), read from dot's plain output; a circle when
// Graphviz is missing or fails, saying so.
#pragma once

#include "sim/live/web_stream.h"
#include "topology/network.h"

namespace cablesim::cli {

/// The positions of `net`'s stations, by StationId.
WebLayout LayoutForPage(const Network& net);

/// The positions in dot's plain output `plain` (lines "node NAME X Y W H LABEL STYLE SHAPE
/// COLOUR FILL", names and labels quoted when they need it) of `net`'s stations; false when
/// a station is missing from it.
bool ReadPlainLayout(const std::string& plain, const Network& net, WebLayout* layout);

}  // namespace cablesim::cli
