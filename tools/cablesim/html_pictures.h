// The pictures of the HTML reports, drawn through graphviz and gnuplot as SVG text. A
// picture that cannot be drawn (the program is missing, it failed) comes back with the
// reason instead, and the page says so where the picture would be.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/relay_simulation.h"
#include "sim/report/compare.h"
#include "sim/report/html_report.h"
#include "sim/report/sweep_report.h"
#include "sim/scenario/scenario.h"

namespace cablesim::cli {

/// The command line as typed: "cablesim COMMAND" and `words`, each quoted for a POSIX shell
/// where it needs it, so it can be pasted back.
std::string CommandLine(const std::string& command, const std::vector<std::string>& words);

/// The delivery-time CDF per precedence of a run.
HtmlPicture RunCdfPicture(const RelaySimulation& sim, const Scenario& s);
/// The network coloured by link utilisation, faults marked (the overview layout when large).
HtmlPicture NetworkPicture(const RelaySimulation& sim, const Scenario& s,
                           const RunSummary& summary);
/// The routing tree of one message (needs a run that kept its copies).
HtmlPicture RoutePicture(const RelaySimulation& sim, const Scenario& s, std::uint32_t message);
/// The CDF per precedence, a panel per discipline (needs observations kept).
HtmlPicture CompareCdfPicture(const ExperimentResult& c);
/// Delivery time and share within objective against the swept value; when no single axis
/// varies, the reason.
HtmlPicture SweepCurvesPicture(const ExperimentResult& r);

}  // namespace cablesim::cli
