// The JSON Schema of scenario files (README, "Scenario files"), generated from the scenario
// loader's key tables (scenario_loader.h) and, for an inline `network:` mapping, the network
// loader's (topology/network_schema.h): `cablesim schema scenario` prints it, and it is
// shipped as share/cablesim/schema/scenario.schema.json for editors.
#pragma once

#include <string>
#include <vector>

#include "topology/schema_writer.h"

namespace cablesim {

/// The mappings of a scenario file, the top level first, then traffic, cable, message,
/// generator, addressees, distribution, fault, minimize and procedure (without the network's).
std::vector<schema::Definition> ScenarioSchemaDefinitions();

/// The schema of scenario files as JSON text, the network file's mappings included (so that
/// it stands alone).
std::string ScenarioSchemaJson();

}  // namespace cablesim
