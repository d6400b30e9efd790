// The scenario loader's class, shared by the two files that define it (internal to
// sim/scenario): scenario_yaml.cpp reads the file's top level, network, options, cables and
// faults; scenario_traffic_yaml.cpp its messages, generators and traces. Every error names
// file, line, column and field (YamlSource); nothing thrown leaves LoadScenarioText. The key
// tables below are every key each mapping may hold; the JSON Schema of scenario files
// (scenario_schema.h) is generated from them.
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/message/dtg.h"
#include "sim/scenario/scenario.h"
#include "topology/yaml_support.h"

namespace cablesim::scenario_yaml {

namespace fs = std::filesystem;

inline const std::vector<std::string> kTopKeys = {"name",
                                                  "description",
                                                  "start",
                                                  "duration",
                                                  "seed",
                                                  "network",
                                                  "discipline",
                                                  "preemption",
                                                  "station_disciplines",
                                                  "copy_precedence",
                                                  "reroute_after",
                                                  "warmup",
                                                  "drain",
                                                  "objectives",
                                                  "traffic",
                                                  "faults",
                                                  "minimize",
                                                  "procedure",
                                                  "efto",
                                                  "analytic"};
inline const std::vector<std::string> kTrafficKeys = {"cables", "messages", "generators", "traces"};
inline const std::vector<std::string> kCableKeys = {"file", "at", "file_at", "fallback_file_at",
                                                    "on_error"};
inline const std::vector<std::string> kMessageKeys = {
    "id", "from", "to", "info", "precedence", "info_precedence", "chars", "at", "classification"};
inline const std::vector<std::string> kGeneratorKeys = {
    "name", "from", "per_hour", "precedence", "length",       "heading",
    "to",   "info", "start",    "stop",       "max_messages", "classification"};
inline const std::vector<std::string> kAddresseeDrawKeys = {"count", "from"};
inline const std::vector<std::string> kFaultKeys = {"link", "station", "at", "for"};
inline const std::vector<std::string> kMinimizeKeys = {"stations", "region", "at",     "for",
                                                       "below",    "action", "traffic"};
inline const std::vector<std::string> kProcedureKeys = {
    "no_traffic_check",  "service_chars", "subject_to_correction", "max_reruns",
    "max_requests",      "repeat_after",  "check_precedence",      "open_precedence",
    "garble_precedence", "third_request"};
// A drawn length or count: {exponential: MEAN} or {lognormal: MEAN, sigma: S}.
inline const std::vector<std::string> kDistributionKeys = {"exponential", "lognormal", "sigma"};
// The end of "time out of range: ..." messages.
inline const char* const kTooFar = kTooFarFromStart;
inline const std::vector<std::string> kPrecedenceWords = {"FLASH", "IMMEDIATE", "PRIORITY",
                                                          "ROUTINE", "EMERGENCY COMMAND"};

// "" when the origin station may handle traffic of `cls`; else the warning's text (after
// "warning: "): the message is filed there all the same (the originator's own choice), but
// ACP 127 §124 says a station handles only what it is cleared for.
inline std::string OriginClearanceWarning(const Network& net, const std::string& origin_ri,
                                          Classification cls, const std::string& what) {
  const auto origin = net.FindStation(origin_ri);
  if (!origin) return "";
  const Clearance c = net.station(*origin).clearance;
  if (c.Allows(cls)) return "";
  return what + " is " + std::string(ClassificationName(cls)) + ", but its origin " + origin_ri +
         " is cleared for " +
         std::string(ClassificationName(static_cast<Classification>(c.level))) +
         " only (ACP 127 §124): it is filed there all the same";
}

// The stations of a generator's origins and pools (kNoStation for collectives), so its
// messages carry ids rather than names.
inline void ResolvePools(const Network& net, PoissonConfig* c) {
  auto ids = [&](const std::vector<std::string>& names, std::vector<StationId>* out) {
    out->clear();
    for (const auto& n : names) out->push_back(net.FindStation(n).value_or(kNoStation));
  };
  ids(c->origins, &c->origin_stations);
  ids(c->to_pool, &c->to_pool_stations);
  ids(c->info_pool, &c->info_pool_stations);
}

class ScenarioLoader {
 public:
  ScenarioLoader(const std::string& path, const LoadOptions& options)
      : src_{path}, dir_(fs::path(path).parent_path()), options_(options) {}

  Scenario Load(const YAML::Node& root);

 private:
  // A point in time: an offset from the start ("90s") or UTC ("2008-06-05T21:33:00Z").
  SimTime At(const YAML::Node& node, const std::string& field);

