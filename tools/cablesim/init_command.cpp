// cablesim init DIR: a small commented network and scenario to start from.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/scenario_schema.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"
#include "topology/network_schema.h"

namespace cablesim::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp =
    "usage: cablesim init DIR\n"
    "\n"
    "Writes DIR/network.yaml and DIR/scenario.yaml (DIR is made if it is not there): a\n"
    "headquarters, a relay with two operators and three posts, a collective, generated\n"
    "traffic, a FLASH, the trunk down for an hour and a standby circuit rerouted onto, every\n"
    "line commented. They run as they are (cablesim run DIR/scenario.yaml) and are there to\n"
    "be edited. Their first line names the installed JSON Schema (share/cablesim/schema/), so\n"
    "editors with the YAML language server complete keys and flag typos. Prints what to try\n"
    "next. Never writes over a file: exit 1, writing nothing, when either file exists.\n";

// The starter files; @SCHEMA@ becomes the directory of the JSON Schemas.
constexpr const char* kNetwork = R"yaml(# yaml-language-server: $schema=@SCHEMA@/network.schema.json
# A small network to start from: a headquarters (RXHQ) and three posts abroad, reached
# through one relay (RXRL) whose two operators handle every copy that passes. Each key is
# explained in README.md, "Network files"; edit freely and run the scenario again.
defaults:                     # for every station and link that does not say otherwise
  processing: 30s             # handling time of each copy at a station
  rate: 2400bps               # line rate
  framing: async-ascii        # 10 bits a character
  propagation: 50ms           # one-way delay of a link
stations:
  - {ri: RXHQ, name: HEADQUARTERS, region: Home}
  - {ri: RXRL, name: RELAY, kind: relay, region: Abroad, processing: 1m, operators: 2}
  - {ri: RXRLA, name: POST ALFA, region: Abroad}
  - {ri: RXRLB, name: POST BRAVO, region: Abroad}
  - {ri: RXRLC, name: POST CHARLIE, region: Abroad}
links:
  - {between: [RXHQ, RXRL], rate: 9.6kbps}       # the trunk
  - {between: [RXRL, RXRLA]}
  - {between: [RXRL, RXRLB]}
  - {between: [RXRL, RXRLC]}
  - {between: [RXHQ, RXRLC], rate: 75bd, framing: ita2, cost: 3600}   # a slow standby circuit:
                              # routes avoid it (cost in seconds) unless rerouted onto it
collectives:
  - name: ALL POSTS COLLECTIVE        # address it in a TO or INFO line
    members: [RXRLA, RXRLB, RXRLC]
)yaml";

constexpr const char* kScenario =
    R"yaml(# yaml-language-server: $schema=@SCHEMA@/scenario.schema.json
# A day of traffic over network.yaml: headquarters files a few cables an hour to the posts,
# the posts answer, a FLASH goes to every post through the collective, and the trunk to
# the relay is down for an hour; copies that wait 20 minutes for it take the standby
# circuit to POST CHARLIE. Each key is explained in README.md, "Scenario files".
name: starter
description: a headquarters, a relay and three posts; the trunk down for an hour
network: network.yaml
start: 2024-01-15T06:00:00Z   # simulated time 0 (UTC)
duration: 12h                 # arrivals stop here ...
drain: true                   # ... and the run goes on until every copy is delivered
seed: 1                       # the same seed gives the same run, byte for byte
discipline: priority          # fifo | priority | preempt-restart | preempt-resume
reroute_after: 20m            # a copy waiting this long at a transmitter tries another way
traffic:
  messages:
    - {id: FLASH-1, from: RXHQ, to: [ALL POSTS COLLECTIVE], precedence: FLASH, chars: 800, at: 4h}
  generators:
    - name: hq                # messages hq-1, hq-2, ...
      from: [RXHQ]
      per_hour: 6             # Poisson arrivals, 6 an hour on average
      precedence: {IMMEDIATE: 1, PRIORITY: 3, ROUTINE: 6}
      length: {exponential: 1500}      # characters of text, drawn per message
      to: {count: [1, 2], from: all_posts}
    - name: posts
      from: all_posts
      per_hour: 1             # at each post
      precedence: corpus      # the mix of the published cables
      to: {count: 1, from: [RXHQ]}
