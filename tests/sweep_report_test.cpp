// sim/report/sweep_report.h: the sweep's tables, JSON and CSV from a result made by hand,
// so each figure is known exactly.
#include "sim/report/sweep_report.h"

#include <doctest/doctest.h>

#include "sim/scenario/scenario.h"
#include "tests/csv_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::Precedence;

// A replication where ROUTINE delivered its one addressee after `mean` seconds.
cablesim::ReplicationResult Routine(double mean) {
  cablesim::ReplicationResult r;
  auto& x = r.by_precedence[static_cast<std::size_t>(Precedence::kRoutine)];
  x.addressed = x.delivered = x.within = 1;
  x.mean_s = mean;
  x.p95 = x.max = {mean, false};
  return r;
}

// Loads 1 and 2 at two values of a key: load 2 after load 1 pairs with it; the first load of
// the second value pairs with nothing (its value differs from the point before).
cablesim::ExperimentResult TwoLoadsTwoValues() {
  cablesim::ExperimentResult r;
  r.scenario = "steps";
  r.replications = 3;
  r.disciplines = {cablesim::Discipline::kPriority};
  r.keys = {"reroute_after"};
  r.points = {{1, {"10m"}}, {2, {"10m"}}, {1, {"30m"}}, {2, {"30m"}}};
  // At 10m, load 2 minus load 1 per replication: 4, 5, 6 (mean 5, s 1: ±4.303/sqrt(3)).
  r.runs = {{{Routine(10), Routine(20), Routine(30)}},
            {{Routine(14), Routine(25), Routine(36)}},
            {{Routine(10), Routine(20), Routine(30)}},
            {{Routine(9), Routine(19), Routine(29)}}};
  return r;
}

}  // namespace

TEST_CASE("a sweep pairs each load with the load before it, under common random numbers") {
  const auto r = TwoLoadsTwoValues();
  const auto tables = cablesim::SweepTables(r);
  REQUIRE(tables.size() == 1);
  const auto& columns = tables[0].columns;
  const auto step = std::find(columns.begin(), columns.end(), cablesim::kStepColumn);
  REQUIRE(step != columns.end());
  const auto k = static_cast<std::size_t>(step - columns.begin());
  REQUIRE(tables[0].rows.size() == 4);
  CHECK(tables[0].rows[0][k].empty());  // the first load: nothing before it
  CHECK(tables[0].rows[1][k] == "+5.00s ±2.48s");
  CHECK(tables[0].rows[2][k].empty());  // a new value of the key: not paired with 2 x at 10m
  CHECK(tables[0].rows[3][k] == "-1.00s ±0ms");
  cablesim::testing::Json json = cablesim::testing::Json::parse(cablesim::SweepJson(r));
  // Load 2 at 10m, paired with load 1 at 10m.
  cablesim::testing::Json paired;
  for (auto& point : json["points"]) {
    if (point["load"] == 2 && point["vary"]["reroute_after"] == "10m") paired = point;
  }
  CHECK(cablesim::testing::FieldMismatches(paired, R"({"precedence":"ROUTINE",
      "previous_load":1,"mean_minus_previous_load_s":5})"_json) == "");
  CHECK(paired["mean_minus_previous_load_ci_s"][0] >= 2.515);  // 5 - 2.484...
  CHECK(paired["mean_minus_previous_load_ci_s"][0] < 2.516);
  const auto csv = cablesim::testing::ParseCsv(cablesim::SweepCsv(r));
  const auto row = [&](const char* load, const char* reroute_after) {
    return csv.One({{"load", load},
                    {"reroute_after", reroute_after},
                    {"discipline", "priority"},
                    {"precedence", "ROUTINE"}});
  };
  const cablesim::testing::CsvFields three_delivered = {
      {"addressed", "3"}, {"in_flight", "0"}, {"unresolved", "0"}};
  CHECK(row("2", "10m").Mismatches(three_delivered) == "");
  CHECK(row("2", "10m")
            .Mismatches({{"mean_s", "25.000000"},
                         {"mean_ci_low", "0.000000"},
                         {"mean_ci_high", "52.327720"},
                         {"mean_minus_previous_load_s", "5.000000"},
                         {"mean_minus_previous_load_ci_low", "2.515662"},
                         {"mean_minus_previous_load_ci_high", "7.484338"}}) == "");
  CHECK(row("1", "30m").Mismatches(three_delivered) == "");
  CHECK(row("1", "30m")
            .Mismatches({{"mean_s", "20.000000"},
                         {"mean_ci_low", "0.000000"},
                         {"mean_ci_high", "44.843382"},
                         {"mean_minus_previous_load_s", ""},
                         {"mean_minus_previous_load_ci_low", ""},
                         {"mean_minus_previous_load_ci_high", ""}}) == "");
  CHECK(row("2", "30m").Mismatches(three_delivered) == "");
  CHECK(row("2", "30m")
            .Mismatches({{"mean_s", "19.000000"},
                         {"mean_ci_low", "0.000000"},
                         {"mean_ci_high", "43.843382"},
                         {"mean_minus_previous_load_s", "-1.000000"},
                         {"mean_minus_previous_load_ci_low", "-1.000000"},
                         {"mean_minus_previous_load_ci_high", "-1.000000"}}) == "");
  CHECK(cablesim::SweepText(r).find("mean - prev. load: this row's mean minus") !=
        std::string::npos);
}

