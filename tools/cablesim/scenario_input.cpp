#include "tools/cablesim/scenario_input.h"

#include <filesystem>
#include <iostream>

#include "tools/cablesim/output_files.h"

namespace cablesim::cli {

std::string InstalledOr(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty() || fs::exists(path, ec) || fs::path(path).is_absolute()) return path;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return path;
  // bin/cablesim -> share/cablesim/scenarios/PATH, or share/cablesim/PATH for a path that
  // names scenarios/ itself (as the README's examples do).
  const fs::path share = exe.parent_path().parent_path() / "share" / "cablesim";
  for (const fs::path& candidate : {share / "scenarios" / path, share / path}) {
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
  }
  return path;
}

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
  auto s = LoadScenario(InstalledOr(path), options);
  if (!s) {
    std::cerr << "cablesim " << command << ": " << s.error().ToString() << "\n";
    *exit_code = kExitInputError;
    return std::nullopt;
  }
  ProtectInputs(s->inputs);
  return std::move(s).value();
}

}  // namespace cablesim::cli
