#include "tools/cablesim/scenario_input.h"

#include <iostream>

#include "tools/cablesim/output_files.h"

namespace cablesim::cli {

std::optional<Scenario> LoadScenarioForCommand(const std::string& command, const std::string& path,
                                               const Args& args, int* exit_code) {
  LoadOptions options;
  if (args.Has("max-messages")) {
    std::string err;
    auto n = ParseInteger(args.Get("max-messages"), 1, 1LL << 40, &err);
    if (!n) {
      *exit_code = UsageError(command, "--max-messages: " + err);
      return std::nullopt;
    }
    options.max_messages = static_cast<std::uint64_t>(*n);
  }
  auto s = LoadScenario(path, options);
  if (!s) {
    std::cerr << "cablesim " << command << ": " << s.error().ToString() << "\n";
    *exit_code = kExitInputError;
    return std::nullopt;
  }
  ProtectInputs(s->inputs);
  return std::move(s).value();
}

}  // namespace cablesim::cli
