// --precision GOAL and --max-replications N, as compare and sweep take them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/experiment/precision.h"
#include "tools/cablesim/args.h"

namespace cablesim::cli {

/// Reads the two options into *goal (nullopt without --precision) and caps *replications,
/// the first round's count, at the goal's maximum. Returns kExitOk, or the usage error's
/// exit code after printing it (--max-replications without --precision, bad values).
int ParsePrecisionOptions(const std::string& command, const Args& args,
                          std::optional<PrecisionGoal>* goal, std::uint64_t* replications);

}  // namespace cablesim::cli