TEST_CASE("one load: no paired column") {
  auto r = TwoLoadsTwoValues();
  r.points = {{1, {"10m"}}, {1, {"30m"}}};
  r.runs.resize(2);
  const auto tables = cablesim::SweepTables(r);
  const auto& columns = tables[0].columns;
  CHECK(std::find(columns.begin(), columns.end(), cablesim::kStepColumn) == columns.end());
  CHECK(cablesim::SweepJson(r).find("previous_load") == std::string::npos);
}

TEST_CASE(
    "the undeliverable are a column of the tables when there are any, and always in "
    "JSON and CSV") {
  auto r = TwoLoadsTwoValues();
  const auto has_column = [](const cablesim::ExperimentResult& x) {
    const auto tables = cablesim::SweepTables(x);
    const auto& columns = tables[0].columns;
    return std::find(columns.begin(), columns.end(), "undeliverable") != columns.end();
  };
  CHECK_FALSE(has_column(r));
  // One replication's ROUTINE addressee at load 2 (10m) given up: undeliverable, a miss.
  auto& x = r.runs[1][0][2].by_precedence[static_cast<std::size_t>(Precedence::kRoutine)];
  x.delivered = x.within = 0;
  x.undeliverable = 1;
  x.mean_s = 0;
  x.p95 = x.max = {0, false};
  REQUIRE(has_column(r));
  const auto tables = cablesim::SweepTables(r);
  const auto& columns = tables[0].columns;
  const auto at = static_cast<std::size_t>(
      std::find(columns.begin(), columns.end(), "undeliverable") - columns.begin());
  CHECK(columns[at - 1] == "unresolved");
  CHECK(tables[0].rows[1][at] == "1");  // load 2 at 10m, over its three replications
  CHECK(tables[0].rows[0][at] == "0");
  CHECK(cablesim::SweepText(r).find(" undeliverable ") != std::string::npos);
  const auto csv = cablesim::testing::ParseCsv(cablesim::SweepCsv(r));
  CHECK(csv.One({{"load", "2"}, {"reroute_after", "10m"}})
            .Mismatches({{"undeliverable", "1"}, {"other_means", "0"}}) == "");
  const auto json = cablesim::testing::Json::parse(cablesim::SweepJson(r));
  CHECK(json["points"][1]["undeliverable"] == 1);
  CHECK(json["points"][0]["undeliverable"] == 0);
}

TEST_CASE("the share axis of the sweep's plot shows 95% against 100%") {
  // Every share is 100% of 3,000 (its Wilson interval above 99%): the axis starts at 75%
  // (80% less a margin), in steps of 5%, in percent; the 95% line is drawn.
  cablesim::ExperimentResult r = TwoLoadsTwoValues();
  r.keys.clear();
  r.points = {{1, {}}, {2, {}}};
  r.runs.resize(2);
  for (auto& point : r.runs) {
    for (auto& run : point[0]) {
      auto& y = run.by_precedence[static_cast<std::size_t>(Precedence::kRoutine)];
      y.addressed = y.delivered = y.within = 1000;
    }
  }
  const std::string script =
      cablesim::SweepGnuplotScript(r, "curves.svg", cablesim::PlotFormat::kSvg);
  CHECK(script.find("set yrange [75:100.5]\nset ytics 5\nset format y '%.0f%%'\n") !=
        std::string::npos);
  CHECK(script.find("plot 95 with lines") != std::string::npos);
  // A share far lower takes the axis down with it, in steps of 10% below 60%.
  auto& x = r.runs[1][0][0].by_precedence[static_cast<std::size_t>(Precedence::kRoutine)];
  x.within = 300;  // 30% of 1,000 in one replication
  const std::string low = cablesim::SweepGnuplotScript(r, "curves.svg", cablesim::PlotFormat::kSvg);
  CHECK(low.find("set ytics 10\n") != std::string::npos);
  CHECK(low.find("set yrange [75:") == std::string::npos);
}

