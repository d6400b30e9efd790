// sim/report/anatomy_report.h and the anatomy's means over replications
// (sim/experiment/results.h): the table, the bars and the JSON keys say where a mean went,
// and the parts always add up to the mean they explain.
#include "sim/report/anatomy_report.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "sim/experiment/results.h"
#include "sim/report/delay_parts.h"
#include "tests/json_support.h"

namespace {

using cablesim::AnatomyMeans;
using cablesim::AnatomyRow;
using cablesim::DelayPart;

AnatomyMeans Means(std::uint64_t deliveries, double queued, double sending, double outage) {
  AnatomyMeans m;
  m.deliveries = deliveries;
  m.part_s[static_cast<std::size_t>(DelayPart::kQueued)] = queued;
  m.part_s[static_cast<std::size_t>(DelayPart::kTransmitting)] = sending;
  m.part_s[static_cast<std::size_t>(DelayPart::kOutage)] = outage;
  return m;
}

cablesim::AnatomyTally Tally(std::uint64_t deliveries, std::int64_t queued_ns,
                             std::int64_t sending_ns) {
  cablesim::AnatomyTally t;
  t.deliveries = deliveries;
  t.sum_ns[static_cast<std::size_t>(DelayPart::kQueued)] = queued_ns;
  t.sum_ns[static_cast<std::size_t>(DelayPart::kTransmitting)] = sending_ns;
  return t;
}

}  // namespace

TEST_CASE("the anatomy's text: the parts used, their sum as the mean, bars to one scale") {
  const std::vector<AnatomyRow> rows = {
      {"IMMEDIATE", "", Means(4, 10, 30, 0), false},
      {"ROUTINE", "", Means(2, 60, 30, 10), true},
      {"FLASH", "", Means(0, 0, 0, 0), false},
  };
  const std::string text = cablesim::AnatomyText(rows);
  // Only the parts some row spent time in; the mean is their sum; '*' marks a partial mean.
  CHECK(text.find("  precedence delivered      queued     sending      outage      = mean\n") !=
        std::string::npos);
  CHECK(text.find("  IMMEDIATE          4       10.0s       30.0s           0      40.0s\n") !=
        std::string::npos);
  CHECK(text.find("  ROUTINE            2      1m 00s       30.0s       10.0s     1m 40s*\n") !=
        std::string::npos);
  CHECK(text.find("  FLASH              0           -           -           -          -\n") !=
        std::string::npos);
  // 50 characters are the longest mean (100 s): IMMEDIATE's 40 s are 20, 5 queued and 15 sent.
  CHECK(text.find("(50 characters = 1m 40s)") != std::string::npos);
  CHECK(text.find("  IMMEDIATE  |QQQQQTTTTTTTTTTTTTTT\n") != std::string::npos);
  CHECK(text.find("  ROUTINE    |" + std::string(30, 'Q') + std::string(15, 'T') +
                  std::string(5, 'D') + "\n") != std::string::npos);
  CHECK(text.find("  FLASH      |") == std::string::npos);  // no deliveries, no bar
  CHECK(text.find("Q queued behind other traffic; T transmitting; D waiting out outages\n") !=
        std::string::npos);
  CHECK(cablesim::AnatomyText({{"FLASH", "", Means(0, 0, 0, 0), false}}).empty());
}

TEST_CASE("the anatomy's JSON keys: every part, and their total") {
  cablesim::JsonWriter w;
  w.BeginObject();
  cablesim::WriteAnatomyKeys(Means(3, 1.5, 2, 0.25), &w);
  w.EndObject();
  CHECK(w.str() ==
        "{\"deliveries\":3,\"operator_wait_s\":0,\"processing_s\":0,\"queued_s\":1.5,"
        "\"transmitting_s\":2,\"preemption_s\":0,\"outage_s\":0.25,\"propagation_s\":0,"
        "\"minimized_s\":0,\"rerun_s\":0,\"total_s\":3.75}");
}

