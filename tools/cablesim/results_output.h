// --out FILE.sqlite of run, compare and sweep: the runs added to a results database
// (sim/report/results_db.h), refusing to write over an input, saying what was done; and the
// outputs of an experiment (compare, sweep) in the format asked for, with its --plot.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "sim/experiment/results.h"
#include "sim/relay/relay_simulation.h"
#include "sim/report/plot_format.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"

namespace cablesim::cli {

/// Adds one run; returns the exit code (1 after printing why it could not).
int WriteRunDb(const std::string& path, const RelaySimulation& sim, const Scenario& s,
               const RunSummary& r, const Words& words);
/// Adds every replication of a compare or sweep (`command`); returns the exit code.
int WriteExperimentDb(const std::string& command, const std::string& path,
                      const ExperimentResult& e, const Words& words);

/// How an experiment command renders its result: one function per report format, and the
/// gnuplot script of its --plot.
struct ExperimentRenderers {
  std::function<std::string(const ExperimentResult&)> text, json, csv;
  /// The page, given the command line that made it.
  std::function<std::string(const ExperimentResult&, const std::string&)> html;
  /// The script drawing the --plot figure into the path given, in the format given.
  std::function<std::string(const ExperimentResult&, const std::string&, PlotFormat)> plot;
};

/// An experiment's outputs where `args` ask: the report in `format` to standard output, a
/// file or (--out FILE.sqlite) a results database, then the --plot figure (`plot_format` is
/// set when --plot is given). Returns the exit code of the first failure, else 0.
int WriteExperimentOutputs(const std::string& command, const Args& args, const Words& words,
                           const ExperimentResult& e, const std::string& format,
                           const std::optional<PlotFormat>& plot_format,
                           const ExperimentRenderers& render);

}  // namespace cablesim::cli