TEST_CASE("sweep writes its intervals as compare does (one function for both)") {
  auto r = TwoLoadsTwoValues();
  r.points = {{1, {"10m"}}};
  // 100, 110, 120 s: mean 110, s 10, t(0.975, 2) = 4.303: half-width 24.843 s.
  r.runs = {{{Routine(100), Routine(110), Routine(120)}}};
  const auto tables = cablesim::SweepTables(r);
  REQUIRE(tables.size() == 1);
  const auto& columns = tables[0].columns;
  const auto mean = std::find(columns.begin(), columns.end(), "mean");
  REQUIRE(mean != columns.end());
  const std::string cell = tables[0].rows[0][static_cast<std::size_t>(mean - columns.begin())];
  CHECK(cell ==
        "1m 50s \xC2\xB1"
        "24.8s");  // it was "1m 50s ±24.843s"
  const cablesim::Figure f =
      cablesim::FigureOver(r.runs[0][0], Precedence::kRoutine, cablesim::Metric::kMean);
  CHECK(cablesim::FigureCell(f) == cell);
  CHECK(cablesim::SweepText(r).find(cell) != std::string::npos);
  CHECK(cablesim::CompareText(r).find(cell) != std::string::npos);
}

namespace {

// One point of operator-capacity's network (RAAA - RRLY - RBBB, RRLY with one operator):
// each replication's relay operator busy 25% or 50% (exact in binary), a link direction 10%.
cablesim::ExperimentResult BusyOperators(const cablesim::Scenario& s) {
  auto r = TwoLoadsTwoValues();
  r.keys.clear();
  r.points = {{1, {}}};
  r.network = s.network.get();
  r.runs = {{{Routine(10), Routine(20)}}};
  for (auto& run : r.runs[0][0]) run.channel_utilisation = {0.10, 0.05, 0.05, 0.05};
  r.runs[0][0][0].operator_utilisation = {{1, 0.25}};
  r.runs[0][0][1].operator_utilisation = {{1, 0.5}};
  return r;
}

}  // namespace

TEST_CASE("the busiest resource of a sweep's row is a station's operators when they are") {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/tests/data/operator-capacity.yaml");
  REQUIRE(s.ok());
  auto r = BusyOperators(*s);
  const auto tables = cablesim::SweepTables(r);
  REQUIRE(tables.size() == 1);
  CHECK(tables[0].columns.back() == "busiest");
  REQUIRE(tables[0].rows.size() == 1);
  CHECK(tables[0].rows[0].back() == "RRLY operators 37.5%");  // was "RAAA>RRLY 10.0%"
  CHECK(cablesim::SweepText(r).find("RRLY operators 37.5%") != std::string::npos);
  using cablesim::testing::FieldMismatches;
  using cablesim::testing::Json;
  using cablesim::testing::ParseCsv;
  const Json point = Json::parse(cablesim::SweepJson(r))["points"][0];
  CHECK(FieldMismatches(point, R"({"bottleneck":"RRLY","bottleneck_kind":"operators",
      "utilisation":0.375})"_json) == "");
  const auto csv = ParseCsv(cablesim::SweepCsv(r));
  CHECK(csv.header.back() == "bottleneck_kind");
  CHECK(csv.One({{"precedence", "ROUTINE"}})
            .Mismatches({{"bottleneck", "RRLY"},
                         {"utilisation", "0.375000"},
                         {"bottleneck_kind", "operators"}}) == "");
  // Operators less busy than the link: the link, named by its direction.
  for (auto& run : r.runs[0][0]) run.operator_utilisation = {{1, 0.05}};
  CHECK(cablesim::SweepTables(r)[0].rows[0].back() == "RAAA>RRLY 10.0%");
  CHECK(FieldMismatches(Json::parse(cablesim::SweepJson(r))["points"][0],
                        R"({"bottleneck":"RAAA>RRLY","bottleneck_kind":"link",
                            "utilisation":0.1})"_json) == "");
  CHECK(ParseCsv(cablesim::SweepCsv(r))
            .One({{"precedence", "ROUTINE"}})
            .Mismatches({{"bottleneck", "RAAA>RRLY"},
                         {"utilisation", "0.100000"},
                         {"bottleneck_kind", "link"}}) == "");
  // Nothing measured: every bottleneck key is there, null.
  r.runs = {{{Routine(10)}}};
  CHECK(FieldMismatches(Json::parse(cablesim::SweepJson(r))["points"][0],
                        R"({"bottleneck":null,"bottleneck_kind":null,"utilisation":null})"_json) ==
        "");
}