TEST_CASE("the anatomy over replications averages each replication's means, as the mean does") {
  // Replication 1: 2 deliveries, 10 s and 30 s queued (mean 20), 2 s sent each.
  // Replication 2: 1 delivery, 50 s queued, 4 s sent. Replication 3: none delivered.
  std::vector<cablesim::ReplicationResult> runs(3);
  const auto k = static_cast<std::size_t>(cablesim::Precedence::kRoutine);
  runs[0].anatomy[k] = Tally(2, 40'000'000'000, 4'000'000'000);
  runs[0].by_precedence[k].delivered = 2;
  runs[0].by_precedence[k].mean_s = 22;
  runs[1].anatomy[k] = Tally(1, 50'000'000'000, 4'000'000'000);
  runs[1].by_precedence[k].delivered = 1;
  runs[1].by_precedence[k].mean_s = 54;
  const AnatomyMeans m = cablesim::AnatomyOver(runs, cablesim::Precedence::kRoutine);
  CHECK(m.deliveries == 3);
  CHECK(m[DelayPart::kQueued] == 35);  // (20 + 50) / 2: replication 3 delivered none
  CHECK(m[DelayPart::kTransmitting] == 3);
  const auto mean =
      cablesim::FigureOver(runs, cablesim::Precedence::kRoutine, cablesim::Metric::kMean);
  CHECK(m.Total() == mean.e.mean);  // 38: the parts add up to the mean compare prints
}

TEST_CASE("the anatomy's picture: a bar per row with deliveries, a legend of the parts used") {
  const std::vector<AnatomyRow> rows = {
      {"ROUTINE", "fifo", Means(2, 60, 30, 0), false},
      {"ROUTINE", "priority", Means(2, 70, 30, 0), false},
      {"FLASH", "fifo", Means(0, 0, 0, 0), false},
  };
  const std::string svg = cablesim::AnatomySvg(rows);
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
  CHECK(svg.find("ROUTINE  priority") != std::string::npos);
  CHECK(svg.find("FLASH  fifo") == std::string::npos);
  CHECK(svg.find("<title>queued behind other traffic: 1m 10s</title>") != std::string::npos);
  CHECK(svg.find(">waiting out outages<") == std::string::npos);  // unused: not in the legend
  CHECK(svg.find(">transmitting<") != std::string::npos);
  CHECK(cablesim::AnatomySvg({}).empty());
}

TEST_CASE("every writer of the anatomy reads the one table of parts, every part of it") {
  // A row that spent time in every part, 1 s in the first, 2 s in the second, ...
  AnatomyMeans every;
  every.deliveries = 1;
  for (std::size_t k = 0; k < cablesim::kDelayPartCount; ++k) {
    every.part_s[k] = static_cast<double>(k + 1);
  }
  const std::vector<AnatomyRow> rows = {{"ROUTINE", "", every, false}};
  const std::string text = cablesim::AnatomyText(rows);
  const std::string svg = cablesim::AnatomySvg(rows);
  const cablesim::HtmlTable table = cablesim::AnatomyHtmlTable(rows);
  cablesim::JsonWriter w;
  w.BeginObject();
  cablesim::WriteAnatomyKeys(every, &w);
  w.EndObject();
  cablesim::testing::Json written = cablesim::testing::Json::parse(w.str());
  std::string bar;  // 50 characters for 45 s: part k ends at round(50 * (1 + ... + k) / 45)
  double cumulative = 0;
  for (const cablesim::DelayPartRow& row : cablesim::kDelayPartRows) {
    CAPTURE(row.key);
    cumulative += static_cast<double>(static_cast<std::size_t>(row.part) + 1);
    bar.resize(static_cast<std::size_t>(std::lround(cumulative * 50 / 45)), row.letter);
    CHECK(text.find(std::string(1, row.letter) + " " + std::string(row.name)) != std::string::npos);
    CHECK(text.find(" " + std::string(row.short_name)) != std::string::npos);
    CHECK(svg.find("fill=\"" + std::string(row.colour) + "\"><title>" + std::string(row.name) +
                   ": ") != std::string::npos);
    CHECK(svg.find("fill=\"" + std::string(row.colour) + "\"/><text") != std::string::npos);
    CHECK(std::find(table.columns.begin(), table.columns.end(), std::string(row.short_name)) !=
          table.columns.end());
    CHECK(table.notes.at(0).find(std::string(row.short_name) + " (" + std::string(row.meaning) +
                                 ")") != std::string::npos);
    CHECK(written[std::string(row.key) + "_s"] ==
          static_cast<double>(static_cast<std::size_t>(row.part) + 1));
  }
  CHECK(text.find("  ROUTINE    |" + bar + "\n") != std::string::npos);
  CHECK(table.columns.size() == 1 + 1 + cablesim::kDelayPartCount + 1);
}
