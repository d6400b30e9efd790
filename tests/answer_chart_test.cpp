// The chart a compare or sweep page opens with: each precedence in its palette colour, a
// circle per mean and a diamond per p95 with their intervals, an arrow on a p95 that is only
// a lower bound, panels and categories from the experiment.
#include "sim/report/answer_chart.h"

#include <doctest/doctest.h>

#include "cli_support.h"
#include "sim/report/palette.h"

using cablesim::testing::CountOf;

namespace {

using cablesim::Figure;
using cablesim::Precedence;

Figure Est(double mean, double lo, double hi, int n = 10) {
  return Figure{cablesim::Estimate{mean, lo, hi, n}, false, false};
}

// A replication where FLASH and ROUTINE each delivered one addressee after the given times.
cablesim::ReplicationResult Delivered(double flash, double routine) {
  cablesim::ReplicationResult r;
  for (const auto& [p, m] :
       {std::pair{Precedence::kFlash, flash}, std::pair{Precedence::kRoutine, routine}}) {
    auto& x = r.by_precedence[static_cast<std::size_t>(p)];
    x.addressed = x.delivered = x.within = 1;
    x.mean_s = m;
    x.p95 = x.max = {m, false};
  }
  return r;
}

}  // namespace

TEST_CASE("the chart draws every mean and p95 in its precedence's colour, with intervals") {
  cablesim::ChartPanel panel;
  panel.categories = {"fifo", "priority"};
  Figure bound = Est(300, 300, 300);
  bound.at_least = true;
  panel.series = {
      {Precedence::kFlash, {{Est(40, 30, 50), Est(90, 80, 100)}, {Est(5, 4, 6), Est(9, 8, 10)}}},
      {Precedence::kRoutine,
       {{Est(100, 90, 110), bound}, {Est(200, 150, 250), Est(400, 380, 420)}}}};
  const std::string svg = cablesim::AnswerChartSvg({panel}, "discipline");
  REQUIRE(svg.rfind("<svg", 0) == 0);
  CHECK(CountOf(svg, "<circle") == 4 + 1);  // four means and the legend's
  // Each precedence's marks and its legend swatch in its colour, and no precedence absent.
  for (Precedence p : {Precedence::kFlash, Precedence::kRoutine}) {
    const std::string colour(cablesim::PrecedenceColour(p));
    CHECK(CountOf(svg, "fill=\"" + colour + "\"") == 2 + 1);  // two means, the swatch
  }
  CHECK(svg.find(std::string(cablesim::PrecedenceColour(Precedence::kImmediate))) ==
        std::string::npos);
  // The tooltips give the figure as the tables do; the lower bound has no interval.
  CHECK(svg.find("<title>FLASH, fifo, mean: 40.0s ±10.0s</title>") != std::string::npos);
  CHECK(svg.find("<title>ROUTINE, fifo, p95: &gt; 5m 00s</title>") != std::string::npos);
  CHECK(CountOf(svg, "v-12m-3 4l3 -4l3 4") == 1 + 1);  // the bound's arrow and the legend's
  CHECK(svg.find(">discipline</text>") != std::string::npos);
  CHECK(svg.find(">fifo</text>") != std::string::npos);
  CHECK(svg.find(">filing to delivery (log scale)</text>") != std::string::npos);
  // Nothing to draw: no chart.
  cablesim::ChartPanel empty;
  empty.categories = {"fifo"};
  empty.series = {{Precedence::kFlash, {{Figure{}, Figure{}}}}};
  CHECK(cablesim::AnswerChartSvg({empty}, "discipline").empty());
}

TEST_CASE(
    "the compare chart has a category per discipline and the sweep's a panel per discipline") {
  cablesim::ExperimentResult c;
  c.disciplines = {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority};
  c.points = {{}};
  c.runs = {{{Delivered(10, 100), Delivered(12, 120)}, {Delivered(2, 130), Delivered(3, 150)}}};
  const auto compare = cablesim::CompareChartPanels(c);
  REQUIRE(compare.size() == 1);
  CHECK(compare[0].categories == std::vector<std::string>{"fifo", "priority"});
  REQUIRE(compare[0].series.size() == 2);
  CHECK(compare[0].series[0].precedence == Precedence::kFlash);  // report order
  CHECK(compare[0].series[0].points[1].mean.e.mean == 2.5);
  CHECK(compare[0].series[1].points[0].mean.e.mean == 110);
  CHECK(compare[0].joined.empty());

  cablesim::ExperimentResult r = c;
  r.keys = {"buffer"};
  r.points = {{1, {"3"}}, {1.5, {"3"}}, {1, {"5"}}, {1.5, {"5"}}};
  r.runs.assign(4, c.runs[0]);
  const auto sweep = cablesim::SweepChartPanels(r);
  REQUIRE(sweep.size() == 2);
  CHECK(sweep[1].title == "priority");
  CHECK(sweep[0].categories ==
        std::vector<std::string>{"1 buffer=3", "1.5 buffer=3", "1 buffer=5", "1.5 buffer=5"});
  // Joined only to the previous load with the same buffer.
  CHECK(sweep[0].joined == std::vector<bool>{false, true, false, true});
  REQUIRE(sweep[0].series.size() == 2);
  CHECK(sweep[0].series[1].points.size() == 4);
}
