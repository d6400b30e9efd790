// The CSV files of `cablesim run`: every (message, addressee) with its outcome, every link
// direction, every station. Each row starts with the run's identity (scenario, seed,
// discipline, replication) so that files of many runs concatenate without losing what each
// row came from: `tail -n +2` the second file onward and they are one table.
#pragma once

#include <string>

#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"

namespace cablesim {

/// One row per (message, addressee) of the run, warm-up included, in record order: the
/// rows by `outcome` (delivered, other_means, undeliverable, in_flight) count exactly what
/// the summary's conservation counts. A delivered row has its delivery time and its parts
/// (delay_anatomy.h; needs copies kept), an undeliverable one its reason, one in flight its
/// age at the end.
std::string AddresseesCsv(const RunView& sim, const Scenario& s, const RunSummary& r);
/// The run over time (RunSummary::timeseries), tidy: one row per value,
/// `t_s,series,key,precedence,value` after the identity; "" when it was not recorded.
std::string TimeSeriesCsv(const Scenario& s, const RunSummary& r);
/// One row per link direction of the network, idle ones included.
std::string LinksCsv(const RunView& sim, const Scenario& s, const RunSummary& r);
/// One row per station: what it handled, and its operators' figures where it has a limit.
std::string StationsCsv(const RunView& sim, const Scenario& s, const RunSummary& r);

}  // namespace cablesim
