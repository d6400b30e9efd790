// The parser on 6,018 published cable headers (scenarios/data/cablegate-headers.txt).
#include <doctest/doctest.h>

#include <map>

#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "tests/cli_support.h"

namespace {

std::string CorpusPath() { return cablesim::testing::CorpusPath(); }

}  // namespace

TEST_CASE("every corpus header parses, with the measured precedence mix" * doctest::timeout(120)) {
  const std::string text = cablesim::testing::ReadFile(CorpusPath());
  REQUIRE_MESSAGE(!text.empty(), "the corpus ships as " << CorpusPath());
  const auto all = cablesim::ParseAcp127(text);
  CHECK(all.size() == 6018);
  std::map<std::string, int> fl5, errors;
  int round_trips = 0;
  for (const auto& pm : all) {
    CHECK(!pm.label.empty());
    for (const auto& e : pm.errors) ++errors[pm.label + ": " + e.message];
    if (!pm.ok()) continue;
    const auto& m = pm.message;
    std::string p(1, cablesim::PrecedenceProsign(m.action_precedence));
    if (m.dual_precedence) p += std::string(" ") + cablesim::PrecedenceProsign(m.info_precedence);
    ++fl5[p];
    // Writing what was read and reading it again gives the same heading, and writing is
    // idempotent.
    const std::string written = cablesim::FormatAcp127(m);
    const auto again = cablesim::ParseOneAcp127(written);
    REQUIRE_MESSAGE(again.ok(), pm.label);
    CHECK_MESSAGE(cablesim::FormatAcp127Heading(again.message) == cablesim::FormatAcp127Heading(m),
                  pm.label);
    CHECK_MESSAGE(cablesim::FormatAcp127(again.message) == written, pm.label);
    ++round_trips;
  }
  // One corpus entry really lacks a readable FL5: a DTG without prosign. "NN RUEHWEB" (an
  // unknown FL2 prosign) is a warning, and that cable reads whole.
  CHECK(errors.size() == 1);
  CHECK(round_trips == 6017);
  // The counts measured over the corpus (ACP127.md section 1 counts VZCZC headers only).
  CHECK(fl5["P"] == 2391);
  CHECK(fl5["R"] == 1633);
  CHECK(fl5["O"] == 1629);  // 08STATE88235 (FL2 "NN RUEHWEB") now reads whole
  CHECK(fl5["O R"] == 150);
  CHECK(fl5["O P"] == 132);
  CHECK(fl5["P R"] == 81);
  CHECK(fl5["Z"] == 1);
}
