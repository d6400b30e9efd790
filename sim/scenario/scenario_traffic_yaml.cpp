// The traffic of a scenario file: explicit messages, Poisson generators (origins, pools,
// precedence mixes, length and addressee draws) and trace files.
#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/scenario/scenario_loader.h"
#include "sim/traffic/trace_source.h"

namespace cablesim::scenario_yaml {

std::vector<std::string> ScenarioLoader::RiList(const YAML::Node& node, const std::string& field) {
  return src_.StringList(node, field);
}

void ScenarioLoader::ReadMessages(const YAML::Node& list, Scenario* s) {
  src_.RequireSequence(list, "traffic.messages");
  std::unordered_map<std::string, int> id_line;  // ids given, and the line of the first
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string f = FieldIndex("traffic.messages", i);
    const YAML::Node node = list[i];
    const YamlMap m = src_.Keys(node, f, kMessageKeys);
    for (const char* k : {"from", "to"}) {
      if (!m.Has(k)) src_.Fail(node, f, std::string("a message needs '") + k + "'");
    }
    MessageSpec spec;
    spec.id =
        m.Has("id") ? src_.String(m["id"], FieldPath(f, "id")) : "message-" + std::to_string(i + 1);
    // Ids are unique in a run: one given again is told apart by a suffix (RelaySimulation).
    const YAML::Node at = m.Has("id") ? m["id"] : node;
    if (const auto [it, fresh] = id_line.emplace(spec.id, at.Mark().line + 1); !fresh) {
      s->warnings.push_back(src_.At(at, FieldPath(f, "id"), "").ToString() + "warning: the id '" +
                            spec.id + "' is given again (first at line " +
                            std::to_string(it->second) + "): the run tells it apart as '" +
                            spec.id + "#2' (or the next free #N)");
    }
    spec.origin_ri = s->network->station(Station(*s, m["from"], FieldPath(f, "from"))).ri;
    const Precedence action = m.Has("precedence")
                                  ? PrecedenceWord(m["precedence"], FieldPath(f, "precedence"))
                                  : Precedence::kRoutine;
    const Precedence info =
        m.Has("info_precedence")
            ? PrecedenceWord(m["info_precedence"], FieldPath(f, "info_precedence"))
            : action;
    for (const char* k : {"to", "info"}) {
      if (!m.Has(k)) continue;
      const auto written = RiList(m[k], FieldPath(f, k));
      if (written.empty() && std::string(k) == "to") {
        src_.Fail(m[k], FieldPath(f, k), "a message needs a TO addressee: the list is empty");
      }
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
        m.Has("chars") ? src_.Integer(m["chars"], FieldPath(f, "chars"), 1, 100'000'000) : 2000;
    spec.chars = text;
    if (m.Has("classification")) {
      spec.classification =
          src_.ClassificationValue(m["classification"], FieldPath(f, "classification"));
    }
    if (const std::string w =
            OriginClearanceWarning(*s->network, spec.origin_ri, spec.classification, "the message");
        !w.empty()) {
      const YAML::Node where = m.Has("classification") ? m["classification"] : m["from"];
      s->warnings.push_back(src_.At(where, FieldPath(f, "classification"), "").ToString() +
                            "warning: " + w);
    }
    spec.filed = m.Has("at") ? At(m["at"], FieldPath(f, "at")) : SimTime();
    if (const auto end = ArrivalsEnd(*s); end && spec.filed > *end) {
      s->warnings.push_back(src_.At(m["at"], FieldPath(f, "at"), "").ToString() +
                            "warning: the message is filed at " + FormatDuration(spec.filed) +
                            ", after the run's end (" + FormatDuration(*end) +
                            "): it is left out of the run");
    }
    s->messages.push_back(std::move(spec));
  }
}

// A pool of addressees or origins: all_posts, all_stations, or a list of RIs/collectives,
// each named once (an origin twice would file at twice the rate, an addressee twice could be
// drawn twice for one message).
void ScenarioLoader::Pool(const Scenario& s, const YAML::Node& node, const std::string& field,
                          std::vector<std::string>* names, std::vector<bool>* collective) {
  const Network& net = *s.network;
  // Each name: how it was given first, "" by itself, else all_posts or all_stations.
  std::unordered_map<std::string, std::string> given;
  const auto add = [&](const std::string& name, bool is_collective, const YAML::Node& where,
                       const std::string& how) {
    if (const auto [it, fresh] = given.emplace(name, how); !fresh) {
      const std::string& first = it->second;
      const std::string why =
          first.empty() && how.empty() ? "is given twice in this pool"
          : first.empty() || how.empty()
              ? "is in this pool twice (" + first + how + " includes it)"
              : "is in this pool twice (" + first + " and " + how + " both include it)";
      src_.Fail(where, field, "'" + name + "' " + why + ": name each once");
    }
    names->push_back(name);
    if (collective) collective->push_back(is_collective);
  };
  const auto add_all = [&](const std::string& word, const YAML::Node& where) {
    const bool posts = word == "all_posts";
    for (StationId k = 0; k < net.station_count(); ++k) {
      if (!posts || net.station(k).kind == StationKind::kPost) {
        add(net.station(k).ri, false, where, word);
      }
    }
  };
  if (node.IsScalar() && (node.Scalar() == "all_posts" || node.Scalar() == "all_stations")) {
    add_all(node.Scalar(), node);
    return;
  }
  const auto list = src_.StringList(node, field);
  for (std::size_t k = 0; k < list.size(); ++k) {
    const YAML::Node item = node.IsSequence() ? node[k] : node;
    if (list[k] == "all_posts" || list[k] == "all_stations") {  // inside a list: its stations
      add_all(list[k], item);
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
      src_.Fail(item, field,
                "'" + list[k] + "' is not a station" +
                    std::string(collective ? " or a collective" : "") + " of the network" +
                    (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
                    "; a pool is a list of them, or all_posts or all_stations");
    }
    add(list[k], is_collective, item, "");
  }
  if (names->empty()) src_.Fail(node, field, "the list is empty");
}

// An addressee of a YAML message: a station, a collective (by name or RI), or an RI a
// station serves by prefix (a warning: it may be a typo). Anything else is refused.
void ScenarioLoader::CheckAddress(Scenario& s, const YAML::Node& node, const std::string& field,
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

std::vector<std::string> ScenarioLoader::StationRis(const Network& net) {
  std::vector<std::string> out;
  for (StationId k = 0; k < net.station_count(); ++k) out.push_back(net.station(k).ri);
  return out;
}

Draw ScenarioLoader::DrawValue(const YAML::Node& node, const std::string& field, bool lengths) {
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
  src_.CheckKeys(node, field, kDistributionKeys);
  if (node["exponential"]) {
    d.kind = Draw::Kind::kExponential;
    d.value = src_.Number(node["exponential"], FieldPath(field, "exponential"));
  } else if (node["lognormal"]) {
    d.kind = Draw::Kind::kLognormal;
    d.value = src_.Number(node["lognormal"], FieldPath(field, "lognormal"));
    d.sigma = node["sigma"] ? src_.Number(node["sigma"], FieldPath(field, "sigma")) : 1.0;
    if (!(d.sigma > 0))
      src_.Fail(node["sigma"], FieldPath(field, "sigma"), "sigma must be positive");
    // The mean of exp(log(MEAN) - sigma^2 / 2 + sigma z) is MEAN, but beyond sigma 3 it is
    // carried by draws rarer than a run makes (at 1e99 every length came out 1 character).
    if (d.sigma > 3) {
      src_.Fail(node["sigma"], FieldPath(field, "sigma"),
                "sigma must be at most 3 (beyond, a run's draws seldom reach the rare long ones "
                "that make up the mean, and lengths come out far below MEAN)");
    }
  } else {
    src_.Fail(node, field,
              "expected a number, corpus, [low, high], {exponential: MEAN} or "
              "{lognormal: MEAN, sigma: S}");
  }
  if (!(d.value > 0)) src_.Fail(node, field, "the mean must be positive");
  if (d.value > kMaxDraw) {
    src_.Fail(node, field, "the mean must be at most 100000000 (as for a fixed value)");
  }
  return d;
}

namespace {

// Per pool entry: the RI of the one station it reaches (a station's own, a collective's when
// it stands for one station), "" for a collective of several, whose member RIs go into
// *members ({} for the others) (PoissonConfig).
std::vector<std::string> ReachedStations(const Network& net, const std::vector<std::string>& pool,
                                         const std::vector<bool>& collective,
                                         std::vector<std::vector<std::string>>* members) {
  std::vector<std::string> out;
  members->assign(pool.size(), {});
  for (std::size_t i = 0; i < pool.size(); ++i) {
    std::string only = pool[i];
    if (i < collective.size() && collective[i]) {
      only.clear();
      if (const Collective* c = net.FindCollective(pool[i]); c != nullptr) {
        const auto stations = net.ExpandCollective(*c, {});
        if (stations.ok() && stations->size() == 1) only = net.station(stations->front()).ri;
        if (stations.ok() && stations->size() > 1) {
          for (StationId s : *stations) (*members)[i].push_back(net.station(s).ri);
        }
      }
    }
    out.push_back(std::move(only));
  }
  return out;
}

}  // namespace

// An origin never addresses itself, so an origin whose TO pool holds nothing else would file
// messages without an action addressee: it is not an origin of this generator (from all_posts
// to [RUEHC], every post but RUEHC files). A generator left with no origin is an error.
void ScenarioLoader::KeepOriginsWithAddressees(const YAML::Node& g, const std::string& f,
                                               PoissonConfig* c) {
  const auto addresses_another = [&](const std::string& origin) {
    return std::any_of(c->to_pool_reaches.begin(), c->to_pool_reaches.end(),
                       [&](const std::string& only) { return only != origin; });
  };
  std::vector<std::string> kept;
  for (const std::string& o : c->origins) {
    if (addresses_another(o)) kept.push_back(o);
  }
  if (kept.empty()) {  // the pool reaches one station, every origin's own
    const bool pool_given = g["to"] && g["to"]["from"];
    const std::string& only = c->to_pool_reaches.front();
    src_.Fail(pool_given ? g["to"]["from"] : g["from"],
              pool_given ? FieldPath(FieldPath(f, "to"), "from") : FieldPath(f, "from"),
              "the TO pool " +
                  (c->to_pool.size() == 1 && c->to_pool.front() == only ? "holds only " + only
                                                                        : "reaches only " + only) +
                  ", and an origin never addresses itself: no origin of this generator has "
                  "a TO addressee to draw");
  }
  c->origins = std::move(kept);
}

void ScenarioLoader::ReadGenerators(const YAML::Node& list, Scenario* s) {
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
    if (g["classification"]) {
      c.classification =
          src_.ClassificationValue(g["classification"], FieldPath(f, "classification"));
    }
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
        PrecedenceKeysSeen seen{};
        for (const auto& kv : p) {
          const std::string pf = FieldPath(FieldPath(f, "precedence"), kv.first.Scalar());
          const double w = src_.Number(kv.second, pf);
          if (w < 0) src_.Fail(kv.second, pf, "weights cannot be negative");
          c.mix[static_cast<int>(PrecedenceKey(kv.first, pf, &seen))] = w;
        }
        double total = 0;
        for (double w : c.mix) total += w;
        if (!(total > 0)) src_.Fail(p, FieldPath(f, "precedence"), "the weights add up to zero");
        // A share is a weight over the total: the total must be a number (1e308 twice is not).
        if (!std::isfinite(total)) {
          src_.Fail(p, FieldPath(f, "precedence"),
                    "the weights add up to more than a number holds; give smaller weights");
        }
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
      Pool(*s, a["from"] ? a["from"] : YAML::Node("all_posts"), FieldPath(FieldPath(f, k), "from"),
           &pool, &coll);
      const std::string cf = FieldPath(FieldPath(f, k), "count");
      if (a["count"]) count = DrawValue(a["count"], cf, false);
      // Every message has a TO addressee: a count given as 0 would be raised to 1 unseen.
      const bool fixed = count.kind == Draw::Kind::kConstant || count.kind == Draw::Kind::kUniform;
      if (to && a["count"] && fixed && count.value < 1) {
        src_.Fail(a["count"], cf, "every message has a TO addressee: the count is at least 1");
      }
      // Addressees are drawn from the pool without repeats: never more than it holds.
      const double most = count.kind == Draw::Kind::kUniform ? count.high : count.value;
      if (a["count"] && fixed && most > static_cast<double>(pool.size())) {
        s->warnings.push_back(src_.At(a["count"], cf, "").ToString() + "warning: up to " +
                              std::to_string(static_cast<std::int64_t>(most)) +
                              " asked of a pool of " + std::to_string(pool.size()) +
                              " (less the origin when it is one): no message gets more");
      }
    }
    if (g["start"]) c.start = At(g["start"], FieldPath(f, "start"));
    if (g["stop"]) c.stop = At(g["stop"], FieldPath(f, "stop"));
    if (g["max_messages"]) {
      c.max_messages = static_cast<std::uint64_t>(
          src_.Integer(g["max_messages"], FieldPath(f, "max_messages"), 1, 1LL << 40));
    }
    c.to_pool_reaches =
        ReachedStations(*s->network, c.to_pool, c.to_pool_collective, &c.to_pool_members);
    c.info_pool_reaches =
        ReachedStations(*s->network, c.info_pool, c.info_pool_collective, &c.info_pool_members);
    KeepOriginsWithAddressees(g, f, &c);
    // Each origin that files, once the pools are known, against the classification given.
    for (const std::string& origin : c.origins) {
      if (!g["classification"]) break;
      const std::string w = OriginClearanceWarning(*s->network, origin, c.classification,
                                                   "what the generator files at " + origin);
      if (w.empty()) continue;
      s->warnings.push_back(
          src_.At(g["classification"], FieldPath(f, "classification"), "").ToString() +
          "warning: " + w);
    }
    ResolvePools(*s->network, &c);
    s->generators.push_back(std::move(c));
  }
}

void ScenarioLoader::ReadTraces(const YAML::Node& list, Scenario* s) {
  const auto files = src_.StringList(list, "traffic.traces");
  for (std::size_t i = 0; i < files.size(); ++i) {
    const YAML::Node node = list.IsSequence() ? list[i] : list;
    const std::string path = Path(node, FieldIndex("traffic.traces", i));
    auto trace = ReadTrace(path, start_unix_);
    if (!trace) throw YamlLoadError(trace.error());
    std::size_t late = 0;
    const auto end = ArrivalsEnd(*s);
    for (std::size_t k = 0; k < trace->messages.size(); ++k) {
      MessageSpec& m = trace->messages[k];
      const TracePlace& place = trace->places[k];
      if (!s->network->FindStation(m.origin_ri)) {
        throw YamlLoadError(Error{path, place.line, place.from_column, "from",
                                  m.origin_ri + " is not a station of the network"});
      }
      for (std::size_t j = 0; j < m.addressees.size(); ++j) {
        if (auto note = AddressNote(*s->network, m.addressees[j])) {
          s->warnings.push_back(
              Error{path, place.line, place.addressee_columns[j], "",
                    std::string("warning: ") + (m.addressees[j].info ? "info " : "to ") + *note}
                  .ToString());
        }
      }
      late += end && m.filed > *end;
      s->messages.push_back(std::move(m));
    }
    if (late > 0) {
      s->warnings.push_back(src_.At(node, FieldIndex("traffic.traces", i), "").ToString() +
                            "warning: " + std::to_string(late) +
                            " rows are filed after the run's end: they are left out of it");
    }
  }
}

}  // namespace cablesim::scenario_yaml
