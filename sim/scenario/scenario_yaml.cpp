#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "base/input_file.h"
#include "sim/message/dtg.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/scenario_loader.h"
#include "sim/traffic/cable_traffic.h"
#include "sim/traffic/trace_source.h"
#include "topology/network_yaml.h"
#include "topology/yaml_support.h"

namespace cablesim {
namespace scenario_yaml {

Scenario ScenarioLoader::Load(const YAML::Node& root) {
  Scenario s;
  s.file = src_.file;
  if (root.IsMap() && !root["network"] && (root["stations"] || root["links"])) {
    src_.Fail(root, "",
              "this is a network file (it has 'stations' and no 'network'); a scenario is "
              "needed: a file with 'network: " +
                  fs::path(src_.file).filename().string() +
                  "' (relative to the scenario) and 'traffic:', as in scenarios/*.yaml");
  }
  src_.CheckKeys(root, "", kTopKeys);
  s.name = root["name"] ? src_.String(root["name"], "name") : fs::path(src_.file).stem().string();
  if (root["description"]) s.description = src_.String(root["description"], "description");
  if (root["seed"]) {
    s.seed = src_.Unsigned(root["seed"], "seed");
  }
  ReadNetwork(root, &s);
  ReadOptions(root, &s);
  if (root["efto"]) s.efto = src_.ClassificationValue(root["efto"], "efto");
  // The start must be known before times in the traffic can be read; cables may set it.
  const YAML::Node traffic = root["traffic"];
  if (traffic) src_.CheckKeys(traffic, "traffic", kTrafficKeys);
  std::vector<CableEntry> cables;
  if (traffic && traffic["cables"]) ReadCables(traffic["cables"], &cables, &s);
  ReadStart(root, cables, &s);
  FileCables(&cables, &s);
  if (root["duration"]) {
    const std::string d = src_.String(root["duration"], "duration");
    if (d != "until-empty") s.duration = src_.DurationValue(root["duration"], "duration");
  }
  WarnCablesAfterEnd(cables, &s);
  if (root["warmup"]) s.warmup = src_.DurationValue(root["warmup"], "warmup");
  if (const YAML::Node d = root["drain"]) ReadDrain(d, &s);
  if (traffic && traffic["messages"]) ReadMessages(traffic["messages"], &s);
  if (traffic && traffic["generators"]) ReadGenerators(traffic["generators"], &s);
  if (traffic && traffic["traces"]) ReadTraces(traffic["traces"], &s);
  if (root["faults"]) ReadFaults(root["faults"], &s);
  if (root["minimize"]) ReadMinimize(root["minimize"], &s);
  if (root["analytic"]) {
    s.analytic = src_.String(root["analytic"], "analytic");
    if (s.analytic != "mm1-priority" && s.analytic != "mg1-station") {
      src_.Fail(
          root["analytic"], "analytic",
          "unknown analytic model '" + s.analytic + "' (expected mm1-priority or mg1-station)");
    }
  }
  CheckRunLimits(root, s);
  s.inputs.push_back(src_.file);
  s.inputs.insert(s.inputs.end(), inputs_.begin(), inputs_.end());
  return s;
}

// A point in time: an offset from the start ("90s") or UTC ("2008-06-05T21:33:00Z").
SimTime ScenarioLoader::At(const YAML::Node& node, const std::string& field) {
  std::string err;
  const auto offset = ParseTimePoint(src_.String(node, field), start_unix_, &err);
  if (!offset) src_.Fail(node, field, err);
  return SimTime() + *offset;
}

std::int64_t ScenarioLoader::UtcTime(const YAML::Node& node, const std::string& field) {
  std::string err;
  auto iso = ParseIso(src_.String(node, field), &err);
  if (!iso) src_.Fail(node, field, err);
  return DtgToUnixSeconds(*iso);
}

std::string ScenarioLoader::Path(const YAML::Node& node, const std::string& field) {
  const std::string rel = src_.String(node, field);
  const fs::path p = fs::path(rel).is_absolute() ? fs::path(rel) : dir_ / rel;
  std::string shown = p.string();  // as errors name it
  if (shown.size() > 120) shown = shown.substr(0, 120) + "...";
  // The error_code form: a name the system refuses (too long, say) is an error, not a throw.
  std::error_code ec;
  if (!fs::exists(p, ec)) {
    src_.Fail(node, field,
              ec ? "cannot use as a file: " + shown + " (" + ec.message() + ")"
                 : "no such file: " + shown);
  }
  // A directory or a device (/dev/zero never ends) is no file to read, said where it is named.
  if (!fs::is_regular_file(p, ec) && !fs::is_fifo(p, ec)) {
    src_.Fail(node, field,
              fs::is_directory(p, ec) ? "a directory, not a file: " + shown
                                      : "not a file to read (a device?): " + shown);
  }
  inputs_.push_back(p.string());
  return p.string();
}

Precedence ScenarioLoader::PrecedenceWord(const YAML::Node& node, const std::string& field) {
  const std::string w = src_.String(node, field);
  auto p = PrecedenceFromWord(w);
  if (!p) {
    std::string guess = DidYouMean(w, kPrecedenceWords);
    src_.Fail(node, field,
              "unknown precedence '" + w + "'" +
                  (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                  "; expected FLASH, IMMEDIATE, PRIORITY, ROUTINE or EMERGENCY "
                  "COMMAND");
  }
  return *p;
}

Precedence ScenarioLoader::PrecedenceKey(const YAML::Node& key, const std::string& field,
                                         PrecedenceKeysSeen* seen) {
  if (!key.IsScalar()) {
    // `field` ends in the key's word, empty here: the error names the mapping.
    src_.Fail(key, field.substr(0, field.rfind('.')),
              std::string("a key must be a precedence, not ") + NonWordKey(key) +
                  "; expected FLASH, IMMEDIATE, PRIORITY, ROUTINE or EMERGENCY COMMAND");
  }
  const Precedence p = PrecedenceWord(key, field);
  int& line = (*seen)[static_cast<std::size_t>(p)];
  if (line > 0) {
    src_.Fail(key, field,
              std::string(PrecedenceName(p)) + " is given twice in this mapping (first at line " +
                  std::to_string(line) + "); give it once");
  }
  line = key.Mark().line + 1;
  return p;
}

StationId ScenarioLoader::Station(const Scenario& s, const YAML::Node& node,
                                  const std::string& field) {
  const std::string ri = src_.String(node, field);
  auto id = s.network->FindStation(ri);
  if (!id) {
    std::vector<std::string> all;
    for (StationId k = 0; k < s.network->station_count(); ++k)
      all.push_back(s.network->station(k).ri);
    const std::string guess = DidYouMean(ri, all);
    src_.Fail(
        node, field,
        "unknown station '" + ri + "'" + (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
  }
  return *id;
}

Discipline ScenarioLoader::DisciplineValue(const YAML::Node& node, const std::string& field) {
  const std::string d = src_.String(node, field);
  auto disc = ParseDiscipline(d);
  if (!disc) src_.Fail(node, field, UnknownDiscipline(d));
  return *disc;
}

void ScenarioLoader::ReadNetwork(const YAML::Node& root, Scenario* s) {
  const YAML::Node n = root["network"];
  if (!n) src_.Fail(root, "network", "a scenario needs a 'network' (a file name or a mapping)");
  Result<Network> net = n.IsScalar() ? LoadNetworkFile(Path(n, "network"))
                                     : LoadNetworkFromNode(n, src_.file, "network");
  if (!net) throw YamlLoadError(net.error());
  s->network = std::make_unique<Network>(std::move(net).value());
  for (const std::string& w : s->network->warnings()) s->warnings.push_back(w);
}

void ScenarioLoader::ReadOptions(const YAML::Node& root, Scenario* s) {
  RelayOptions& o = s->options;
  if (root["discipline"]) o.discipline = DisciplineValue(root["discipline"], "discipline");
  if (const YAML::Node sd = root["station_disciplines"]) {
    src_.RequireMap(sd, "station_disciplines");
    for (const auto& kv : sd) {
      const std::string f = FieldPath("station_disciplines", kv.first.Scalar());
      o.station_discipline[Station(*s, kv.first, f)] = DisciplineValue(kv.second, f);
    }
  }
  if (const YAML::Node pr = root["preemption"]) {
    src_.RequireMap(pr, "preemption");
    o.preemption = PreemptionRules{};
    PrecedenceKeysSeen seen{};
    for (const auto& kv : pr) {
      const std::string f = FieldPath("preemption", kv.first.Scalar());
      const Precedence p = PrecedenceKey(kv.first, f, &seen);
      src_.RequireSequence(kv.second, f);
      for (std::size_t i = 0; i < kv.second.size(); ++i) {
        const Precedence q = PrecedenceWord(kv.second[i], FieldIndex(f, i));
        if (q >= p) {
          src_.Fail(kv.second[i], FieldIndex(f, i),
                    std::string(PrecedenceName(p)) + " may only interrupt lower precedences");
        }
        o.preemption.interrupts[static_cast<int>(p)][static_cast<int>(q)] = true;
      }
    }
  }
  if (root["copy_precedence"]) {
    const std::string c = src_.String(root["copy_precedence"], "copy_precedence");
    if (c == "keep")
      o.copy_precedence = CopyPrecedence::kKeep;
    else if (c == "lower")
      o.copy_precedence = CopyPrecedence::kLower;
    else
      src_.Fail(root["copy_precedence"], "copy_precedence",
                "expected keep or lower, found '" + c + "'");
  }
  if (const YAML::Node pr = root["procedure"]) ReadProcedure(pr, &o.procedure);
  if (root["reroute_after"]) {
    o.reroute_after = src_.DurationValue(root["reroute_after"], "reroute_after");
    if (*o.reroute_after < Duration::Seconds(1)) {
      src_.Fail(root["reroute_after"], "reroute_after",
                "must be at least 1s (a copy would be rerouted before any transmitter "
                "could take it), found " +
                    FormatDuration(*o.reroute_after));
    }
  }
  if (const YAML::Node ob = root["objectives"]) {
    src_.RequireMap(ob, "objectives");
    PrecedenceKeysSeen seen{};
    for (const auto& kv : ob) {
      const std::string f = FieldPath("objectives", kv.first.Scalar());
      s->objectives[static_cast<int>(PrecedenceKey(kv.first, f, &seen))] =
          src_.DurationValue(kv.second, f);
    }
  }
}

void ScenarioLoader::ReadProcedure(const YAML::Node& pr, RelayOptions::Procedure* p) {
  src_.RequireMap(pr, "procedure");
  src_.CheckKeys(pr, "procedure", kProcedureKeys);
  if (pr["no_traffic_check"]) {
    p->no_traffic_check = src_.DurationValue(pr["no_traffic_check"], "procedure.no_traffic_check");
    if (p->no_traffic_check < Duration::Minutes(1) || p->no_traffic_check > Duration::Days(1)) {
      src_.Fail(pr["no_traffic_check"], "procedure.no_traffic_check", "must be between 1m and 1d");
    }
  }
  if (pr["service_chars"]) {
    p->service_chars = src_.Integer(pr["service_chars"], "procedure.service_chars", 1, 100'000);
  }
  if (pr["subject_to_correction"]) {
    p->subject_to_correction =
        src_.Bool(pr["subject_to_correction"], "procedure.subject_to_correction");
  }
  if (pr["max_reruns"]) {
    p->max_reruns =
        static_cast<int>(src_.Integer(pr["max_reruns"], "procedure.max_reruns", 0, 100));
  }
  if (pr["max_requests"]) {
    p->max_requests =
        static_cast<int>(src_.Integer(pr["max_requests"], "procedure.max_requests", 1, 100));
  }
  if (pr["repeat_after"]) {
    // By precedence; FLASH and EMERGENCY COMMAND take IMMEDIATE's unless given.
    const YAML::Node ra = pr["repeat_after"];
    src_.RequireMap(ra, "procedure.repeat_after");
    std::array<bool, kPrecedenceCount> given{};
    PrecedenceKeysSeen seen{};
    for (const auto& kv : ra) {
      const std::string f = FieldPath("procedure.repeat_after", kv.first.Scalar());
      const auto q = static_cast<std::size_t>(PrecedenceKey(kv.first, f, &seen));
      p->repeat_after[q] = src_.DurationValue(kv.second, f);
      if (p->repeat_after[q] < Duration::Minutes(1) || p->repeat_after[q] > Duration::Days(7)) {
        src_.Fail(kv.second, f, "must be between 1m and 7d");
      }
      given[q] = true;
    }
    const auto immediate = static_cast<std::size_t>(Precedence::kImmediate);
    for (std::size_t q = immediate + 1; q < kPrecedenceCount; ++q) {
      if (!given[q]) p->repeat_after[q] = p->repeat_after[immediate];
    }
  }
  if (const YAML::Node third = pr["third_request"]) {
    const std::string to = src_.String(third, "procedure.third_request");
    if (to != "major_relay" && to != "calling_station") {
      src_.Fail(third, "procedure.third_request",
                "must be major_relay (ACP 127 §419f, the default) or calling_station, found " + to);
    }
    p->third_request_to_major_relay = to == "major_relay";
  }
  if (pr["check_precedence"]) {
    p->check_precedence = PrecedenceWord(pr["check_precedence"], "procedure.check_precedence");
  }
  for (const char* key : {"open_precedence", "garble_precedence"}) {
    if (!pr[key]) continue;
    const std::string f = FieldPath("procedure", key);
    std::optional<Precedence>& q =
        std::string(key) == "open_precedence" ? p->open_precedence : p->garble_precedence;
    if (pr[key].IsScalar() && pr[key].Scalar() == "traffic") {
      q.reset();
    } else {
      q = PrecedenceWord(pr[key], f);
    }
  }
}

void ScenarioLoader::ReadCables(const YAML::Node& list,
                                std::vector<ScenarioLoader::CableEntry>* out, Scenario* s) {
  src_.RequireSequence(list, "traffic.cables");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string f = FieldIndex("traffic.cables", i);
    YAML::Node c = list[i];
    std::optional<std::int64_t> at;
    std::optional<std::string> file_at, fallback_file_at;
    bool skip = false;
    std::string path;
    if (c.IsScalar()) {
      path = Path(c, f);
    } else {
      src_.CheckKeys(c, f, kCableKeys);
      if (!c["file"]) src_.Fail(c, f, "a cable entry needs 'file'");
      path = Path(c["file"], FieldPath(f, "file"));
      if (c["at"]) at = UtcTime(c["at"], FieldPath(f, "at"));
      if (c["file_at"] && c["fallback_file_at"]) {
        src_.Fail(c, f,
                  "give file_at (every cable) or fallback_file_at (cables from stations "
                  "outside the network), not both");
      }
      if (c["file_at"])
        file_at = s->network->station(Station(*s, c["file_at"], FieldPath(f, "file_at"))).ri;
      if (c["fallback_file_at"]) {
        fallback_file_at =
            s->network
                ->station(Station(*s, c["fallback_file_at"], FieldPath(f, "fallback_file_at")))
                .ri;
      }
      if (c["on_error"]) {
        const std::string policy = src_.String(c["on_error"], FieldPath(f, "on_error"));
        if (policy != "stop" && policy != "skip") {
          src_.Fail(c["on_error"], FieldPath(f, "on_error"),
                    "expected stop (the default: a cable that cannot be filed is an error) "
                    "or skip (it is left out, and listed in the report), found '" +
                        policy + "'");
        }
        skip = policy == "skip";
      }
    }
    // A cable without a DE line is filed at the fallback station too.
    auto read = ReadCableMessages(path, at, file_at ? file_at : fallback_file_at, skip);
    if (!read) throw YamlLoadError(read.error());
    for (const auto& w : read->warnings) {
      s->warnings.push_back(path + ":" + std::to_string(w.line) + ":" + std::to_string(w.column) +
                            ": warning: " + w.message);
    }
    for (const auto& k : read->skipped) {
      s->skipped.push_back(path + ":" + std::to_string(k.line) + ":" + std::to_string(k.column) +
                           ": " + k.message);
    }
    for (std::size_t k = 0; k < read->messages.size(); ++k) {
      MessageSpec& m = read->messages[k];
      if (m.cable) m.classification = CableClassification(*m.cable, s->efto);
      CableEntry e{read->messages[k],
                   read->filed_unix[k],
                   skip,
                   c,
                   f,
                   path + ":" + std::to_string(read->first_lines[k])};
      if (!s->network->FindStation(e.spec.origin_ri)) {
        if (fallback_file_at) {
          e.spec.origin_ri = *fallback_file_at;
        } else {
          const std::string problem =
              "cable " + e.spec.id + " is filed at " + e.spec.origin_ri +
              ", which is not a station of the network (say where with file_at, or "
              "fallback_file_at for cables from stations outside it)";
          if (!skip) src_.Fail(c, f, problem);
          s->skipped.push_back(e.where + ": " + problem);
          continue;
        }
      }
      WarnOfCableAddresses(*s, e.spec);
      out->push_back(std::move(e));
    }
  }
}

std::optional<std::string> ScenarioLoader::AddressNote(const Network& net, const AddresseeSpec& a) {
  if (a.ri.empty() || a.zen || net.FindStation(a.ri) || net.FindCollective(a.ri)) {
    return std::nullopt;
  }
  if (a.collective && net.FindCollective(a.address)) return std::nullopt;
  auto by = net.ResolveRi(a.ri);
  return a.ri + (by ? " is not a station: " + net.station(*by).ri + " takes it, serving its prefix"
                    : " is served by no station: it will be undeliverable");
}

void ScenarioLoader::WarnOfCableAddresses(Scenario& s, const MessageSpec& m) {
  for (const auto& a : m.addressees) {
    if (auto note = AddressNote(*s.network, a)) {
      s.warnings.push_back("cable " + m.id + ": warning: " + *note);
    }
  }
}

void ScenarioLoader::ReadMinimize(const YAML::Node& list, Scenario* s) {
  src_.RequireSequence(list, "minimize");
  const Network& net = *s->network;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string f = FieldIndex("minimize", i);
    const YAML::Node n = list[i];
    src_.CheckKeys(n, f, kMinimizeKeys);
    MinimizeOrder order;
    if (n["stations"] && n["region"]) {
      src_.Fail(n, f, "a MINIMIZE order names 'stations' or a 'region', not both");
    }
    if (n["stations"]) {
      const auto ris = src_.StringList(n["stations"], FieldPath(f, "stations"));
      if (ris.empty()) {  // not "all": that is what leaving the key out says
        src_.Fail(n["stations"], FieldPath(f, "stations"),
                  "the list is empty: name the stations, or leave 'stations' out for all");
      }
      for (std::size_t j = 0; j < ris.size(); ++j) {
        const YAML::Node item = n["stations"].IsSequence() ? n["stations"][j] : n["stations"];
        order.stations.push_back(Station(*s, item, FieldIndex(FieldPath(f, "stations"), j)));
      }
    } else if (n["region"]) {
      const std::string region = src_.String(n["region"], FieldPath(f, "region"));
      std::vector<std::string> regions;
      for (StationId st = 0; st < net.station_count(); ++st) {
        if (net.station(st).region == region) order.stations.push_back(st);
        if (std::find(regions.begin(), regions.end(), net.station(st).region) == regions.end()) {
          regions.push_back(net.station(st).region);
        }
      }
      if (order.stations.empty()) {
        const std::string near = DidYouMean(region, regions);
        src_.Fail(n["region"], FieldPath(f, "region"),
                  "no station is in region '" + region + "'" +
                      (near.empty() ? "" : " (did you mean '" + near + "'?)"));
      }
    }
    if (!n["at"] || !n["for"] || !n["below"]) {
      src_.Fail(n, f, "a MINIMIZE order needs 'at', 'for' and 'below' (a precedence)");
    }
    order.at = At(n["at"], FieldPath(f, "at"));
    order.length = src_.DurationValue(n["for"], FieldPath(f, "for"));
    order.below = PrecedenceWord(n["below"], FieldPath(f, "below"));
    if (order.below == Precedence::kRoutine) {
      s->warnings.push_back(src_.At(n["below"], FieldPath(f, "below"), "").ToString() +
                            "warning: nothing is below ROUTINE: the order does nothing");
    }
    if (n["action"]) {
      const std::string action = src_.String(n["action"], FieldPath(f, "action"));
      if (action != "hold" && action != "refuse") {
        const std::string near = DidYouMean(action, {"hold", "refuse"});
        src_.Fail(n["action"], FieldPath(f, "action"),
                  "unknown action '" + action + "'" +
                      (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                      "; expected hold (file it when the order ends) or refuse (by other means)");
      }
      order.refuse = action == "refuse";
    }
    if (n["traffic"]) {
      const std::string traffic = src_.String(n["traffic"], FieldPath(f, "traffic"));
      if (traffic != "filed" && traffic != "passing" && traffic != "all") {
        src_.Fail(n["traffic"], FieldPath(f, "traffic"),
                  "expected filed (messages filed at its stations), passing (copies relayed "
                  "through them) or all, found '" +
                      traffic + "'");
      }
      order.filed = traffic != "passing";
      order.passing = traffic != "filed";
    }
    s->minimize.push_back(std::move(order));
  }
}

void ScenarioLoader::ReadFaults(const YAML::Node& list, Scenario* s) {
  src_.RequireSequence(list, "faults");
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string f = FieldIndex("faults", i);
    const YAML::Node n = list[i];
    src_.CheckKeys(n, f, kFaultKeys);
    Fault fault;
    if (n["link"] && n["station"])
      src_.Fail(n, f, "a fault is of a link or of a station, not both");
    if (n["link"]) {
      const YAML::Node l = n["link"];
      if (!l.IsSequence() || l.size() != 2) src_.Fail(l, FieldPath(f, "link"), "expected [RI, RI]");
      const StationId a = Station(*s, l[0], FieldPath(f, "link[0]"));
      const StationId b = Station(*s, l[1], FieldPath(f, "link[1]"));
      auto ch = s->network->ChannelBetween(a, b);
      if (!ch) {
        src_.Fail(
            l, FieldPath(f, "link"),
            "no link between " + s->network->station(a).ri + " and " + s->network->station(b).ri);
      }
      fault.what = LinkFault{s->network->ChannelLink(*ch)};
    } else if (n["station"]) {
      fault.what = StationFault{Station(*s, n["station"], FieldPath(f, "station"))};
    } else {
      src_.Fail(n, f, "a fault needs 'link: [RI, RI]' or 'station: RI'");
    }
    if (!n["at"] || !n["for"]) src_.Fail(n, f, "a fault needs 'at' and 'for'");
    fault.at = At(n["at"], FieldPath(f, "at"));
    fault.length = src_.DurationValue(n["for"], FieldPath(f, "for"));
    if (fault.length.ns() > SimTime::Max().ns() - fault.at.ns()) {
      src_.Fail(n["for"], FieldPath(f, "for"),
                std::string("time out of range: the fault ends ") + kTooFar);
    }
    // Faults that do nothing, or that overlap another of the same link or station, are
    // allowed (outages in force count once) but are likely mistakes: said, located.
    const std::string where = src_.At(n, f, "").ToString();
    if (fault.length == Duration()) {
      s->warnings.push_back(where + "warning: a fault of zero length does nothing");
    }
    if (const auto end = ArrivalsEnd(*s); end && fault.at >= *end) {
      s->warnings.push_back(where + "warning: the fault starts at " + FormatDuration(fault.at) +
                            ", not before the run's end (" + FormatDuration(*end) +
                            "): it never takes effect");
    }
    for (std::size_t k = 0; k < s->faults.size(); ++k) {
      const Fault& other = s->faults[k];
      if (other.what.index() != fault.what.index()) continue;
      const bool same =
          std::holds_alternative<LinkFault>(fault.what)
              ? std::get<LinkFault>(other.what).link == std::get<LinkFault>(fault.what).link
              : std::get<StationFault>(other.what).station ==
                    std::get<StationFault>(fault.what).station;
      if (same && fault.at < other.at + other.length && other.at < fault.at + fault.length) {
        s->warnings.push_back(where + "warning: it overlaps faults[" + std::to_string(k) +
                              "] on the same " +
                              (std::holds_alternative<LinkFault>(fault.what) ? "link" : "station") +
                              " (an outage in force counts once)");
      }
    }
    s->faults.push_back(fault);
  }
}

}  // namespace scenario_yaml

using scenario_yaml::ScenarioLoader;

Result<Scenario> LoadScenario(const std::string& path, const LoadOptions& options) {
  auto text = ReadInputFile(path);
  if (!text) return text.error();
  return LoadScenarioText(*text, path, options);
}

Result<Scenario> LoadScenarioText(const std::string& text, const std::string& path,
                                  const LoadOptions& options) {
  auto root = LoadYamlText(text, path);
  if (!root) return root.error();
  try {
    return ScenarioLoader(path, options).Load(*root);
  } catch (const YamlLoadError& e) {
    return e.error();
  } catch (const YAML::Exception& e) {
    return Error{path, e.mark.line + 1, e.mark.column + 1, "", e.msg};
  }
}

bool LooksLikeScenario(const std::string& path) {
  auto root = LoadYamlFile(path);
  return root && root->IsMap() && ((*root)["network"] || (*root)["traffic"]);
}

}  // namespace cablesim
