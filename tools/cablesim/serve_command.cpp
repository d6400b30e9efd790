// cablesim serve SCENARIO [--listen 127.0.0.1:7127] [--http 127.0.0.1:8127] [--speed X|max]
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "base/input_file.h"
#include "sim/live/gateway.h"
#include "sim/live/web_access.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/network_layout.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/scenario_input.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim serve SCENARIO [--listen 127.0.0.1:7127] [--speed X|max]\n"
    "                      [--http 127.0.0.1:8127] [--http-token-file FILE]\n"
    "                      [--http-origin URL]...\n"
    "                      [--idle-timeout 60s] [--max-messages N]\n"
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
    "  anything else of one word gets {\"event\":\"error\",...}\n"
    "--idle-timeout D closes a connection that completes no command or message for D\n"
    "(default 60s; blank lines and lines inside a message do not count); a\n"
    "client that stops reading is closed when it falls 10,000 lines or 2 MiB behind or a\n"
    "write makes no progress for 10 s. SIGINT/SIGTERM stop it: every accepted message is\n"
    "finished (for at most the scenario's drain, else 7 days, more simulated time: the rest\n"
    "are reported in flight), the clients get 2 s to take their last lines, then the final\n"
    "report is printed; a second signal stops at once (exit 1). cablesim send FILE\n"
    "[HOST:PORT] sends a cable and prints the replies. A connection may have 200 cables in\n"
    "flight, all clients 2,000, and the run accepts 100,000 in all, of at most 500\n"
    "addressees each and 1,000,000 addressees together (a collective counted by its\n"
    "members); beyond, a cable is rejected with the reason. A paced run that reaches\n"
    "its limit of simulated time (about 146 years after the start) stops as on SIGTERM and\n"
    "says why (exit 1).\n"
    "--max-messages: see 'cablesim run --help'.\n"
    "--http HOST:PORT also serves a page to watch the run in a browser (README, 'Watching a\n"
    "run'): GET / is the page (the network, copies moving, queues, delivery figures, a box\n"
    "to file a cable), GET /ws its WebSocket stream of events and state (at most 20 frames\n"
    "a second), POST /cables files the body as one cable (JSON answer: accepted, or the\n"
    "rejection with its line); every other path is 404. A request whose Host is not the\n"
    "listen address (or localhost:PORT on a loopback one) or whose Origin is another site is\n"
    "refused (403): pages elsewhere cannot drive the run. --http-origin URL (repeatable)\n"
    "lets pages of that origin in (and requests whose Host is its host). With --http\n"
    "0.0.0.0:PORT (every interface) the page's address printed is http://127.0.0.1:PORT/;\n"
    "other machines open it by an address of this one. An IPv6 address goes in brackets:\n"
    "--listen [::1]:7127, --http [::1]:8127.\n"
    "--http-token-file FILE (or the environment's CABLESIM_HTTP_TOKEN) asks every request\n"
    "for the token in FILE (open http://HOST:PORT/?token=T); --http-token T does too, but a\n"
    "command line is visible to every user of the machine (ps). Pages may pause the run and\n"
    "change its speed, for every client. A client may hold 16 of the 64 TCP connections, 32\n"
    "of the page's 128 and 200 cables posted in flight (429 beyond). A client is the user of\n"
    "a process on this machine, whatever address of 127.0.0.0/8 it connects from (asked of\n"
    "the kernel; where it cannot be, all of loopback is one client), or a remote address.\n"
    "Port 0 picks a free port (on stderr).\n";

// HOST:PORT of --listen or --http ([ADDRESS]:PORT for IPv6); false with *err set when it is
// not one.
bool HostPort(const std::string& value, const std::string& option, std::string* host,
              std::uint16_t* port, std::string* err) {
  auto hp = ParseHostPort(value, 0, err);
  if (!hp) {
    *err = "--" + option + (err->starts_with("port") ? ": " : " ") + *err;
    return false;
  }
  *host = hp->host;
  *port = hp->port;
  return true;
}

// The token of --http-token, --http-token-file or CABLESIM_HTTP_TOKEN (in that order; ""
// when none); false with *err set when it cannot be read or is not one line.
bool HttpToken(const Args& args, std::string* token, std::string* err) {
  if (args.Has("http-token") && args.Has("http-token-file")) {
    *err = "give --http-token or --http-token-file, not both";
    return false;
  }
  if (args.Has("http-token")) {
    *token = args.Get("http-token");
  } else if (args.Has("http-token-file")) {
    auto text = ReadInputFile(args.Get("http-token-file"), 4096);
    if (!text) {
      Error e = text.error();
      e.field = "--http-token-file";
      *err = e.ToString();
      return false;
    }
    *token = *text;
    while (!token->empty() && (token->back() == '\n' || token->back() == '\r' ||
                               token->back() == ' ' || token->back() == '\t')) {
      token->pop_back();
    }
    if (token->empty()) {
      *err = "--http-token-file: " + args.Get("http-token-file") + " is empty";
      return false;
    }
  } else if (const char* env = std::getenv("CABLESIM_HTTP_TOKEN")) {
    *token = env;
  }
  for (const char c : *token) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      *err =
          std::string(args.Has("http-token-file") ? "--http-token-file: the token" : "the token") +
          " must be one line of printable characters";
      return false;
    }
  }
  return true;
}

