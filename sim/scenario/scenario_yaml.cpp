#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>

#include "sim/message/dtg.h"
#include "sim/scenario/scenario.h"
#include "sim/traffic/cable_traffic.h"
#include "sim/traffic/trace_source.h"
#include "base/input_file.h"
#include "topology/network_yaml.h"
#include "topology/yaml_support.h"

namespace cablesim {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kTopKeys = {"name",
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
                                           "objectives",
                                           "traffic",
                                           "faults",
                                           "analytic"};
const std::vector<std::string> kTrafficKeys = {"cables", "messages", "generators", "traces"};
const std::vector<std::string> kCableKeys = {"file", "at", "file_at", "fallback_file_at",
                                             "on_error"};
const std::vector<std::string> kMessageKeys = {
    "id", "from", "to", "info", "precedence", "info_precedence", "chars", "at"};
const std::vector<std::string> kGeneratorKeys = {"name",   "from",    "per_hour",    "precedence",
                                                 "length", "heading", "to",          "info",
                                                 "start",  "stop",    "max_messages"};
const std::vector<std::string> kAddresseeDrawKeys = {"count", "from"};
const std::vector<std::string> kFaultKeys = {"link", "station", "at", "for"};
// The end of "time out of range: ..." messages.
const char* const kTooFar =
    "more than 292 years from the scenario's start (simulated time is whole nanoseconds in 64 "
    "bits)";
const std::vector<std::string> kPrecedenceWords = {"FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE",
                                                   "EMERGENCY COMMAND"};

// The stations of a generator's origins and pools (kNoStation for collectives), so its
// messages carry ids rather than names.
void ResolvePools(const Network& net, PoissonConfig* c) {
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

  Scenario Load(const YAML::Node& root) {
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
      s.seed = static_cast<std::uint64_t>(src_.Integer(root["seed"], "seed", 0, 1LL << 62));
    }
    ReadNetwork(root, &s);
    ReadOptions(root, &s);
    // The start must be known before times in the traffic can be read; cables may set it.
    const YAML::Node traffic = root["traffic"];
    if (traffic) src_.CheckKeys(traffic, "traffic", kTrafficKeys);
    std::vector<CableEntry> cables;
    if (traffic && traffic["cables"]) ReadCables(traffic["cables"], &cables, &s);
    if (root["start"]) {
      s.start_unix = UtcTime(root["start"], "start");
    } else if (!cables.empty()) {
      std::int64_t earliest = cables.front().filed_unix;
      for (const auto& c : cables) earliest = std::min(earliest, c.filed_unix);
      s.start_unix = earliest / 60 * 60;
    } else {
      s.start_unix = DtgToUnixSeconds(Dtg{2000, 1, 1, 0, 0});
    }
    start_unix_ = s.start_unix;
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
      s.messages.push_back(std::move(c.spec));
    }
    if (root["duration"]) {
      const std::string d = src_.String(root["duration"], "duration");
      if (d != "until-empty") s.duration = src_.DurationValue(root["duration"], "duration");
    }
    if (root["warmup"]) s.warmup = src_.DurationValue(root["warmup"], "warmup");
    if (traffic && traffic["messages"]) ReadMessages(traffic["messages"], &s);
    if (traffic && traffic["generators"]) ReadGenerators(traffic["generators"], &s);
    if (traffic && traffic["traces"]) ReadTraces(traffic["traces"], &s);
    if (root["faults"]) ReadFaults(root["faults"], &s);
    if (root["analytic"]) {
      s.analytic = src_.String(root["analytic"], "analytic");
      if (s.analytic != "mm1-priority" && s.analytic != "mg1-station") {
        src_.Fail(
            root["analytic"], "analytic",
            "unknown analytic model '" + s.analytic + "' (expected mm1-priority or mg1-station)");
      }
    }
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
        std::snprintf(count, sizeof count,
                      std::isfinite(expected) ? "about %.3g" : "more than %.3g",
                      std::isfinite(expected) ? expected : std::numeric_limits<double>::max());
        src_.Fail(root["traffic"]["generators"][i], FieldIndex("traffic.generators", i),
                  "this generator would file " + std::string(count) +
                      " messages over the run, more than the limit of " +
                      std::to_string(options_.max_messages) +
                      " (check per_hour, stop and duration; --max-messages raises the limit)");
      }
    }
    return s;
  }

 private:
  // A point in time: an offset from the start ("90s") or UTC ("2008-06-05T21:33:00Z").
  SimTime At(const YAML::Node& node, const std::string& field) {
    const std::string text = src_.String(node, field);
    std::string err;
    if (auto d = ParseDuration(text, &err)) return *d;
    std::string iso_err;
    if (auto iso = ParseIso(text, &iso_err)) {
      const std::int64_t t = DtgToUnixSeconds(*iso);
      if (t < start_unix_) {
        src_.Fail(node, field,
                  "time " + text + " is before the scenario start " +
                      DtgToIso(DtgFromUnixSeconds(start_unix_)));
      }
      const auto offset = Duration::SecondsInRange(t - start_unix_);
      if (!offset) src_.Fail(node, field, "time out of range: " + text + " is " + kTooFar);
      return SimTime() + *offset;
    }
    src_.Fail(node, field,
              "expected an offset from the start like 90s or 2h, or a UTC time "
              "like 2008-06-05T21:33:00Z, found '" +
                  text + "'");
  }

  std::int64_t UtcTime(const YAML::Node& node, const std::string& field) {
    std::string err;
    auto iso = ParseIso(src_.String(node, field), &err);
    if (!iso) src_.Fail(node, field, err);
    return DtgToUnixSeconds(*iso);
  }

  std::string Path(const YAML::Node& node, const std::string& field) {
    const std::string rel = src_.String(node, field);
    const fs::path p = fs::path(rel).is_absolute() ? fs::path(rel) : dir_ / rel;
    if (!fs::exists(p)) src_.Fail(node, field, "no such file: " + p.string());
    return p.string();
  }

  Precedence PrecedenceWord(const YAML::Node& node, const std::string& field) {
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

  StationId Station(const Scenario& s, const YAML::Node& node, const std::string& field) {
    const std::string ri = src_.String(node, field);
    auto id = s.network->FindStation(ri);
    if (!id) {
      std::vector<std::string> all;
      for (StationId k = 0; k < s.network->station_count(); ++k)
        all.push_back(s.network->station(k).ri);
      const std::string guess = DidYouMean(ri, all);
      src_.Fail(node, field,
                "unknown station '" + ri + "'" +
                    (guess.empty() ? "" : " (did you mean '" + guess + "'?)"));
    }
    return *id;
  }

  Discipline DisciplineValue(const YAML::Node& node, const std::string& field) {
    const std::string d = src_.String(node, field);
    auto disc = ParseDiscipline(d);
    if (!disc) src_.Fail(node, field, UnknownDiscipline(d));
    return *disc;
  }

  void ReadNetwork(const YAML::Node& root, Scenario* s) {
    const YAML::Node n = root["network"];
    if (!n) src_.Fail(root, "network", "a scenario needs a 'network' (a file name or a mapping)");
    Result<Network> net = n.IsScalar() ? LoadNetworkFile(Path(n, "network"))
                                       : LoadNetworkFromNode(n, src_.file, "network");
    if (!net) throw YamlLoadError(net.error());
    s->network = std::make_unique<Network>(std::move(net).value());
  }

  void ReadOptions(const YAML::Node& root, Scenario* s) {
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
      for (const auto& kv : pr) {
        const std::string f = FieldPath("preemption", kv.first.Scalar());
        const Precedence p = PrecedenceWord(kv.first, f);
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
      for (const auto& kv : ob) {
        const std::string f = FieldPath("objectives", kv.first.Scalar());
        s->objectives[static_cast<int>(PrecedenceWord(kv.first, f))] =
            src_.DurationValue(kv.second, f);
      }
    }
  }

  // A cable read from a file, before its filing time is known relative to the start.
  struct CableEntry {
    MessageSpec spec;
    std::int64_t filed_unix = 0;
    bool skip_errors = false;  // the entry's on_error: skip
    YAML::Node entry;          // the cables entry, for errors
    std::string field;
    std::string where;  // "file:line" of the cable
  };

  void ReadCables(const YAML::Node& list, std::vector<CableEntry>* out, Scenario* s) {
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

  // Real cables keep run-time handling of their addresses; what the run will do with an RI
  // that is not a station is said now, as a warning naming the cable.
  static void WarnOfCableAddresses(Scenario& s, const MessageSpec& m) {
    const Network& net = *s.network;
    for (const auto& a : m.addressees) {
      if (a.ri.empty() || a.zen || net.FindStation(a.ri) || net.FindCollective(a.ri)) continue;
      if (a.collective && net.FindCollective(a.address)) continue;
      auto by = net.ResolveRi(a.ri);
      s.warnings.push_back(
          "cable " + m.id + ": warning: " + a.ri +
          (by ? " is not a station: " + net.station(*by).ri + " takes it, serving its prefix"
              : " is served by no station: it will be undeliverable"));
    }
  }

  std::vector<std::string> RiList(const YAML::Node& node, const std::string& field) {
    return src_.StringList(node, field);
  }

  void ReadMessages(const YAML::Node& list, Scenario* s) {
    src_.RequireSequence(list, "traffic.messages");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string f = FieldIndex("traffic.messages", i);
      const YAML::Node m = list[i];
      src_.CheckKeys(m, f, kMessageKeys);
      for (const char* k : {"from", "to"}) {
        if (!m[k]) src_.Fail(m, f, std::string("a message needs '") + k + "'");
      }
      MessageSpec spec;
      spec.id =
          m["id"] ? src_.String(m["id"], FieldPath(f, "id")) : "message-" + std::to_string(i + 1);
      spec.origin_ri = s->network->station(Station(*s, m["from"], FieldPath(f, "from"))).ri;
      const Precedence action = m["precedence"]
                                    ? PrecedenceWord(m["precedence"], FieldPath(f, "precedence"))
                                    : Precedence::kRoutine;
      const Precedence info = m["info_precedence"] ? PrecedenceWord(m["info_precedence"],
                                                                    FieldPath(f, "info_precedence"))
                                                   : action;
      for (const char* k : {"to", "info"}) {
        if (!m[k]) continue;
        const auto written = RiList(m[k], FieldPath(f, k));
        for (std::size_t j = 0; j < written.size(); ++j) {
          const std::string& x = written[j];
          const YAML::Node item = m[k].IsSequence() ? m[k][j] : m[k];
          CheckAddress(*s, item, FieldIndex(FieldPath(f, k), j), x);
          AddresseeSpec a;
          if (s->network->FindCollective(x) && !s->network->FindStation(x)) {
            a.address = x;
            a.collective = true;
          } else {
            a.ri = x;
          }
          a.info = std::string(k) == "info";
          a.precedence = a.info ? info : action;
          spec.addressees.push_back(a);
        }
      }
      const std::int64_t text =
          m["chars"] ? src_.Integer(m["chars"], FieldPath(f, "chars"), 1, 100'000'000) : 2000;
      spec.chars = text;
      spec.filed = m["at"] ? At(m["at"], FieldPath(f, "at")) : SimTime();
      s->messages.push_back(std::move(spec));
    }
  }

  // A pool of addressees or origins: all_posts, all_stations, or a list of RIs/collectives.
  void Pool(const Scenario& s, const YAML::Node& node, const std::string& field,
            std::vector<std::string>* names, std::vector<bool>* collective) {
    const Network& net = *s.network;
    if (node.IsScalar() && (node.Scalar() == "all_posts" || node.Scalar() == "all_stations")) {
      const bool posts = node.Scalar() == "all_posts";
      for (StationId k = 0; k < net.station_count(); ++k) {
        if (!posts || net.station(k).kind == StationKind::kPost) {
          names->push_back(net.station(k).ri);
          if (collective) collective->push_back(false);
        }
      }
      return;
    }
    const auto list = src_.StringList(node, field);
    for (std::size_t k = 0; k < list.size(); ++k) {
      if (list[k] == "all_posts" || list[k] == "all_stations") {  // inside a list: its stations
        Pool(s, YAML::Node(list[k]), field, names, collective);
        continue;
      }
      const bool is_station = net.FindStation(list[k]).has_value();
      const bool is_collective = !is_station && net.FindCollective(list[k]) != nullptr;
      if (!is_station && (!collective || !is_collective)) {
        std::vector<std::string> known = StationRis(net);
        if (collective) {
          for (const auto& c : net.collectives()) known.push_back(c.name);
        }
        const std::string guess = DidYouMean(list[k], known);
        src_.Fail(node.IsSequence() ? node[k] : node, field,
                  "'" + list[k] + "' is not a station" +
                      std::string(collective ? " or a collective" : "") + " of the network" +
                      (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                      "; a pool is a list of them, or all_posts or all_stations");
      }
      names->push_back(list[k]);
      if (collective) collective->push_back(is_collective);
    }
    if (names->empty()) src_.Fail(node, field, "the list is empty");
  }

  // An addressee of a YAML message: a station, a collective (by name or RI), or an RI a
  // station serves by prefix (a warning: it may be a typo). Anything else is refused.
  void CheckAddress(Scenario& s, const YAML::Node& node, const std::string& field,
                    const std::string& x) {
    const Network& net = *s.network;
    if (net.FindStation(x) || net.FindCollective(x)) return;
    std::vector<std::string> known = StationRis(net);
    for (const auto& c : net.collectives()) {
      known.push_back(c.name);
      if (c.ri) known.push_back(*c.ri);
    }
    const std::string guess = DidYouMean(x, known);
    const std::string hint = guess.empty() ? "" : " (did you mean '" + guess + "'?)";
    if (IsRoutingIndicator(x)) {
      if (auto by = net.ResolveRi(x)) {
        s.warnings.push_back(src_.At(node, field, "").ToString() + "warning: " + x +
                             " is not a station: " + net.station(*by).ri +
                             " takes it, serving its prefix" + hint);
        return;
      }
      src_.Fail(node, field, "routing indicator " + x + " is not served by any station" + hint);
    }
    src_.Fail(node, field,
              "'" + x + "' is not a station, a collective or a routing indicator" + hint);
  }

  static std::vector<std::string> StationRis(const Network& net) {
    std::vector<std::string> out;
    for (StationId k = 0; k < net.station_count(); ++k) out.push_back(net.station(k).ri);
    return out;
  }

  Draw DrawValue(const YAML::Node& node, const std::string& field, bool lengths) {
    Draw d;
    if (node.IsScalar()) {
      if (node.Scalar() == "corpus") {
        d.kind = Draw::Kind::kCorpus;
        return d;
      }
      d.kind = Draw::Kind::kConstant;
      d.value = static_cast<double>(src_.Integer(node, field, lengths ? 1 : 0, 100'000'000));
      return d;
    }
    if (node.IsSequence() && node.size() == 2) {
      d.kind = Draw::Kind::kUniform;
      d.value = static_cast<double>(src_.Integer(node[0], field, 0, 100'000'000));
      d.high = static_cast<double>(
          src_.Integer(node[1], field, static_cast<std::int64_t>(d.value), 100'000'000));
      return d;
    }
    src_.CheckKeys(node, field, {"exponential", "lognormal", "sigma"});
    if (node["exponential"]) {
      d.kind = Draw::Kind::kExponential;
      d.value = src_.Number(node["exponential"], FieldPath(field, "exponential"));
    } else if (node["lognormal"]) {
      d.kind = Draw::Kind::kLognormal;
      d.value = src_.Number(node["lognormal"], FieldPath(field, "lognormal"));
      d.sigma = node["sigma"] ? src_.Number(node["sigma"], FieldPath(field, "sigma")) : 1.0;
      if (!(d.sigma > 0))
        src_.Fail(node["sigma"], FieldPath(field, "sigma"), "sigma must be positive");
    } else {
      src_.Fail(node, field,
                "expected a number, corpus, [low, high], {exponential: MEAN} or "
                "{lognormal: MEAN, sigma: S}");
    }
    if (!(d.value > 0)) src_.Fail(node, field, "the mean must be positive");
    return d;
  }

  void ReadGenerators(const YAML::Node& list, Scenario* s) {
    src_.RequireSequence(list, "traffic.generators");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string f = FieldIndex("traffic.generators", i);
      const YAML::Node g = list[i];
      src_.CheckKeys(g, f, kGeneratorKeys);
      PoissonConfig c;
      c.name = g["name"] ? src_.String(g["name"], FieldPath(f, "name"))
                         : "generator-" + std::to_string(i + 1);
      if (!g["from"])
        src_.Fail(g, f, "a generator needs 'from' (stations, all_posts or all_stations)");
      Pool(*s, g["from"], FieldPath(f, "from"), &c.origins, nullptr);
      if (!g["per_hour"])
        src_.Fail(g, f, "a generator needs 'per_hour' (arrivals per hour at each origin)");
      c.per_hour = src_.Number(g["per_hour"], FieldPath(f, "per_hour"));
      if (!(c.per_hour > 0))
        src_.Fail(g["per_hour"], FieldPath(f, "per_hour"), "the rate must be positive");
      if (const YAML::Node p = g["precedence"]) {
        if (p.IsScalar() && p.Scalar() == "corpus") {
          c.corpus_mix = true;
        } else if (p.IsScalar()) {
          c.corpus_mix = false;
          c.mix[static_cast<int>(PrecedenceWord(p, FieldPath(f, "precedence")))] = 1;
        } else {
          src_.RequireMap(p, FieldPath(f, "precedence"));
          c.corpus_mix = false;
          for (const auto& kv : p) {
            const std::string pf = FieldPath(FieldPath(f, "precedence"), kv.first.Scalar());
            const double w = src_.Number(kv.second, pf);
            if (w < 0) src_.Fail(kv.second, pf, "weights cannot be negative");
            c.mix[static_cast<int>(PrecedenceWord(kv.first, pf))] = w;
          }
          double total = 0;
          for (double w : c.mix) total += w;
          if (!(total > 0)) src_.Fail(p, FieldPath(f, "precedence"), "the weights add up to zero");
        }
      }
      if (g["length"]) c.length = DrawValue(g["length"], FieldPath(f, "length"), true);
      if (g["heading"]) c.heading_overhead = src_.Bool(g["heading"], FieldPath(f, "heading"));
      for (const char* k : {"to", "info"}) {
        const YAML::Node a = g[k];
        const bool to = std::string(k) == "to";
        auto& pool = to ? c.to_pool : c.info_pool;
        auto& coll = to ? c.to_pool_collective : c.info_pool_collective;
        auto& count = to ? c.to_count : c.info_count;
        if (!a) {
          if (to) Pool(*s, YAML::Node("all_posts"), FieldPath(f, k), &pool, &coll);
          continue;
        }
        src_.CheckKeys(a, FieldPath(f, k), kAddresseeDrawKeys);
        Pool(*s, a["from"] ? a["from"] : YAML::Node("all_posts"),
             FieldPath(FieldPath(f, k), "from"), &pool, &coll);
        if (a["count"]) count = DrawValue(a["count"], FieldPath(FieldPath(f, k), "count"), false);
      }
      if (g["start"]) c.start = At(g["start"], FieldPath(f, "start"));
      if (g["stop"]) c.stop = At(g["stop"], FieldPath(f, "stop"));
      if (g["max_messages"]) {
        c.max_messages = static_cast<std::uint64_t>(
            src_.Integer(g["max_messages"], FieldPath(f, "max_messages"), 1, 1LL << 40));
      }
      ResolvePools(*s->network, &c);
      s->generators.push_back(std::move(c));
    }
  }

  void ReadTraces(const YAML::Node& list, Scenario* s) {
    const auto files = src_.StringList(list, "traffic.traces");
    for (std::size_t i = 0; i < files.size(); ++i) {
      const YAML::Node node = list.IsSequence() ? list[i] : list;
      auto rows = ReadTrace(Path(node, FieldIndex("traffic.traces", i)), start_unix_);
      if (!rows) throw YamlLoadError(rows.error());
      for (auto& m : *rows) {
        if (!s->network->FindStation(m.origin_ri)) {
          throw YamlLoadError(Error{Path(node, "traffic.traces"), 0, 0, "from",
                                    "message " + m.id + " is filed at " + m.origin_ri +
                                        ", which is not a station of the network"});
        }
        s->messages.push_back(std::move(m));
      }
    }
  }

  void ReadFaults(const YAML::Node& list, Scenario* s) {
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
        if (!l.IsSequence() || l.size() != 2)
          src_.Fail(l, FieldPath(f, "link"), "expected [RI, RI]");
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
      s->faults.push_back(fault);
    }
  }

  YamlSource src_;
  fs::path dir_;
  LoadOptions options_;
  std::int64_t start_unix_ = 0;
};

}  // namespace

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
