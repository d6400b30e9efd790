// Pictures of a run over time (stats/time_series.h), drawn by cablesim itself as SVG (no
// tool needed): delivery time against filing time per precedence with the objectives dashed,
// and the queues of the link directions with the longest queues; the scenario's faults shaded.
#pragma once

#include <string>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/time_series.h"

namespace cablesim {

/// p95 of delivery time by filing window, per precedence (a log time axis), hollow marks
/// where it is only a lower bound, each precedence's objective dashed in its colour, fault
/// windows shaded; "" when no window has a value.
std::string LatencyOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts);

/// Copies waiting (all precedences) at the `most` link directions with the longest queues,
/// over time, fault windows shaded; "" when no copy ever waited.
std::string QueuesOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts,
                              std::size_t most = 5);

/// Copies waiting for an operator at the `most` stations with the longest backlogs, over
/// time, with the operators on duty dashed where the station works in shifts; "" when no
/// copy ever waited for one.
std::string OperatorsOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts,
                                 std::size_t most = 5);

}  // namespace cablesim
