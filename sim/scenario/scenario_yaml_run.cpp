// The times of a scenario's run, read by ScenarioLoader::Load: its start (given, or from the
// earliest cable), its cables filed on the run's clock, the drain after arrivals stop, and
// the limits that keep a run finite (generators that would never stop or file too much).
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/message/dtg.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_loader.h"
#include "topology/yaml_support.h"

namespace cablesim::scenario_yaml {

void ScenarioLoader::ReadStart(const YAML::Node& root, const std::vector<CableEntry>& cables,
                               Scenario* scenario) {
  Scenario& s = *scenario;
  if (root["start"]) {
    s.start_unix = UtcTime(root["start"], "start");
  } else if (!cables.empty()) {
    std::int64_t earliest = cables.front().filed_unix;
    for (const auto& c : cables) earliest = std::min(earliest, c.filed_unix);
    s.start_unix = earliest / 60 * 60;
  } else {
    s.start_unix = DtgToUnixSeconds(Dtg{2000, 1, 1, 0, 0});
  }
  // Every time of a run (up to 292 years after its start) must print as a 4-digit year that
  // reads back.
  const std::int64_t latest_start = DtgToUnixSeconds(Dtg{9707, 1, 1, 0, 0});
  if (s.start_unix >= latest_start) {
    src_.Fail(root["start"] ? root["start"] : root, "start",
              "the start " + DtgToIso(DtgFromUnixSeconds(s.start_unix)) +
                  " is too late: a run reaches 292 years past its start, and its times must "
                  "print before the year 10000 (start before 9707-01-01)");
  }
  start_unix_ = s.start_unix;
}

void ScenarioLoader::FileCables(std::vector<CableEntry>* entries, Scenario* scenario) {
  Scenario& s = *scenario;
  std::vector<CableEntry>& cables = *entries;
  for (auto& c : cables) {
    std::string problem;
    const auto offset = Duration::SecondsInRange(c.filed_unix - s.start_unix);
    if (c.filed_unix < s.start_unix) {
      problem = "cable " + c.spec.id + " is filed at " +
                DtgToIso(DtgFromUnixSeconds(c.filed_unix)) + ", before the scenario start " +
                DtgToIso(DtgFromUnixSeconds(s.start_unix));
    } else if (!offset) {
      problem = "time out of range: cable " + c.spec.id + " is filed at " +
                DtgToIso(DtgFromUnixSeconds(c.filed_unix)) + ", " + kTooFar;
    }
    if (!problem.empty()) {
      if (!c.skip_errors) src_.Fail(c.entry, c.field, problem);
      s.skipped.push_back(c.where + ": " + problem);
      continue;
    }
    c.spec.filed = SimTime() + *offset;
    if (const std::string w = OriginClearanceWarning(*s.network, c.spec.origin_ri,
                                                     c.spec.classification, "cable " + c.spec.id);
        !w.empty()) {
      s.warnings.push_back(c.where + ": warning: " + w);
    }
    s.messages.push_back(c.spec);  // a copy: WarnCablesAfterEnd still names it
  }
}

void ScenarioLoader::WarnCablesAfterEnd(const std::vector<CableEntry>& cables, Scenario* scenario) {
  Scenario& s = *scenario;
  for (const auto& c : cables) {
    const auto offset = Duration::SecondsInRange(c.filed_unix - s.start_unix);
    if (offset && s.duration && *offset > *s.duration && c.filed_unix >= s.start_unix) {
      s.warnings.push_back(c.where + ": warning: cable " + c.spec.id + " is filed at " +
                           DtgToIso(DtgFromUnixSeconds(c.filed_unix)) +
                           ", after the run's end: it is left out of the run");
    }
  }
}

void ScenarioLoader::ReadDrain(const YAML::Node& d, Scenario* scenario) {
  Scenario& s = *scenario;
  // true: drain for at most 7 days; a duration: at most that long; false: no drain.
  const std::string text = src_.String(d, "drain");
  if (text == "true") {
    s.drain = Duration::Days(7);
  } else if (text != "false") {
    s.drain = src_.DurationValue(d, "drain");
  }
  if (s.drain && !s.duration) {
    src_.Fail(d, "drain",
              "drain needs a 'duration' (when arrivals stop); without one the run already "
              "goes on until nothing is left to do");
  }
  std::int64_t end_ns = 0;
  if (s.drain && __builtin_add_overflow(s.duration->ns(), s.drain->ns(), &end_ns)) {
    src_.Fail(d, "drain", std::string("time out of range: the drain would end ") + kTooFar);
  }
}

void ScenarioLoader::CheckRunLimits(const YAML::Node& root, const Scenario& s) {
  if (!s.duration) {
    for (std::size_t i = 0; i < s.generators.size(); ++i) {
      if (s.generators[i].stop == SimTime::Max() && s.generators[i].max_messages == 0) {
        src_.Fail(root["traffic"]["generators"][i], FieldIndex("traffic.generators", i),
                  "a generator without 'stop' or 'max_messages' needs the scenario to have a "
                  "'duration', or the run would never end");
      }
    }
  }
  if (s.warmup > Duration() && s.duration && s.warmup >= *s.duration) {
    src_.Fail(root["warmup"], "warmup", "the warm-up is as long as the whole run");
  }
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    const double expected = ExpectedMessages(s.generators[i], s.duration);
    if (expected > static_cast<double>(options_.max_messages)) {
      char count[64];
      std::snprintf(count, sizeof count, std::isfinite(expected) ? "about %.3g" : "more than %.3g",
                    std::isfinite(expected) ? expected : std::numeric_limits<double>::max());
      src_.Fail(root["traffic"]["generators"][i], FieldIndex("traffic.generators", i),
                "this generator would file " + std::string(count) +
                    " messages over the run, more than the limit of " +
                    std::to_string(options_.max_messages) +
                    " (check per_hour, stop and duration; --max-messages raises the limit)");
    }
  }
}

}  // namespace cablesim::scenario_yaml
