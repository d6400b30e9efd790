// cablesim run SCENARIO [--format text|json|csv|html] [--out FILE|DIR] [--seed N]
//                       [--discipline D] [--trace ID] [--batches N] [--message ID]...
#include <filesystem>
#include <iostream>

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
  const std::string format = args->Get("format", "text");
  if (const std::string e = ReportFormatProblem(format); !e.empty()) {
    return UsageError("run", e);
  }
  if (args->Has("message") && format != "html") {
    return UsageError("run",
                      "--message names routing trees for --format html (for one message's hops "
                      "as text use --trace; as a picture, dot --message)");
  }
  if (args->Has("trace") && format != "text") {
    return UsageError("run", "--trace prints a text trace; --format " + format +
                                 " is for reports (use run --format json for every hop of "
                                 "every delivery)");
  }
  std::optional<Discipline> discipline;
  if (args->Has("discipline")) {
    discipline = ParseDiscipline(args->Get("discipline"));
    if (!discipline)
      return UsageError("run", "--discipline: " + UnknownDiscipline(args->Get("discipline")));
  }
  SummaryOptions options;
  if (args->Has("batches")) {
    auto n = ParseInteger(args->Get("batches"), 2, 1000, &err);
    if (!n) return UsageError("run", "--batches: " + err);
    options.batches = static_cast<int>(*n);
  }
  std::optional<std::uint64_t> seed;
  if (args->Has("seed")) {
    seed = ParseSeed(args->Get("seed"), &err);
    if (!seed) return UsageError("run", "--seed: " + err);
  }

  std::optional<Duration> sample_step;  // given by hand; automatic when recorded without
  if (args->Has("sample") && args->Get("sample") != "auto") {
    sample_step = ParseDuration(args->Get("sample"), &err);
    if (!sample_step) return UsageError("run", "--sample: " + err);
    if (*sample_step <= Duration()) {
      return UsageError("run", "--sample: a step must be longer than 0s (or 'auto')");
    }
  }
  if (args->Has("sample") && args->Has("trace")) {
    return UsageError("run", "--sample records a run over time for its reports; --trace has none");
  }

  int load_exit = kExitOk;
  auto scenario = LoadScenarioForCommand("run", args->positional()[0], *args, &load_exit);
  if (!scenario) return load_exit;
  const Scenario& s = *scenario;
  if (sample_step) {
    if (const auto end = ScenarioEnd(s);
        end && end->ns() / sample_step->ns() >= static_cast<std::int64_t>(kMaxSamples)) {
      return UsageError("run", "--sample " + args->Get("sample") + ": " +
                                   std::to_string(end->ns() / sample_step->ns() + 1) +
                                   " samples over the run's " + FormatDuration(*end) +
                                   "; at most " + std::to_string(kMaxSamples) +
                                   " (a longer step, or 'auto' for about " +
                                   std::to_string(kAutoSamples) + ")");
    }
  }
  // The first few warnings on stderr; every one is in the report.
  constexpr std::size_t kShown = 10;
  for (std::size_t i = 0; i < s.warnings.size() && i < kShown; ++i) {
    std::cerr << s.warnings[i] << "\n";
  }
  if (s.warnings.size() > kShown) {
    std::cerr << "... and " << s.warnings.size() - kShown << " more warnings (see the report)\n";
  }
  if (!s.skipped.empty()) {
    std::cerr << "cablesim run: " << s.skipped.size()
              << " cable(s) skipped at load (on_error: skip); the report lists them\n";
  }
  const std::uint64_t used_seed = seed.value_or(s.seed);
  auto sim = Instantiate(s, used_seed, discipline);
  // A text report to one place needs no copy's history (hops are for JSON, CSV, HTML and
  // the trace): their slots are reused, so memory follows what is in flight.
  if (format == "text" && !args->Has("trace") &&
      !(args->Has("out") && IsOutputDirectory(args->Get("out")))) {
    sim->set_keep_copies(false);
  }
  // The run over time: asked for, or for the files of a directory and the HTML page.
  const bool to_directory = args->Has("out") && IsOutputDirectory(args->Get("out"));
  std::optional<TimeSeriesRecorder> recorder;
  if (!args->Has("trace") && (args->Has("sample") || to_directory || format == "html")) {
    recorder.emplace(*sim, sample_step.value_or(AutoSampleStep(s)),
                     sample_step ? kMaxSamples : kAutoSamples);
    sim->set_listener(&*recorder, SimTime());
  }
  const RunCompletion completion = RunScenario(*sim, s);
  options.seed = used_seed;
  options.completion = completion;
  options.discipline = discipline.value_or(s.options.discipline);
  // Every report format renders the one summary of the run (a trace needs none).
  RunSummary summary = args->Has("trace") ? RunSummary{} : SummarizeRun(*sim, s, options);
  if (recorder) summary.timeseries = recorder->Finish(*sim);
  if (sample_step && summary.timeseries && summary.timeseries->step != *sample_step) {
    // A run with no planned end is only known to be long once it is over: say what was done.
    std::cerr << "cablesim run: --sample " << args->Get("sample") << ": the run lasted "
              << FormatDuration(sim->now() - SimTime()) << ", so the step was doubled to "
              << FormatDuration(summary.timeseries->step) << " to keep at most " << kMaxSamples
              << " samples\n";
  }

  // What to write: the trace, or the report in the chosen format; to stdout, one file, or
  // the three files of a directory.
  std::string report;
  if (args->Has("trace")) {
    auto id = MessageForOption("run", "--trace", *sim, s, args->Get("trace"));
    if (!id) return kExitInputError;
    report = MessageTrace(*sim, s, *id);
  } else if (format == "json") {
    report = RunReportJson(*sim, s, summary);
  } else if (format == "csv") {
    report = AddresseesCsv(*sim, s, summary);
  } else if (format == "html") {
    std::vector<std::uint32_t> messages;
    for (const std::string& id : args->GetAll("message")) {
      auto m = MessageForOption("run", "--message", *sim, s, id);
      if (!m) return kExitInputError;
      messages.push_back(*m);
    }
    report = RunHtml(*sim, s, summary, words, messages);
  } else {
    report = RunReportText(*sim, s, summary);
  }
  if (!args->Has("out")) {
    PrintOut(report);
    return kExitOk;
  }
  const std::string out = args->Get("out");
  if (IsDatabasePath(out) && !args->Has("trace")) return WriteRunDb(out, *sim, s, summary, words);
  if (!IsOutputDirectory(out) || args->Has("trace")) return WriteReport("run", out, report);
  const std::filesystem::path dir = out;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::cerr << "cablesim run: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kExitInputError;
  }
  std::vector<std::pair<const char*, std::string>> files = {
      {"report.txt", RunReportText(*sim, s, summary)},
      {"report.json", RunReportJson(*sim, s, summary)},
      {"addressees.csv", AddresseesCsv(*sim, s, summary)},
      {"links.csv", LinksCsv(*sim, s, summary)},
      {"stations.csv", StationsCsv(*sim, s, summary)},
      {"timeseries.csv", TimeSeriesCsv(s, summary)}};
  if (format == "html") files.emplace_back("report.html", report);
  for (const auto& [name, text] : files) {
    if (const std::string e = WriteOutputFile((dir / name).string(), text); !e.empty()) {
      std::cerr << "cablesim run: " << e << "\n";
      return kExitInputError;
    }
  }
  std::cerr << "cablesim run: wrote report.txt, report.json, addressees.csv, links.csv, "
               "stations.csv, timeseries.csv"
            << (format == "html" ? ", report.html" : "") << " in " << dir.string() << "\n";
  return kExitOk;
}

}  // namespace cablesim::cli
