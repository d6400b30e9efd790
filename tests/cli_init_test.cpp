// cablesim init DIR: the starter network and scenario run as they are, hold what they promise
// (a relay, a collective, generators, an outage), name the shipped schema, and are never
// written over an existing file.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "sim/scenario/scenario.h"
#include "tests/cli_support.h"
#include "tests/json_support.h"

namespace {

namespace fs = std::filesystem;
using cablesim::testing::ReadFile;
using cablesim::testing::RunCli;
using cablesim::testing::TempDir;

}  // namespace

TEST_CASE("init writes a commented network and scenario that run as they are" *
          doctest::timeout(120)) {
  TempDir dir("init_starter");
  const auto r = RunCli("init '" + dir.path + "/starter'");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("cablesim init: wrote " + dir.path + "/starter/network.yaml and " + dir.path +
                        "/starter/scenario.yaml",
                    0) == 0);
  CHECK(r.out.find("Try next:\n  cablesim run " + dir.path + "/starter/scenario.yaml\n") !=
        std::string::npos);
  CHECK(r.out.find("--trace FLASH-1") != std::string::npos);
  CHECK(r.out.find("cablesim compare ") != std::string::npos);
  CHECK(r.out.find("cablesim serve ") != std::string::npos);

  auto s = cablesim::LoadScenario(dir.path + "/starter/scenario.yaml");
  REQUIRE_MESSAGE(s.ok(), s.error().ToString());
  const cablesim::Network& net = *s->network;
  bool relay = false;
  for (cablesim::StationId k = 0; k < net.station_count(); ++k) {
    relay |= net.station(k).kind == cablesim::StationKind::kRelay && net.station(k).operators > 0;
  }
  CHECK(relay);
  CHECK(net.collectives().size() == 1);
  CHECK(s->generators.size() == 2);
  CHECK(s->faults.size() == 1);
  CHECK(s->options.reroute_after.has_value());
  CHECK(s->warnings.empty());

  const auto run = RunCli("run '" + dir.path + "/starter/scenario.yaml'");
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  CHECK(run.out.find("nothing left in flight") != std::string::npos);
  CHECK(run.out.find("conservation: 148 addressed = 148 delivered + 0 by other means + 0 "
                     "undeliverable + 0 in flight") != std::string::npos);
  const auto trace = RunCli("run '" + dir.path + "/starter/scenario.yaml' --trace FLASH-1");
  CHECK(trace.exit_code == 0);

  // Every line of both files is commented where it is not obvious, and the first names the
  // schema this binary's tree ships (the build tree's share/cablesim/schema here).
  for (const char* name : {"network", "scenario"}) {
    CAPTURE(name);
    const std::string text = ReadFile(dir.path + "/starter/" + name + ".yaml");
    const std::string prefix = "# yaml-language-server: $schema=";
    REQUIRE(text.rfind(prefix, 0) == 0);
    const std::string schema = text.substr(prefix.size(), text.find('\n') - prefix.size());
    CHECK(schema ==
          fs::weakly_canonical(fs::path(CABLESIM_BINARY).parent_path() / "share" / "cablesim" /
                               "schema" / (std::string(name) + ".schema.json"))
              .string());
    CHECK(fs::is_regular_file(schema));
  }
}

TEST_CASE("init never writes over a file, and writes nothing when one is in the way") {
  TempDir dir("init_exists");
  std::ofstream(dir.path + "/scenario.yaml") << "mine\n";
  const auto r = RunCli("init '" + dir.path + "'");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "cablesim init: " + dir.path +
                     "/scenario.yaml exists: init writes new files only (give another directory, "
                     "or move it)\n");
  CHECK(ReadFile(dir.path + "/scenario.yaml") == "mine\n");
  CHECK_FALSE(fs::exists(dir.path + "/network.yaml"));
  // A second init into a directory it wrote before is refused the same way.
  TempDir again("init_again");
  REQUIRE(RunCli("init '" + again.path + "'").exit_code == 0);
  const std::string before = ReadFile(again.path + "/network.yaml");
  const auto twice = RunCli("init '" + again.path + "'");
  CHECK(twice.exit_code == 1);
  CHECK(twice.err.find("network.yaml exists") != std::string::npos);
  CHECK(ReadFile(again.path + "/network.yaml") == before);
}

TEST_CASE("init away from an installed tree writes the schemas beside the files") {
  // A binary copied alone (no share/cablesim/schema beside it or above it).
  TempDir dir("init_alone");
  fs::create_directories(dir.path + "/bin");
  fs::copy_file(CABLESIM_BINARY, dir.path + "/bin/cablesim");
  fs::permissions(dir.path + "/bin/cablesim", fs::perms::owner_all);
  const auto r =
      cablesim::testing::RunShell("'" + dir.path + "/bin/cablesim' init '" + dir.path + "/s' 2>&1");
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  CHECK(ReadFile(dir.path + "/s/scenario.yaml")
            .rfind("# yaml-language-server: $schema=./scenario.schema.json\n", 0) == 0);
  CHECK(ReadFile(dir.path + "/s/network.yaml")
            .rfind("# yaml-language-server: $schema=./network.schema.json\n", 0) == 0);
  CHECK(cablesim::testing::Json::parse(ReadFile(dir.path + "/s/scenario.schema.json"))["title"] ==
        "cablesim scenario file");
  CHECK(fs::is_regular_file(dir.path + "/s/network.schema.json"));
}

TEST_CASE("init: usage errors") {
  CHECK(RunCli("init").exit_code == 2);
  CHECK(RunCli("init a b").exit_code == 2);
  CHECK(RunCli("init --force x").exit_code == 2);
  const auto help = RunCli("init --help");
  CHECK(help.exit_code == 0);
  CHECK(help.out.rfind("usage: cablesim init DIR\n", 0) == 0);
}
