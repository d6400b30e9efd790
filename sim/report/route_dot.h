// Pictures of a run as Graphviz DOT: one message's routing tree, and the network coloured by
// link utilisation.
#pragma once

#include <string>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"
#include "topology/network_dot.h"

namespace cablesim {

/// The stations a message passed, an edge per transmitted copy labelled with the copy's
/// precedence and its transmission start and end, interrupted attempts dashed, and the
/// addressees with their delivery latency (undeliverable ones in red, with the reason).
/// Needs a run that kept its copies.
std::string MessageRouteDot(const RunView& sim, const Scenario& s, std::uint32_t message);

/// The network with every link coloured from green (idle) to red (busy) by the utilisation of
/// its busier direction over the run (the summary's: RunSummary::all_links), labelled with
/// rate and utilisation. The scenario's
/// faults are marked: links that were down dashed, stations that were down dashed and red,
/// each with its window ("down 06-05 09:00 for 2h") in the label.
std::string UtilisationDot(const RunView& sim, const Scenario& s, const RunSummary& summary,
                           DotLayout layout = DotLayout::kAuto);

/// What a fault put out of service: "RUEH" (a station) or "RUEH-RUDKC" (a link, both ways).
std::string FaultWhere(const Network& net, const Fault& f);
/// "down MM-DD HH:MM for LENGTH": when a fault began (UTC) and how long it lasted.
std::string FaultWindow(const Scenario& s, const Fault& f);

}  // namespace cablesim
