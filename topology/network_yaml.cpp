#include "topology/network_yaml.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "topology/network_keys.h"
#include "topology/yaml_support.h"

namespace cablesim {
namespace {

using namespace network_keys;  // the key tables (network_keys.h)

struct Defaults {
  Duration processing = Duration::Minutes(2);
  ProcessingLaw processing_law = ProcessingLaw::kFixed;
  Duration per_char;
  std::uint32_t operators = 0;
  std::vector<Shift> shifts;
  ShiftHandover handover = ShiftHandover::kFinish;
  std::int64_t rate = 2400;
  Framing framing = Framing::kAsyncAscii;
  Duration propagation = Duration::Milliseconds(250);
};

class NetworkLoader {
 public:
  explicit NetworkLoader(const std::string& file) : src_{file} {}

  Network Load(const YAML::Node& root, const std::string& field) {
    const YamlMap top = src_.Keys(root, field, kTopKeys);
    if (const YAML::Node* d = top.Find("defaults")) ReadDefaults(*d, FieldPath(field, "defaults"));
    const YAML::Node* stations = top.Find("stations");
    if (!stations) src_.Fail(root, field, "no 'stations' list");
    ReadStations(*stations, FieldPath(field, "stations"));
    if (const YAML::Node* l = top.Find("links")) ReadLinks(*l, FieldPath(field, "links"));
    if (const YAML::Node* c = top.Find("collectives"))
      ReadCollectives(*c, FieldPath(field, "collectives"));
    if (const YAML::Node* r = top.Find("routes")) ReadRoutes(*r, FieldPath(field, "routes"));
    auto ok = net_.Finalize();
    if (!ok) {
      Error e = ok.error();
      // "collectives[3]" names an element; "links" a whole list.
      YAML::Node where = root;
      const auto bracket = e.field.find('[');
      const std::string key = e.field.substr(0, bracket);
      if (const YAML::Node* list = top.Find(key)) {
        where = *list;
        if (bracket != std::string::npos && where.IsSequence()) {
          const std::size_t k = std::stoul(e.field.substr(bracket + 1));
          if (k < where.size()) where = where[k];
        }
      }
      Error located = src_.At(where, FieldPath(field, e.field), e.message);
      throw YamlLoadError(located);
    }
    return std::move(net_);
  }

 private:
  Framing ReadFraming(const YAML::Node& node, const std::string& field) {
    const std::string s = src_.String(node, field);
    auto f = ParseFraming(s);
    if (!f)
      src_.Fail(node, field,
                "unknown framing '" + s + "' (expected ita2, async-ascii or sync-ascii)");
    return *f;
  }

  // The highest classification approved.
  Clearance ReadClearance(const YAML::Node& node, const std::string& field) {
    return Clearance{static_cast<std::uint8_t>(src_.ClassificationValue(node, field))};
  }

  void ReadDefaults(const YAML::Node& node, const std::string& field) {
    const YamlMap d = src_.Keys(node, field, kDefaultKeys);
    if (d.Has("processing")) {
      ReadProcessing(d["processing"], FieldPath(field, "processing"), &defaults_.processing,
                     &defaults_.processing_law, &defaults_.per_char);
    }
    if (d.Has("operators")) {
      ReadOperators(d["operators"], FieldPath(field, "operators"), &defaults_.operators,
                    &defaults_.shifts, &defaults_.handover);
    }
    if (d.Has("rate")) defaults_.rate = src_.Rate(d["rate"], FieldPath(field, "rate"));
    if (d.Has("framing"))
      defaults_.framing = ReadFraming(d["framing"], FieldPath(field, "framing"));
    if (d.Has("propagation"))
      defaults_.propagation = src_.DurationValue(d["propagation"], FieldPath(field, "propagation"));
  }

