// libFuzzer target for the scenario and network loaders (build and run with
// `tools/fuzz yaml [SECONDS]`). Properties: tests/fuzz/yaml_properties.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/yaml_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!cablesim::fuzz::CheckYamlInput(text, "scenarios/fuzz-input.yaml").empty()) {
    __builtin_trap();
  }
  return 0;
}
