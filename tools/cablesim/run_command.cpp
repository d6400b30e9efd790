// cablesim run SCENARIO [--format text|json|csv|html] [--out FILE|DIR] [--seed N]
//                       [--discipline D] [--trace ID] [--batches N] [--message ID]...
#include <filesystem>
#include <functional>
#include <iostream>

#include "sim/experiment/single_run.h"
#include "sim/relay/relay_simulation.h"
#include "sim/report/message_trace.h"
#include "sim/report/results_db.h"
#include "sim/report/run_csv.h"
#include "sim/report/run_report.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/time_series.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/html_pictures.h"
#include "tools/cablesim/output_files.h"
#include "tools/cablesim/results_output.h"
#include "tools/cablesim/scenario_input.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim run SCENARIO [--format text|json|csv|html] [--out FILE|DIR] [--seed N]\n"
    "                    [--discipline D] [--trace MESSAGE_ID] [--batches N] [--message ID]...\n"
    "                    [--sample STEP|auto]\n"
    "\n"
    "Files every message of the scenario, relays it hop by hop and reports delivery timing.\n"
    "  --format text   a report for a person (default): latency by precedence, slowest\n"
    "                  deliveries, busiest links, conservation of every (message, addressee)\n"
    "  --format json   the same as JSON, with every delivery and its hops\n"
    "  --format csv    one row per (message, addressee), whatever its outcome (delivered,\n"
    "                  other_means, undeliverable with its reason, in_flight with its age),\n"
    "                  each starting with the run's scenario, seed and discipline\n"
    "  --format html   one self-contained page to open, share and print: the text report's\n"
    "                  tables, the delivery-time CDF, the network with link utilisation and\n"
    "                  faults, routing trees, and every addressee in a table to sort and filter\n"
    "                  (pictures through gnuplot and graphviz)\n"
    "  --message ID    with --format html: draw this message's routing tree (repeatable;\n"
    "                  default: the scenario's cables, else the slowest delivery's message)\n"
    "  --out FILE      write the report (or trace) to FILE instead of standard output\n"
    "  --out FILE.sqlite  add the run to a results database (.sqlite, .sqlite3 or .db;\n"
    "                  created if absent, appended to, never overwritten; README 'Results\n"
    "                  in SQLite')\n"
    "  --out DIR/      write report.txt, report.json, addressees.csv, links.csv,\n"
    "                  stations.csv and timeseries.csv (and report.html with --format html)\n"
    "                  into DIR (an existing directory, or a path ending in '/'), nothing\n"
    "                  to stdout\n"
    "  --sample STEP   record the run over time every STEP (e.g. 1m; 'auto', the default\n"
    "                  with --out DIR/ and --format html: at most 2000 samples): queues by\n"
    "                  precedence and busy share per link direction, operators' backlogs,\n"
    "                  in flight, deliveries and p50/p95 by filing time per precedence; in\n"
    "                  --format json (key timeseries), timeseries.csv and the HTML page\n"
    "  --seed N        replace the scenario's seed\n"
    "  --discipline D  fifo, priority, preempt-restart or preempt-resume, everywhere\n"
    "  --trace ID      print instead every hop of message ID, with the heading each station\n"
    "                  transmitted (ids are shown in the reports, e.g. 'RUEHC 0837'); text only\n"
    "  --max-messages N  refuse a generator expected to file more than N messages over the\n"
    "                  run (default 10000000: a run keeps every record, ~700 bytes a\n"
    "                  message), a guard against a typo in per_hour or stop\n"
    "  --batches N     batch means: split the time after the warm-up into N equal batches by\n"
    "                  filing time and give 95% intervals for the mean and p95 per precedence\n"
    "                  from one run, with the batch means' lag-1 autocorrelation\n"
    "\n"
    "Every latency figure covers the addressees of messages filed after the warm-up. One\n"
    "still in flight at the end and older than its objective has missed it; one younger is\n"
    "unresolved and left out of the share within objective; both make quantiles lower\n"
    "bounds ('> 6h 12m'). README.md, 'Reading the numbers', says what each figure covers.\n";

/// The HTML page of a run, with its pictures; `messages` are the routing trees to draw
/// (DefaultRouteMessages when empty).
std::string RunHtml(const RelaySimulation& sim, const Scenario& s, const RunSummary& summary,
                    const Words& words, std::vector<std::uint32_t> messages) {
  RunHtmlInput in;
  in.command_line = CommandLine("run", words);
  in.cdf = RunCdfPicture(sim, s);
  in.network = NetworkPicture(sim, s, summary);
  if (messages.empty()) messages = DefaultRouteMessages(sim, summary);
  for (std::uint32_t m : messages) in.routes.push_back(RoutePicture(sim, s, m));
  in.route_messages = messages;
  return RunReportHtml(sim, s, summary, in);
}

