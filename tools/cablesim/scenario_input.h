// Loading the scenario a subcommand works on (its first positional), with the limits the
// command line sets (--max-messages).
#pragma once

#include <optional>
#include <string>

#include "sim/scenario/scenario.h"
#include "tools/cablesim/args.h"

namespace cablesim::cli {

/// The option of every command that loads a scenario.
inline const OptionSpec kMaxMessagesOption{"max-messages", true};

/// `path` itself when it exists (or is absolute); else, for a relative path, the shipped
/// scenario of that name in an installed copy: ../share/cablesim/scenarios/PATH, or
/// ../share/cablesim/PATH, beside the running binary; else `path` (whose error then says so).
std::string InstalledOr(const std::string& path);

/// Loads `path` (InstalledOr) with the limits of `args`. On failure prints "cablesim COMMAND:
/// error" on stderr, sets *exit_code (2 for a bad --max-messages, 1 for the scenario) and returns
/// nullopt.
std::optional<Scenario> LoadScenarioForCommand(const std::string& command, const std::string& path,
                                               const Args& args, int* exit_code);

}  // namespace cablesim::cli
