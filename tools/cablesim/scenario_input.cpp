#include "tools/cablesim/scenario_input.h"

#include <iostream>

#include "tools/cablesim/output_files.h"

namespace cablesim::cli {

std::optional<Scenario> LoadScenarioForCommand(const std::string& command, const std::string& path,
                                               const Args& args, int* exit_code) {
  LoadOptions options;
  // compare and sweep give back each message's records once it is done; the others keep
  // every record, so their default limit is what the memory of this machine class holds.
  if (command != "compare" && command != "sweep") options.max_messages = kMaxKeptMessages;
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
