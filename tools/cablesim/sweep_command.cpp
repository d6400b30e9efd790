// cablesim sweep SCENARIO [--load L,L,..|FROM:TO:STEP] [--vary KEY=V,V,..]...
//                         [--disciplines d,d] [--replications N] [--jobs N] [--capacity]
//                         [--format text|json|csv|html] [--out FILE] [--plot FILE]
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/experiment/job_ranks.h"
#include "sim/experiment/precision.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/studies.h"
#include "sim/experiment/sweep.h"
#include "sim/report/results_db.h"
#include "sim/report/sweep_report.h"
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
    "usage: cablesim sweep SCENARIO [--load L,L,..|FROM:TO:STEP] [--vary KEY=V,V,..]...\n"
    "                      [--disciplines d,d] [--replications N] [--jobs N] [--capacity]\n"
    "                      [--format text|json|csv|html] [--out FILE] [--plot FILE]\n"
    "                      [--max-messages N] [--seed N] [--precision P]\n"
    "                      [--max-replications N]\n"
    "\n"
    "Runs the scenario at every point of a grid - load factors times the values of any\n"
    "scenario keys - under each discipline, N replications each with common random numbers\n"
    "(replication r draws the same traffic at every point), and reports one row per (point,\n"
    "discipline, precedence): addressed, in flight, unresolved, mean and p95 with 95%\n"
    "intervals, the mean's paired difference from the load before, share within objective\n"
    "(Wilson), the busiest resource (a link direction or a station's operators) and its\n"
    "utilisation.\n"
    "  --load          factors on every generator's rate (cables, messages and traces keep\n"
    "                  their times): 0.5,1,2 or 0.5:1.1:0.1 (default 1)\n"
    "  --vary KEY=V,.. set a scenario key by path to each value in turn; repeat for a grid:\n"
    "                  reroute_after=10m,30m  network.stations.RUEH.operators=1,2,4\n"
    "                  network.links.RUEH-RUDKC.rate=9.6kbps,56kbps  discipline=fifo,priority\n"
    "  --disciplines   default: the scenario's discipline\n"
    "  --replications  default 10\n"
    "  --seed N        replace the scenario's seed (replication r's seed derives from it)\n"
    "  --precision P   replications in rounds until every row's mean has a 95% half-width\n"
    "                  within P of it (5%), or chosen figures' (ROUTINE.p95=10%); the first\n"
    "                  round is --replications, the most --max-replications (200)\n"
    "  --jobs          parallel runs (default: hardware threads); output is the same for any\n"
    "  --capacity      per discipline, the largest load factor at which every precedence\n"
    "                  keeps at least 95% within objective (the interval's lower bound),\n"
    "                  by bracketing then bisection to 2%; only loads where the precedence\n"
    "                  that fails was judged (enough addressees) count\n"
    "  --plot FILE     .svg or .png: delivery time and share within objective against the\n"
    "                  swept value, a column per discipline, a line per precedence\n"
    "  --format html   one self-contained page: what was run, the capacity answers, the\n"
    "                  figure of --plot and a table per discipline\n"
    "  --out FILE      write the report there instead of standard output\n"
    "  --out FILE.sqlite  add every replication as a run to a results database (.sqlite,\n"
    "                  .sqlite3 or .db; appended to, never overwritten)\n"
    "Under mpirun (or srun) the runs spread over the ranks; rank 0 writes the same bytes.\n";

// 0.5,1,2 or FROM:TO:STEP (inclusive, values rounded to 1e-9 so 0.1 steps stay exact).
std::optional<std::vector<double>> ParseLoads(const std::string& text, std::string* err) {
  auto number = [&](const std::string& s, double* v) {
    try {
      std::size_t used = 0;
      *v = std::stod(s, &used);
      if (used != s.size() || !LoadFactorProblem(*v).empty()) throw std::invalid_argument("");
      return true;
    } catch (const std::exception&) {
      *err = "'" + s + "' is not a load factor " + kLoadFactorRange;
      return false;
    }
  };
  std::vector<double> out;
  if (text.find(':') != std::string::npos) {
    std::vector<std::string> parts;
    std::stringstream ss(text);
    for (std::string p; std::getline(ss, p, ':');) parts.push_back(p);
    double from = 0, to = 0, step = 0;
    if (parts.size() != 3 || !number(parts[0], &from) || !number(parts[1], &to) ||
        !number(parts[2], &step)) {
      if (parts.size() != 3) *err = "expected FROM:TO:STEP, found '" + text + "'";
      return std::nullopt;
    }
    if (to < from || (to - from) / step > 1000) {
      *err = "FROM:TO:STEP must go up, in at most 1000 steps";
      return std::nullopt;
    }
    for (int i = 0;; ++i) {
      // Each at least FROM >= kMinLoadFactor = 1e-9 once rounded: never 0.
      const double v = std::round((from + i * step) * 1e9) / 1e9;
      if (v > to + 1e-9) break;
      out.push_back(v);
    }
    return out;
  }
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');) {
    double v = 0;
    if (!number(item, &v)) return std::nullopt;
    out.push_back(v);
  }
  if (out.empty()) *err = "no load given";
  if (out.empty()) return std::nullopt;
  return out;
}

