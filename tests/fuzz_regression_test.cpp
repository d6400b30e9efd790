// Replays every input in tests/fuzz/corpus/ (inputs the fuzzer once broke) through the
// properties of tests/fuzz/parse_fuzz.cpp, so a fixed bug stays fixed.
#include <doctest/doctest.h>

#include <filesystem>

#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "tests/cli_support.h"

TEST_CASE("inputs that once broke the parser are read, written and read again") {
  const auto dir = std::filesystem::path(CABLESIM_SOURCE_DIR) / "tests" / "fuzz" / "corpus";
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    ++files;
    const std::string text = cablesim::testing::ReadFile(entry.path().string());
    for (const auto& pm : cablesim::ParseAcp127(text)) {
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
