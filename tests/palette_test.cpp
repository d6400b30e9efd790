// sim/report/palette.h: one colour per precedence in every picture, and nothing else drawn in
// a colour that could be taken for one; every writer of a picture reads the table.
#include "sim/report/palette.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "sim/live/web_server.h"
#include "sim/live/web_stream.h"
#include "sim/report/cdf_plot.h"
#include "sim/report/sweep_report.h"
#include "tests/cli_support.h"
#include "tools/cablesim/network_layout.h"
#include "topology/network_yaml.h"

using cablesim::Precedence;
using cablesim::testing::RunCli;

namespace {

/// CIELAB (D65) of "#rrggbb": lightness, a, b.
std::array<double, 3> Lab(std::string_view hex) {
  std::array<double, 3> rgb{};
  for (std::size_t i = 0; i < 3; ++i) {
    const double c = std::stoi(std::string(hex.substr(1 + 2 * i, 2)), nullptr, 16) / 255.0;
    rgb[i] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  }
  const double x = (0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2]) / 0.95047;
  const double y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
  const double z = (0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2]) / 1.08883;
  const auto f = [](double t) {
    return t > 216.0 / 24389 ? std::cbrt(t) : (24389.0 / 27 * t + 16) / 116;
  };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double Chroma(std::string_view hex) {
  const auto lab = Lab(hex);
  return std::hypot(lab[1], lab[2]);
}

double HueDegrees(std::string_view hex) {
  const auto lab = Lab(hex);
  const double h = std::atan2(lab[2], lab[1]) * 180 / std::numbers::pi;
  return h < 0 ? h + 360 : h;
}

/// How far apart two colours look (CIE76).
double Difference(std::string_view a, std::string_view b) {
  const auto x = Lab(a), y = Lab(b);
  return std::hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

/// A colour nobody can take for precedence `p`'s: a grey, or a hue at least 30 degrees from
/// its, and clearly apart.
bool NeverTakenFor(std::string_view colour, Precedence p) {
  const std::string_view theirs = cablesim::PrecedenceColour(p);
  double hues = std::fabs(HueDegrees(colour) - HueDegrees(theirs));
  hues = std::min(hues, 360 - hues);
  return colour != theirs && (Chroma(colour) <= 15 || hues >= 30) &&
         Difference(colour, theirs) >= 30;
}

bool IsHexColour(std::string_view c) {
  return c.size() == 7 && c[0] == '#' &&
         c.find_first_not_of("0123456789abcdef", 1) == std::string_view::npos;
}

constexpr Precedence kAll[] = {Precedence::kEmergencyCommand, Precedence::kFlash,
                               Precedence::kImmediate, Precedence::kPriority, Precedence::kRoutine};

}  // namespace

TEST_CASE("no region fill or non-precedence line can be taken for a precedence's colour") {
  std::set<std::string_view> precedences;
  for (Precedence p : kAll) {
    CHECK(IsHexColour(cablesim::PrecedenceColour(p)));
    precedences.insert(cablesim::PrecedenceColour(p));
  }
  CHECK(precedences.size() == cablesim::kPrecedenceCount);
  for (const std::span<const std::string_view> list :
       {std::span<const std::string_view>(cablesim::kRegionFills),
        std::span<const std::string_view>(cablesim::kSeriesColours)}) {
    CHECK(std::set<std::string_view>(list.begin(), list.end()).size() == list.size());
  }
  CHECK(std::size(cablesim::kRegionFills) >= 7);  // the DTS's seven regions, each its own
  for (std::string_view fill : cablesim::kRegionFills) {
    CAPTURE(fill);
    CHECK(IsHexColour(fill));
    CHECK(Lab(fill)[0] >= 65);  // light: a station's name stays readable on it
    for (Precedence p : kAll) CHECK(NeverTakenFor(fill, p));
  }
  std::vector<std::string_view> lines(std::begin(cablesim::kSeriesColours),
                                      std::end(cablesim::kSeriesColours));
  lines.push_back(cablesim::kDownColour);
  lines.push_back(cablesim::kBacklogColour);
  for (std::string_view line : lines) {
    CAPTURE(line);
    CHECK(IsHexColour(line));
    for (Precedence p : kAll) CHECK(NeverTakenFor(line, p));
  }
  // The rule itself: the fills the network pictures had (light red, orange, blue, green and
  // purple, one per precedence's hue) fail it.
  for (std::string_view old : {"#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6"}) {
    bool passes = true;
    for (Precedence p : kAll) passes = passes && NeverTakenFor(old, p);
    CHECK_FALSE(passes);
  }
}

