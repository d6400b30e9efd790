// cablesim: the command-line front end. Dispatches to one function per subcommand.
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(const cablesim::cli::Words&);
};

const Subcommand kSubcommands[] = {
    {"parse", "read ACP 127 messages and print their fields (text or JSON)",
     cablesim::cli::ParseCommand},
    {"run", "simulate a scenario and report delivery timing", cablesim::cli::RunCommand},
    {"compare", "compare queue disciplines over replications, with confidence intervals",
     cablesim::cli::CompareCommand},
    {"serve", "relay cables sent over TCP in paced simulated time", cablesim::cli::ServeCommand},
    {"route", "print the hop path between two routing indicators", cablesim::cli::RouteCommand},
    {"dot", "draw the network as Graphviz DOT (or SVG)", cablesim::cli::DotCommand},
    {"bench", "benchmarks: the engine against a bare heap, and a generated network",
     cablesim::cli::BenchCommand},
};

void PrintHelp(std::ostream& out) {
  out << "cablesim: a discrete-event simulator of ACP 127 tape-relay message networks\n\n"
         "usage: cablesim <subcommand> [arguments] [--help]\n\nsubcommands:\n";
  for (const auto& s : kSubcommands) {
    out << "  " << s.name << std::string(10 - std::string(s.name).size(), ' ') << s.summary << "\n";
  }
  out << "\nExit codes: 0 success, 1 input or simulation error, 2 usage error.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(std::cerr);
    return cablesim::cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintHelp(std::cout);
    return cablesim::cli::kExitOk;
  }
  const cablesim::cli::Words rest(argv + 2, argv + argc);
  for (const auto& s : kSubcommands) {
    if (name == s.name) {
      try {
        return s.run(rest);
      } catch (const std::overflow_error& e) {  // a scenario beyond the engine's time range
        std::cerr << "cablesim " << name << ": " << e.what() << "\n";
        return cablesim::cli::kExitInputError;
      } catch (const std::length_error& e) {  // beyond the engine's event limits
        std::cerr << "cablesim " << name << ": the run is too large: " << e.what() << "\n";
        return cablesim::cli::kExitInputError;
      } catch (const std::exception& e) {
        // Boundaries return errors as values; reaching here is a bug, reported not crashed.
        std::cerr << "cablesim " << name << ": internal error: " << e.what() << "\n";
        return cablesim::cli::kExitInputError;
      }
    }
  }
  std::cerr << "cablesim: unknown subcommand '" << name << "'\n";
  PrintHelp(std::cerr);
  return cablesim::cli::kExitUsage;
}
