// cablesim schema scenario|network [--out FILE]
#include <iostream>

#include "sim/scenario/scenario_schema.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"
#include "topology/network_schema.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim schema scenario|network [--out FILE]\n"
    "\n"
    "Prints the JSON Schema (draft-07) of scenario files or of network files, generated from\n"
    "the loaders' own tables of keys: every key a mapping may hold, its shape and a line on\n"
    "what it means; any other key is refused, as the loader refuses it. Editors with the YAML\n"
    "language server complete keys and flag typos from it when a file's first line is\n"
    "  # yaml-language-server: $schema=PATH/scenario.schema.json\n"
    "as the shipped scenarios have (the schemas are installed in share/cablesim/schema/).\n";

}  // namespace

int SchemaCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"out", true}}, &err);
  if (!args) return UsageError("schema", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  const auto& pos = args->positional();
  if (pos.size() != 1 || (pos[0] != "scenario" && pos[0] != "network")) {
    return UsageError(
        "schema", pos.size() == 1 ? "unknown schema '" + pos[0] + "'; expected scenario or network"
                                  : "expected scenario or network");
  }
  const std::string text = pos[0] == "scenario" ? ScenarioSchemaJson() : NetworkSchemaJson();
  return WriteReport("schema", args->Get("out"), text);
}

}  // namespace cablesim::cli
