// What the scenario and network loaders must do with any input, checked by the libFuzzer
// target tests/fuzz/yaml_fuzz.cpp and replayed by tests/fuzz_regression_test.cpp on the
// inputs that once broke them (tests/fuzz/yaml-corpus/).
//
// Properties: loading never crashes or throws (an Error value is fine) and is quick whatever
// the input (the fuzzer's timeout catches super-linear work: collectives, static routes,
// routing tables, link costs); a scenario that loads runs (bounded to 20,000 events) with
// every addressee accounted for, and its reports can be written, the JSON one strict JSON
// (valid UTF-8 whatever the bytes of its names); a network that loads can be drawn (the
// overview's HTML-like labels well-formed, whatever its names hold) and routed through.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/report/run_report.h"
#include "sim/scenario/scenario.h"
#include "tests/fuzz/dot_check.h"
#include "tests/fuzz/json_check.h"
#include "topology/network_dot.h"
#include "topology/network_yaml.h"
#include "topology/yaml_support.h"

namespace cablesim::fuzz {

/// Checks the properties on `text`; returns a description of the first one violated, or "".
/// `scenario_path` names where the text came from (relative file names resolve there).
inline std::string CheckYamlInput(std::string_view text, const std::string& scenario_path) {
  const std::string input(text);
  LoadOptions limits;
  limits.max_messages = 2'000;
  auto s = LoadScenarioText(input, scenario_path, limits);
  if (s.ok()) {
    try {
      auto sim = Instantiate(*s, s->seed, std::nullopt);
      sim->AdvanceSome(ScenarioEnd(*s).value_or(SimTime::Max()), 20'000);
      sim->Finish();
      const auto c = sim->Count();
      if (c.addressed != c.delivered + c.other_means + c.undeliverable + c.in_flight) {
        return "conservation broken";
      }
      const RunSummary summary =
          SummarizeRun(*sim, *s, SummaryOptions::Of(s->seed, s->options.discipline));
      (void)RunReportText(*sim, *s, summary);
      if (!StrictJsonText(RunReportJson(*sim, *s, summary))) return "run JSON is not strict JSON";
    } catch (const std::overflow_error&) {
      // A run whose delays pass 292 years stops with this error, as documented.
    } catch (const std::length_error&) {
      // Beyond the engine's event limits, as documented.
    }
  }
  auto root = LoadYamlText(input, "fuzz-network.yaml");
  if (root.ok()) {
    auto net = LoadNetworkFromNode(*root, "fuzz-network.yaml", "");
    if (net.ok() && net->station_count() > 0) {
      (void)NetworkToDot(*net, {}, {});
      if (!HtmlLabelsWellFormed(NetworkToDot(*net, {}, {}, DotLayout::kOverview))) {
        return "the overview's HTML-like labels are not well-formed (a name not escaped?)";
      }
      const StationId last = static_cast<StationId>(net->station_count() - 1);
      (void)net->Path(0, last);
    }
  }
  return "";
}

}  // namespace cablesim::fuzz