TEST_CASE("the gnuplot CDF draws each precedence in its colour, its objective marked") {
  cablesim::CdfPanel panel{"one", {}};
  std::array<cablesim::Duration, cablesim::kPrecedenceCount> objectives{};
  for (Precedence p : kAll) {
    const auto k = static_cast<std::size_t>(p);
    panel.cdfs[k].AddDelivered(1.0 + static_cast<double>(k));
    panel.cdfs[k].AddDelivered(50);
    objectives[k] = cablesim::Duration::Seconds(60 * static_cast<std::int64_t>(k + 1));
  }
  const std::string script =
      cablesim::CdfGnuplotScript("t", {panel}, objectives, "cdf.svg", cablesim::PlotFormat::kSvg);
  for (Precedence p : kAll) {
    const std::string colour(cablesim::PrecedenceColour(p));
    CAPTURE(colour);
    CHECK(script.find("with steps lw 2 lc rgb '" + colour + "' title '" +
                      std::string(cablesim::PrecedenceName(p)) + "'") != std::string::npos);
    CHECK(script.find("with lines lw 1 dt 2 lc rgb '" + colour + "' notitle") != std::string::npos);
    const std::string at = std::to_string(60 * (static_cast<int>(p) + 1));
    CHECK(script.find("\n" + at + " 0\n" + at + " 1\ne\n") != std::string::npos);
  }
  // The legend under the axes, off the curves; the axis reaches the last objective (5 min).
  CHECK(script.find("set key outside below") != std::string::npos);
  CHECK(script.find("set xrange [0.666667:450]") != std::string::npos);
  CHECK(script.find("lc ") == script.find("lc rgb '"));  // no colour by gnuplot's own count
}

TEST_CASE("the sweep's curves draw each precedence in its colour") {
  cablesim::ExperimentResult r;
  r.scenario = "colours";
  r.replications = 2;
  r.disciplines = {cablesim::Discipline::kPriority};
  r.points = {{1, {}}, {2, {}}};
  r.runs.assign(2, {std::vector<cablesim::ReplicationResult>(2)});
  for (auto& point : r.runs) {
    for (auto& run : point[0]) {
      for (Precedence p : {Precedence::kFlash, Precedence::kRoutine}) {
        auto& x = run.by_precedence[static_cast<std::size_t>(p)];
        x.addressed = x.delivered = x.within = 10;
        x.mean_s = 5;
        x.p95 = x.max = {9, false};
      }
    }
  }
  const std::string script =
      cablesim::SweepGnuplotScript(r, "curves.svg", cablesim::PlotFormat::kSvg);
  for (Precedence p : {Precedence::kFlash, Precedence::kRoutine}) {
    const std::string colour(cablesim::PrecedenceColour(p));
    CHECK(cablesim::testing::CountOf(script, "yerrorlines lc rgb '" + colour + "' lw 2 title '" +
                                                 std::string(cablesim::PrecedenceName(p)) + "'") ==
          2);  // delivery time and share
  }
  CHECK(script.find(" lc 1 ") == std::string::npos);
  CHECK(script.find(" lc 2 ") == std::string::npos);
}