  // A duration (`90s`: every copy takes that long) or `{exponential: 90s}` (drawn with that
  // mean, which must be positive).
  // 90s; {exponential: MEAN}; {fixed: 1m, per_char: 20ms} or {exponential: 1m, per_char: ..}
  // (a torn-tape relay's handling grows with the tape).
  void ReadProcessing(const YAML::Node& node, const std::string& field, Duration* time,
                      ProcessingLaw* law, Duration* per_char) {
    *per_char = Duration();
    if (node.IsScalar()) {
      *time = src_.DurationValue(node, field);
      *law = ProcessingLaw::kFixed;
      return;
    }
    const char* expected =
        "expected a duration such as 90s, {exponential: MEAN} or {fixed: 1m, per_char: 20ms}";
    if (!node.IsMap()) src_.Fail(node, field, expected);
    const YamlMap m = src_.Keys(node, field, kProcessingKeys);
    if (m.Has("fixed") && m.Has("exponential")) {
      src_.Fail(node, field, "give 'fixed' or 'exponential', not both");
    }
    if (m.Has("exponential")) {
      const std::string f = FieldPath(field, "exponential");
      *time = src_.DurationValue(m["exponential"], f);
      *law = ProcessingLaw::kExponential;
      if (*time <= Duration()) src_.Fail(m["exponential"], f, "the mean must be positive");
    } else if (m.Has("fixed")) {
      *time = src_.DurationValue(m["fixed"], FieldPath(field, "fixed"));
      *law = ProcessingLaw::kFixed;
    } else if (!m.Has("per_char")) {
      src_.Fail(node, field, expected);
    } else {
      *time = Duration();
      *law = ProcessingLaw::kFixed;
    }
    if (m.Has("per_char")) {
      const std::string f = FieldPath(field, "per_char");
      *per_char = src_.DurationValue(m["per_char"], f);
      // At most 10 s a character: 10^8 characters then take at most 10^18 ns, in range.
      if (*per_char > Duration::Seconds(10)) src_.Fail(m["per_char"], f, "at most 10s a character");
    }
  }

  // N (0 = no limit), or a daily schedule [{from: "00:00", staff: 2}, {from: "08:00", ...}]:
  // times of day (UTC) in increasing order, staff at least 1; *operators is then the largest.
  // Or {shifts: SCHEDULE, handover: finish|overtime}.
  void ReadOperators(const YAML::Node& node, const std::string& field, std::uint32_t* operators,
                     std::vector<Shift>* shifts, ShiftHandover* handover) {
    shifts->clear();
    *handover = ShiftHandover::kFinish;
    if (node.IsMap()) {
      const YamlMap m = src_.Keys(node, field, kOperatorsKeys);
      if (!m.Has("shifts")) src_.Fail(node, field, "a schedule needs 'shifts'");
      ReadSchedule(m["shifts"], FieldPath(field, "shifts"), operators, shifts);
      if (const YAML::Node* ho = m.Find("handover")) {
        const std::string h = src_.String(*ho, FieldPath(field, "handover"));
        if (h == "overtime") {
          *handover = ShiftHandover::kOvertime;
        } else if (h != "finish") {
          src_.Fail(*ho, FieldPath(field, "handover"),
                    "expected finish or overtime, found '" + h + "'");
        }
      }
      return;
    }
    if (!node.IsSequence()) {
      *operators = static_cast<std::uint32_t>(src_.Integer(node, field, 0, 1'000'000));
      return;
    }
    ReadSchedule(node, field, operators, shifts);
  }

  void ReadSchedule(const YAML::Node& node, const std::string& field, std::uint32_t* operators,
                    std::vector<Shift>* shifts) {
    if (!node.IsSequence()) src_.Fail(node, field, "expected a list of shifts");
    if (node.size() == 0) src_.Fail(node, field, "a schedule needs at least one shift");
    *operators = 0;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node sh = node[i];
      const std::string f = FieldIndex(field, i);
      const YamlMap m = src_.Keys(sh, f, kShiftKeys);
      if (!m.Has("from") || !m.Has("staff")) {
        src_.Fail(sh, f, "a shift needs 'from' (a time of day, \"08:00\") and 'staff'");
      }
      Shift shift;
      shift.from = TimeOfDay(m["from"], FieldPath(f, "from"));
      shift.staff =
          static_cast<std::uint32_t>(src_.Integer(m["staff"], FieldPath(f, "staff"), 1, 1'000'000));
      if (!shifts->empty() && shift.from <= shifts->back().from) {
        src_.Fail(m["from"], FieldPath(f, "from"), "shifts must be in increasing time of day");
      }
      *operators = std::max(*operators, shift.staff);
      shifts->push_back(shift);
    }
  }

  // "HH:MM" (00:00 to 23:59), UTC.
  Duration TimeOfDay(const YAML::Node& node, const std::string& field) {
    const std::string s = src_.String(node, field);
    const bool shaped = s.size() == 5 && s[2] == ':' &&
                        std::isdigit(static_cast<unsigned char>(s[0])) &&
                        std::isdigit(static_cast<unsigned char>(s[1])) &&
                        std::isdigit(static_cast<unsigned char>(s[3])) &&
                        std::isdigit(static_cast<unsigned char>(s[4]));
    const int h = shaped ? (s[0] - '0') * 10 + (s[1] - '0') : 99;
    const int m = shaped ? (s[3] - '0') * 10 + (s[4] - '0') : 99;
    if (h > 23 || m > 59) {
      src_.Fail(node, field,
                "expected a time of day HH:MM (UTC) such as \"08:00\", found '" + s + "'");
    }
    return Duration::Minutes(h * 60 + m);
  }

