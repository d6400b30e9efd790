// `cablesim run --trace`: one message hop by hop, with the heading each station sent.
#pragma once

#include <cstdint>
#include <string>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// Every hop of one message with times (and any wait for an operator), and the segregated
/// ACP 127 heading each station sent: the circuit's transmission id, an FL2 cut down to the
/// RIs that copy serves, and FL4 (the cable's, else the one for the message's classification).
std::string MessageTrace(const RunView& sim, const Scenario& s, std::uint32_t message);

}  // namespace cablesim