  std::int64_t UtcTime(const YAML::Node& node, const std::string& field);

  std::string Path(const YAML::Node& node, const std::string& field);

  Precedence PrecedenceWord(const YAML::Node& node, const std::string& field);

  /// Per precedence, the line of the key that named it in the mapping being read (0: none yet).
  using PrecedenceKeysSeen = std::array<int, kPrecedenceCount>;
  /// A key of a mapping by precedence (objectives, weights, ...): PrecedenceWord, and refused
  /// when an earlier key named the same precedence (the words are read in any case, so
  /// 'FLASH' and 'flash' would otherwise replace one another unseen).
  Precedence PrecedenceKey(const YAML::Node& key, const std::string& field,
                           PrecedenceKeysSeen* seen);

  StationId Station(const Scenario& s, const YAML::Node& node, const std::string& field);

  Discipline DisciplineValue(const YAML::Node& node, const std::string& field);

  void ReadNetwork(const YAML::Node& root, Scenario* s);

  void ReadOptions(const YAML::Node& root, Scenario* s);
  /// `procedure:` (what receivers do about lost and garbled transmissions).
  void ReadProcedure(const YAML::Node& pr, RelayOptions::Procedure* p);

  // A cable read from a file, before its filing time is known relative to the start.
  struct CableEntry {
    MessageSpec spec;
    std::int64_t filed_unix = 0;
    bool skip_errors = false;  // the entry's on_error: skip
    YAML::Node entry;          // the cables entry, for errors
    std::string field;
    std::string where;  // "file:line" of the cable
  };

  void ReadCables(const YAML::Node& list, std::vector<CableEntry>* out, Scenario* s);
  // Load's steps on the run's times (scenario_yaml_run.cpp).
  /// The start: given, else the minute of the earliest cable, else 2000-01-01.
  void ReadStart(const YAML::Node& root, const std::vector<CableEntry>& cables, Scenario* s);
  /// Each cable on the run's clock into s->messages (or skipped, or refused, with why).
  void FileCables(std::vector<CableEntry>* cables, Scenario* s);
  /// A warning for each cable filed after the run's end (left out of the run).
  void WarnCablesAfterEnd(const std::vector<CableEntry>& cables, Scenario* s);
  /// `drain:` true (at most 7 days), false, or a duration; it needs a duration.
  void ReadDrain(const YAML::Node& drain, Scenario* s);
  /// A run that ends: generators stop, the warm-up is shorter than the run, and no generator
  /// files more than the message limit.
  void CheckRunLimits(const YAML::Node& root, const Scenario& s);

  // Real cables and traces keep run-time handling of their addresses; what the run will do
  // with an RI that is not a station is said at load, as a warning naming where it is.
  /// What the run will do with `a`, an RI that is neither a station nor a collective of `net`
  /// (a station serving its prefix takes it, or it is undeliverable); nothing for the others.
  static std::optional<std::string> AddressNote(const Network& net, const AddresseeSpec& a);
  /// AddressNote of each addressee of cable `m`, as a warning naming the cable.
  static void WarnOfCableAddresses(Scenario& s, const MessageSpec& m);

  std::vector<std::string> RiList(const YAML::Node& node, const std::string& field);

  void ReadMessages(const YAML::Node& list, Scenario* s);

  // A pool of addressees or origins: all_posts, all_stations, or a list of RIs/collectives.
  void Pool(const Scenario& s, const YAML::Node& node, const std::string& field,
            std::vector<std::string>* names, std::vector<bool>* collective);

  // An addressee of a YAML message: a station, a collective (by name or RI), or an RI a
  // station serves by prefix (a warning: it may be a typo). Anything else is refused.
  void CheckAddress(Scenario& s, const YAML::Node& node, const std::string& field,
                    const std::string& x);

  static std::vector<std::string> StationRis(const Network& net);

  Draw DrawValue(const YAML::Node& node, const std::string& field, bool lengths);

  void ReadGenerators(const YAML::Node& list, Scenario* s);
  void KeepOriginsWithAddressees(const YAML::Node& g, const std::string& f, PoissonConfig* c);

  void ReadTraces(const YAML::Node& list, Scenario* s);

  void ReadFaults(const YAML::Node& list, Scenario* s);
  void ReadMinimize(const YAML::Node& list, Scenario* s);

  YamlSource src_;
  fs::path dir_;
  LoadOptions options_;
  std::int64_t start_unix_ = 0;
  std::vector<std::string> inputs_;  // every file named by the scenario (Path)
};

}  // namespace cablesim::scenario_yaml
