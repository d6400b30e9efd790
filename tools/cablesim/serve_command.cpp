// cablesim serve SCENARIO [--listen 127.0.0.1:7127] [--speed X|max]
#include <boost/asio/io_context.hpp>
#include <iostream>

#include "sim/live/gateway.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/scenario_input.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim serve SCENARIO [--listen 127.0.0.1:7127] [--speed X|max]\n"
    "\n"
    "Runs the scenario's network and traffic in simulated time paced at X simulated seconds\n"
    "per wall second (default 60; max = as fast as possible) and accepts ACP 127 messages over\n"
    "TCP, filing each at the current simulated time. Line protocol (README, 'Live mode'):\n"
    "  a message, ending with a line NNNN -> {\"event\":\"accepted\",...} or\n"
    "                                        {\"event\":\"rejected\",\"error\",\"line\"}\n"
    "  FILE AT RI      file the next message at that station (default: its DE station)\n"
    "  SUBSCRIBE       stream every relay and delivery event (a client always hears of the\n"
    "                  messages it filed itself)\n"
    "  STATS           the current per-precedence summary\n"
    "  QUIT            close the connection\n"
    "SIGINT/SIGTERM stop it: every accepted message is finished, then the final report is\n"
    "printed. tools/cable-send FILE [HOST:PORT] sends a cable and prints the replies.\n"
    "  (and --max-messages N: see 'cablesim run --help')\n";

}  // namespace

int ServeCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"listen", true}, {"speed", true}, kMaxMessagesOption}, &err);
  if (!args) return UsageError("serve", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("serve", "expected one SCENARIO file");
  GatewayOptions o;
  const std::string listen = args->Get("listen", "127.0.0.1:7127");
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return UsageError("serve", "--listen must be HOST:PORT, not '" + listen + "'");
  }
  o.host = listen.substr(0, colon);
  auto port = ParseInteger(listen.substr(colon + 1), 0, 65535, &err);
  if (!port) return UsageError("serve", "--listen: port " + err);
  o.port = static_cast<std::uint16_t>(*port);
  const std::string speed = args->Get("speed", "60");
  if (speed == "max") {
    o.max_speed = true;
  } else {
    try {
      std::size_t used = 0;
      o.speed = std::stod(speed, &used);
      if (used != speed.size() || !(o.speed > 0) || o.speed > 1e9) throw std::invalid_argument("");
    } catch (const std::exception&) {
      return UsageError("serve", "--speed must be a positive number or max, not '" + speed + "'");
    }
  }
  int load_exit = kExitOk;
  auto scenario = LoadScenarioForCommand("serve", args->positional()[0], *args, &load_exit);
  if (!scenario) return load_exit;
  boost::asio::io_context io;
  Gateway gw(io, *scenario, o);
  auto bound = gw.Listen();
  if (!bound) {
    std::cerr << "cablesim serve: " << bound.error().message << "\n";
    return kExitInputError;
  }
  std::cerr << "cablesim serve: " << scenario->name << " on " << o.host << ":" << *bound
            << ", speed " << (o.max_speed ? std::string("max") : speed)
            << "; Ctrl-C stops and prints the report\n";
  gw.Start();
  io.run();
  PrintOut(gw.FinalReport());
  return kExitOk;
}

}  // namespace cablesim::cli
