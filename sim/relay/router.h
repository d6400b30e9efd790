// The router (internal to sim/relay): the channel a copy takes toward each destination.
// Traffic of a classification no clearance restricts, and not on a detour, follows the
// network's routing tables (Network::NextChannel). Restricted traffic goes by routes over
// the links and stations cleared for it; a copy on a detour by routes over what is working
// now; alternative routing asks for another neighbour toward a destination.
//
// Owns: the routes it computed, per (destination, classification): those over cleared
// links for the run, those over what is working until the next fault begins or ends
// (WorkingChanged).
#pragma once

#include <cstdint>
#include <optional>
#include <unordered_map>

#include "sim/relay/transmitters.h"
#include "topology/classification.h"
#include "topology/network.h"

namespace cablesim::relay {

class Router {
 public:
  Router(const Network& net, const Transmitters& transmitters)
      : net_(net), transmitters_(transmitters) {}

  /// The channel a copy of classification `cls` at `at` takes toward station `dest`: the
  /// routing table's unless it is on a detour or its classification is restricted
  /// (Network::Restricts); on a detour the working topology's way when there is one; for a
  /// restricted classification the way over cleared links and stations. kNone when no
  /// cleared way exists.
  ChannelId Next(StationId at, StationId dest, Classification cls, bool detour) {
    if (!detour && !net_.Restricts(cls)) return net_.NextChannel(at, dest);
    return RouteChannel(at, dest, cls, detour);
  }
  /// The neighbour of `at` another way toward `dest` for a copy of classification `cls`
  /// waiting on `avoid` that came from `came_from`: the least cost over working (and for
  /// `cls`, cleared) links whose working path leads to dest without passing `at` or
  /// `came_from`; nullopt when there is none.
  std::optional<StationId> AlternativeHop(StationId at, StationId dest, ChannelId avoid,
                                          StationId came_from, Classification cls);
  /// A fault began or ended: routes over what is working must be computed again.
  void WorkingChanged() { working_routes_.clear(); }

 private:
  ChannelId RouteChannel(StationId at, StationId dest, Classification cls, bool detour);
  /// Routes toward `dest` for classification `cls` (over cleared links and stations when it
  /// is restricted), over what is working now when `working`.
  const Network::RoutesTo& Routes(StationId dest, Classification cls, bool working);

  const Network& net_;
  const Transmitters& transmitters_;
  // Keyed by dest * kClassificationCount + the classification (UNCLASSIFIED for any that is
  // not restricted).
  std::unordered_map<std::uint64_t, Network::RoutesTo> working_routes_;
  std::unordered_map<std::uint64_t, Network::RoutesTo> cleared_routes_;
};

}  // namespace cablesim::relay
