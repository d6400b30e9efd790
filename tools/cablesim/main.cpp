// cablesim: the command-line front end. Dispatches to one function per subcommand.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "base/did_you_mean.h"
#include "sim/experiment/job_ranks.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"

namespace {

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(const cablesim::cli::Words&);
};

const Subcommand kSubcommands[] = {
    {"init", "write a small commented network and scenario to start from",
     cablesim::cli::InitCommand},
    {"parse", "read ACP 127 messages and print their fields (text or JSON)",
     cablesim::cli::ParseCommand},
    {"run", "simulate a scenario and report delivery timing", cablesim::cli::RunCommand},
    {"compare", "compare queue disciplines over replications, with confidence intervals",
     cablesim::cli::CompareCommand},
    {"sweep", "run a grid of loads and parameters; find how much traffic the network carries",
     cablesim::cli::SweepCommand},
    {"serve", "relay cables sent over TCP in paced simulated time", cablesim::cli::ServeCommand},
    {"send", "send a cable to a running serve and print its replies", cablesim::cli::SendCommand},
    {"route", "print the hop path between two routing indicators", cablesim::cli::RouteCommand},
    {"dot", "draw the network as Graphviz DOT (or SVG)", cablesim::cli::DotCommand},
    {"schema", "print the JSON Schema of scenario or network files (for editors)",
     cablesim::cli::SchemaCommand},
    {"bench", "benchmarks: the engine against a bare heap, and a generated network",
     cablesim::cli::BenchCommand},
};

void PrintHelp(std::ostream& out) {
  out << "cablesim: a discrete-event simulator of ACP 127 tape-relay message networks\n\n"
         "usage: cablesim <subcommand> [arguments] [--help]\n\nsubcommands:\n";
  for (const auto& s : kSubcommands) {
    out << "  " << s.name << std::string(10 - std::string(s.name).size(), ' ') << s.summary << "\n";
  }
  out << "\nExit codes: 0 success, 1 input or simulation error, 2 usage error.\n"
         "cablesim --version prints the version.\n";
}

// Everything written to standard output reaches it, or the run fails: a full disk, a closed
// pipe or a bad descriptor turns exit 0 into exit 1 with the reason.
int FinishStdout(const std::string& name, int code) {
  std::string reason = cablesim::cli::StdoutError();
  errno = 0;  // std::cout is synchronised with stdio: this flushes what it wrote too
  if (std::fflush(stdout) != 0 && reason.empty()) reason = std::strerror(errno);
  if (std::ferror(stdout) && reason.empty()) reason = "write error";
  errno = 0;
  if (std::fclose(stdout) != 0 && reason.empty()) reason = std::strerror(errno);
  if (reason.empty()) return code;
  std::cerr << "cablesim" << (name.empty() ? "" : " " + name)
            << ": cannot write standard output: " << reason << "\n";
  return cablesim::cli::kExitInputError;
}

int Dispatch(int argc, char** argv) {
  if (argc < 2) {
    PrintHelp(std::cerr);
    return cablesim::cli::kExitUsage;
  }
  const std::string name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    PrintHelp(std::cout);
    return cablesim::cli::kExitOk;
  }
  if (name == "--version") {
    std::cout << "cablesim " << CABLESIM_VERSION
              << (cablesim::RanksHaveMpi() ? " (MPI: compare and sweep spread over mpirun's ranks)"
                                           : " (built without MPI: compare and sweep use threads)")
              << "\n";
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
  std::vector<std::string> names;
  for (const auto& s : kSubcommands) names.emplace_back(s.name);
  const std::string guess = cablesim::DidYouMean(name, names);
  std::cerr << "cablesim: unknown subcommand '" << name << "'"
            << (guess.empty() ? "" : " (did you mean '" + guess + "'?)") << "\n";
  PrintHelp(std::cerr);
  return cablesim::cli::kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  const int code = Dispatch(argc, argv);
  return FinishStdout(argc >= 2 ? argv[1] : "", code);
}
