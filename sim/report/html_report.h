// The HTML writers of run, compare and sweep: one self-contained page each (html_page.h)
// with what was run, the tables of the text report, the pictures and, for a run, the lists
// and a deliveries table a reader can sort and filter. The pictures come in as SVG text:
// drawing them (graphviz, gnuplot) is the caller's business.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/run_view.h"
#include "sim/report/compare.h"
#include "sim/report/html_page.h"
#include "sim/report/run_report.h"
#include "sim/report/sweep_report.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// At most this many rows in the deliveries table of a run page (the CSV has them all).
inline constexpr std::size_t kHtmlDeliveryRows = 10000;

struct RunHtmlInput {
  std::string command_line;  ///< as typed, quoted where needed
  HtmlPicture cdf;           ///< delivery time CDF per precedence
  HtmlPicture network;       ///< links by utilisation, faults marked
  /// Routing trees; `route_messages` names the message (index) of each, same order.
  std::vector<HtmlPicture> routes;
  std::vector<std::uint32_t> route_messages;
};

/// The run page: the summary (computed once, stats/run_summary.h) with its pictures.
std::string RunReportHtml(const RunView& sim, const Scenario& s, const RunSummary& r,
                          const RunHtmlInput& in);

/// The messages a run page draws when none is named: the scenario's cables (at most 3),
/// else the message of the slowest counted delivery; empty when nothing was delivered.
std::vector<std::uint32_t> DefaultRouteMessages(const RunView& sim, const RunSummary& r);

std::string CompareReportHtml(const ExperimentResult& c, const std::string& command_line,
                              const HtmlPicture& cdf);

std::string SweepReportHtml(const ExperimentResult& r, const std::string& command_line,
                            const HtmlPicture& curves);

}  // namespace cablesim
