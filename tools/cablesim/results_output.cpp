#include "tools/cablesim/results_output.h"

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

}  // namespace

int WriteRunDb(const std::string& path, const RelaySimulation& sim, const Scenario& s,
               const RunSummary& r, const Words& words) {
  return Written("run", path, "run", [&] {
    return WriteRunToDb(path, sim, s, r, {"run", CommandLine("run", words), CABLESIM_VERSION});
  });
}

int WriteExperimentDb(const std::string& command, const std::string& path,
                      const ExperimentResult& e, const Words& words) {
  return Written(command, path, "its runs", [&] {
    return WriteExperimentToDb(path, e, {command, CommandLine(command, words), CABLESIM_VERSION});
  });
}

}  // namespace cablesim::cli
