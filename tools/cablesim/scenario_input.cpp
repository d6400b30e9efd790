#include "tools/cablesim/scenario_input.h"

#include <filesystem>
#include <iostream>

#include "base/did_you_mean.h"
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

void ShowWarnings(const std::vector<std::string>& warnings, bool in_report) {
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < warnings.size() && i < kShown; ++i) {
    std::cerr << warnings[i] << "\n";
  }
  if (warnings.size() > kShown) {
    std::cerr << "... and " << warnings.size() - kShown << " more warnings"
              << (in_report ? " (see the report)" : "") << "\n";
  }
}

void ShowLoadNotes(const std::string& command, const Scenario& s, bool in_report) {
  ShowWarnings(s.warnings, in_report);
  if (!s.skipped.empty()) {
    std::cerr << "cablesim " << command << ": " << s.skipped.size()
              << " cable(s) skipped at load (on_error: skip)"
              << (in_report ? "; the report lists them" : "") << "\n";
  }
}

std::optional<std::uint32_t> MessageForOption(const std::string& command, const std::string& option,
                                              const RelaySimulation& sim, const Scenario& s,
                                              const std::string& id) {
  if (auto m = sim.FindMessage(id)) return m;
  std::vector<std::string> ids;
  for (const MessageRecord& m : sim.messages()) ids.push_back(m.id);
  const std::string guess = DidYouMean(id, ids);
  std::cerr << "cablesim " << command << ": " << option << ": no message '" << id << "' in "
            << s.name;
  if (!guess.empty()) {
    std::cerr << " (did you mean '" << guess << "'?)\n";
  } else if (!ids.empty()) {
    std::cerr << " (ids appear in the reports; e.g. the first is '" << ids.front() << "')\n";
  } else {
    std::cerr << " (it has no messages)\n";
  }
  return std::nullopt;
}

}  // namespace cablesim::cli
