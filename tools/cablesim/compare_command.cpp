// cablesim compare SCENARIO [--disciplines a,b,..] [--replications N] [--jobs J]
//                           [--format text|json|csv|html] [--out FILE] [--plot FILE.svg|.png]

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/experiment/job_ranks.h"
#include "sim/experiment/precision.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/studies.h"
#include "sim/report/compare.h"
#include "sim/report/results_db.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/html_pictures.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/precision_options.h"
#include "tools/cablesim/progress.h"
#include "tools/cablesim/renderers.h"
#include "tools/cablesim/results_output.h"
#include "tools/cablesim/scenario_input.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim compare SCENARIO [--disciplines a,b,..] [--replications N] [--jobs J]\n"
    "                        [--format text|json|csv|html] [--out FILE] [--plot FILE.svg|.png]\n"
    "                        [--per-replication] [--seed N] [--precision P]\n"
    "                        [--max-replications N]\n"
    "\n"
    "Runs the scenario under each discipline, N independent replications each, with common\n"
    "random numbers (replication r draws the same traffic under every discipline), and\n"
    "reports per discipline and precedence how many were addressed and still in flight, the\n"
    "mean, p95 and max latency (95% Student t intervals over replications; '>' marks a lower\n"
    "bound when addressees were still in flight), the share within objective (Wilson interval,\n"
    "pooled), each discipline's difference from the first and each precedence's from the\n"
    "next higher one, both paired by replication with intervals, and the conservation of\n"
    "every addressee per discipline.\n"
    "  --disciplines   default fifo,priority,preempt-restart,preempt-resume\n"
    "  --replications  default 10\n"
    "  --precision P   replications in rounds until every mean's 95% half-width is within P\n"
    "                  of it (5%), or chosen figures' (ROUTINE.p95=10%,IMMEDIATE.mean=5%);\n"
    "                  --replications is the first round, --max-replications (200) the most\n"
    "  --seed N        replace the scenario's seed; replication r's seed derives from it, and\n"
    "                  run --seed with a seed --per-replication prints replays that replication\n"
    "  --jobs          parallel runs (default: the number of hardware threads); the output\n"
    "                  is the same for any value\n"
    "  --format html   one self-contained page: these tables and the --plot figure\n"
    "  --out FILE      write the report there instead of standard output\n"
    "  --out FILE.sqlite  add every replication as a run to a results database (.sqlite,\n"
    "                  .sqlite3 or .db; appended to, never overwritten)\n"
    "  --plot FILE     also draw the share of all addressed delivered by each time (log time\n"
    "                  axis), one panel per discipline, through gnuplot: FILE.svg or FILE.png\n"
    "  --per-replication  also list every figure of each replication (as 'run' gives them\n"
    "                  for one run: counts, mean, p50, p95, p99, max, share within objective,\n"
    "                  where the time went, every link direction, every station's operators\n"
    "                  and waits), so every interval can be checked and replications analysed\n"
    "                  elsewhere (CSV: one row per figure, 'element' names the link or station)\n"
    "A scenario that declares 'analytic: mm1-priority' or 'analytic: mg1-station' gets the\n"
    "exact values printed beside.\n"
    "  (and --max-messages N: see 'cablesim run --help')\n";

}  // namespace

int CompareCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words,
                          {{"disciplines", true},
                           {"replications", true},
                           {"jobs", true},
                           {"seed", true},
                           {"precision", true},
                           {"max-replications", true},
                           {"format", true},
                           {"out", true},
                           {"plot", true},
                           {"per-replication", false},
                           kMaxMessagesOption},
                          &err);
  if (!args) return UsageError("compare", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("compare", "expected one SCENARIO file");
  std::vector<Discipline> disciplines;
  std::stringstream list(args->Get("disciplines", "fifo,priority,preempt-restart,preempt-resume"));
  for (std::string item; std::getline(list, item, ',');) {
    auto d = ParseDiscipline(item);
    if (!d) {
      return UsageError("compare", "--disciplines: " + UnknownDiscipline(item));
    }
    disciplines.push_back(*d);
  }
  if (disciplines.empty()) return UsageError("compare", "--disciplines: none given");
  auto reps = ParseInteger(args->Get("replications", "10"), 1, kMaxReplications, &err);
  if (!reps) return UsageError("compare", "--replications: " + err);
  const unsigned hw = DefaultJobs();
  auto jobs = ParseInteger(args->Get("jobs", std::to_string(hw)), 1, kMaxJobs, &err);
  if (!jobs) return UsageError("compare", "--jobs: " + err);
  const std::string format = args->Get("format", "text");
  if (const std::string e = ReportFormatProblem(format); !e.empty()) {
    return UsageError("compare", e);
  }
  const bool plot = args->Has("plot");
  const auto plot_format = PlotFormatOf(args->Get("plot"));
  if (plot && !plot_format) {
    return UsageError("compare", "--plot: '" + args->Get("plot") +
                                     "' must end in .svg or .png (the picture format)");
  }
  if (plot && !HaveGnuplot()) {
    std::cerr << "cablesim compare: --plot needs gnuplot, which is not installed "
                 "(apt-get install gnuplot-nox; tools/demo and tools/check install it)\n";
    return kExitInputError;
  }
  if (plot) {
    if (const std::string e = OutputFileProblem(args->Get("plot")); !e.empty()) {
      std::cerr << "cablesim compare: --plot: " << e << "\n";  // before the study, not after
      return kExitInputError;
    }
  }

  int load_exit = kExitOk;
  auto scenario = LoadScenarioForCommand("compare", args->positional()[0], *args, &load_exit);
  if (!scenario) return load_exit;
  ShowLoadNotes("compare", *scenario, /*in_report=*/false);
  if (args->Has("seed")) {
    auto seed = ParseSeed(args->Get("seed"), &err);
    if (!seed) return UsageError("compare", "--seed: " + err);
    scenario->seed = *seed;
  }
  const Scenario& s = *scenario;
  auto experiment = CompareExperiment(s, disciplines, static_cast<std::uint64_t>(*reps));
  if (!experiment) {
    std::cerr << "cablesim compare: " << experiment.error().ToString() << "\n";
    return kExitInputError;
  }
  ExperimentResult& c = *experiment;
  c.per_replication = args->Has("per-replication");
  std::optional<PrecisionGoal> goal;
  if (const int code = ParsePrecisionOptions("compare", *args, &goal, &c.replications);
      code != kExitOk) {
    return code;
  }
  const std::unique_ptr<Ranks> job = RanksFromEnvironment();
  Ranks& ranks = *job;
  std::string failure;
  {
    Progress progress("compare");
    RunnerOptions o;
    o.jobs = static_cast<unsigned>(*jobs);
    o.ranks = &ranks;
    o.keep_cdfs = plot || format == "html";
    o.keep_run_figures = c.per_replication;
    if (ranks.is_root())
      o.progress = [&](std::size_t n_done, std::size_t n) { progress.Update(n_done, n); };
    failure = RunCompare(s, {c.replications, goal}, o, &c);
  }
  if (!failure.empty()) {
    if (ranks.is_root()) std::cerr << "cablesim compare: " << failure << "\n";
    return kExitInputError;
  }
  if (!ranks.is_root()) return kExitOk;  // rank 0 reports for the whole job

  const ExperimentRenderers render{
      .text = [](const ExperimentResult& e) { return CompareText(e); },
      .json = [](const ExperimentResult& e) { return CompareJson(e); },
      .csv = [](const ExperimentResult& e) { return CompareCsv(e); },
      .html =
          [](const ExperimentResult& e, const std::string& command_line) {
            return CompareReportHtml(e, command_line, CompareCdfPicture(e));
          },
      .plot = [](const ExperimentResult& e, const std::string& plot_path,
                 PlotFormat f) { return CompareGnuplotScript(e, plot_path, f); }};
  return WriteExperimentOutputs("compare", *args, words, c, format, plot_format, render);
}

}  // namespace cablesim::cli
