// The writers of `cablesim compare` (a one-point experiment, sim/experiment/results.h): per
// discipline and precedence, the mean, p95 and max latency with their intervals, the share
// within objective, the difference from the first discipline with its paired interval, and
// what every figure covers: addressed, delivered, still in flight. Text, JSON, CSV and the
// gnuplot CDF; the cells of figures and shares shared with sweep and HTML.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/report/anatomy_report.h"
#include "sim/report/json_writer.h"
#include "sim/report/plot_format.h"
#include "sim/report/table_sink.h"

namespace cablesim {

/// A figure as a table cell: "-" with nothing to show, "> X" for a lower bound, else its
/// IntervalText ("X* ±H" with "*" for a mean of the delivered only).
std::string FigureCell(const Figure& f);
/// "71.6% [65.0,77.3]": a share and its interval in percent; "-" when nothing was eligible.
std::string ShareCell(const Share& s, std::uint64_t eligible);

/// Discipline d's mean of precedence p minus the first discipline's, replication by
/// replication (common random numbers, so paired), with its Student t interval; of the
/// delivered only when either mean is. The tables' "mean minus" row and the page's answer.
Figure DisciplineDifference(const ExperimentResult& c, std::size_t d, Precedence p);
/// Some replication of some discipline addressed precedence p (after the warm-up).
bool Present(const ExperimentResult& c, Precedence p);

/// Where each discipline's mean went, per precedence present, disciplines side by side
/// (AnatomyOver: the parts add up to the mean the tables print).
std::vector<AnatomyRow> CompareAnatomyRows(const ExperimentResult& c);
std::string CompareText(const ExperimentResult& c);
/// "precision: every mean's 95% half-width within 5% of it: met with 24 replications\n", or
/// not met and the figure furthest from it; "" without --precision.
std::string PrecisionText(const ExperimentResult& c);
/// The tables of CompareText (counts, mean, p95, max, share within objective, paired
/// differences, conservation) with their footnotes, into any writer.
void WriteCompareTables(const ExperimentResult& c, TableSink* sink);
std::string CompareJson(const ExperimentResult& c);
/// The key "precision" ({goal, max_replications, met, furthest}) when --precision was given.
void WritePrecisionKey(const ExperimentResult& r, JsonWriter* w);
std::string CompareCsv(const ExperimentResult& c);

/// A gnuplot script drawing per precedence the share of all addressees (after the warm-up)
/// delivered by each time (log time axis; below 1 at the end while any are in flight), one
/// panel per discipline, objectives marked, into `path` (CdfGnuplotScript); the data are
/// inline, pooled over replications.
std::string CompareGnuplotScript(const ExperimentResult& c, const std::string& path,
                                 PlotFormat format);

}  // namespace cablesim
