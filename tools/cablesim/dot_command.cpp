// cablesim dot NETWORK_OR_SCENARIO [--svg FILE]
#include <iostream>

#include "sim/relay/relay_simulation.h"
#include "sim/report/palette.h"
#include "sim/report/route_dot.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/network_input.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/renderers.h"
#include "tools/cablesim/scenario_input.h"
#include "topology/network_dot.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim dot NETWORK_OR_SCENARIO [--message ID] [--heat] [--layout L] [--svg FILE]\n"
    "\n"
    "Prints the network as Graphviz DOT. Up to 40 stations, the detailed layout: relays as\n"
    "boxes, posts as ellipses, switching centres as diamonds, one cluster per region, every\n"
    "link labelled with its rate. Beyond, the overview: relays as hubs with the posts they\n"
    "serve around them, posts as small circles coloured by region, only trunks labelled.\n"
    "  --message ID  run the scenario and draw that message's routing tree instead: the\n"
    "                stations it passed, each copy's precedence and transmission times,\n"
    "                interrupted attempts dashed, addressees with their delivery latency\n"
    "  --heat        run the scenario and colour every link by utilisation over the run;\n"
    "                links and stations that were down are dashed, their windows labelled\n"
    "  --layout L    auto (the default), detailed or overview\n"
    "  --svg FILE    render it to FILE through graphviz's dot instead of printing it\n"
    "  (and --max-messages N: see 'cablesim run --help')\n";

}  // namespace

int DotCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(
      words,
      {{"svg", true}, {"message", true}, {"heat", false}, {"layout", true}, kMaxMessagesOption},
      &err);
  if (!args) return UsageError("dot", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("dot", "expected NETWORK_OR_SCENARIO");
  const auto layout = ParseDotLayout(args->Get("layout", "auto"));
  if (!layout) {
    return UsageError(
        "dot", "--layout: expected auto, detailed or overview, got '" + args->Get("layout") + "'");
  }
  if (args->Has("layout") && args->Has("message")) {
    return UsageError("dot", "--layout applies to the network, not to --message's routing tree");
  }
  std::string dot;
  if (args->Has("message") || args->Has("heat")) {
    if (args->Has("message") && args->Has("heat")) {
      return UsageError("dot", "--message and --heat draw different pictures: choose one");
    }
    int load_exit = kExitOk;
    auto s = LoadScenarioForCommand("dot", args->positional()[0], *args, &load_exit);
    if (!s) return load_exit;
    auto sim = Instantiate(*s, s->seed, std::nullopt);
    RunScenario(*sim, *s);
    if (args->Has("heat")) {
      dot = UtilisationDot(*sim, *s, SummarizeRun(*sim, *s, {}), *layout);
    } else {
      auto id = MessageForOption("dot", "--message", *sim, *s, args->Get("message"));
      if (!id) return kExitInputError;
      dot = MessageRouteDot(*sim, *s, *id);
    }
  } else {
    auto net = LoadNetworkForCommand("dot", args->positional()[0]);
    if (!net) return kExitInputError;
    dot = NetworkToDot(*net, {}, {}, *layout, {}, {}, kRegionFills);
  }
  if (args->Has("svg")) {
    if (!RenderSvg(dot, args->Get("svg"), &err)) {
      std::cerr << "cablesim dot: " << err << "\n";
      return kExitInputError;
    }
    std::cerr << "cablesim dot: wrote " << args->Get("svg") << "\n";
    return kExitOk;
  }
  PrintOut(dot);
  return kExitOk;
}

}  // namespace cablesim::cli
