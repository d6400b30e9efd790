// The writers of `cablesim sweep`: tidy rows, one per (grid point, discipline, precedence)
// as text (a table per discipline), JSON and CSV, the capacity answers (capacity_report.h),
// and the gnuplot figure of delivery time and share within objective against the swept value.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/report/capacity_report.h"
#include "sim/report/compare.h"
#include "sim/report/plot_format.h"
#include "topology/network.h"

namespace cablesim {

std::string SweepText(const ExperimentResult& r);

/// SweepText's rows as cells, one table per discipline: load, each --vary key, precedence,
/// addressed, in flight, mean, p95, in obj., busiest (the busiest link direction or
/// station's operators, with its utilisation: capacity_report.h).
struct SweepTable {
  Discipline discipline;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
std::vector<SweepTable> SweepTables(const ExperimentResult& r);
/// What the cells' marks mean.
inline constexpr const char* kSweepFootnote =
    "* a mean of the delivered only: some were still in flight; > X: a lower bound (some "
    "replication's\n  p95 fell among addressees still in flight)";
/// The column, and its footnote, of the paired difference from the previous load.
inline constexpr const char* kStepColumn = "mean - prev. load";
inline constexpr const char* kStepFootnote =
    "mean - prev. load: this row's mean minus the same row's at the load before, paired "
    "replication\n  by replication (common random numbers: replication r draws the same "
    "traffic at both)";
/// The grid point just before point p when it differs from p only in its load (loads are
/// the innermost axis), so the two are paired by common random numbers; nullopt otherwise.
std::optional<std::size_t> PreviousLoad(const ExperimentResult& r, std::size_t p);
/// Discipline d's mean of precedence prec at point p minus its mean at PreviousLoad(r, p),
/// paired replication by replication (the step column; an empty figure without one); of
/// the delivered only when either mean is.
Figure LoadStep(const ExperimentResult& r, std::size_t p, std::size_t d, Precedence prec);
std::string SweepJson(const ExperimentResult& r);
/// Header: load, each --vary key, discipline, precedence, then the figures.
std::string SweepCsv(const ExperimentResult& r);

/// The axis a figure can be drawn against: the load when it takes several values, else the
/// one --vary key that does; "" (and *why) when more than one thing varies or nothing does.
std::string PlotAxis(const ExperimentResult& r, std::string* why);
/// Delivery time (log scale, interval bars, objectives as lines) and the share within
/// objective against the plot axis: a column per discipline, a line per precedence.
std::string SweepGnuplotScript(const ExperimentResult& r, const std::string& path,
                               PlotFormat format);

}  // namespace cablesim
