#include "topology/route_query.h"

#include <algorithm>

#include "base/did_you_mean.h"

namespace cablesim {
namespace {

// The station serving `ri`, or why none does; a warning when a prefix serves it.
Result<StationId> Resolve(const Network& net, const std::string& ri,
                          std::vector<std::string>* warnings) {
  // A collective's RI names no one station: a message to it is expanded into its members.
  if (!net.FindStation(ri)) {
    for (const Collective& c : net.collectives()) {
      if (c.ri != ri) continue;
      std::vector<std::string> stations;  // its members that are stations (not collectives)
      for (const std::string& m : c.members) {
        if (net.FindStation(m)) stations.push_back(m);
      }
      std::string some;  // the first few, and how many in all
      for (std::size_t i = 0; i < std::min<std::size_t>(stations.size(), 4); ++i) {
        some += (i == 0 ? "" : ", ") + stations[i];
      }
      if (stations.size() > 4) some += ", ... " + std::to_string(stations.size()) + " in all";
      std::string instead;
      if (!some.empty()) instead = "one of its member stations (" + some + ")";
      if (c.expand_at) instead += (instead.empty() ? "" : " or ") + *c.expand_at;
      return Error{"", 0, 0, "",
                   ri + " is the routing indicator of the collective " + c.name + ", expanded " +
                       (c.expand_at ? "at " + *c.expand_at : "where filed") +
                       ": it names no one station" + (instead.empty() ? "" : "; give " + instead)};
    }
  }
  auto s = net.ResolveRi(ri);
  std::vector<std::string> known;
  for (StationId id = 0; id < net.station_count(); ++id) known.push_back(net.station(id).ri);
  const std::string guess = DidYouMean(ri, known);
  const std::string hint = guess.empty() ? "" : " (did you mean " + guess + "?)";
  if (!s) return Error{"", 0, 0, "", s.error().message + hint};
  if (net.station(*s).ri != ri) {
    warnings->push_back(ri + " is not a station: " + net.station(*s).ri +
                        " takes it, serving its prefix" + hint);
  }
  return *s;
}

}  // namespace

Result<RouteQuery> FindRoute(const Network& net, const std::string& from_ri,
                             const std::string& to_ri, std::optional<Classification> classification,
                             std::vector<std::string>* warnings) {
  RouteQuery q;
  auto from = Resolve(net, from_ri, warnings);
  if (!from) return from.error();
  auto to = Resolve(net, to_ri, warnings);
  if (!to) return to.error();
  const std::string ends = " from " + net.station(*from).ri + " to " + net.station(*to).ri;
  if (classification && net.Restricts(*classification)) {
    const auto routes =
        net.RoutesToward(*to, [&](ChannelId c) { return net.ChannelCleared(c, *classification); });
    for (StationId at = *from; at != kNoStation; at = routes.next_hop[at]) q.path.push_back(at);
    if (q.path.back() != *to) {
      return Error{
          "", 0, 0, "",
          "no circuit cleared for " + std::string(ClassificationName(*classification)) + ends};
    }
  } else {
    q.path = net.Path(*from, *to);
  }
  if (q.path.back() != *to) return Error{"", 0, 0, "", "no path" + ends};
  for (std::size_t i = 0; i + 1 < q.path.size(); ++i) {
    q.channels.push_back(*net.ChannelBetween(q.path[i], q.path[i + 1]));
  }
  return q;
}

std::string UnknownClassification(const std::string& word) {
  const std::string near = DidYouMean(word, ClassificationNames());
  return "unknown classification '" + word + "'" +
         (near.empty() ? "" : " (did you mean '" + near + "'?)") +
         "; expected UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET";
}

}  // namespace cablesim
