// Changing one scenario key by path, for sweeps: `reroute_after`, `warmup`,
// `network.stations.RUEH.operators`, `network.links.RUEH-RUDKC.rate`,
// `traffic.generators.department.per_hour`. The scenario's YAML is edited (its network file
// inlined, so network keys can be reached) and loaded again, so every value is checked
// exactly as the loader checks a file.
//
// Path rules: a mapping is entered by key; a list by an element's identity: `ri` (stations),
// `between` as A-B in either order (links), `name` (generators, collectives), or a 0-based
// index (any list).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/error.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// One key set to one value (the value is YAML: 9.6kbps, 10m, {exponential: 90s}).
struct KeyValue {
  std::string key;
  std::string value;
};

/// A scenario file's YAML, ready to be edited and loaded again.
class ScenarioText {
 public:
  /// Reads `path` and inlines its network file. Errors name the file.
  static Result<ScenarioText> Read(const std::string& path);
  /// The same for scenario text that came from `path` (files it names are relative to it).
  static Result<ScenarioText> FromText(const std::string& text, const std::string& path);

  /// The text with `edits` applied (an error names the edit, as Load's do), to be edited
  /// and loaded further (a sweep of an edited scenario).
  Result<ScenarioText> With(const std::vector<KeyValue>& edits) const;
  /// The scenario with `edits` applied, loaded as LoadScenario would. An error names the
  /// edit ("--vary network.stations.RUEX.operators=2: no station RUEX (did you mean RUEH?)")
  /// or, for a value the loader refuses, the field and why. With edits, the warnings have no
  /// line in this text's file (WithoutPlace): the text loaded is not the file.
  Result<Scenario> Load(const std::vector<KeyValue>& edits, const LoadOptions& options) const;
  /// The file the text came from (files it names are relative to it).
  const std::string& path() const { return path_; }
  /// A warning of a Load without the "FILE:LINE:COLUMN: " it begins with when FILE is this
  /// text's: the line is of the text as loaded (edited, network inlined), which no one wrote.
  /// Warnings placed in other files (a trace's rows) are kept whole.
  std::string WithoutPlace(const std::string& warning) const;

 private:
  ScenarioText(std::string path, std::string yaml)
      : path_(std::move(path)), yaml_(std::move(yaml)) {}

  std::string path_;
  std::string yaml_;  // the scenario, network inlined
};

/// Splits "1,2,4", "{exponential: 90s},2m" or "'a,b',c" on the commas outside brackets,
/// braces and quotes.
std::vector<std::string> SplitValues(const std::string& list);

}  // namespace cablesim