faults:
  - {link: [RXHQ, RXRL], at: 3h, for: 1h}    # the trunk out of service from 09:00 to 10:00
)yaml";

std::string WithSchema(std::string text, const std::string& dir) {
  const std::string mark = "@SCHEMA@";
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at)) {
    text.replace(at, mark.size(), dir);
  }
  return text;
}

// The directory of the schemas this binary ships with: share/cablesim/schema beside an
// installed binary (bin/..), or in its build tree; "" when neither is there.
std::string SchemaDir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (const fs::path& dir : {exe.parent_path().parent_path() / "share" / "cablesim" / "schema",
                              exe.parent_path() / "share" / "cablesim" / "schema"}) {
    if (fs::is_regular_file(dir / "scenario.schema.json", ec)) {
      return fs::weakly_canonical(dir, ec).string();
    }
  }
  return "";
}

// Creates `path` with `text`, never over an existing file ("" or why not).
std::string CreateNew(const fs::path& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "wx");
  if (!f) return "cannot create " + path.string() + ": " + std::strerror(errno);
  const bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  const int saved = errno;
  if (std::fclose(f) != 0 || !ok) {
    return "cannot write " + path.string() + ": " + std::strerror(ok ? errno : saved);
  }
  return "";
}

// The directory as a user would type it again in a shell.
std::string Shown(const std::string& dir) {
  if (dir.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-") ==
      std::string::npos) {
    return dir;
  }
  std::string out = "'";
  for (const char c : dir) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

void PrintNext(const std::string& dir) {
  const std::string d = Shown(dir);
  PrintOut(
      "Try next:\n"
      "  cablesim run " +
      d +
      "/scenario.yaml\n"
      "      the report: delivery times by precedence, where the time went, the busiest links\n"
      "  cablesim run " +
      d +
      "/scenario.yaml --trace FLASH-1\n"
      "      every hop of the FLASH, and the heading each station sent\n"
      "  cablesim compare " +
      d +
      "/scenario.yaml --replications 5\n"
      "      fifo, priority and the preemptive disciplines on the same traffic, with intervals\n"
      "  cablesim dot " +
      d + "/scenario.yaml --heat --svg " + d +
      "/heat.svg\n"
      "      the network coloured by how busy each link was (needs graphviz)\n"
      "  cablesim serve " +
      d +
      "/scenario.yaml --http 127.0.0.1:8127\n"
      "      the run live in a browser at http://127.0.0.1:8127/ (Ctrl-C ends it)\n"
      "Every key is in the manual (README.md: 'Network files', 'Scenario files'); the\n"
      "tutorial (docs/tutorial.md) goes on from here step by step.\n");
}

}  // namespace

int InitCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {}, &err);
  if (!args) return UsageError("init", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("init", "expected DIR");
  const std::string dir = args->positional()[0];
  const fs::path network = fs::path(dir) / "network.yaml";
  const fs::path scenario = fs::path(dir) / "scenario.yaml";
  std::string schema = SchemaDir();
  std::vector<std::pair<fs::path, std::string>> files;
  if (schema.empty()) {  // a binary away from its share/: the schemas go beside the files
    schema = ".";
    files.emplace_back(fs::path(dir) / "scenario.schema.json", ScenarioSchemaJson());
    files.emplace_back(fs::path(dir) / "network.schema.json", NetworkSchemaJson());
  }
  files.emplace_back(network, WithSchema(kNetwork, schema));
  files.emplace_back(scenario, WithSchema(kScenario, schema));
  std::error_code ec;
  for (const auto& file : files) {
    if (fs::symlink_status(file.first, ec).type() != fs::file_type::not_found) {
      std::cerr << "cablesim init: " << file.first.string()
                << " exists: init writes new files only (give another directory, or move it)\n";
      return kExitInputError;
    }
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "cablesim init: cannot make the directory " << dir << ": " << ec.message() << "\n";
    return kExitInputError;
  }
  for (const auto& [path, text] : files) {
    if (const std::string e = CreateNew(path, text); !e.empty()) {
      std::cerr << "cablesim init: " << e << "\n";
      return kExitInputError;
    }
  }
  PrintOut("cablesim init: wrote " + network.string() + " and " + scenario.string() +
           " (a headquarters, a relay, three posts, a collective, generated traffic, an outage)\n");
  PrintNext(dir);
  return kExitOk;
}

}  // namespace cablesim::cli
