#include "tools/cablesim/results_output.h"

#include <chrono>
#include <iostream>

#include "sim/report/results_db.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/html_pictures.h"
#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

/// Refuses an input as the database, runs `write`, and says what happened.
template <class Write>
int Written(const std::string& command, const std::string& path, const std::string& what,
            Write&& write) {
  if (const std::string refusal = OverwritesInput(path); !refusal.empty()) {
    std::cerr << "cablesim " << command << ": " << refusal << "\n";
    return kExitInputError;
  }
  if (const std::string e = write(); !e.empty()) {
    std::cerr << "cablesim " << command << ": " << e << "\n";
    return kExitInputError;
  }
  std::cerr << "cablesim " << command << ": added " << what << " to " << path << "\n";
  return kExitOk;
}

/// Waits the library's kDbWait for a database another process holds, saying so.
DbWait Waiting(const std::string& command, const std::string& path) {
  DbWait wait;
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(wait.wait).count();
  wait.on_locked = [command, path, minutes] {
    std::cerr << "cablesim " << command << ": " << path
              << " is locked by another process: waiting up to " << minutes
              << " minutes for it (then the results go to a file next to it)\n";
  };
  return wait;
}

}  // namespace

int WriteRunDb(const std::string& path, const RelaySimulation& sim, const Scenario& s,
               const RunSummary& r, const Words& words) {
  return Written("run", path, "run", [&] {
    return WriteRunToDb(path, sim, s, r, {"run", CommandLine("run", words), CABLESIM_VERSION},
                        Waiting("run", path));
  });
}

int WriteExperimentDb(const std::string& command, const std::string& path,
                      const ExperimentResult& e, const Words& words) {
  return Written(command, path, "its runs", [&] {
    return WriteExperimentToDb(path, e, {command, CommandLine(command, words), CABLESIM_VERSION},
                               Waiting(command, path));
  });
}

}  // namespace cablesim::cli
