// Golden output: the JSON report of every shipped scenario, as `cablesim run SCENARIO
// --format json` prints it, must stay byte for byte what tests/golden/run-json.txt records
// (its size and FNV-1a 64-bit hash; the reports are megabytes). A change that alters them on
// purpose updates the file with
//   CABLESIM_UPDATE_GOLDEN=1 build/dev/tests/golden_test
// and says why in its commit.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tests/cli_support.h"

namespace {

std::string Fnv1a64(const std::string& s) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char ch : s) {
    h ^= static_cast<unsigned char>(ch);
    h *= 0x100000001b3ULL;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string GoldenPath() { return std::string(CABLESIM_SOURCE_DIR) + "/tests/golden/run-json.txt"; }

// "scenario bytes hash" per line.
std::map<std::string, std::string> ReadGolden() {
  std::map<std::string, std::string> out;
  std::istringstream in(cablesim::testing::ReadFile(GoldenPath()));
  for (std::string name, rest; in >> name && std::getline(in, rest);) out[name] = rest.substr(1);
  return out;
}

}  // namespace

TEST_CASE("every shipped scenario's JSON report is byte-identical to its golden record" *
          doctest::timeout(600)) {
  std::map<std::string, std::string> measured;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(CABLESIM_SOURCE_DIR) + "/scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    const std::string name = e.path().stem().string();
    if (name == "corpus-replay") continue;  // needs the corpus beside the repository
    const auto r = cablesim::testing::RunCli("run scenarios/" + name + ".yaml --format json");
    REQUIRE_MESSAGE(r.exit_code == 0, name);
    measured[name] = std::to_string(r.out.size()) + " " + Fnv1a64(r.out);
  }
  if (std::getenv("CABLESIM_UPDATE_GOLDEN")) {
    std::ofstream f(GoldenPath());
    for (const auto& [name, record] : measured) f << name << " " << record << "\n";
    MESSAGE("rewrote " << GoldenPath());
    return;
  }
  const auto golden = ReadGolden();
  CHECK(golden.size() == measured.size());
  for (const auto& [name, record] : measured) {
    INFO(name);
    CHECK(golden.count(name) == 1);
    if (golden.count(name)) CHECK(golden.at(name) == record);
  }
}