  StationId StationRef(const YAML::Node& node, const std::string& field) {
    const std::string ri = src_.String(node, field);
    auto id = net_.FindStation(ri);
    if (!id) src_.Fail(node, field, "unknown station '" + ri + "'" + Suggest(ri));
    return *id;
  }

  std::string Suggest(const std::string& ri) const {
    std::vector<std::string> all;
    for (StationId s = 0; s < net_.station_count(); ++s) all.push_back(net_.station(s).ri);
    const std::string guess = DidYouMean(ri, all);
    return guess.empty() ? "" : " (did you mean '" + guess + "'?)";
  }

  void ReadStations(const YAML::Node& list, const std::string& field) {
    src_.RequireSequence(list, field);
    if (list.size() == 0) src_.Fail(list, field, "the network has no stations");
    if (list.size() > kMaxStations) {
      src_.Fail(list, field,
                "the network has " + std::to_string(list.size()) +
                    " stations, more than the limit of " + std::to_string(kMaxStations));
    }
    std::map<std::string, int> first_line;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node node = list[i];
      const std::string f = FieldIndex(field, i);
      const YamlMap s = src_.Keys(node, f, kStationKeys);
      const YAML::Node* ri = s.Find("ri");
      if (!ri) src_.Fail(node, f, "a station needs 'ri' (its routing indicator)");
      Station st;
      st.ri = src_.String(*ri, FieldPath(f, "ri"));
      if (!IsRoutingIndicator(st.ri)) {
        src_.Fail(*ri, FieldPath(f, "ri"),
                  "'" + st.ri + "' is not a routing indicator (4 to 7 capital letters)");
      }
      if (auto it = first_line.find(st.ri); it != first_line.end()) {
        src_.Fail(*ri, FieldPath(f, "ri"),
                  "duplicate station " + st.ri + " (first defined at line " +
                      std::to_string(it->second) + ")");
      }
      first_line[st.ri] = node.Mark().line + 1;
      const YAML::Node* name = s.Find("name");
      st.name = name ? src_.String(*name, FieldPath(f, "name")) : st.ri;
      if (const YAML::Node* kind_node = s.Find("kind")) {
        const std::string k = src_.String(*kind_node, FieldPath(f, "kind"));
        auto kind = ParseStationKind(k);
        if (!kind)
          src_.Fail(*kind_node, FieldPath(f, "kind"),
                    "unknown kind '" + k + "' (expected post, relay or switch)");
        st.kind = *kind;
      }
      const YAML::Node* region = s.Find("region");
      st.region = region ? src_.String(*region, FieldPath(f, "region")) : "";
      st.processing = defaults_.processing;
      st.processing_law = defaults_.processing_law;
      st.per_char = defaults_.per_char;
      if (const YAML::Node* p = s.Find("processing")) {
        ReadProcessing(*p, FieldPath(f, "processing"), &st.processing, &st.processing_law,
                       &st.per_char);
      }
      st.operators = defaults_.operators;
      st.shifts = defaults_.shifts;
      st.handover = defaults_.handover;
      if (const YAML::Node* o = s.Find("operators")) {
        ReadOperators(*o, FieldPath(f, "operators"), &st.operators, &st.shifts, &st.handover);
      }
      if (const YAML::Node* c = s.Find("clearance"))
        st.clearance = ReadClearance(*c, FieldPath(f, "clearance"));
      net_.AddStation(std::move(st));
    }
  }

