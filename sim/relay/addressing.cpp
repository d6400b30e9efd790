#include "sim/relay/addressing.h"

#include <algorithm>

namespace cablesim {

Undeliverable NotClearedFor(Classification c) {
  switch (c) {
    case Classification::kTopSecret:
      return Undeliverable::kNotClearedTopSecret;
    case Classification::kSecret:
      return Undeliverable::kNotClearedSecret;
    default:
      return Undeliverable::kNotClearedConfidential;
  }
}

Addressing::Addressing(const Network& net)
    : net_(net),
      group_of_station_(net.station_count(), 0),
      station_name_(net.station_count(), kNone),
      collective_name_(net.collectives().size(), kNone) {}

std::uint32_t Addressing::Intern(std::string_view s) {
  auto it = name_index_.find(std::string(s));
  if (it != name_index_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(names_.size());
  names_.emplace_back(s);
  name_index_.emplace(names_.back(), id);
  return id;
}

std::uint32_t Addressing::StationName(StationId s) {
  if (station_name_[s] == kNone) station_name_[s] = Intern(net_.station(s).name);
  return station_name_[s];
}

std::uint32_t Addressing::CollectiveName(const Collective& c) {
  const auto k = static_cast<std::size_t>(&c - net_.collectives().data());
  if (collective_name_[k] == kNone) collective_name_[k] = Intern(c.name);
  return collective_name_[k];
}

void Addressing::Add(StationId station, StationId expand_at, const AddressedWay& way,
                     Outcome outcome, Undeliverable reason) {
  Entry e;
  e.station = station;
  e.expand_at = expand_at;
  e.way = way;
  e.outcome = outcome;
  e.reason = reason;
  entries_.push_back(e);
}

// Every way each addressee line reaches a station, collectives expanded (less the XMT
// exemptions), in the order written.
void Addressing::Expand(const MessageSpec& spec, StationId origin) {
  auto station_of = [&](const std::string& ri_or_name) -> std::optional<StationId> {
    if (auto s = net_.FindStation(ri_or_name)) return s;
    return net_.FindStationByName(ri_or_name);
  };
  exempt_.clear();
  for (const auto& x : spec.exempt) {
    if (auto s = station_of(x)) exempt_.push_back(*s);
  }
  for (const AddresseeSpec& a : spec.addressees) {
    if (a.station != kNoStation && origin != kNoStation && !a.zen) {
      // Resolved by the source: the station, shown by its name.
      Add(a.station, kNoStation, AddressedWay{StationName(a.station), kNone, a.precedence, a.info},
          Outcome::kInFlight, Undeliverable::kNotApplicable);
      continue;
    }
    const std::string& shown = !a.address.empty() ? a.address : a.ri;
    AddressedWay way{Intern(shown), kNone, a.precedence, a.info};
    if (a.zen) {
      Add(kNoStation, kNoStation, way, Outcome::kOtherMeans, Undeliverable::kNotApplicable);
      continue;
    }
    if (origin == kNoStation) {
      Add(kNoStation, kNoStation, way, Outcome::kUndeliverable, Undeliverable::kOriginUnknown);
      continue;
    }
    const Collective* col = nullptr;
    if (!a.ri.empty()) col = net_.FindCollective(a.ri);
    // A line without an RI names a collective by its name whether or not it says COLLECTIVE
    // (a cable's "TO EUROPEAN POLITICAL" is the network's collective of that name, as in
    // YAML), unless a station has that name.
    if (!col && !a.address.empty() &&
        (a.collective || (a.ri.empty() && !net_.FindStationByName(a.address)))) {
      col = net_.FindCollective(a.address);
    }
    if (col) {
      auto members = net_.ExpandCollective(*col, exempt_);
      if (!members) {  // the network loader refuses such collectives; never lose the line
        Add(kNoStation, kNoStation, way, Outcome::kUndeliverable,
            Undeliverable::kUnknownCollective);
        continue;
      }
      const std::uint32_t col_name = CollectiveName(*col);
      const StationId expand_at = col->expand_at ? *net_.FindStation(*col->expand_at) : kNoStation;
      for (StationId s : *members) {
        Add(s, expand_at,
            AddressedWay{Intern(net_.station(s).name), col_name, a.precedence, a.info},
            Outcome::kInFlight, Undeliverable::kNotApplicable);
      }
      continue;
    }
    if (!a.ri.empty()) {
      auto s = net_.ResolveRi(a.ri);
      // An addressee given only by RI is shown by the name of the station that owns it.
      if (s && a.address.empty() && net_.station(*s).ri == a.ri) way.address = StationName(*s);
      if (s)
        Add(*s, kNoStation, way, Outcome::kInFlight, Undeliverable::kNotApplicable);
      else
        Add(kNoStation, kNoStation, way, Outcome::kUndeliverable, Undeliverable::kUnservedRi);
      continue;
    }
    if (a.collective) {
      Add(kNoStation, kNoStation, way, Outcome::kUndeliverable, Undeliverable::kUnknownCollective);
      continue;
    }
    if (auto s = net_.FindStationByName(a.address))
      Add(*s, kNoStation, way, Outcome::kInFlight, Undeliverable::kNotApplicable);
    else
      Add(kNoStation, kNoStation, way, Outcome::kUndeliverable, Undeliverable::kUnknownAddress);
  }
}

// Entries of one station (or of one unreachable address) become one group; a group's place
// is that of its first entry. A station addressed directly is delivered from the origin's
// copy even when a collective expanded at a relay names it too.
void Addressing::MergeIntoGroups() {
  groups_.clear();
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    Entry& e = entries_[i];
    std::uint32_t g = kNone;
    if (e.station != kNoStation) {
      if (group_of_station_[e.station] == 0) {
        groups_.push_back({i, e.expand_at, 0});
        group_of_station_[e.station] = static_cast<std::uint32_t>(groups_.size());
      } else if (e.expand_at == kNoStation) {
        groups_[group_of_station_[e.station] - 1].expand_at = kNoStation;
      }
      g = group_of_station_[e.station] - 1;
    } else {
      // The same address, outcome and reason: one record (a map, so thousands of
      // unreachable addresses stay linear).
      const std::uint64_t key = std::uint64_t{e.way.address} << 16 |
                                static_cast<std::uint64_t>(e.outcome) << 8 |
                                static_cast<std::uint64_t>(e.reason);
      auto [it, fresh] = unreached_group_.try_emplace(key, 0);
      if (fresh) {
        groups_.push_back({i, kNoStation, 0});
        it->second = static_cast<std::uint32_t>(groups_.size() - 1);
      }
      g = it->second;
    }
    e.group = g;
    ++groups_[g].entries;
  }
  for (const Entry& e : entries_) {
    if (e.station != kNoStation) group_of_station_[e.station] = 0;
  }
  if (!unreached_group_.empty()) unreached_group_.clear();  // clear() sets every bucket
  // Entries ordered by group, each group's in the order written (a counting sort).
  std::vector<std::uint32_t>& start = group_start_;
  start.assign(groups_.size() + 1, 0);
  for (std::uint32_t g = 0; g < groups_.size(); ++g) start[g + 1] = start[g] + groups_[g].entries;
  order_.assign(entries_.size(), 0);
  for (std::uint32_t i = 0; i < entries_.size(); ++i) order_[start[entries_[i].group]++] = i;
}

void Addressing::Release(const Ranges& r) {
  addressees_.Release(r.first_addressee, r.addressees);
  ways_.Release(r.first_also, r.also);
  targets_.Release(r.first_target, r.targets);
}

std::uint32_t Addressing::MakeTarget(StationId station, std::uint32_t addressee) {
  Target t;
  t.station = station;
  t.addressee = addressee;
  t.precedence = addressees_[addressee].precedence;
  targets_.push_back(t);
  return static_cast<std::uint32_t>(targets_.size() - 1);
}

bool Addressing::EachStationOnce(const MessageSpec& spec, StationId origin) {
  if (origin == kNoStation || !spec.exempt.empty()) return false;
  std::size_t marked = 0;
  for (; marked < spec.addressees.size(); ++marked) {
    const AddresseeSpec& a = spec.addressees[marked];
    if (a.station == kNoStation || a.zen || group_of_station_[a.station] != 0) break;
    group_of_station_[a.station] = 1;
  }
  for (std::size_t i = 0; i < marked; ++i) group_of_station_[spec.addressees[i].station] = 0;
  return marked == spec.addressees.size();
}

std::uint32_t Addressing::ResolveStations(const MessageSpec& spec, std::uint32_t message,
                                          std::vector<std::uint32_t>* root) {
  const auto first = static_cast<std::uint32_t>(addressees_.size());
  last_.first_addressee = first;
  last_.first_also = static_cast<std::uint32_t>(ways_.size());
  last_.first_target = static_cast<std::uint32_t>(targets_.size());
  for (const AddresseeSpec& a : spec.addressees) {
    AddresseeRecord r;
    r.message = message;
    r.address = StationName(a.station);
    r.station = a.station;
    r.precedence = a.precedence;
    r.info = a.info;
    r.first_also = static_cast<std::uint32_t>(ways_.size());  // none: one way each
    addressees_.push_back(r);
  }
  root->clear();
  for (std::uint32_t i = 0; i < spec.addressees.size(); ++i) {
    root->push_back(MakeTarget(spec.addressees[i].station, first + i));
  }
  last_.addressees = static_cast<std::uint32_t>(spec.addressees.size());
  last_.also = 0;
  last_.targets = last_.addressees;
  return first;
}

std::uint32_t Addressing::Resolve(const MessageSpec& spec, std::uint32_t message, StationId origin,
                                  std::vector<std::uint32_t>* root) {
  if (EachStationOnce(spec, origin)) return ResolveStations(spec, message, root);
  entries_.clear();
  Expand(spec, origin);
  MergeIntoGroups();

  const auto first = static_cast<std::uint32_t>(addressees_.size());
  last_.first_addressee = first;
  last_.first_also = static_cast<std::uint32_t>(ways_.size());
  last_.first_target = static_cast<std::uint32_t>(targets_.size());
  std::uint32_t pos = 0;
  for (const EntryGroup& g : groups_) {
    // The winner: action beats info, then the higher precedence, then the first written.
    std::uint32_t winner = order_[pos];
    Precedence highest = entries_[winner].way.precedence;
    for (std::uint32_t k = 1; k < g.entries; ++k) {
      const Entry& e = entries_[order_[pos + k]];
      const Entry& w = entries_[winner];
      highest = std::max(highest, e.way.precedence);
      if ((w.way.info && !e.way.info) ||
          (w.way.info == e.way.info && e.way.precedence > w.way.precedence)) {
        winner = order_[pos + k];
      }
    }
    const Entry& w = entries_[winner];
    AddresseeRecord r;
    r.message = message;
    r.address = w.way.address;
    r.collective = w.way.collective;
    r.station = w.station;
    r.precedence = highest;
    r.info = w.way.info;
    r.outcome = w.outcome;
    r.reason = w.reason;
    r.first_also = static_cast<std::uint32_t>(ways_.size());
    r.way_count = g.entries;
    for (std::uint32_t k = 0; k < g.entries; ++k) {
      if (order_[pos + k] != winner) ways_.push_back(entries_[order_[pos + k]].way);
    }
    addressees_.push_back(r);
    pos += g.entries;
  }

  // Targets: one per station served from the origin, then one per relay that expands a
  // collective, holding its members' targets.
  root->clear();
  deferred_relays_.clear();
  for (std::uint32_t g = 0; g < groups_.size(); ++g) {
    const StationId station = addressees_[first + g].station;
    if (station == kNoStation) continue;
    if (groups_[g].expand_at == kNoStation) {
      root->push_back(MakeTarget(station, first + g));
    } else if (std::find(deferred_relays_.begin(), deferred_relays_.end(), groups_[g].expand_at) ==
               deferred_relays_.end()) {
      deferred_relays_.push_back(groups_[g].expand_at);
    }
  }
  for (const StationId relay : deferred_relays_) {
    Target t;
    t.station = relay;
    t.first_child = static_cast<std::uint32_t>(targets_.size());
    for (std::uint32_t g = 0; g < groups_.size(); ++g) {
      const StationId station = addressees_[first + g].station;
      if (station == kNoStation || groups_[g].expand_at != relay) continue;
      const std::uint32_t child = MakeTarget(station, first + g);
      t.precedence = std::max(t.precedence, targets_[child].precedence);
      ++t.children;
    }
    targets_.push_back(t);
    root->push_back(static_cast<std::uint32_t>(targets_.size() - 1));
  }
  last_.addressees = static_cast<std::uint32_t>(addressees_.size()) - first;
  last_.also = static_cast<std::uint32_t>(ways_.size()) - last_.first_also;
  last_.targets = static_cast<std::uint32_t>(targets_.size()) - last_.first_target;
  return first;
}

}  // namespace cablesim
