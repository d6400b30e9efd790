// The delivery-time CDF figure shared by run's HTML report and compare's --plot: per panel
// (a run, or a discipline's replications pooled), per precedence, the share of all
// addressees delivered by each time.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "base/units.h"
#include "sim/message/precedence.h"
#include "sim/report/plot_format.h"
#include "sim/stats/delivery_cdf.h"

namespace cablesim {

struct CdfPanel {
  std::string title;
  /// Per precedence, the share delivered by each time (delivery_cdf.h); those not delivered
  /// keep the curve below 1 at the end.
  DeliveryCdfs cdfs;
};

/// A gnuplot script drawing `panels` (two columns when more than one) under `title` into
/// `path`: log time axis shared by every panel so they compare at a glance, a step line per
/// precedence in its colour (palette.h), each precedence's objective a dashed vertical line
/// in the same colour (the axis reaches the objectives), the legend under the axes, clear
/// of the curves; the data inline (a point at each of DeliveryCdf's grid times that counted
/// a delivery). A panel with addressees still
/// in flight says how many in its title.
std::string CdfGnuplotScript(const std::string& title, const std::vector<CdfPanel>& panels,
                             const std::array<Duration, kPrecedenceCount>& objectives,
                             const std::string& path, PlotFormat format);

}  // namespace cablesim
