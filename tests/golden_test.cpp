// Golden summaries: for every shipped scenario, what `cablesim run SCENARIO` computes, in a
// small readable record: the run's size, the conservation of every (message, addressee),
// the figures of each precedence (full precision) and the busiest link directions. They
// must stay what tests/golden/NAME.txt records; a mismatch prints the unified diff. A change
// that alters them on purpose rewrites the files with
//   CABLESIM_UPDATE_GOLDEN=1 build/dev/tests/golden_test
// and says why in its commit (the diff then shows what changed).
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/relay/relay_simulation.h"
#include "sim/report/delay_parts.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/report/summary_text.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_lists.h"
#include "sim/stats/run_summary.h"
#include "tests/cli_support.h"

namespace {

namespace fs = std::filesystem;

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string QuantileField(const char* name, const cablesim::Quantile& q) {
  return std::string(" ") + name + (q.at_least ? ">=" : "=") + Number(q.s);
}

// The record of one scenario run as `cablesim run` runs it.
std::string Summary(const cablesim::Scenario& s) {
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  cablesim::RunScenario(*sim, s);
  std::string out = "scenario " + s.name + ", seed " + std::to_string(s.seed) + ", discipline " +
                    std::string(cablesim::DisciplineName(s.options.discipline)) + "\n";
  out += "run: " + std::to_string(sim->messages().size()) + " messages, " +
         std::to_string(sim->copies_made()) + " copies, " + std::to_string(sim->events()) +
         " events, end " + cablesim::UtcTime(s, sim->now()) + "\n";
  out += "conservation: " + cablesim::ConservationText(sim->Count()) + "\n";
  for (const auto& [reason, n] : cablesim::ReasonsByWord(cablesim::UndeliverableReasons(*sim))) {
    out += "  undeliverable, " + std::string(reason) + ": " + std::to_string(n) + "\n";
  }
  const auto summary = cablesim::SummarizeLatency(*sim, s);
  for (cablesim::Precedence p : cablesim::kReportOrder) {
    const auto& r = summary[static_cast<std::size_t>(p)];
    if (r.addressed == 0) continue;
    out += std::string(cablesim::PrecedenceName(p)) + ": addressed=" + std::to_string(r.addressed) +
           " delivered=" + std::to_string(r.delivered) +
           " other_means=" + std::to_string(r.other_means) +
           " undeliverable=" + std::to_string(r.undeliverable) +
           " in_flight=" + std::to_string(r.in_flight) + " within=" + std::to_string(r.within) +
           " unresolved=" + std::to_string(r.unresolved) + "\n  mean_s=" + Number(r.mean_s) +
           QuantileField("p50_s", r.p50) + QuantileField("p95_s", r.p95) +
           QuantileField("p99_s", r.p99) + QuantileField("max_s", r.max) + "\n";
    const cablesim::AnatomyMeans parts =
        cablesim::MeansOf(sim->anatomy()[static_cast<std::size_t>(p)]);
    out += "  anatomy:";
    for (cablesim::DelayPart part : cablesim::kDelayParts) {
      if (parts[part] != 0)
        out += " " + std::string(cablesim::DelayPartInfo(part).key) + "_s=" + Number(parts[part]);
    }
    out += "\n";
  }
  const cablesim::RunSummary run_summary = cablesim::SummarizeRun(*sim, s, {});
  out += "busiest links:\n";
  for (std::size_t i = 0; i < run_summary.links.size() && i < 5; ++i) {
    const cablesim::LinkFigures& l = run_summary.links[i];
    out += "  " + cablesim::ChannelName(*sim, l.channel) + " utilisation=" + Number(l.utilisation) +
           " copies=" + std::to_string(l.copies) + " max_queue=" + std::to_string(l.max_queue) +
           " backlogged_s=" + Number(l.backlogged.seconds()) +
           " interruptions=" + std::to_string(l.interruptions) + "\n";
  }
  return out;
}

// `diff -u` of the golden record and the measured one.
std::string UnifiedDiff(const std::string& golden_path, const std::string& measured) {
  const std::string tmp = cablesim::testing::TempPath("golden_measured.txt");
  std::ofstream(tmp) << measured;
  const auto r = cablesim::testing::RunShell("diff -u '" + golden_path + "' '" + tmp + "'");
  std::remove(tmp.c_str());
  return r.out;
}

}  // namespace

TEST_CASE("every shipped scenario's summary is what its golden record says" *
          doctest::timeout(600)) {
  const fs::path dir = fs::path(CABLESIM_SOURCE_DIR) / "tests" / "golden";
  const bool update = std::getenv("CABLESIM_UPDATE_GOLDEN") != nullptr;
  int scenarios = 0;
  for (const auto& e : fs::directory_iterator(fs::path(CABLESIM_SOURCE_DIR) / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    const std::string name = e.path().stem().string();
    if (name.empty() || name[0] == '.') continue;  // a hidden file, not a shipped scenario
    ++scenarios;
    INFO(name);
    auto s = cablesim::LoadScenario(e.path().string());
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().ToString()));
    const std::string measured = Summary(*s);
    const fs::path golden = dir / (name + ".txt");
    if (update) {
      std::ofstream(golden) << measured;
      MESSAGE("rewrote " << golden.string());
      continue;
    }
    REQUIRE_MESSAGE(fs::exists(golden), "no golden record " << golden.string());
    const std::string recorded = cablesim::testing::ReadFile(golden.string());
    if (recorded != measured) FAIL_CHECK(UnifiedDiff(golden.string(), measured));
  }
  CHECK(scenarios >= 7);
}
