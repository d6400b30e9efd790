// libFuzzer target for `cablesim serve`'s input (build and run with `tools/fuzz live`, from
// the repository's top). Properties: tests/fuzz/live_properties.h.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/live_properties.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const cablesim::Scenario s = [] {
    auto loaded = cablesim::LoadScenario("tests/data/live-dts.yaml");
    if (!loaded) __builtin_trap();
    return std::move(loaded).value();
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!cablesim::fuzz::CheckLiveInput(text, s).empty()) __builtin_trap();
  return 0;
}
