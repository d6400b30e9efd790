// A scenario: the network, the traffic, the faults and the options of one simulated
// situation, read from YAML (schema in README.md, "Scenario files"), and turned into a
// ready RelaySimulation for a given seed.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/message/message.h"
#include "sim/relay/message_spec.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_listener.h"
#include "sim/relay/relay_options.h"
#include "sim/traffic/poisson_source.h"
#include "topology/network.h"

namespace cablesim {

class RelaySimulation;

/// The speed-of-service objectives a scenario has unless it says otherwise: FLASH (and
/// EMERGENCY COMMAND) 10 min, IMMEDIATE 30 min, PRIORITY 3 h, ROUTINE 6 h, filing to
/// delivery (ACP127.md §2: sources disagree; configurable).
constexpr std::array<Duration, kPrecedenceCount> DefaultObjectives() {
  std::array<Duration, kPrecedenceCount> o{};
  o[static_cast<std::size_t>(Precedence::kEmergencyCommand)] = Duration::Minutes(10);
  o[static_cast<std::size_t>(Precedence::kFlash)] = Duration::Minutes(10);
  o[static_cast<std::size_t>(Precedence::kImmediate)] = Duration::Minutes(30);
  o[static_cast<std::size_t>(Precedence::kPriority)] = Duration::Hours(3);
  o[static_cast<std::size_t>(Precedence::kRoutine)] = Duration::Hours(6);
  return o;
}

struct Scenario {
  std::string file;  ///< the scenario file, for messages
  /// Every file the scenario was read from: itself, its network, cables and traces (no
  /// output of a run may be written over one).
  std::vector<std::string> inputs;
  std::string name;
  std::string description;
  std::int64_t start_unix = 0;       ///< the epoch: simulated time 0, in Unix seconds (UTC)
  std::optional<Duration> duration;  ///< nullopt: run until nothing is left to do
  /// With a duration: arrivals (generators, and cables, messages and trace rows filed later)
  /// stop at `duration`, and the run goes on until nothing is in flight, for at most this
  /// much more (the standard terminating study: no addressee left unresolved). nullopt: the
  /// run stops at `duration`.
  std::optional<Duration> drain;
  Duration warmup;  ///< deliveries of messages filed earlier are not counted
  std::uint64_t seed = 1;
  std::unique_ptr<Network> network;
  RelayOptions options;
  /// Speed-of-service objectives, filing to delivery, by precedence.
  std::array<Duration, kPrecedenceCount> objectives = DefaultObjectives();
  std::vector<MessageSpec> messages;      ///< cables, YAML messages and trace rows
  std::vector<PoissonConfig> generators;  ///< generator i draws from stream i + 1
  std::vector<Fault> faults;
  std::vector<MinimizeOrder> minimize;  ///< MINIMIZE orders, in file order
  /// The classification an EFTO cable (FL4 `EEEEE`, encrypt for transmission only) counts
  /// as for routing by clearance (a choice: ACP 127 leaves it to the circuits' approval).
  Classification efto = Classification::kUnclassified;
  std::string analytic;               ///< e.g. "mm1-priority": print exact values beside
  std::vector<std::string> warnings;  ///< from reading the scenario and its cables, located
  /// Cables left out under `on_error: skip`, each "file:line:column: why".
  std::vector<std::string> skipped;
};

/// Limits a scenario must keep to, so that a typo cannot ask for days of work.
struct LoadOptions {
  /// A generator expected to file more messages than this over the run is refused. The
  /// default suits runs that give back done messages' records (compare, sweep); runs that
  /// keep every record (run, dot, serve) use kMaxKeptMessages.
  std::uint64_t max_messages = 50'000'000;
};

/// The message limit of a run that keeps every record: at about 700 bytes a message (and a
/// JSON report of about 150 bytes an addressee), 10 million fit in some 10 GB, well within
/// the 24 GiB of the machines cablesim is sized for.
inline constexpr std::uint64_t kMaxKeptMessages = 10'000'000;

/// Reads a scenario file; every error names file, line, column and field.
Result<Scenario> LoadScenario(const std::string& path, const LoadOptions& options = {});
/// The same for scenario text that came from `path` (files it names are relative to it).
Result<Scenario> LoadScenarioText(const std::string& text, const std::string& path,
                                  const LoadOptions& options = {});

/// True when the YAML file at `path` is a scenario (it has a `network` or `traffic` key)
/// rather than a network file.
bool LooksLikeScenario(const std::string& path);

/// A simulation of the scenario, ready to run, with every message, generator and fault
/// added. `seed` replaces the scenario's seed (replications use derived seeds);
/// `discipline` replaces its discipline everywhere (per-station overrides included).
/// `generator_stop`, when given, ends every generator there (live mode, which runs past the
/// scenario's duration, caps the scenario's own traffic at it).
/// `retention` and `listener` are set before any message is added (RelaySimulation::
/// set_retention, set_listener: it hears outcomes final at acceptance too).
std::unique_ptr<RelaySimulation> Instantiate(const Scenario& s, std::uint64_t seed,
                                             std::optional<Discipline> discipline,
                                             std::optional<SimTime> generator_stop = std::nullopt,
                                             Retention retention = Retention::kAll,
                                             RelayListener* listener = nullptr);

/// How many messages a generator is expected to file over a run of `duration` (nullopt:
/// until it stops): its rate times the time it runs, at most its max_messages.
double ExpectedMessages(const PoissonConfig& g, const std::optional<Duration>& duration);

/// When arrivals stop: the end of `duration`; nullopt when the scenario runs until empty.
std::optional<SimTime> ArrivalsEnd(const Scenario& s);
/// The latest end of the run in simulated time, if the scenario has one: `duration`, plus
/// the drain's limit when it drains.
std::optional<SimTime> ScenarioEnd(const Scenario& s);

/// How a run of the scenario ended (RunScenario).
struct RunCompletion {
  bool drained = false;  ///< the scenario drains (Scenario::drain)
  bool idle = false;     ///< nothing was left to do when it stopped
};
/// Runs `sim` (made by Instantiate from `s`) as the scenario says: to its duration, until
/// empty, or through its arrivals and then until nothing is in flight (at most the drain's
/// limit); closes the books. RunStopped when the simulation's stop check says stop.
RunCompletion RunScenario(RelaySimulation& sim, const Scenario& s);

}  // namespace cablesim
