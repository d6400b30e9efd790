// Pictures of a run as Graphviz DOT: one message's routing tree, and the network coloured by
// link utilisation.
#pragma once

#include <string>

#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// The stations a message passed, an edge per transmitted copy labelled with the copy's
/// precedence and its transmission start and end, interrupted attempts dashed, and the
/// addressees with their delivery latency (undeliverable ones in red, with the reason).
/// Needs a run that kept its copies.
std::string MessageRouteDot(const RelaySimulation& sim, const Scenario& s, std::uint32_t message);

/// The network with every link coloured from green (idle) to red (busy) by the utilisation of
/// its busier direction over the run, labelled with rate and utilisation.
std::string UtilisationDot(const RelaySimulation& sim);

}  // namespace cablesim