// What the command line asks of a run.
struct RunRequest {
  std::string format = "text";
  std::string out;  // "" for standard output
  std::optional<std::string> trace;
  std::vector<std::string> messages;  // --message, for the page's routing trees
  std::optional<Discipline> discipline;
  std::optional<std::uint64_t> seed;
  bool sample = false;                  // the run over time was asked for
  std::optional<Duration> sample_step;  // given by hand; automatic when recorded without
  std::string sample_text;
  SummaryOptions options;

  bool ToDirectory() const { return !out.empty() && IsOutputDirectory(out); }
  /// The run over time is recorded: asked for, or for a directory's files and the page.
  bool Recorded() const { return !trace && (sample || ToDirectory() || format == "html"); }
};

// The options of a run; kExitOk, or the usage error's exit code (said on stderr).
int ParseOptions(const Args& args, RunRequest* r) {
  std::string err;
  r->format = args.Get("format", "text");
  if (const std::string e = ReportFormatProblem(r->format); !e.empty()) return UsageError("run", e);
  if (args.Has("out")) r->out = args.Get("out");
  if (args.Has("trace")) r->trace = args.Get("trace");
  r->messages = args.GetAll("message");
  if (args.Has("message") && r->format != "html") {
    return UsageError("run",
                      "--message names routing trees for --format html (for one message's hops "
                      "as text use --trace; as a picture, dot --message)");
  }
  if (r->trace && r->format != "text") {
    return UsageError("run", "--trace prints a text trace; --format " + r->format +
                                 " is for reports (use run --format json for every hop of "
                                 "every delivery)");
  }
  if (args.Has("discipline")) {
    r->discipline = ParseDiscipline(args.Get("discipline"));
    if (!r->discipline)
      return UsageError("run", "--discipline: " + UnknownDiscipline(args.Get("discipline")));
  }
  if (args.Has("batches")) {
    auto n = ParseInteger(args.Get("batches"), 2, 1000, &err);
    if (!n) return UsageError("run", "--batches: " + err);
    r->options.batches = static_cast<int>(*n);
  }
  if (args.Has("seed")) {
    r->seed = ParseSeed(args.Get("seed"), &err);
    if (!r->seed) return UsageError("run", "--seed: " + err);
  }
  r->sample = args.Has("sample");
  r->sample_text = args.Get("sample");
  if (r->sample && r->sample_text != "auto") {
    r->sample_step = ParseDuration(r->sample_text, &err);
    if (!r->sample_step) return UsageError("run", "--sample: " + err);
    if (*r->sample_step <= Duration()) {
      return UsageError("run", "--sample: a step must be longer than 0s (or 'auto')");
    }
  }
  if (r->sample && r->trace) {
    return UsageError("run", "--sample records a run over time for its reports; --trace has none");
  }
  return kExitOk;
}

// A step by hand that the scenario's planned end already shows too fine: refused.
int CheckSampleStep(const RunRequest& r, const Scenario& s) {
  if (!r.sample_step) return kExitOk;
  const auto end = ScenarioEnd(s);
  if (!end || end->ns() / r.sample_step->ns() < static_cast<std::int64_t>(kMaxSamples)) {
    return kExitOk;
  }
  return UsageError(
      "run", "--sample " + r.sample_text + ": " +
                 std::to_string(end->ns() / r.sample_step->ns() + 1) + " samples over the run's " +
                 FormatDuration(*end) + "; at most " + std::to_string(kMaxSamples) +
                 " (a longer step, or 'auto' for about " + std::to_string(kAutoSamples) + ")");
}

// Runs the scenario as asked and computes its one summary (none for a trace).
RunSummary RunAndSummarize(const RunRequest& r, const Scenario& s, RelaySimulation& sim) {
  // A text report to one place needs no copy's history (hops are for JSON, CSV, HTML and
  // the trace): their slots are reused, so memory follows what is in flight.
  if (r.format == "text" && !r.trace && !r.ToDirectory()) sim.set_keep_copies(false);
  SummaryOptions options = r.options;
  options.seed = r.seed.value_or(s.seed);
  options.discipline = r.discipline.value_or(s.options.discipline);
  if (r.trace) {  // a trace needs no summary
    RunScenario(sim, s);
    return RunSummary{};
  }
  // Every report format renders the one summary of the run.
  RunSummary summary =
      SummarizedRun(sim, s, options,
                    r.Recorded() ? std::optional<Sampling>(Sampling{r.sample_step}) : std::nullopt);
  if (r.sample_step && summary.timeseries && summary.timeseries->step != *r.sample_step) {
    // A run with no planned end is only known to be long once it is over: say what was done.
    std::cerr << "cablesim run: --sample " << r.sample_text << ": the run lasted "
              << FormatDuration(sim.now() - SimTime()) << ", so the step was doubled to "
              << FormatDuration(summary.timeseries->step) << " to keep at most " << kMaxSamples
              << " samples\n";
  }
  return summary;
}

