// cablesim route NETWORK_OR_SCENARIO FROM_RI TO_RI [--classification C]
#include <cstdio>
#include <iostream>

#include "base/did_you_mean.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/network_input.h"
#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim route NETWORK_OR_SCENARIO FROM_RI TO_RI [--classification C]\n"
    "\n"
    "Prints the hop path from one routing indicator to another, following the routing tables\n"
    "(shortest by link cost, static routes applied), with each hop's line and the total cost.\n"
    "An RI that no station owns is served by the station owning its longest prefix.\n"
    "--classification UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET: the path a message of that\n"
    "classification takes, over links and stations cleared for it only (shortest by cost,\n"
    "ties by RI; static routes do not apply when some station or link is cleared below it).\n"
    "Exit 1 when an RI is served by no station or there is no path.\n";

}  // namespace

int RouteCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"classification", true}}, &err);
  if (!args) return UsageError("route", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 3) {
    return UsageError("route", "expected NETWORK_OR_SCENARIO FROM_RI TO_RI");
  }
  std::optional<Classification> cls;
  if (args->Has("classification")) {
    cls = ParseClassification(args->Get("classification"));
    if (!cls) {
      const std::string near = DidYouMean(args->Get("classification"), ClassificationNames());
      return UsageError("route", "--classification: unknown classification '" +
                                     args->Get("classification") + "'" +
                                     (near.empty() ? "" : " (did you mean '" + near + "'?)") +
                                     "; expected UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
    }
  }
  auto net = LoadNetworkForCommand("route", args->positional()[0]);
  if (!net) return kExitInputError;
  StationId ends[2];
  for (int k = 0; k < 2; ++k) {
    const std::string& ri = args->positional()[1 + static_cast<std::size_t>(k)];
    auto s = net->ResolveRi(ri);
    std::vector<std::string> known;
    for (StationId id = 0; id < net->station_count(); ++id) known.push_back(net->station(id).ri);
    const std::string guess = DidYouMean(ri, known);
    const std::string hint = guess.empty() ? "" : " (did you mean " + guess + "?)";
    if (!s) {
      std::cerr << "cablesim route: " << s.error().message << hint << "\n";
      return kExitInputError;
    }
    if (net->station(*s).ri != ri) {
      std::cerr << "cablesim route: warning: " << ri << " is not a station: " << net->station(*s).ri
                << " takes it, serving its prefix" << hint << "\n";
    }
    ends[k] = *s;
  }
  std::vector<StationId> path;
  if (cls && net->Restricts(*cls)) {
    const auto routes =
        net->RoutesToward(ends[1], [&](ChannelId c) { return net->ChannelCleared(c, *cls); });
    for (StationId at = ends[0]; at != kNoStation; at = routes.next_hop[at]) path.push_back(at);
    if (path.back() != ends[1]) {
      std::cerr << "cablesim route: no circuit cleared for " << ClassificationName(*cls) << " from "
                << net->station(ends[0]).ri << " to " << net->station(ends[1]).ri << "\n";
      return kExitInputError;
    }
  } else {
    path = net->Path(ends[0], ends[1]);
  }
  if (path.back() != ends[1]) {
    std::cerr << "cablesim route: no path from " << net->station(ends[0]).ri << " to "
              << net->station(ends[1]).ri << "\n";
    return kExitInputError;
  }
  std::string line;
  for (StationId s : path) line += (line.empty() ? "" : " ") + net->station(s).ri;
  PrintOut(line + "\n");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Station& st = net->station(path[i]);
    std::printf("  %-8s %-7s %s\n", st.ri.c_str(), std::string(StationKindName(st.kind)).c_str(),
                st.name.c_str());
    if (i + 1 < path.size()) {
      const ChannelId c = *net->ChannelBetween(path[i], path[i + 1]);
      const Link& l = net->link(net->ChannelLink(c));
      const std::int64_t cost = net->LinkCost(net->ChannelLink(c));
      total += cost;
      std::printf("      | %s %s, propagation %s, cost %s\n", FormatRate(l.rate).c_str(),
                  std::string(FramingName(l.framing)).c_str(),
                  FormatDuration(l.propagation).c_str(),
                  FormatDuration(Duration::Nanoseconds(cost)).c_str());
    }
  }
  const std::size_t hops = path.size() - 1;
  std::printf(
      "%zu %s, cost %s (%.3f s: time to send 1,000 characters per link plus "
      "propagation, unless a link sets its cost)\n",
      hops, hops == 1 ? "hop" : "hops", FormatDuration(Duration::Nanoseconds(total)).c_str(),
      Duration::Nanoseconds(total).seconds());
  return kExitOk;
}

}  // namespace cablesim::cli
