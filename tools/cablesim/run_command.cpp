// cablesim run SCENARIO [--format text|json|csv] [--out DIR] [--seed N] [--discipline D]
//                       [--trace ID] [--batches N]
#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/report/message_trace.h"
#include "sim/report/run_report.h"
#include "sim/scenario/scenario.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim run SCENARIO [--format text|json|csv] [--out DIR] [--seed N]\n"
    "                    [--discipline D] [--trace MESSAGE_ID] [--batches N]\n"
    "\n"
    "Files every message of the scenario, relays it hop by hop and reports delivery timing.\n"
    "  --format text   a report for a person (default): latency by precedence, slowest\n"
    "                  deliveries, busiest links, conservation of every (message, addressee)\n"
    "  --format json   the same as JSON, with every delivery and its hops\n"
    "  --format csv    one row per delivery\n"
    "  --out DIR       also write report.txt, report.json and deliveries.csv into DIR\n"
    "  --seed N        replace the scenario's seed\n"
    "  --discipline D  fifo, priority, preempt-restart or preempt-resume, everywhere\n"
    "  --trace ID      print instead every hop of message ID, with the heading each station\n"
    "                  transmitted (ids are shown in the reports, e.g. 'RUEHC 0837')\n"
    "  --batches N     batch means: split the time after the warm-up into N equal batches by\n"
    "                  filing time and give 95% intervals for the mean and p95 per precedence\n"
    "                  from one run, with the batch means' lag-1 autocorrelation\n"
    "\n"
    "Every latency figure covers the addressees of messages filed after the warm-up; those\n"
    "still in flight at the end count as not within objective and make quantiles lower\n"
    "bounds ('> 6h 12m'). README.md, 'Reading the numbers', says what each figure covers.\n";

bool WriteFile(const std::filesystem::path& p, const std::string& text, std::string* err) {
  std::ofstream out(p, std::ios::binary);
  out << text;
  if (!out) {
    *err = "cannot write " + p.string();
    return false;
  }
  return true;
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
                           {"batches", true}},
                          &err);
  if (!args) return UsageError("run", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  if (args->positional().size() != 1) return UsageError("run", "expected one SCENARIO file");
  const std::string format = args->Get("format", "text");
  if (format != "text" && format != "json" && format != "csv") {
    return UsageError("run", "--format must be text, json or csv, not '" + format + "'");
  }
  std::optional<Discipline> discipline;
  if (args->Has("discipline")) {
    discipline = ParseDiscipline(args->Get("discipline"));
    if (!discipline) {
      return UsageError("run",
                        "--discipline must be fifo, priority, preempt-restart or "
                        "preempt-resume, not '" +
                            args->Get("discipline") + "'");
    }
  }
  RunReportOptions options;
  if (args->Has("batches")) {
    auto n = ParseInteger(args->Get("batches"), 2, 1000, &err);
    if (!n) return UsageError("run", "--batches: " + err);
    options.batches = static_cast<int>(*n);
  }
  std::optional<std::uint64_t> seed;
  if (args->Has("seed")) {
    auto v = ParseInteger(args->Get("seed"), 0, 1LL << 62, &err);
    if (!v) return UsageError("run", "--seed: " + err);
    seed = static_cast<std::uint64_t>(*v);
  }

  auto scenario = LoadScenario(args->positional()[0]);
  if (!scenario) {
    std::cerr << "cablesim run: " << scenario.error().ToString() << "\n";
    return kExitInputError;
  }
  const Scenario& s = *scenario;
  for (const auto& w : s.warnings) std::cerr << w << "\n";
  const std::uint64_t used_seed = seed.value_or(s.seed);
  auto sim = Instantiate(s, used_seed, discipline);
  sim->Run(RunEnd(s));
  const Discipline shown = discipline.value_or(s.options.discipline);

  if (args->Has("trace")) {
    auto id = sim->FindMessage(args->Get("trace"));
    if (!id) {
      std::cerr << "cablesim run: no message '" << args->Get("trace") << "' in " << s.name
                << " (ids appear in the reports; e.g. the first is '"
                << (sim->messages().empty() ? "" : sim->messages().front().id) << "')\n";
      return kExitInputError;
    }
    std::cout << MessageTrace(*sim, s, *id);
    return kExitOk;
  }
  if (format == "json")
    std::cout << RunReportJson(*sim, s, used_seed, shown, options);
  else if (format == "csv")
    std::cout << DeliveriesCsv(*sim, s);
  else
    std::cout << RunReportText(*sim, s, used_seed, shown, options);

  if (args->Has("out")) {
    const std::filesystem::path dir = args->Get("out");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
      std::cerr << "cablesim run: cannot create " << dir.string() << ": " << ec.message() << "\n";
      return kExitInputError;
    }
    if (!WriteFile(dir / "report.txt", RunReportText(*sim, s, used_seed, shown, options), &err) ||
        !WriteFile(dir / "report.json", RunReportJson(*sim, s, used_seed, shown, options), &err) ||
        !WriteFile(dir / "deliveries.csv", DeliveriesCsv(*sim, s), &err)) {
      std::cerr << "cablesim run: " << err << "\n";
      return kExitInputError;
    }
    std::cerr << "cablesim run: wrote report.txt, report.json, deliveries.csv in " << dir.string()
              << "\n";
  }
  return kExitOk;
}

}  // namespace cablesim::cli