// Every file of a run into the directory `dir` (and the page, for --format html).
int WriteDirectory(const std::string& dir_name, const RelaySimulation& sim, const Scenario& s,
                   const RunSummary& summary, const std::string* page) {
  const std::filesystem::path dir = dir_name;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "cablesim run: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kExitInputError;
  }
  using Writer = std::function<void(std::ostream&)>;
  std::vector<std::pair<const char*, Writer>> files = {
      {"report.txt", [&](std::ostream& o) { WriteRunText(o, sim, s, summary); }},
      {"report.json", [&](std::ostream& o) { WriteRunJson(o, sim, s, summary); }},
      {"addressees.csv", [&](std::ostream& o) { o << AddresseesCsv(sim, s, summary); }},
      {"links.csv", [&](std::ostream& o) { o << LinksCsv(sim, s, summary); }},
      {"stations.csv", [&](std::ostream& o) { o << StationsCsv(sim, s, summary); }},
      {"timeseries.csv", [&](std::ostream& o) { o << TimeSeriesCsv(s, summary); }}};
  if (page) files.emplace_back("report.html", [&](std::ostream& o) { o << *page; });
  for (const auto& [name, write] : files) {
    if (const std::string e = WriteOutputFileWith((dir / name).string(), write); !e.empty()) {
      std::cerr << "cablesim run: " << e << "\n";
      return kExitInputError;
    }
  }
  std::cerr << "cablesim run: wrote report.txt, report.json, addressees.csv, links.csv, "
               "stations.csv, timeseries.csv"
            << (page ? ", report.html" : "") << " in " << dir.string() << "\n";
  return kExitOk;
}

// What the run wrote, where it was asked: the trace, or the report in the chosen format, to
// standard output, one file, a results database or a directory's files.
int WriteOutputs(const RunRequest& r, const Words& words, const RelaySimulation& sim,
                 const Scenario& s, const RunSummary& summary) {
  if (r.trace) {
    auto id = MessageForOption("run", "--trace", sim, s, *r.trace);
    if (!id) return kExitInputError;
    return WriteReport("run", r.out, MessageTrace(sim, s, *id));
  }
  if (IsDatabasePath(r.out)) return WriteRunDb(r.out, sim, s, summary, words);
  std::optional<std::string> page;
  if (r.format == "html") {
    std::vector<std::uint32_t> messages;
    for (const std::string& id : r.messages) {
      auto m = MessageForOption("run", "--message", sim, s, id);
      if (!m) return kExitInputError;
      messages.push_back(*m);
    }
    page = RunHtml(sim, s, summary, words, messages);
  }
  if (r.ToDirectory()) return WriteDirectory(r.out, sim, s, summary, page ? &*page : nullptr);
  return WriteReportWith("run", r.out, [&](std::ostream& o) {
    if (page) {
      o << *page;
    } else if (r.format == "json") {
      WriteRunJson(o, sim, s, summary);
    } else if (r.format == "csv") {
      o << AddresseesCsv(sim, s, summary);
    } else {
      WriteRunText(o, sim, s, summary);
    }
  });
}

}  // namespace

int RunCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words,
                          {{"format", true},
                           {"out", true},
                           {"seed", true},
                           {"discipline", true},
                           {"trace", true},
                           {"batches", true},
                           {"message", true, /*repeatable=*/true},
                           {"sample", true},
                           kMaxMessagesOption},
                          &err);
  if (!args) return UsageError("run", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("run", "expected one SCENARIO file");
  RunRequest request;
  if (const int code = ParseOptions(*args, &request); code != kExitOk) return code;
  int load_exit = kExitOk;
  auto scenario = LoadScenarioForCommand("run", args->positional()[0], *args, &load_exit);
  if (!scenario) return load_exit;
  const Scenario& s = *scenario;
  if (const int code = CheckSampleStep(request, s); code != kExitOk) return code;
  ShowLoadNotes("run", s, /*in_report=*/true);
  auto sim = Instantiate(s, request.seed.value_or(s.seed), request.discipline);
  const RunSummary summary = RunAndSummarize(request, s, *sim);
  return WriteOutputs(request, words, *sim, s, summary);
}

}  // namespace cablesim::cli
