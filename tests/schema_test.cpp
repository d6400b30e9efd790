// The JSON Schemas of network and scenario files against the loaders they describe: every
// key of every loader table has its entry and no entry is a key the loader refuses; every
// key check of the loaders goes through a table the schema covers; the copies in schema/
// (which the shipped scenarios name) are what the generator writes. tests/schema_files_test.py
// validates the shipped files with Debian's python3-jsonschema and checks that a misspelt key
// is refused by the schema and the loader at the same place.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sim/scenario/scenario_loader.h"
#include "sim/scenario/scenario_schema.h"
#include "tests/cli_support.h"
#include "tests/json_support.h"
#include "topology/network_keys.h"
#include "topology/network_schema.h"

namespace {

using cablesim::schema::Definition;

std::vector<Definition> AllDefinitions() {
  std::vector<Definition> all = cablesim::NetworkSchemaDefinitions();
  for (Definition& d : cablesim::ScenarioSchemaDefinitions()) all.push_back(std::move(d));
  return all;
}

std::string Source(const std::string& rel) {
  return cablesim::testing::ReadFile(std::string(CABLESIM_SOURCE_DIR) + "/" + rel);
}

}  // namespace

TEST_CASE("every key of every loader table has a schema entry, and every entry is a key") {
  for (const Definition& d : AllDefinitions()) {
    CAPTURE(d.name);
    const auto mismatches = cablesim::schema::Mismatches(d);
    for (const std::string& m : mismatches) FAIL_CHECK(d.name << "." << m);
    CHECK(mismatches.empty());
    for (const std::string& r : d.required) {
      CAPTURE(r);
      CHECK(std::find(d.loader_keys->begin(), d.loader_keys->end(), r) != d.loader_keys->end());
    }
  }
}

TEST_CASE("every key check of the loaders goes through a table the schema covers") {
  // The tables by the names the loaders use; a check with an inline list of keys, or with a
  // table the schema does not cover, would let the two drift.
  namespace net = cablesim::network_keys;
  namespace scen = cablesim::scenario_yaml;
  const std::map<std::string, std::map<std::string, const std::vector<std::string>*>> tables = {
      {"topology/network_yaml.cpp",
       {{"kTopKeys", &net::kTopKeys},
        {"kDefaultKeys", &net::kDefaultKeys},
        {"kStationKeys", &net::kStationKeys},
        {"kLinkKeys", &net::kLinkKeys},
        {"kLinkProcedureKeys", &net::kLinkProcedureKeys},
        {"kCollectiveKeys", &net::kCollectiveKeys},
        {"kRouteKeys", &net::kRouteKeys},
        {"kProcessingKeys", &net::kProcessingKeys},
        {"kOperatorsKeys", &net::kOperatorsKeys},
        {"kShiftKeys", &net::kShiftKeys}}},
      {"sim/scenario/scenario_yaml.cpp",
       {{"kTopKeys", &scen::kTopKeys},
        {"kTrafficKeys", &scen::kTrafficKeys},
        {"kCableKeys", &scen::kCableKeys},
        {"kFaultKeys", &scen::kFaultKeys},
        {"kMinimizeKeys", &scen::kMinimizeKeys},
        {"kProcedureKeys", &scen::kProcedureKeys}}},
      {"sim/scenario/scenario_traffic_yaml.cpp",
       {{"kMessageKeys", &scen::kMessageKeys},
        {"kGeneratorKeys", &scen::kGeneratorKeys},
        {"kAddresseeDrawKeys", &scen::kAddresseeDrawKeys},
        {"kDistributionKeys", &scen::kDistributionKeys}}}};
  std::set<const std::vector<std::string>*> covered;
  for (const Definition& d : AllDefinitions()) covered.insert(d.loader_keys);
  // CheckKeys or Keys (which checks, and indexes the keys for reading).
  const std::regex call(R"(\b(?:CheckKeys|Keys)\(([^;]*?)\);)");
  std::size_t calls = 0;
  for (const auto& [file, names] : tables) {
    const std::string text = Source(file);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
      const std::string args = (*it)[1].str();
      const std::string table = args.substr(args.find_last_of(", ") + 1);
      CAPTURE(file);
      CAPTURE(args);
      ++calls;
      const auto found = names.find(table);
      REQUIRE_MESSAGE(found != names.end(), "a key check without a table the schema covers");
      CHECK(covered.count(found->second) == 1);
    }
  }
  CHECK(calls == 20);  // as many as the loaders make today: a new one must be listed above
}

TEST_CASE("a table key without an entry is refused, as is an entry the loader does not know") {
  const std::vector<std::string> keys = {"at", "for", "what"};
  Definition d{
      "thing",
      "A thing",
      &keys,
      {{"at", "\"type\": \"string\"", "when"}, {"for", "\"type\": \"string\"", "how long"}},
      {}};
  CHECK(cablesim::schema::Mismatches(d) == std::vector<std::string>{"what: in the loader only"});
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(cablesim::schema::Write(out, "t", {d}),
                       "schema: thing.what: in the loader only", std::logic_error);
  d.keys.push_back({"what", "\"type\": \"string\"", "what"});
  d.keys.push_back({"wen", "\"type\": \"string\"", "a typo"});
  CHECK_THROWS_WITH_AS(cablesim::schema::Write(out, "t", {d}),
                       "schema: thing.wen: in the schema only", std::logic_error);
}

TEST_CASE("a mapping lists exactly its loader's keys, in order, and refuses any other") {
  // Parsed keeping the keys in the order written.
  auto schema = cablesim::testing::OrderedJson::parse(cablesim::NetworkSchemaJson());
  auto& link = schema["definitions"]["link"];
  CHECK(link["additionalProperties"] == false);
  CHECK(link["required"] == cablesim::testing::OrderedJson::array({"between"}));
  std::vector<std::string> keys;
  for (const auto& [key, value] : link["properties"].items()) keys.push_back(key);
  CHECK(keys == cablesim::network_keys::kLinkKeys);
}

TEST_CASE("schema/ holds what cablesim schema writes") {
  // The shipped scenarios name these copies (# yaml-language-server: $schema=...); when a
  // key table changes, rewrite them: build/dev/cablesim schema scenario --out
  // schema/scenario.schema.json (and network).
  CHECK_MESSAGE(Source("schema/scenario.schema.json") == cablesim::ScenarioSchemaJson(),
                "schema/scenario.schema.json is stale: cablesim schema scenario --out it");
  CHECK_MESSAGE(Source("schema/network.schema.json") == cablesim::NetworkSchemaJson(),
                "schema/network.schema.json is stale: cablesim schema network --out it");
}