TEST_CASE("the run page's charts and the network pictures read the palette" *
          doctest::timeout(120)) {
  const auto run = RunCli("run scenarios/flash-preemption.yaml --format html --seed 7");
  REQUIRE(run.exit_code == 0);
  for (Precedence p : {Precedence::kFlash, Precedence::kRoutine}) {
    // The delivery time over time: each precedence's line and dashed objective.
    CHECK(run.out.find("stroke=\"" + std::string(cablesim::PrecedenceColour(p)) +
                       "\" stroke-dasharray=\"6,4\"><title>" +
                       std::string(cablesim::PrecedenceName(p)) + " objective") !=
          std::string::npos);
  }
  // The queues over time: a link direction in the first line colour, not a precedence's.
  CHECK(run.out.find("<polyline fill=\"none\" stroke=\"" +
                     std::string(cablesim::kSeriesColours[0]) + "\"") != std::string::npos);
  // The DTS (seven regions) as the overview, by `dot` and by `dot --heat`: a fill each.
  for (const std::string& command : {std::string("dot scenarios/networks/dts-2008.yaml"),
                                     std::string("dot scenarios/ntm-iraq-2008.yaml --heat")}) {
    CAPTURE(command);
    const auto dot = RunCli(command);
    REQUIRE(dot.exit_code == 0);
    REQUIRE(dot.out.find("layout=sfdp") != std::string::npos);
    for (std::string_view fill : cablesim::kRegionFills) {
      CHECK(dot.out.find("<td bgcolor=\"" + std::string(fill) + "\">") != std::string::npos);
    }
  }
}

TEST_CASE("the live page takes its colours from the palette, in the hello") {
  const auto s =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/live-dts.yaml");
  REQUIRE(s.ok());
  cablesim::LiveRun run(*s, {});
  const cablesim::WebLayout layout = cablesim::cli::LayoutForPage(run.simulation().network());
  cablesim::WebStream stream(run, *s, layout, {});
  const std::string hello = stream.Hello(60, false);
  std::string colours = "\"colours\":{";
  for (const cablesim::PrecedencePaint& paint : cablesim::kPrecedencePalette) {
    colours += (colours.back() == '{' ? "\"" : ",\"") +
               std::string(cablesim::PrecedenceName(paint.precedence)) + "\":\"" +
               std::string(paint.colour) + "\"";
  }
  CHECK(hello.find(colours + "}") != std::string::npos);
  // The page defines no colour of its own for a precedence: it takes the hello's.
  const std::string& page = cablesim::WebPageHtml();
  for (Precedence p : kAll) {
    CHECK(page.find(std::string(cablesim::PrecedenceColour(p))) == std::string::npos);
  }
  CHECK(page.find("Object.assign(COLOURS, msg.colours)") != std::string::npos);
  // Its marks that are not precedences: what is down, and copies waiting for an operator.
  CHECK(page.find(".link.down { stroke: " + std::string(cablesim::kDownColour) + ";") !=
        std::string::npos);
  CHECK(page.find(".station.down { stroke: " + std::string(cablesim::kDownColour) + "; }") !=
        std::string::npos);
  CHECK(page.find("fill: \"none\", stroke: \"" + std::string(cablesim::kBacklogColour) + "\"") !=
        std::string::npos);
  // Nothing on the map (strokes and fills) can be taken for a precedence.
  for (std::size_t at = page.find('#'); at != std::string::npos; at = page.find('#', at + 1)) {
    const std::size_t line_start = page.rfind('\n', at) + 1;
    const std::string line = page.substr(line_start, page.find('\n', at) - line_start);
    const std::string hex = page.substr(at, 7);
    if (line.find("stroke") == std::string::npos && line.find("fill") == std::string::npos) {
      continue;
    }
    if (!IsHexColour(hex)) continue;  // #000, #fff and ids
    CAPTURE(line);
    for (Precedence p : kAll) CHECK((Chroma(hex) <= 15 || NeverTakenFor(hex, p)));
  }
  // Its stations are filled by region from the same palette (Graphviz's layout).
  if (layout.how != "graphviz sfdp") {
    MESSAGE("graphviz not installed: the stations' fills not checked");
    return;
  }
  // The DTS has seven regions: each takes its fill in turn, and nothing else is drawn.
  const std::set<std::string> fills(layout.fill.begin(), layout.fill.end());
  for (std::string_view fill : cablesim::kRegionFills) {
    CHECK(fills.count(std::string(fill)) == 1);
  }
  CHECK(fills.size() == std::size(cablesim::kRegionFills));
}