  void ReadLinks(const YAML::Node& list, const std::string& field) {
    src_.RequireSequence(list, field);
    std::set<std::pair<StationId, StationId>> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node node = list[i];
      const std::string f = FieldIndex(field, i);
      const YamlMap l = src_.Keys(node, f, kLinkKeys);
      const YAML::Node between = l["between"];
      if (!between || !between.IsSequence() || between.size() != 2) {
        src_.Fail(between ? between : node, FieldPath(f, "between"),
                  "a link needs 'between: [RI, RI]' (its two stations)");
      }
      Link link;
      link.a = StationRef(between[0], FieldPath(f, "between[0]"));
      link.b = StationRef(between[1], FieldPath(f, "between[1]"));
      if (link.a == link.b)
        src_.Fail(between, FieldPath(f, "between"), "a link joins two different stations");
      if (!seen.insert({std::min(link.a, link.b), std::max(link.a, link.b)}).second) {
        src_.Fail(between, FieldPath(f, "between"),
                  "duplicate link between " + net_.station(link.a).ri + " and " +
                      net_.station(link.b).ri);
      }
      const YAML::Node* rate = l.Find("rate");
      link.rate = rate ? src_.Rate(*rate, FieldPath(f, "rate")) : defaults_.rate;
      const YAML::Node* framing = l.Find("framing");
      link.framing = framing ? ReadFraming(*framing, FieldPath(f, "framing")) : defaults_.framing;
      const YAML::Node* propagation = l.Find("propagation");
      link.propagation = propagation ? src_.DurationValue(*propagation, FieldPath(f, "propagation"))
                                     : defaults_.propagation;
      const double max_cost_s = static_cast<double>(kMaxLinkCost) / 1e9;
      if (const YAML::Node* cost = l.Find("cost")) {
        const double c = src_.Number(*cost, FieldPath(f, "cost"));
        if (!(c > 0) || c > max_cost_s) {
          src_.Fail(*cost, FieldPath(f, "cost"),
                    "cost must be a positive number of seconds, at most " +
                        FormatDuration(Duration::Nanoseconds(kMaxLinkCost)) + " (100000)");
        }
        link.cost = std::max<std::int64_t>(1, Duration::FromSecondsRounded(c).ns());
      } else if (!DerivedLinkCost(link)) {
        src_.Fail(node, f,
                  "the link's routing cost (the time to send 1,000 characters plus its "
                  "propagation delay) is beyond the limit of " +
                      FormatDuration(Duration::Nanoseconds(kMaxLinkCost)) +
                      ": give it an explicit 'cost' (seconds, at most 100000)");
      }
      if (const YAML::Node* c = l.Find("clearance"))
        link.clearance = ReadClearance(*c, FieldPath(f, "clearance"));
      if (l.Has("loss")) {
        link.loss = src_.Number(l["loss"], FieldPath(f, "loss"));
        if (!(link.loss >= 0 && link.loss <= 0.5)) {
          src_.Fail(l["loss"], FieldPath(f, "loss"),
                    "loss is the probability a transmission never arrives: from 0 to 0.5");
        }
      }
      if (l.Has("garble")) {
        link.garble = src_.Number(l["garble"], FieldPath(f, "garble"));
        if (!(link.garble >= 0 && link.garble <= 0.001)) {
          src_.Fail(l["garble"], FieldPath(f, "garble"),
                    "garble is the probability a character arrives garbled: from 0 to 0.001");
        }
      }
      if (const YAML::Node* procedure = l.Find("procedure")) {
        const std::string pf = FieldPath(f, "procedure");
        const YamlMap pr = src_.Keys(*procedure, pf, kLinkProcedureKeys);
        if (pr.Has("no_traffic_check")) {
          const std::string cf = FieldPath(pf, "no_traffic_check");
          link.no_traffic_check = src_.DurationValue(pr["no_traffic_check"], cf);
          if (*link.no_traffic_check < Duration::Minutes(1) ||
              *link.no_traffic_check > Duration::Days(1)) {
            src_.Fail(pr["no_traffic_check"], cf, "must be between 1m and 1d");
          }
        }
      }
      net_.AddLink(link);
    }
  }

  void ReadCollectives(const YAML::Node& list, const std::string& field) {
    src_.RequireSequence(list, field);
    std::vector<YAML::Node> nodes;  // each collective's members
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node node = list[i];
      const std::string f = FieldIndex(field, i);
      const YamlMap c = src_.Keys(node, f, kCollectiveKeys);
      if (!c.Has("name")) src_.Fail(node, f, "a collective needs a 'name'");
      Collective col;
      col.name = src_.String(c["name"], FieldPath(f, "name"));
      if (col.name.empty()) src_.Fail(c["name"], FieldPath(f, "name"), "an empty name");
      if (net_.FindCollective(col.name))
        src_.Fail(c["name"], FieldPath(f, "name"), "duplicate collective '" + col.name + "'");
      // An address is looked up among the collectives first: one that shares a station's RI
      // or name would take that station's traffic.
      RefuseStationsAddress(c["name"], FieldPath(f, "name"), col.name);
      if (c.Has("ri")) {
        col.ri = src_.String(c["ri"], FieldPath(f, "ri"));
        if (!IsRoutingIndicator(*col.ri))
          src_.Fail(c["ri"], FieldPath(f, "ri"),
                    "'" + *col.ri + "' is not a routing indicator (4 to 7 capital letters)");
        if (const Collective* other = net_.FindCollective(*col.ri))
          src_.Fail(
              c["ri"], FieldPath(f, "ri"),
              "routing indicator '" + *col.ri + "' already names collective '" + other->name + "'");
        RefuseStationsAddress(c["ri"], FieldPath(f, "ri"), *col.ri);
      }
      if (!c.Has("members")) src_.Fail(node, f, "a collective needs 'members'");
      col.members = src_.StringList(c["members"], FieldPath(f, "members"));
      if (col.members.empty())
        src_.Fail(c["members"], FieldPath(f, "members"), "a collective needs at least one member");
      if (c.Has("expand_at")) {
        const std::string at = src_.String(c["expand_at"], FieldPath(f, "expand_at"));
        if (!net_.FindStation(at))
          src_.Fail(c["expand_at"], FieldPath(f, "expand_at"),
                    "unknown station '" + at + "'" + Suggest(at));
        col.expand_at = at;
      }
      net_.AddCollective(std::move(col));
      nodes.push_back(c["members"]);
    }
    // Members must be stations (or RIs a station serves) or collectives; no cycles.
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const Collective& col = net_.collectives()[i];
      const YAML::Node& members = nodes[i];
      for (std::size_t k = 0; k < col.members.size(); ++k) {
        const std::string& m = col.members[k];
        if (net_.FindCollective(m) || net_.FindStation(m)) continue;
        const YAML::Node at = members.IsSequence() ? members[k] : members;
        const std::string where = FieldPath(FieldIndex(field, i), "members");
        const auto served = net_.ResolveRi(m);
        if (!served) {
          src_.Fail(at, where,
                    "member '" + m +
                        "' is neither a station (nor an RI one serves) nor a collective" +
                        Suggest(m));
        }
        // An RI no station owns: the station serving its prefix is delivered to. Legitimate
        // (a tributary beyond the network), but a typo of a station's RI looks the same.
        net_.AddWarning(src_.At(at, where, "").ToString() + "warning: member '" + m +
                        "' is no station's RI: " + net_.station(*served).ri +
                        " serves it by prefix and is the addressee" + Suggest(m));
      }
    }
  }

  // Fails at `node` when `address` (a collective's name or RI) is a station's RI or name.
  void RefuseStationsAddress(const YAML::Node& node, const std::string& field,
                             const std::string& address) {
    std::optional<StationId> s = net_.FindStation(address);
    const char* what = "routing indicator";
    if (!s) {
      s = net_.FindStationByName(address);
      what = "name";
    }
    if (s) {
      src_.Fail(node, field,
                "'" + address + "' is the " + what + " of station " + net_.station(*s).ri +
                    ": a collective's name and RI must be its own (an address names the "
                    "collective before a station, so the station would lose its traffic)");
    }
  }

  void ReadRoutes(const YAML::Node& list, const std::string& field) {
    src_.RequireSequence(list, field);
    std::map<std::pair<StationId, StationId>, std::size_t> first;  // (at, to): its entry
    for (std::size_t i = 0; i < list.size(); ++i) {
      const YAML::Node node = list[i];
      const std::string f = FieldIndex(field, i);
      const YamlMap r = src_.Keys(node, f, kRouteKeys);
      for (const char* k : {"at", "to", "via"}) {
        if (!r.Has(k)) src_.Fail(node, f, std::string("a static route needs '") + k + "'");
      }
      StaticRoute route{StationRef(r["at"], FieldPath(f, "at")),
                        StationRef(r["to"], FieldPath(f, "to")),
                        StationRef(r["via"], FieldPath(f, "via"))};
      if (route.at == route.to) src_.Fail(node, f, "a static route's 'at' and 'to' must differ");
      // One route per (at, to): a second would silently replace or lose to the first.
      const auto [it, added] = first.emplace(std::pair{route.at, route.to}, i);
      if (!added) {
        src_.Fail(node, f,
                  "a second static route at " + net_.station(route.at).ri + " to " +
                      net_.station(route.to).ri + " (" + FieldIndex(field, it->second) +
                      " is the first); give one");
      }
      net_.AddStaticRoute(route);
    }
  }

  YamlSource src_;
  Defaults defaults_;
  Network net_;
};

}  // namespace

Result<Network> LoadNetworkFromNode(const YAML::Node& root, const std::string& file,
                                    const std::string& field) {
  try {
    return NetworkLoader(file).Load(root, field);
  } catch (const YamlLoadError& e) {
    return e.error();
  } catch (const YAML::Exception& e) {
    return Error{file, e.mark.line + 1, e.mark.column + 1, field, e.msg};
  }
}

Result<Network> LoadNetworkFile(const std::string& path) {
  auto root = LoadYamlFile(path);
  if (!root) return root.error();
  return LoadNetworkFromNode(*root, path, "");
}

}  // namespace cablesim
