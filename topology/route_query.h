// The route between two routing indicators, as `cablesim route` and the Python module's
// cablesim.route find it: each RI resolved to the station serving it, then the routing
// tables' path, or, for a classification some circuit is not cleared for, the cheapest path
// over cleared circuits only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "topology/classification.h"
#include "topology/network.h"

namespace cablesim {

struct RouteQuery {
  std::vector<StationId> path;      ///< from the station serving FROM to the one serving TO
  std::vector<ChannelId> channels;  ///< the channel of each hop (one fewer than path)
};

/// The route from `from_ri` to `to_ri`. An error's message says why there is none: an RI no
/// station serves (with the closest station's RI), a collective's RI (no one station: its
/// members and where it is expanded), no circuit cleared for `classification`, or no path.
/// `warnings` gets, route or not, "RI is not a station: X takes it, serving its prefix" for each RI
/// a prefix serves.
Result<RouteQuery> FindRoute(const Network& net, const std::string& from_ri,
                             const std::string& to_ri, std::optional<Classification> classification,
                             std::vector<std::string>* warnings);

/// "unknown classification 'X' (did you mean 'SECRET'?); expected UNCLASSIFIED,
/// CONFIDENTIAL, SECRET or TOP SECRET".
std::string UnknownClassification(const std::string& word);

}  // namespace cablesim
