// Faults and alternative routing (ACP 127 §307-309): links and stations out of service, the
// routes over what is working, and the reroute of a copy that has waited too long.
#include <map>
#include <vector>

#include "sim/relay/relay_simulation.h"

namespace cablesim {

void RelaySimulation::SetChannelDown(ChannelId channel, bool down) {
  Channel& ch = channels_[channel];
  ChannelOutages& outages = channel_outages_[channel];
  working_routes_.clear();
  if (down) {
    if (ch.down++ > 0) return;
    outages.since = sim_.Now();  // before the interruption reads DownSoFar
    if (ch.sending != kNone) Interrupt(channel, /*by_outage=*/true);
  } else if (--ch.down == 0) {
    outages.total_ns += (sim_.Now() - outages.since).ns();
    StartNext(channel);
  }
}

void RelaySimulation::OnFault(std::uint32_t fault, bool start) {
  const Fault& f = faults_[fault];
  if (const auto* link = std::get_if<LinkFault>(&f.what)) {
    SetChannelDown(2 * link->link, start);
    SetChannelDown(2 * link->link + 1, start);
    return;
  }
  const StationId station = std::get<StationFault>(f.what).station;
  if (start) {
    ++station_down_[station];
    station_up_at_[station] = std::max(station_up_at_[station], sim_.Now() + f.length);
  } else {
    --station_down_[station];
  }
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    if (net_.ChannelFrom(c) == station || net_.ChannelTo(c) == station) {
      SetChannelDown(c, start);
    }
  }
}

std::optional<StationId> RelaySimulation::AlternativeHop(StationId at, StationId dest,
                                                         ChannelId avoid, StationId came_from,
                                                         Classification cls) {
  const Network::RoutesTo& routes = Routes(dest, cls, true);
  const bool restricted = net_.Restricts(cls);
  std::optional<StationId> best;
  std::int64_t best_cost = 0;
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    if (net_.ChannelFrom(c) != at || c == avoid || channels_[c].down > 0) continue;
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

void RelaySimulation::OnReroute(std::uint32_t copy, std::uint32_t generation) {
  CopyRecord& c = copies_[copy];
  if (c.generation != generation || c.state != CopyState::kQueued) return;
  // Alternative routing (ACP 127 §307-309): each target with another way out leaves by it.
  std::vector<std::uint32_t> stay;
  std::map<ChannelId, std::vector<std::uint32_t>> moved;
  for (const std::uint32_t t : c.targets) {
    auto hop = AlternativeHop(c.from, addressing_.targets()[t].station, c.channel, c.came_from,
                              messages_[c.message].classification);
    if (hop)
      moved[*net_.ChannelBetween(c.from, *hop)].push_back(t);
    else
      stay.push_back(t);
  }
  if (moved.empty()) return;
  const ChannelId channel = c.channel;
  EndWait(c);  // its wait here so far, before any of its targets leave
  c.down_mark = DownSoFar(channel);
  const std::uint32_t message = c.message;
  const std::uint32_t parent = c.parent;
  const StationId from = c.from;
  const StationId came_from = c.came_from;
  if (stay.empty()) {
    channels_[channel].queue.Remove(copy, c.precedence);
    QueueShrank(channel);
    c.state = CopyState::kSplit;
  } else {
    c.targets.assign(stay);
  }
  const Precedence kept = c.precedence;
  for (auto& [alt, targets] : moved) {
    const std::uint32_t next =
        NewCopy(message, parent, from, alt, targets, CopyPrecedenceFor(kept, targets), c.chars);
    copies_[next].came_from = came_from;
    copies_[next].detour = true;
    copies_[next].rerouted = true;
    copies_[next].so_far = c.so_far;
    Enqueue(next);
  }
}

ChannelId RelaySimulation::RouteChannel(StationId at, StationId dest, Classification cls,
                                        bool detour) {
  if (detour) {
    const StationId hop = Routes(dest, cls, true).next_hop[at];
    if (hop != kNoStation) return *net_.ChannelBetween(at, hop);
  }
  if (!net_.Restricts(cls)) return net_.NextChannel(at, dest);
  const StationId hop = Routes(dest, cls, false).next_hop[at];
  return hop == kNoStation ? kNone : *net_.ChannelBetween(at, hop);
}

const Network::RoutesTo& RelaySimulation::Routes(StationId dest, Classification cls, bool working) {
  const bool restricted = net_.Restricts(cls);
  const std::uint64_t key = std::uint64_t{dest} * kClassificationCount +
                            (restricted ? static_cast<std::uint64_t>(cls) : 0);
  auto& cache = working ? working_routes_ : cleared_routes_;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  auto routes = net_.RoutesToward(dest, [&](ChannelId c) {
    return (!working || channels_[c].down == 0) && (!restricted || net_.ChannelCleared(c, cls));
  });
  return cache.emplace(key, std::move(routes)).first->second;
}

bool RelaySimulation::Refuse(std::uint32_t t, std::uint32_t message, Undeliverable why) {
  bool any = false;
  std::vector<std::uint32_t> todo{t};
  while (!todo.empty()) {
    const Target target = addressing_.targets()[todo.back()];
    todo.pop_back();
    for (std::uint32_t k = 0; k < target.children; ++k) todo.push_back(target.first_child + k);
    if (target.addressee == kNone) continue;
    any = EndInFlight(message, target.addressee, Outcome::kUndeliverable, why) || any;
  }
  return any;
}

}  // namespace cablesim
