// cablesim dot NETWORK_OR_SCENARIO [--svg FILE]
#include <iostream>

#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/graphviz.h"
#include "tools/cablesim/network_input.h"
#include "topology/network_dot.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim dot NETWORK_OR_SCENARIO [--svg FILE]\n"
    "\n"
    "Prints the network as Graphviz DOT: relays as boxes, posts as ellipses, switching\n"
    "centres as diamonds, one cluster per region, links labelled with their rate.\n"
    "  --svg FILE   render it to FILE through graphviz's dot instead of printing it\n";

}  // namespace

int DotCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"svg", true}}, &err);
  if (!args) return UsageError("dot", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("dot", "expected NETWORK_OR_SCENARIO");
  auto net = LoadNetworkForCommand("dot", args->positional()[0]);
  if (!net) return kExitInputError;
  const std::string dot = NetworkToDot(*net);
  if (args->Has("svg")) {
    if (!RenderSvg(dot, args->Get("svg"), &err)) {
      std::cerr << "cablesim dot: " << err << "\n";
      return kExitInputError;
    }
    std::cerr << "cablesim dot: wrote " << args->Get("svg") << "\n";
    return kExitOk;
  }
  std::cout << dot;
  return kExitOk;
}

}  // namespace cablesim::cli
