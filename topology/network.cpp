#include "topology/network.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/function_property_map.hpp>
#include <limits>
#include <set>

namespace cablesim {
namespace {

constexpr std::int64_t kInfinity = std::numeric_limits<std::int64_t>::max() / 4;
constexpr std::int64_t kDefaultCostChars = 1000;

}  // namespace

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
  if (l.cost > 0) return l.cost;
  return WireTime(kDefaultCostChars, l.rate, l.framing).ns() + l.propagation.ns();
}

Result<bool> Network::Finalize() {
  const std::size_t n = stations_.size();
  link_cost_.clear();  // every cost once (Dijkstra asks for them again and again)
  std::vector<std::int64_t> costs;
  for (LinkId l = 0; l < links_.size(); ++l) costs.push_back(LinkCost(l));
  link_cost_ = std::move(costs);
  graph_ = Graph(n);
  for (LinkId l = 0; l < links_.size(); ++l) {
    boost::add_edge(links_[l].a, links_[l].b, 2 * l, graph_);
    boost::add_edge(links_[l].b, links_[l].a, 2 * l + 1, graph_);
  }
  // Each station's channels, in the graph's order: a route is the slot of one of them.
  out_first_.assign(n + 1, 0);
  out_channels_.clear();
  route_row_.assign(n, kNoRow);
  std::size_t rows = 0;
  for (StationId s = 0; s < n; ++s) {
    out_first_[s] = static_cast<std::uint32_t>(out_channels_.size());
    for (auto [e, end] = boost::out_edges(s, graph_); e != end; ++e) {
      out_channels_.push_back(graph_[*e]);
    }
    const std::size_t degree = out_channels_.size() - out_first_[s];
    if (degree > 0xffff) {
      return Error{"", 0, 0, "links", "station " + stations_[s].ri + " has more than 65,535 links"};
    }
    // A station with one link sends everything over it: it needs no row of the table.
    if (degree > 1) route_row_[s] = static_cast<std::uint32_t>(rows++);
  }
  out_first_[n] = static_cast<std::uint32_t>(out_channels_.size());
  route_slot_.assign(rows * n, 0);
  auto set_route = [&](StationId s, StationId t, StationId via) {
    if (route_row_[s] == kNoRow) return;
    for (std::uint32_t k = out_first_[s]; k < out_first_[s + 1]; ++k) {
      if (ChannelTo(out_channels_[k]) == via) {
        route_slot_[route_row_[s] * n + t] = static_cast<std::uint16_t>(k - out_first_[s]);
        return;
      }
    }
  };

  // Distances to each destination t. Every link is full duplex with one cost for both
  // directions, so the distance from s to t equals that from t to s: one Dijkstra from t.
  auto weight = boost::make_function_property_map<Graph::edge_descriptor, std::int64_t>(
      [&](const Graph::edge_descriptor& e) { return LinkCost(ChannelLink(graph_[e])); });
  std::vector<std::int64_t> dist(n);
  for (StationId t = 0; t < n; ++t) {
    boost::dijkstra_shortest_paths(
        graph_, t,
        boost::distance_map(boost::make_iterator_property_map(
                                dist.begin(), boost::get(boost::vertex_index, graph_)))
            .weight_map(weight)
            .distance_inf(kInfinity)
            .distance_zero(std::int64_t{0}));
    for (StationId s = 0; s < n; ++s) {
      if (dist[s] >= kInfinity) {
        return Error{"", 0, 0, "links",
                     "station " + stations_[s].ri + " cannot reach " + stations_[t].ri +
                         ": the network is not connected"};
      }
      if (s == t || route_row_[s] == kNoRow) continue;
      // Next hop: the neighbour with the least (link cost + its distance), ties broken by RI
      // so that the tables never depend on the order Dijkstra settled equal nodes.
      StationId best = kNoStation;
      std::int64_t best_cost = kInfinity;
      for (auto [e, end] = boost::out_edges(s, graph_); e != end; ++e) {
        const StationId v = static_cast<StationId>(boost::target(*e, graph_));
        const std::int64_t c = LinkCost(ChannelLink(graph_[*e])) + dist[v];
        if (c < best_cost || (c == best_cost && stations_[v].ri < stations_[best].ri)) {
          best = v;
          best_cost = c;
        }
      }
      set_route(s, t, best);
    }
  }

  for (const auto& r : static_routes_) {
    if (!ChannelBetween(r.at, r.via)) {
      return Error{"", 0, 0, "routes",
                   "static route at " + stations_[r.at].ri + " to " + stations_[r.to].ri +
                       " goes via " + stations_[r.via].ri + ", which is not linked to it"};
    }
    set_route(r.at, r.to, r.via);
  }
  if (!static_routes_.empty()) {
    // Overrides can make loops; a path never needs more than n hops.
    for (StationId s = 0; s < n; ++s) {
      for (StationId t = 0; t < n; ++t) {
        StationId at = s;
        for (std::size_t hops = 0; at != t; ++hops) {
          if (hops > n) {
            return Error{"", 0, 0, "routes",
                         "static routes make a loop on the way from " + stations_[s].ri + " to " +
                             stations_[t].ri};
          }
          at = NextHop(at, t);
        }
      }
    }
  }
  return true;
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

Result<std::vector<StationId>> Network::ExpandCollective(
    const Collective& c, const std::vector<StationId>& exempt) const {
  std::vector<StationId> out;
  std::set<StationId> seen(exempt.begin(), exempt.end());
  std::vector<const Collective*> stack;
  // Depth-first over nested collectives; `stack` holds the chain for cycle detection.
  auto visit = [&](auto&& self, const Collective& col) -> std::optional<Error> {
    if (std::find(stack.begin(), stack.end(), &col) != stack.end()) {
      return Error{"", 0, 0, "collectives", "collective '" + col.name + "' contains itself"};
    }
    stack.push_back(&col);
    for (const auto& m : col.members) {
      if (const Collective* inner = FindCollective(m)) {
        if (auto err = self(self, *inner)) return err;
        continue;
      }
      auto s = ResolveRi(m);
      if (!s) {
        return Error{"", 0, 0, "collectives",
                     "member " + m + " of '" + col.name + "': " + s.error().message};
      }
      if (seen.insert(*s).second) out.push_back(*s);
    }
    stack.pop_back();
    return std::nullopt;
  };
  if (auto err = visit(visit, c)) return *err;
  return out;
}

std::optional<ChannelId> Network::ChannelBetween(StationId from, StationId to) const {
  for (auto [e, end] = boost::out_edges(from, graph_); e != end; ++e) {
    if (boost::target(*e, graph_) == to) return graph_[*e];
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
        return link_usable(graph_[e]) ? LinkCost(ChannelLink(graph_[e])) : kInfinity;
      });
  RoutesTo r;
  r.distance.assign(n, kInfinity);
  r.next_hop.assign(n, kNoStation);
  // Links are full duplex with one cost, so distances toward dest are those from it.
  boost::dijkstra_shortest_paths(
      graph_, dest,
      boost::distance_map(boost::make_iterator_property_map(
                              r.distance.begin(), boost::get(boost::vertex_index, graph_)))
          .weight_map(weight)
          .distance_inf(kInfinity)
          .distance_zero(std::int64_t{0}));
  for (StationId s = 0; s < n; ++s) {
    if (s == dest || r.distance[s] >= kInfinity) continue;
    std::int64_t best_cost = kInfinity;
    for (auto [e, end] = boost::out_edges(s, graph_); e != end; ++e) {
      if (!link_usable(graph_[*e])) continue;
      const auto v = static_cast<StationId>(boost::target(*e, graph_));
      if (r.distance[v] >= kInfinity) continue;
      const std::int64_t c = LinkCost(ChannelLink(graph_[*e])) + r.distance[v];
      if (c < best_cost || (c == best_cost && stations_[v].ri < stations_[r.next_hop[s]].ri)) {
        r.next_hop[s] = v;
        best_cost = c;
      }
    }
  }
  return r;
}

std::int64_t Network::Distance(StationId at, StationId dest) const {
  std::int64_t d = 0;
  for (StationId s = at; s != dest; s = NextHop(s, dest)) d += LinkCost(ChannelLink(NextChannel(s, dest)));
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
