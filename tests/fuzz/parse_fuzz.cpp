// libFuzzer target for the ACP 127 parser and formatter (build and run with tools/fuzz).
// Properties checked on every input: no crash or sanitizer report; every message the parser
// accepts can be written and read back without error; writing is idempotent.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& pm : cablesim::ParseAcp127(text)) {
    if (!pm.ok()) continue;
    const std::string written = cablesim::FormatAcp127(pm.message);
    const auto again = cablesim::ParseOneAcp127(written);
    if (!again.ok()) __builtin_trap();
    if (cablesim::FormatAcp127(again.message) != written) __builtin_trap();
  }
  return 0;
}
