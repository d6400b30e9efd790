// The chart a compare or sweep page opens with (SVG made here, colours from palette.h): each
// precedence's mean (filled circle) and p95 (open diamond) with their 95% intervals, on a log
// time axis, by discipline (compare: one panel) or by grid point (sweep: one panel per
// discipline, the points joined by lines). A p95 that is only a lower bound carries an arrow
// up and no interval; an interval cut at 0 runs to the bottom of the axis.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/results.h"

namespace cablesim {

/// One precedence at one category: its mean and p95 over replications (e.n == 0: nothing).
struct ChartPoint {
  Figure mean, p95;
};
struct ChartSeries {
  Precedence precedence = Precedence::kRoutine;
  std::vector<ChartPoint> points;  ///< one per category of its panel
};
struct ChartPanel {
  std::string title;                    ///< above the panel; "" for none
  std::vector<std::string> categories;  ///< the x axis, left to right
  std::vector<ChartSeries> series;      ///< in report order
  /// Per category: a line joins its points to the previous category's (an ordered axis,
  /// e.g. the next load with every other value the same); empty for no lines.
  std::vector<bool> joined;
  double min_width = 300;  ///< the plot area's least width, in pixels
};

/// The chart as an SVG document; `x_label` names the categories' axis. "" when no panel has
/// a figure to draw.
std::string AnswerChartSvg(const std::vector<ChartPanel>& panels, const std::string& x_label);

/// compare: one panel, a category per discipline, a series per precedence present.
std::vector<ChartPanel> CompareChartPanels(const ExperimentResult& c);
/// sweep: a panel per discipline, a category per grid point (labelled by what varies: the
/// load, "key=value"), a series per precedence present; a point is joined to the one before
/// when that is the previous load with every --vary value the same (PreviousLoad).
std::vector<ChartPanel> SweepChartPanels(const ExperimentResult& r);

}  // namespace cablesim
