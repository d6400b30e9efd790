#include "sim/report/cdf_plot.h"

#include <algorithm>
#include <cstdio>

#include "sim/report/palette.h"
#include "sim/report/summary_text.h"

namespace cablesim {
namespace {

/// The precedences some panel has addressees of, in report order.
std::vector<Precedence> PresentIn(const std::vector<CdfPanel>& panels) {
  std::vector<Precedence> present;
  for (Precedence p : kReportOrder) {
    for (const auto& panel : panels) {
      if (panel.cdfs[static_cast<std::size_t>(p)].addressed() > 0) {
        present.push_back(p);
        break;
      }
    }
  }
  return present;
}

/// The inline data of one precedence's curve: the share of all its addressees delivered by
/// each grid time (those in flight keep it below 1), from 0 at the first delivery;
/// `in_flight` counts those not delivered.
std::string CurveData(const DeliveryCdf& cdf, std::uint64_t* in_flight) {
  *in_flight += cdf.not_delivered();
  const std::vector<DeliveryCdf::Point> corners = cdf.Corners();
  if (corners.empty()) return "NaN NaN\ne\n";
  std::string block;
  char buf[64];
  // 0 until the first delivery: the step up to it is drawn, even alone.
  std::snprintf(buf, sizeof buf, "%.6g 0\n", std::max(cdf.fastest_s(), DeliveryCdf::kFirst));
  block += buf;
  for (const DeliveryCdf::Point& c : corners) {
    std::snprintf(buf, sizeof buf, "%.6g %.6g\n", c.t_s, c.share);
    block += buf;
  }
  return block + "e\n";
}

}  // namespace

std::string CdfGnuplotScript(const std::string& title, const std::vector<CdfPanel>& panels,
                             const std::array<Duration, kPrecedenceCount>& objectives,
                             const std::string& path, PlotFormat format) {
  const std::size_t cols = panels.size() <= 2 ? std::max<std::size_t>(panels.size(), 1) : 2;
  const std::size_t rows = std::max<std::size_t>((panels.size() + cols - 1) / cols, 1);
  // One panel alone gets room enough for a page's width; each row room for its legend.
  const int width = cols == 1 ? 760 : static_cast<int>(520 * cols);
  const int height = cols == 1 ? 500 : static_cast<int>(420 * rows + 40);
  std::string out = GnuplotTerminal(format, width, height, path);
  std::string quoted_title = title;
  std::replace(quoted_title.begin(), quoted_title.end(), '\'', '"');
  char buf[256];
  std::snprintf(buf, sizeof buf, "set multiplot layout %zu,%zu title '%s'\n", rows, cols,
                quoted_title.c_str());
  out += buf;
  // One time axis for every panel, so that the panels compare at a glance, reaching the
  // objectives of the precedences drawn.
  const std::vector<Precedence> present = PresentIn(panels);
  double lo = 1e300, hi = 0;
  for (const auto& panel : panels) {
    for (const DeliveryCdf& cdf : panel.cdfs) {
      if (cdf.delivered() == 0) continue;
      lo = std::min(lo, cdf.fastest_s());
      hi = std::max(hi, cdf.slowest_s());
    }
  }
  for (Precedence p : present) hi = std::max(hi, objectives[static_cast<std::size_t>(p)].seconds());
  lo = std::max(lo, 1e-3);
  if (!(hi > lo)) hi = lo * 10;
  // A margin either side, so that a curve's first step is not drawn on the frame.
  lo /= 1.5;
  hi *= 1.5;
  std::snprintf(buf, sizeof buf, "set xrange [%.6g:%.6g]\n", lo, hi);
  out += buf;
  out += "set xtics " + LogTimeTics(lo, hi) + "\n";
  out +=
      "set logscale x\nset xlabel 'filing to delivery (log scale; dashed: objectives)'\n"
      "set ylabel 'share of all addressed delivered'\n"
      "set yrange [0:1]\nset grid\nset key outside below center horizontal\n";
  for (const auto& panel : panels) {
    std::string plot, data;
    std::uint64_t in_flight = 0;
    for (Precedence p : present) {
      const DeliveryCdf& cdf = panel.cdfs[static_cast<std::size_t>(p)];
      if (cdf.addressed() == 0) continue;
      const std::string colour(PrecedenceColour(p));
      const double objective = objectives[static_cast<std::size_t>(p)].seconds();
      plot += (plot.empty() ? "plot " : ", ") +
              std::string("'-' using 1:2 with steps lw 2 lc rgb '") + colour + "' title '" +
              std::string(PrecedenceName(p)) + "'";
      data += CurveData(cdf, &in_flight);
      // The objective: a dashed vertical line in the precedence's colour.
      plot += ", '-' using 1:2 with lines lw 1 dt 2 lc rgb '" + colour + "' notitle";
      std::snprintf(buf, sizeof buf, "%.6g 0\n%.6g 1\ne\n", objective, objective);
      data += buf;
    }
    std::string panel_title = panel.title;
    if (in_flight > 0) {
      panel_title += " (" + std::to_string(in_flight) + " still in flight: curves end below 1)";
    }
    std::replace(panel_title.begin(), panel_title.end(), '\'', '"');
    out += "set title '" + panel_title + "'\n";
    if (plot.empty()) {
      out +=
          "set label 1 'no addressees' at graph 0.4,0.5\nplot [1:10] NaN notitle\nunset label "
          "1\n";
      continue;
    }
    out += plot + "\n" + data;
  }
  out += "unset multiplot\n";
  return out;
}

}  // namespace cablesim