/// --load, --seed, --disciplines and --vary into the spec's axes (a discipline axis becomes
/// the disciplines' words); the exit code of a usage error already reported, or kExitOk.
int ParseAxes(const Args& args, SweepSpec* spec, std::vector<std::string>* discipline_words) {
  std::string err;
  if (args.Has("load")) {
    auto loads = ParseLoads(args.Get("load"), &err);
    if (!loads) return UsageError("sweep", "--load: " + err);
    spec->loads = *loads;
  }
  if (args.Has("seed")) {
    spec->seed = ParseSeed(args.Get("seed"), &err);
    if (!spec->seed) return UsageError("sweep", "--seed: " + err);
  }
  if (args.Has("disciplines")) {
    std::stringstream ss(args.Get("disciplines"));
    for (std::string d; std::getline(ss, d, ',');) discipline_words->push_back(d);
  }
  for (const std::string& v : args.GetAll("vary")) {
    const auto eq = v.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == v.size()) {
      return UsageError("sweep", "--vary: expected KEY=VALUE,VALUE,.., found '" + v + "'");
    }
    SweepAxis axis{v.substr(0, eq), SplitValues(v.substr(eq + 1))};
    if (axis.key == "discipline") {  // what --disciplines does
      if (args.Has("disciplines")) {
        return UsageError("sweep", "--vary discipline=.. and --disciplines say the same: give one");
      }
      *discipline_words = axis.values;
      continue;
    }
    spec->vary.push_back(std::move(axis));
  }
  return kExitOk;
}

/// The sweep's runs on this process's share of the job (progress on rank 0): with
/// --precision, rounds of replications over the whole grid until it is met (every rank takes
/// the same rounds; sim/experiment/rounds.h); then the capacity search. kExitOk, or the exit
/// code of a failure already reported.
int RunSweepJob(const ScenarioText& text, const SweepSpec& spec,
                const std::vector<SweepPoint>& points, const LoadOptions& limits,
                const std::optional<PrecisionGoal>& goal, bool capacity, unsigned jobs,
                Ranks& ranks, ExperimentResult* r) {
  Progress progress("sweep");
  RunnerOptions o;
  o.jobs = jobs;
  o.ranks = &ranks;
  if (ranks.is_root())
    o.progress = [&](std::size_t done, std::size_t n) { progress.Update(done, n); };
  if (const std::string failure =
          RunSweep(text, spec, points, limits, {spec.replications, goal}, capacity, o, r);
      !failure.empty()) {
    if (ranks.is_root()) std::cerr << "cablesim sweep: " << failure << "\n";
    return kExitInputError;
  }
  return kExitOk;
}

}  // namespace

int SweepCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words,
                          {{"load", true},
                           {"vary", true, true},
                           {"disciplines", true},
                           {"replications", true},
                           {"jobs", true},
                           {"seed", true},
                           {"precision", true},
                           {"max-replications", true},
                           {"capacity", false},
                           {"format", true},
                           {"out", true},
                           {"plot", true},
                           kMaxMessagesOption},
                          &err);
  if (!args) return UsageError("sweep", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("sweep", "expected one SCENARIO file");
  const std::string format = args->Get("format", "text");
  if (const std::string e = ReportFormatProblem(format); !e.empty()) {
    return UsageError("sweep", e);
  }
  SweepSpec spec;
  auto reps = ParseInteger(args->Get("replications", "10"), 1, kMaxReplications, &err);
  if (!reps) return UsageError("sweep", "--replications: " + err);
  // The first round's count, capped by --max-replications when --precision is given (it
  // was set after the cap, which it then undid).
  spec.replications = static_cast<std::uint64_t>(*reps);
  std::optional<PrecisionGoal> goal;
  if (const int code = ParsePrecisionOptions("sweep", *args, &goal, &spec.replications);
      code != kExitOk) {
    return code;
  }
  if (goal && args->Has("capacity")) {
    return UsageError("sweep",
                      "--precision and --capacity: give one (the capacity search "
                      "judges each load on its interval already)");
  }
  const unsigned hw = DefaultJobs();
  auto jobs = ParseInteger(args->Get("jobs", std::to_string(hw)), 1, kMaxJobs, &err);
  if (!jobs) return UsageError("sweep", "--jobs: " + err);
  const bool plot = args->Has("plot");
  const auto plot_format = PlotFormatOf(args->Get("plot"));
  if (plot && !plot_format) {
    return UsageError("sweep", "--plot: '" + args->Get("plot") + "' must end in .svg or .png");
  }
  std::vector<std::string> discipline_words;
  if (const int code = ParseAxes(*args, &spec, &discipline_words); code != kExitOk) return code;
  int load_exit = kExitOk;
  const std::string path = InstalledOr(args->positional()[0]);  // as LoadScenarioForCommand
  auto base = LoadScenarioForCommand("sweep", path, *args, &load_exit);
  if (!base) return load_exit;
  ShowLoadNotes("sweep", *base, /*in_report=*/false);
  if (discipline_words.empty())
    discipline_words.emplace_back(DisciplineName(base->options.discipline));
  for (const auto& d : discipline_words) {
    auto parsed = ParseDiscipline(d);
    if (!parsed) return UsageError("sweep", "--disciplines: " + UnknownDiscipline(d));
    spec.disciplines.push_back(*parsed);
  }
  auto text = ScenarioText::Read(path);
  if (!text) {
    std::cerr << "cablesim sweep: " << text.error().ToString() << "\n";
    return kExitInputError;
  }
  LoadOptions limits;
  if (args->Has("max-messages")) {
    limits.max_messages =
        static_cast<std::uint64_t>(*ParseInteger(args->Get("max-messages"), 1, 1LL << 40, &err));
  }
  std::vector<std::string> notes;  // what the --vary settings warn of
  auto points = BuildGrid(*text, spec, limits, &notes);
  if (!points) {
    std::cerr << "cablesim sweep: " << points.error().ToString() << "\n";
    return kExitInputError;
  }
  ShowWarnings(notes, /*in_report=*/false);

  ExperimentResult r = SweepExperiment(*base, spec, *points);
  if (plot) {
    std::string why;
    if (PlotAxis(r, &why).empty()) return UsageError("sweep", why);
    if (!HaveGnuplot()) {
      std::cerr << "cablesim sweep: --plot needs gnuplot (apt-get install gnuplot-nox)\n";
      return kExitInputError;
    }
    if (const std::string e = OutputFileProblem(args->Get("plot")); !e.empty()) {
      std::cerr << "cablesim sweep: --plot: " << e << "\n";  // before the study, not after
      return kExitInputError;
    }
  }

  const std::unique_ptr<Ranks> job = RanksFromEnvironment();
  if (const int code = RunSweepJob(*text, spec, *points, limits, goal, args->Has("capacity"),
                                   static_cast<unsigned>(*jobs), *job, &r);
      code != kExitOk) {
    return code;
  }
  if (!job->is_root()) return kExitOk;  // rank 0 writes for the whole job

  const ExperimentRenderers render{
      .text = [](const ExperimentResult& e) { return SweepText(e); },
      .json = [](const ExperimentResult& e) { return SweepJson(e); },
      .csv = [](const ExperimentResult& e) { return SweepCsv(e); },
      .html =
          [](const ExperimentResult& e, const std::string& command_line) {
            return SweepReportHtml(e, command_line, SweepCurvesPicture(e));
          },
      .plot = [](const ExperimentResult& e, const std::string& plot_path,
                 PlotFormat f) { return SweepGnuplotScript(e, plot_path, f); }};
  return WriteExperimentOutputs("sweep", *args, words, r, format, plot_format, render);
}

}  // namespace cablesim::cli
