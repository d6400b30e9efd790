// The JSON Schema of network files (README, "Network files"), generated from the network
// loader's key tables (network_keys.h) by schema_writer.h: editors with the YAML language
// server complete its keys and flag a misspelt one where the loader would refuse it.
#pragma once

#include <string>
#include <vector>

#include "topology/schema_writer.h"

namespace cablesim {

/// The mappings of a network file: the top level first, then defaults, station, link,
/// collective, route, processing and shift (names under "definitions").
std::vector<schema::Definition> NetworkSchemaDefinitions();

/// The schema of network files as JSON text (scenarios/networks/*.yaml; shipped as
/// share/cablesim/schema/network.schema.json).
std::string NetworkSchemaJson();

}  // namespace cablesim
