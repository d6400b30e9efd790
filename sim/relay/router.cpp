#include "sim/relay/router.h"

namespace cablesim::relay {

std::optional<StationId> Router::AlternativeHop(StationId at, StationId dest, ChannelId avoid,
                                                StationId came_from, Classification cls) {
  const Network::RoutesTo& routes = Routes(dest, cls, true);
  const bool restricted = net_.Restricts(cls);
  std::optional<StationId> best;
  std::int64_t best_cost = 0;
  for (ChannelId c = 0; c < net_.channel_count(); ++c) {
    if (net_.ChannelFrom(c) != at || c == avoid || transmitters_.Down(c)) continue;
    if (restricted && !net_.ChannelCleared(c, cls)) continue;
    const StationId v = net_.ChannelTo(c);
    if (v == came_from) continue;
    if (v != dest) {
      if (routes.next_hop[v] == kNoStation) continue;
      // Its working path must not lead back through here or the way the copy came.
      bool back = false;
      for (StationId x = v; x != dest && !back; x = routes.next_hop[x]) {
        back = x == at || x == came_from;
      }
      if (back) continue;
    }
    const std::int64_t cost = net_.LinkCost(net_.ChannelLink(c)) + routes.distance[v];
    if (!best || cost < best_cost ||
        (cost == best_cost && net_.station(v).ri < net_.station(*best).ri)) {
      best = v;
      best_cost = cost;
    }
  }
  return best;
}

ChannelId Router::RouteChannel(StationId at, StationId dest, Classification cls, bool detour) {
  if (detour) {
    const StationId hop = Routes(dest, cls, true).next_hop[at];
    if (hop != kNoStation) return *net_.ChannelBetween(at, hop);
  }
  if (!net_.Restricts(cls)) return net_.NextChannel(at, dest);
  const StationId hop = Routes(dest, cls, false).next_hop[at];
  return hop == kNoStation ? kNone : *net_.ChannelBetween(at, hop);
}

const Network::RoutesTo& Router::Routes(StationId dest, Classification cls, bool working) {
  const bool restricted = net_.Restricts(cls);
  const std::uint64_t key = std::uint64_t{dest} * kClassificationCount +
                            (restricted ? static_cast<std::uint64_t>(cls) : 0);
  auto& cache = working ? working_routes_ : cleared_routes_;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto routes = net_.RoutesToward(dest, [&](ChannelId c) {
    return (!working || !transmitters_.Down(c)) && (!restricted || net_.ChannelCleared(c, cls));
  });
  return cache.emplace(key, std::move(routes)).first->second;
}

}  // namespace cablesim::relay
