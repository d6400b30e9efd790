// The keys a network file may hold, mapping by mapping (internal to the loaders): the network
// loader refuses any other key with a did-you-mean, and the JSON Schema of network files
// (sim/scenario/file_schema.h) lists exactly these, so the two cannot drift.
#pragma once

#include <string>
#include <vector>

namespace cablesim::network_keys {

inline const std::vector<std::string> kTopKeys = {"defaults", "stations", "links", "collectives",
                                                  "routes"};
inline const std::vector<std::string> kDefaultKeys = {"processing", "operators", "rate", "framing",
                                                      "propagation"};
inline const std::vector<std::string> kStationKeys = {
    "ri", "name", "kind", "region", "processing", "operators", "clearance"};
inline const std::vector<std::string> kLinkKeys = {"between",     "rate",   "framing",
                                                   "propagation", "cost",   "clearance",
                                                   "loss",        "garble", "procedure"};
/// A link's own `procedure:` (what its receivers do about lost transmissions).
inline const std::vector<std::string> kLinkProcedureKeys = {"no_traffic_check"};
inline const std::vector<std::string> kCollectiveKeys = {"name", "ri", "members", "expand_at"};
inline const std::vector<std::string> kRouteKeys = {"at", "to", "via"};
/// `processing: {fixed: 1m, per_char: 20ms}` or `{exponential: 1m}`.
inline const std::vector<std::string> kProcessingKeys = {"fixed", "exponential", "per_char"};
/// `operators: {shifts: [...], handover: finish|overtime}`.
inline const std::vector<std::string> kOperatorsKeys = {"shifts", "handover"};
/// One shift of an `operators:` schedule.
inline const std::vector<std::string> kShiftKeys = {"from", "staff"};

}  // namespace cablesim::network_keys
