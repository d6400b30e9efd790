// libFuzzer target for the ACP 127 parser and formatter (build and run with tools/fuzz).
// Properties checked on every input: no crash or sanitizer report, and linear time (the
// fuzzer's timeout: many VZCZC lines, long FL2 lines); every message the parser accepts can
// be written and read back without error; writing is idempotent; the JSON that `parse`
// prints is strict JSON, whatever the bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "sim/report/message_json.h"
#include "tests/fuzz/json_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto& pm : cablesim::ParseAcp127(text)) {
    cablesim::JsonWriter w;
    cablesim::WriteMessageJson(pm, "fuzz.txt", &w);
    if (!cablesim::fuzz::StrictJsonText(w.str())) __builtin_trap();
    if (!pm.ok()) continue;
    const std::string written = cablesim::FormatAcp127(pm.message);
    const auto again = cablesim::ParseOneAcp127(written);
    if (!again.ok()) __builtin_trap();
    if (cablesim::FormatAcp127(again.message) != written) __builtin_trap();
  }
  return 0;
}
