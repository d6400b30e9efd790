// The network as Graphviz DOT: relays as boxes, posts as ellipses, switches as diamonds,
// one cluster per region, each link labelled with its rate.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "topology/network.h"

namespace cablesim {

/// How the picture is laid out.
enum class DotLayout {
  kAuto,      ///< kDetailed up to kOverviewFrom stations, kOverview beyond
  kDetailed,  ///< dot, left to right, a cluster per region, every name and rate written
  kOverview,  ///< sfdp (force-directed): relays as hubs with their posts around them, posts
              ///< as small circles coloured by region (legend), only trunks and marked links
              ///< labelled: legible at hundreds of stations, about square
};
inline constexpr std::size_t kOverviewFrom = 40;

/// "auto", "detailed" or "overview"; nullopt for anything else.
std::optional<DotLayout> ParseDotLayout(const std::string& name);

/// `link_label` and `link_style`, when not empty, give per link (by LinkId) a label to use
/// instead of the rate and extra DOT attributes (e.g. a colour for utilisation).
/// `station_style` the same per station, after the defaults so that they override them (a
/// label, say). `link_marked` flags links to point out (e.g. down during the run): their
/// labels are red, and the overview, which labels only trunks, labels them too.
/// `region_fills` are the overview's fills for regions, taken in turn in region-name order
/// (the pictures' palette, sim/report/palette.h kRegionFills); none: regions unfilled.
std::string NetworkToDot(const Network& net, const std::vector<std::string>& link_label = {},
                         const std::vector<std::string>& link_style = {},
                         DotLayout layout = DotLayout::kAuto,
                         const std::vector<std::string>& station_style = {},
                         const std::vector<bool>& link_marked = {},
                         std::span<const std::string_view> region_fills = {});

/// `s` quoted for DOT (backslashes and quotes escaped).
std::string DotQuote(const std::string& s);

}  // namespace cablesim
