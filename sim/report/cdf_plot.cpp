#include "sim/report/cdf_plot.h"

#include <algorithm>
#include <cstdio>

#include "sim/report/summary_text.h"

namespace cablesim {

std::string CdfGnuplotScript(const std::string& title, const std::vector<CdfPanel>& panels,
                             const std::string& path, PlotFormat format) {
  const std::size_t cols = panels.size() <= 2 ? std::max<std::size_t>(panels.size(), 1) : 2;
  const std::size_t rows = std::max<std::size_t>((panels.size() + cols - 1) / cols, 1);
  // One panel alone gets room enough for a page's width.
  const int width = cols == 1 ? 760 : static_cast<int>(520 * cols);
  const int height = cols == 1 ? 470 : static_cast<int>(380 * rows + 40);
  std::string out = GnuplotTerminal(format, width, height, path);
  std::string quoted_title = title;
  std::replace(quoted_title.begin(), quoted_title.end(), '\'', '"');
  char buf[256];
  std::snprintf(buf, sizeof buf, "set multiplot layout %zu,%zu title '%s'\n", rows, cols,
                quoted_title.c_str());
  out += buf;
  // One time axis for every panel, so that the panels compare at a glance.
  double lo = 1e300, hi = 0;
  for (const auto& panel : panels) {
    for (const auto& v : panel.observations) {
      for (const auto& o : v) {
        lo = std::min(lo, o.t);
        hi = std::max(hi, o.t);
      }
    }
  }
  lo = std::max(lo, 1e-3);
  if (!(hi > lo)) hi = lo * 10;
  std::snprintf(buf, sizeof buf, "set xrange [%.6g:%.6g]\n", lo, hi * 1.5);
  out += buf;
  out += "set xtics " + LogTimeTics(lo, hi * 1.5) + "\n";
  out +=
      "set logscale x\nset xlabel 'filing to delivery (log scale)'\n"
      "set ylabel 'share of all addressed delivered'\n"
      "set yrange [0:1]\nset grid\nset key top left\n";
  for (const auto& panel : panels) {
    std::vector<std::string> blocks;
    std::string plot = "plot ";
    bool first = true;
    std::uint64_t in_flight = 0;
    for (Precedence p : kReportOrder) {
      const auto& all = panel.observations[static_cast<std::size_t>(p)];
      if (all.empty()) continue;
      // Over all addressed: the share delivered by t, so in-flight ones keep it below 1.
      std::vector<double> delivered;
      for (const Observation& o : all) {
        if (o.delivered) delivered.push_back(o.t);
      }
      in_flight += all.size() - delivered.size();
      std::sort(delivered.begin(), delivered.end());
      std::string block;
      const auto n = static_cast<double>(all.size());
      const std::size_t points = std::min<std::size_t>(delivered.size(), 400);
      for (std::size_t k = 0; k < points; ++k) {
        const std::size_t i = points == 1 ? 0 : k * (delivered.size() - 1) / (points - 1);
        std::snprintf(buf, sizeof buf, "%.6g %.6g\n", std::max(delivered[i], 1e-3),
                      static_cast<double>(i + 1) / n);
        block += buf;
      }
      if (delivered.empty()) block += "NaN NaN\n";
      block += "e\n";
      blocks.push_back(block);
      plot += (first ? "" : ", ") + std::string("'-' using 1:2 with steps lw 2 title '") +
              std::string(PrecedenceName(p)) + "'";
      first = false;
    }
    std::string panel_title = panel.title;
    if (in_flight > 0) {
      panel_title += " (" + std::to_string(in_flight) + " still in flight: curves end below 1)";
    }
    std::replace(panel_title.begin(), panel_title.end(), '\'', '"');
    out += "set title '" + panel_title + "'\n";
    if (blocks.empty()) {
      out +=
          "set label 1 'no addressees' at graph 0.4,0.5\nplot [1:10] NaN notitle\nunset label "
          "1\n";
      continue;
    }
    out += plot + "\n";
    for (const auto& b : blocks) out += b;
  }
  out += "unset multiplot\n";
  return out;
}

}  // namespace cablesim
