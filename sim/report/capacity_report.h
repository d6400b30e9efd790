// The answers of `cablesim sweep --capacity` (a sentence each, and their JSON), and the
// names of what limits a network: a link direction ("RUQA>RUQH") or a station's operators
// ("RUEH operators"), the resources the sweep's bottleneck and busiest column compare.
#pragma once

#include <string>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/report/json_writer.h"

namespace cablesim {

/// What people read: "RUQA>RUQH" for a link direction, "RUEH operators" for a station's
/// operators ("?" for an id the network does not have, or no network).
std::string ResourceName(const ExperimentResult& r, const ResourceLoad& load);
/// The table cell: the name and the utilisation, "RUEH operators 42.0%".
std::string ResourceCell(const ExperimentResult& r, const ResourceLoad& load);
/// What a program reads: the direction ("RUQA>RUQH") or the station's RI ("RUEH"), and
/// its kind, "link" or "operators".
std::string ResourceKey(const ExperimentResult& r, const ResourceLoad& load);
const char* ResourceKindKey(const ResourceLoad& load);

/// One sentence per (combination of other swept values, discipline) with --capacity:
/// "priority: 1.84 x today's traffic before ROUTINE drops below 95% within 6h 00m; ...".
std::vector<std::string> CapacityLines(const ExperimentResult& r);

/// The members of one capacity answer's JSON object (the caller opens and closes it):
/// "load", "fails_at", "limiting_precedence", "bottleneck", "bottleneck_kind",
/// "utilisation", "too_few_to_judge", "uncertain", "tried", and the optional ones.
void WriteCapacityJson(const ExperimentResult& r, const CapacityResult& c, JsonWriter* w);

}  // namespace cablesim
