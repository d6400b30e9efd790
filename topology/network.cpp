#include "topology/network.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>
#include <set>

namespace cablesim {
namespace {

// "Unreachable" for Dijkstra: path sums stay far below it (kMaxLinkCost x kMaxStations <
// 5e18), and Boost's closed_plus never adds to it.
constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kDefaultCostChars = 1000;

// Boost's Dijkstra adds with std::plus unless told otherwise: saturate at kInfinity instead
// (a link out of use weighs kInfinity; weights are never negative).
struct SaturatingPlus {
  std::int64_t operator()(std::int64_t a, std::int64_t b) const {
    return a >= kInfinity - b ? kInfinity : a + b;
  }
};

}  // namespace

std::uint32_t StaffAt(const Station& s, Duration tod) {
  if (s.shifts.empty()) return s.operators;
  std::uint32_t staff = s.shifts.back().staff;  // the last shift runs on past midnight
  for (const Shift& sh : s.shifts) {
    if (sh.from <= tod) staff = sh.staff;
  }
  return staff;
}

Duration UntilNextShift(const Station& s, Duration tod) {
  for (const Shift& sh : s.shifts) {
    if (sh.from > tod) return sh.from - tod;
  }
  return s.shifts.front().from + Duration::Days(1) - tod;
}

std::optional<std::int64_t> DerivedLinkCost(const Link& l) {
  const std::int64_t wire = WireTime(kDefaultCostChars, l.rate, l.framing).ns();
  std::int64_t cost = 0;
  if (__builtin_add_overflow(wire, l.propagation.ns(), &cost) || cost > kMaxLinkCost) {
    return std::nullopt;
  }
  return cost;
}

std::string_view StationKindName(StationKind k) {
  switch (k) {
    case StationKind::kPost:
      return "post";
    case StationKind::kRelay:
      return "relay";
    case StationKind::kSwitch:
      return "switch";
  }
  return "?";
}

std::optional<StationKind> ParseStationKind(std::string_view s) {
  if (s == "post") return StationKind::kPost;
  if (s == "relay") return StationKind::kRelay;
  if (s == "switch" || s == "switching-centre" || s == "switching-center") {
    return StationKind::kSwitch;
  }
  return std::nullopt;
}

StationId Network::AddStation(Station s) {
  const auto id = static_cast<StationId>(stations_.size());
  by_ri_.emplace(s.ri, id);
  stations_.push_back(std::move(s));
  return id;
}

LinkId Network::AddLink(Link l) {
  const auto id = static_cast<LinkId>(links_.size());
  links_.push_back(l);
  return id;
}

std::int64_t Network::LinkCost(LinkId id) const {
  if (id < link_cost_.size()) return link_cost_[id];
  const Link& l = links_[id];
  if (l.cost > 0) return std::min(l.cost, kMaxLinkCost);
  return DerivedLinkCost(l).value_or(kMaxLinkCost);  // Finalize refuses such a link
}

Result<bool> Network::Finalize() {
  const std::size_t n = stations_.size();
  if (n > kMaxStations) {
    return Error{"", 0, 0, "stations",
                 "the network has " + std::to_string(n) + " stations, more than the limit of " +
                     std::to_string(kMaxStations)};
  }
  restricts_.fill(false);
  for (std::size_t c = 0; c < kClassificationCount; ++c) {
    const auto cls = static_cast<Classification>(c);
    for (const Station& st : stations_) restricts_[c] = restricts_[c] || !st.clearance.Allows(cls);
    for (const Link& l : links_) restricts_[c] = restricts_[c] || !l.clearance.Allows(cls);
  }
  if (auto e = CacheLinkCosts()) return *std::move(e);
  if (auto e = BuildChannels()) return *std::move(e);
  if (auto e = RouteByLeastCost()) return *std::move(e);
  if (auto e = ApplyStaticRoutes()) return *std::move(e);
  auto expanded = ExpandAllCollectives();
  if (!expanded) return expanded.error();
  collective_stations_ = std::move(expanded).value();
  return true;
}

std::optional<Error> Network::CacheLinkCosts() {
  link_cost_.clear();  // every cost once (Dijkstra asks for them again and again)
  std::vector<std::int64_t> costs;
  for (LinkId l = 0; l < links_.size(); ++l) {
    const Link& link = links_[l];
    if (link.cost > kMaxLinkCost || (link.cost <= 0 && !DerivedLinkCost(link))) {
      return Error{"", 0, 0, "links",
                   "link " + stations_[link.a].ri + "-" + stations_[link.b].ri +
                       (link.cost > 0 ? ": its cost"
                                      : ": its routing cost (the time to send 1,000 characters "
                                        "plus its propagation delay)") +
                       " is beyond the limit of " +
                       FormatDuration(Duration::Nanoseconds(kMaxLinkCost)) +
                       (link.cost > 0 ? "" : "; give it an explicit 'cost'")};
    }
    costs.push_back(LinkCost(l));
  }
  link_cost_ = std::move(costs);
  return std::nullopt;
}

std::optional<Error> Network::BuildChannels() {
  const std::size_t n = stations_.size();
  graph_ = std::make_unique<Graph>(n);
  for (LinkId l = 0; l < links_.size(); ++l) {
    boost::add_edge(links_[l].a, links_[l].b, 2 * l, *graph_);
    boost::add_edge(links_[l].b, links_[l].a, 2 * l + 1, *graph_);
  }
  // Each station's channels, in the graph's order: a route is the slot of one of them.
  out_first_.assign(n + 1, 0);
  out_channels_.clear();
  route_row_.assign(n, kNoRow);
  std::size_t rows = 0;
  for (StationId s = 0; s < n; ++s) {
    out_first_[s] = static_cast<std::uint32_t>(out_channels_.size());
    for (auto [e, end] = boost::out_edges(s, *graph_); e != end; ++e) {
      out_channels_.push_back((*graph_)[*e]);
    }
    const std::size_t degree = out_channels_.size() - out_first_[s];
    if (degree > 0xffff) {
      return Error{"", 0, 0, "links", "station " + stations_[s].ri + " has more than 65,535 links"};
    }
    // A station with one link sends everything over it: it needs no row of the table.
    if (degree > 1) route_row_[s] = static_cast<std::uint32_t>(rows++);
  }
  out_first_[n] = static_cast<std::uint32_t>(out_channels_.size());
  if (rows > 0 && n > kMaxRouteSlots / rows) {
    return Error{"", 0, 0, "stations",
                 "the routing tables would hold " + std::to_string(rows) + " x " +
                     std::to_string(n) +
                     " entries (stations with more than one link x "
                     "stations), more than the limit of " +
                     std::to_string(kMaxRouteSlots) + " (512 MiB)"};
  }
  route_slot_.assign(rows * n, 0);
  return std::nullopt;
}

void Network::SetRoute(StationId s, StationId t, StationId via) {
  if (route_row_[s] == kNoRow) return;
  for (std::uint32_t k = out_first_[s]; k < out_first_[s + 1]; ++k) {
    if (ChannelTo(out_channels_[k]) == via) {
      route_slot_[route_row_[s] * stations_.size() + t] =
          static_cast<std::uint16_t>(k - out_first_[s]);
      return;
    }
  }
}

std::optional<Error> Network::RouteByLeastCost() {
  // Distances to each destination t. Every link is full duplex with one cost for both
  // directions, so the distance from s to t equals that from t to s: one Dijkstra from t.
  // A destination with one link is reached through its neighbour u: every path to it ends
  // u-t, so its column is u's (the same least-cost neighbours, the same ties), but at u.
  const std::size_t n = stations_.size();
  auto weight = boost::make_function_property_map<Graph::edge_descriptor, std::int64_t>(
      [&](const Graph::edge_descriptor& e) { return LinkCost(ChannelLink((*graph_)[e])); });
  std::vector<std::int64_t> dist(n);
  std::vector<StationId> leaves;
  for (StationId t = 0; t < n; ++t) {
    if (n > 1 && out_first_[t + 1] - out_first_[t] == 1) {
      leaves.push_back(t);
      continue;
    }
    boost::dijkstra_shortest_paths(
        *graph_, t,
        boost::distance_map(boost::make_iterator_property_map(
                                dist.begin(), boost::get(boost::vertex_index, *graph_)))
            .weight_map(weight)
            .distance_combine(SaturatingPlus())
            .distance_inf(kInfinity)
            .distance_zero(std::int64_t{0}));
    for (StationId s = 0; s < n; ++s) {
      if (dist[s] == kInfinity) {
        return Error{"", 0, 0, "links",
                     "station " + stations_[s].ri + " cannot reach " + stations_[t].ri +
                         ": the network is not connected"};
      }
      if (s == t || route_row_[s] == kNoRow) continue;
      SetRoute(s, t, NearestNeighbourTowards(s, dist));
    }
  }
  return RouteToLeaves(leaves);
}

StationId Network::NearestNeighbourTowards(StationId s,
                                           const std::vector<std::int64_t>& dist) const {
  // The neighbour with the least (link cost + its distance), ties broken by RI so that the
  // tables never depend on the order Dijkstra settled equal nodes.
  StationId best = kNoStation;
  std::int64_t best_cost = 0;
  for (auto [e, end] = boost::out_edges(s, *graph_); e != end; ++e) {
    const StationId v = static_cast<StationId>(boost::target(*e, *graph_));
    const std::int64_t c = LinkCost(ChannelLink((*graph_)[*e])) + dist[v];
    if (best == kNoStation || c < best_cost ||
        (c == best_cost && stations_[v].ri < stations_[best].ri)) {
      best = v;
      best_cost = c;
    }
  }
  return best;
}

std::optional<Error> Network::RouteToLeaves(const std::vector<StationId>& leaves) {
  const std::size_t n = stations_.size();
  for (const StationId t : leaves) {
    const StationId u = ChannelTo(out_channels_[out_first_[t]]);
    if (out_first_[u + 1] - out_first_[u] == 1) {  // two stations linked only to each other
      if (n > 2) {
        return Error{"", 0, 0, "links",
                     "station " + stations_[t].ri +
                         " cannot reach the others: the network is "
                         "not connected"};
      }
      continue;
    }
    for (StationId s = 0; s < n; ++s) {
      if (s == t || route_row_[s] == kNoRow) continue;
      const std::size_t row = static_cast<std::size_t>(route_row_[s]) * n;
      if (s == u) {
        SetRoute(s, t, t);
      } else {
        route_slot_[row + t] = route_slot_[row + u];
      }
    }
  }
  return std::nullopt;
}

std::optional<Error> Network::ApplyStaticRoutes() {
  for (const auto& r : static_routes_) {
    if (!ChannelBetween(r.at, r.via)) {
      return Error{"", 0, 0, "routes",
                   "static route at " + stations_[r.at].ri + " to " + stations_[r.to].ri +
                       " goes via " + stations_[r.via].ri + ", which is not linked to it"};
    }
    SetRoute(r.at, r.to, r.via);
  }
  return StaticRouteLoop();
}

std::optional<Error> Network::StaticRouteLoop() const {
  if (static_routes_.empty()) return std::nullopt;
  // Overrides can make loops. For each destination the next hops form a functional graph:
  // walk each station's path, marking stations as on the current path or known to reach the
  // destination; meeting one on the current path is a loop. Linear per destination.
  const std::size_t n = stations_.size();
  std::vector<std::uint32_t> mark(n);
  for (StationId t = 0; t < n; ++t) {
    // mark[s]: 0 unknown, 1 + k on the walk from start k, kReaches when it reaches t.
    constexpr std::uint32_t kReaches = std::numeric_limits<std::uint32_t>::max();
    std::fill(mark.begin(), mark.end(), 0);
    mark[t] = kReaches;
    for (StationId s = 0; s < n; ++s) {
      StationId at = s;
      while (mark[at] == 0) {
        mark[at] = s + 1;
        at = NextHop(at, t);
      }
      if (mark[at] == s + 1) {
        return Error{"", 0, 0, "routes",
                     "static routes make a loop on the way from " + stations_[s].ri + " to " +
                         stations_[t].ri + " (through " + stations_[at].ri + ")"};
      }
      for (StationId x = s; mark[x] == s + 1; x = NextHop(x, t)) mark[x] = kReaches;
    }
  }
  return std::nullopt;
}

std::optional<StationId> Network::FindStation(std::string_view ri) const {
  auto it = by_ri_.find(std::string(ri));
  if (it == by_ri_.end()) return std::nullopt;
  return it->second;
}

Result<StationId> Network::ResolveRi(std::string_view ri) const {
  if (auto s = FindStation(ri)) return *s;
  for (std::size_t len = ri.size(); len-- > 1;) {
    if (auto s = FindStation(ri.substr(0, len))) return *s;
  }
  return Error{"", 0, 0, "",
               "routing indicator " + std::string(ri) +
                   " is not served by any station (no station owns it or a "
                   "prefix of it)"};
}

std::optional<StationId> Network::FindStationByName(std::string_view name) const {
  for (StationId s = 0; s < stations_.size(); ++s) {
    if (stations_[s].name == name) return s;
  }
  return std::nullopt;
}

const Collective* Network::FindCollective(std::string_view name_or_ri) const {
  for (const auto& c : collectives_) {
    if (c.name == name_or_ri || (c.ri && *c.ri == name_or_ri)) return &c;
  }
  return nullptr;
}

Result<std::vector<std::vector<StationId>>> Network::ExpandAllCollectives() const {
  const std::size_t count = collectives_.size();
  std::unordered_map<std::string_view, std::size_t> index;  // by name and by RI
  for (std::size_t k = 0; k < count; ++k) {
    index.emplace(collectives_[k].name, k);
    if (collectives_[k].ri) index.emplace(*collectives_[k].ri, k);
  }
  enum class State : std::uint8_t { kNew, kExpanding, kDone };
  std::vector<State> state(count, State::kNew);
  std::vector<std::vector<StationId>> out(count);
  std::size_t entries = 0;
  // Depth first; each collective expanded once and reused wherever it is nested, so a
  // diamond of collectives costs its size, not the number of ways through it.
  std::vector<std::uint32_t> stamp(stations_.size(), 0);  // == generation: already added
  std::uint32_t generation = 0;
  constexpr int kMaxDepth = 1000;  // nesting, so the walk cannot run out of stack
  auto expand = [&](auto&& self, std::size_t k, int depth) -> std::optional<Error> {
    if (depth > kMaxDepth) {
      return Error{"", 0, 0, "collectives[" + std::to_string(k) + "]",
                   "collective '" + collectives_[k].name + "' is nested more than " +
                       std::to_string(kMaxDepth) + " collectives deep"};
    }
    state[k] = State::kExpanding;
    // The nested collectives first (their own stamps come and go), then the merge.
    for (const auto& m : collectives_[k].members) {
      auto it = index.find(m);
      if (it == index.end()) continue;
      const std::size_t inner = it->second;
      if (state[inner] == State::kExpanding) {
        return Error{"", 0, 0, "collectives[" + std::to_string(inner) + "]",
                     "collective '" + collectives_[inner].name + "' contains itself"};
      }
      if (state[inner] == State::kNew) {
        if (auto err = self(self, inner, depth + 1)) return err;
      }
    }
    ++generation;
    std::vector<StationId> stations;
    auto add = [&](StationId s) {
      if (stamp[s] != generation) {
        stamp[s] = generation;
        stations.push_back(s);
      }
    };
    for (const auto& m : collectives_[k].members) {
      if (auto it = index.find(m); it != index.end()) {
        for (const StationId s : out[it->second]) add(s);
        continue;
      }
      auto s = ResolveRi(m);
      if (!s) {
        return Error{"", 0, 0, "collectives[" + std::to_string(k) + "]",
                     "member " + m + " of '" + collectives_[k].name + "': " + s.error().message};
      }
      add(*s);
    }
    entries += stations.size();
    if (entries > kMaxCollectiveEntries) {
      return Error{"", 0, 0, "collectives[" + std::to_string(k) + "]",
                   "collective '" + collectives_[k].name + "' takes the collectives past " +
                       std::to_string(kMaxCollectiveEntries) + " stations in all (" +
                       std::to_string(stations.size()) + " in it alone)"};
    }
    out[k] = std::move(stations);
    state[k] = State::kDone;
    return std::nullopt;
  };
  for (std::size_t k = 0; k < count; ++k) {
    if (state[k] != State::kNew) continue;
    if (auto err = expand(expand, k, 0)) return *err;
  }
  return out;
}

Result<std::vector<StationId>> Network::ExpandCollective(
    const Collective& c, const std::vector<StationId>& exempt) const {
  const auto k = static_cast<std::size_t>(&c - collectives_.data());
  std::vector<StationId> all;
  if (k < collective_stations_.size()) {
    all = collective_stations_[k];
  } else {
    auto expanded = ExpandAllCollectives();
    if (!expanded) return expanded.error();
    all = std::move(expanded.value()[k]);
  }
  if (exempt.empty()) return all;
  std::vector<StationId> out;
  for (const StationId s : all) {
    if (std::find(exempt.begin(), exempt.end(), s) == exempt.end()) out.push_back(s);
  }
  return out;
}

std::optional<ChannelId> Network::ChannelBetween(StationId from, StationId to) const {
  for (auto [e, end] = boost::out_edges(from, *graph_); e != end; ++e) {
    if (boost::target(*e, *graph_) == to) return (*graph_)[*e];
  }
  return std::nullopt;
}

Network::RoutesTo Network::RoutesToward(StationId dest,
                                        const std::function<bool(ChannelId)>& usable) const {
  const std::size_t n = stations_.size();
  auto link_usable = [&](ChannelId c) { return usable(c) && usable(c ^ 1U); };
  // A link out of use weighs "infinity": Dijkstra never relaxes across it.
  auto weight = boost::make_function_property_map<Graph::edge_descriptor, std::int64_t>(
      [&](const Graph::edge_descriptor& e) {
        return link_usable((*graph_)[e]) ? LinkCost(ChannelLink((*graph_)[e])) : kInfinity;
      });
  RoutesTo r;
  r.distance.assign(n, kInfinity);
  r.next_hop.assign(n, kNoStation);
  // Links are full duplex with one cost, so distances toward dest are those from it.
  boost::dijkstra_shortest_paths(
      *graph_, dest,
      boost::distance_map(boost::make_iterator_property_map(
                              r.distance.begin(), boost::get(boost::vertex_index, *graph_)))
          .weight_map(weight)
          .distance_combine(SaturatingPlus())
          .distance_inf(kInfinity)
          .distance_zero(std::int64_t{0}));
  for (StationId s = 0; s < n; ++s) {
    if (s == dest || r.distance[s] >= kInfinity) continue;
    std::int64_t best_cost = 0;
    for (auto [e, end] = boost::out_edges(s, *graph_); e != end; ++e) {
      if (!link_usable((*graph_)[*e])) continue;
      const auto v = static_cast<StationId>(boost::target(*e, *graph_));
      if (r.distance[v] >= kInfinity) continue;
      const std::int64_t c = LinkCost(ChannelLink((*graph_)[*e])) + r.distance[v];
      if (r.next_hop[s] == kNoStation || c < best_cost ||
          (c == best_cost && stations_[v].ri < stations_[r.next_hop[s]].ri)) {
        r.next_hop[s] = v;
        best_cost = c;
      }
    }
  }
  return r;
}

std::int64_t Network::Distance(StationId at, StationId dest) const {
  std::int64_t d = 0;
  for (StationId s = at; s != dest; s = NextHop(s, dest))
    d += LinkCost(ChannelLink(NextChannel(s, dest)));
  return d;
}

std::vector<StationId> Network::Path(StationId from, StationId to) const {
  std::vector<StationId> path{from};
  while (path.back() != to && path.size() <= stations_.size()) {
    path.push_back(NextHop(path.back(), to));
  }
  return path;
}

}  // namespace cablesim
