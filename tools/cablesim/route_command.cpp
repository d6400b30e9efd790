// cablesim route NETWORK_OR_SCENARIO FROM_RI TO_RI [--classification C]
#include <cstdio>
#include <iostream>

#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/network_input.h"
#include "tools/cablesim/output_files.h"
#include "topology/route_query.h"

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
      return UsageError("route",
                        "--classification: " + UnknownClassification(args->Get("classification")));
    }
  }
  auto net = LoadNetworkForCommand("route", args->positional()[0]);
  if (!net) return kExitInputError;
  std::vector<std::string> warnings;
  auto route = FindRoute(*net, args->positional()[1], args->positional()[2], cls, &warnings);
  for (const std::string& w : warnings) std::cerr << "cablesim route: warning: " << w << "\n";
  if (!route) {
    std::cerr << "cablesim route: " << route.error().message << "\n";
    return kExitInputError;
  }
  const std::vector<StationId>& path = route->path;
  std::string line;
  for (StationId s : path) line += (line.empty() ? "" : " ") + net->station(s).ri;
  PrintOut(line + "\n");
  std::int64_t total = 0;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const Station& st = net->station(path[i]);
    std::printf("  %-8s %-7s %s\n", st.ri.c_str(), std::string(StationKindName(st.kind)).c_str(),
                st.name.c_str());
    if (i + 1 < path.size()) {
      const ChannelId c = route->channels[i];
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
  // In seconds cut to the millisecond, as FormatDuration cuts a hop's cost: a cost of
  // 4.41667 s reads 4.416s on its hop and 4.416 s here, not a rounded 4.417 beside it.
  std::printf(
      "%zu %s, cost %s (%lld.%03lld s: time to send 1,000 characters per link plus "
      "propagation, unless a link sets its cost)\n",
      hops, hops == 1 ? "hop" : "hops", FormatDuration(Duration::Nanoseconds(total)).c_str(),
      static_cast<long long>(total / 1'000'000'000),
      static_cast<long long>(total % 1'000'000'000 / 1'000'000));
  return kExitOk;
}

}  // namespace cablesim::cli
