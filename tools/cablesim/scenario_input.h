// Loading the scenario a subcommand works on (its first positional), with the limits the
// command line sets (--max-messages).
#pragma once

#include <optional>
#include <string>

#include "sim/relay/relay_simulation.h"
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

/// The first 10 of `warnings` on stderr, then how many more (`in_report`: every one is in
/// the report the command writes).
void ShowWarnings(const std::vector<std::string>& warnings, bool in_report);

/// What loading `s` noted, on stderr: its first warnings (`in_report`: every one is in the
/// report the command writes) and how many cables were skipped ("cablesim COMMAND: ...").
void ShowLoadNotes(const std::string& command, const Scenario& s, bool in_report);

/// The message of a run with the id a user gave (--trace, --message), or nullopt after
/// printing "cablesim COMMAND: OPTION: no message 'ID' in SCENARIO (did you mean 'X'?)" on
/// stderr (or, without a close id, the first id as an example).
std::optional<std::uint32_t> MessageForOption(const std::string& command, const std::string& option,
                                              const RelaySimulation& sim, const Scenario& s,
                                              const std::string& id);

}  // namespace cablesim::cli