/// The gateway's options from serve's flags; the usage error's words when one is wrong.
std::optional<std::string> ParseServeOptions(const Args& args, GatewayOptions* o) {
  std::string err;
  if (!HostPort(args.Get("listen", "127.0.0.1:7127"), "listen", &o->host, &o->port, &err)) {
    return err;
  }
  if (args.Has("http")) {
    o->web.emplace();
    if (!HostPort(args.Get("http"), "http", &o->web->host, &o->web->port, &err)) {
      return err;
    }
    if (!HttpToken(args, &o->web->token, &err)) return err;
    for (const std::string& url : args.GetAll("http-origin")) {
      auto origin = NormalizeOrigin(url);
      if (!origin) return origin.error().ToString();
      o->web->origins.push_back(*origin);
    }
  } else {
    for (const char* option : {"http-token", "http-token-file", "http-origin"}) {
      if (args.Has(option)) {
        return "--" + std::string(option) + " needs --http HOST:PORT";
      }
    }
  }
  const std::string speed = args.Get("speed", "60");
  if (speed == "max") {
    o->max_speed = true;
  } else {
    const auto parsed = ParseSpeed(speed);
    if (!parsed) return "--speed must be a positive number up to 1e9, or max, not '" + speed + "'";
    o->speed = *parsed;
  }
  if (args.Has("idle-timeout")) {
    auto idle = ParseDuration(args.Get("idle-timeout"), &err);
    if (!idle || *idle < Duration::Seconds(1) || *idle > Duration::Days(1)) {
      return "--idle-timeout: " + (idle ? std::string("must be between 1s and 1d") : err);
    }
    o->idle_timeout = std::chrono::milliseconds(idle->ns() / 1'000'000);
  }
  return std::nullopt;
}

/// Serves the scenario until a signal or the idle timeout, then prints the final report.
int Serve(const Scenario& scenario, const GatewayOptions& o, const Args& args) {
  boost::asio::io_context io;
  Gateway gw(io, scenario, o);
  auto bound = gw.Listen();
  if (!bound) {
    std::cerr << "cablesim serve: " << bound.error().message << "\n";
    return kExitInputError;
  }
  std::optional<std::uint16_t> web_port;
  if (o.web) {
    auto web = gw.ListenWeb();
    if (!web) {
      std::cerr << "cablesim serve: " << web.error().message << "\n";
      return kExitInputError;
    }
    web_port = *web;
  }
  std::cerr << "cablesim serve: " << scenario.name << " on " << JoinHostPort(o.host, *bound)
            << ", speed " << (o.max_speed ? std::string("max") : args.Get("speed", "60"))
            << "; Ctrl-C stops and prints the report\n";
  if (web_port) {
    // On every interface (0.0.0.0, ::) the listen address names no host a browser may send
    // (the Host check refuses it): the page's address here is the loopback one, which the
    // check accepts for a connection that arrives there.
    const bool everywhere = IsUnspecifiedAddress(o.web->host);
    const std::string shown = !everywhere                                  ? o.web->host
                              : o.web->host.find(':') != std::string::npos ? "::1"
                                                                           : "127.0.0.1";
    std::cerr << "cablesim serve: watch it at http://" << JoinHostPort(shown, *web_port) << "/"
              << (o.web->token.empty() ? "" : "?token=...");
    if (everywhere) {
      std::cerr << " (served on every interface: from another machine open http://ADDRESS:"
                << *web_port << "/ with an address of this one, or reach it by a name "
                << "given to --http-origin http://NAME:" << *web_port << ")";
    }
    std::cerr << "\n";
  }
  gw.Start();
  io.run();
  PrintOut(gw.FinalReport());
  if (!gw.failure().empty()) {
    std::cerr << "cablesim serve: the run stopped: " << gw.failure() << "\n";
    return kExitInputError;
  }
  if (gw.stopped_at_once()) {
    std::cerr << "cablesim serve: stopped at once by a second signal; messages accepted from "
                 "clients and not yet delivered are counted in flight\n";
    return kExitInputError;
  }
  return kExitOk;
}

}  // namespace

int ServeCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words,
                          {{"listen", true},
                           {"http", true},
                           {"http-token", true},
                           {"http-token-file", true},
                           {"http-origin", true, true},
                           {"speed", true},
                           {"idle-timeout", true},
                           kMaxMessagesOption},
                          &err);
  if (!args) return UsageError("serve", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("serve", "expected one SCENARIO file");
  GatewayOptions o;
  if (auto bad = ParseServeOptions(*args, &o)) return UsageError("serve", *bad);
  int load_exit = kExitOk;
  auto scenario = LoadScenarioForCommand("serve", args->positional()[0], *args, &load_exit);
  if (!scenario) return load_exit;
  ShowLoadNotes("serve", *scenario, /*in_report=*/false);
  if (o.web) o.web_layout = LayoutForPage(*scenario->network);
  if (scenario->drain) o.drain_limit = *scenario->drain;
  return Serve(*scenario, o, *args);
}

}  // namespace cablesim::cli
