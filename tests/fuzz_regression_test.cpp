// Replays the inputs that once broke the parser (tests/fuzz/corpus/) or the scenario and
// network loaders (tests/fuzz/yaml-corpus/) through the fuzz targets' properties
// (tests/fuzz/parse_fuzz.cpp, tests/fuzz/yaml_properties.h), so a fixed bug stays fixed.
#include <doctest/doctest.h>

#include <filesystem>

#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "sim/report/message_json.h"
#include "tests/cli_support.h"
#include "tests/fuzz/json_check.h"
#include "tests/fuzz/live_properties.h"
#include "tests/fuzz/yaml_properties.h"

TEST_CASE("inputs that once broke the parser are read, written and read again" *
          doctest::timeout(120)) {
  const auto dir = std::filesystem::path(CABLESIM_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const std::string text = cablesim::testing::ReadFile(entry.path().string());
    for (const auto& pm : cablesim::ParseAcp127(text)) {
      cablesim::JsonWriter w;
      cablesim::WriteMessageJson(pm, "fuzz.txt", &w);
      CHECK_MESSAGE(cablesim::fuzz::StrictJsonText(w.str()), entry.path().filename().string());
      if (!pm.ok()) continue;
      const std::string written = cablesim::FormatAcp127(pm.message);
      const auto again = cablesim::ParseOneAcp127(written);
      CHECK_MESSAGE(again.ok(), entry.path().filename().string());
      CHECK_MESSAGE(cablesim::FormatAcp127(again.message) == written,
                    entry.path().filename().string());
    }
  }
  CHECK(files >= 6);
}

TEST_CASE("inputs that once troubled the scenario and network loaders load or fail cleanly" *
          doctest::timeout(120)) {
  const auto dir = std::filesystem::path(CABLESIM_SOURCE_DIR) / "tests" / "fuzz" / "yaml-corpus";
  const std::string scenario_path = std::string(CABLESIM_SOURCE_DIR) + "/scenarios/fuzz-input.yaml";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const std::string text = cablesim::testing::ReadFile(entry.path().string());
    CHECK_MESSAGE(cablesim::fuzz::CheckYamlInput(text, scenario_path) == "",
                  entry.path().filename().string());
  }
  CHECK(files >= 3);
}

TEST_CASE("client input that once troubled serve is answered in strict JSON, nothing lost" *
          doctest::timeout(120)) {
  const auto dir = std::filesystem::path(CABLESIM_SOURCE_DIR) / "tests" / "fuzz" / "live-corpus";
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/live-dts.yaml");
  REQUIRE(s.ok());
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const std::string text = cablesim::testing::ReadFile(entry.path().string());
    CHECK_MESSAGE(cablesim::fuzz::CheckLiveInput(text, *s) == "", entry.path().filename().string());
  }
  CHECK(files >= 3);
}
