#include "tools/cablesim/results_output.h"

#include <chrono>
#include <iostream>

#include "sim/report/results_db.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/html_pictures.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/renderers.h"

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

int WriteExperimentOutputs(const std::string& command, const Args& args, const Words& words,
                           const ExperimentResult& e, const std::string& format,
                           const std::optional<PlotFormat>& plot_format,
                           const ExperimentRenderers& render) {
  const std::string out = args.Has("out") ? args.Get("out") : "";
  if (!out.empty() && IsDatabasePath(out)) {
    if (const int code = WriteExperimentDb(command, out, e, words); code != kExitOk) return code;
  } else {
    const std::string report = format == "json"   ? render.json(e)
                               : format == "csv"  ? render.csv(e)
                               : format == "html" ? render.html(e, CommandLine(command, words))
                                                  : render.text(e);
    if (const int code = WriteReport(command, out, report); code != kExitOk) return code;
  }
  if (!args.Has("plot")) return kExitOk;
  const std::string path = args.Get("plot");
  return WritePlot(command, path, render.plot(e, path, *plot_format));
}

}  // namespace cablesim::cli
