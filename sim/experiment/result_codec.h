// A replication's result as bytes, to move it between MPI ranks. Bit-exact: doubles travel
// as their bytes, so a result gathered from another rank prints exactly as a local one.
// Ranks of one run share a build and an architecture.
#pragma once

#include <optional>
#include <string>

#include "sim/experiment/results.h"

namespace cablesim {

std::string EncodeResult(const ReplicationResult& r);
/// nullopt when `bytes` is not an encoded result (truncated or from another build).
std::optional<ReplicationResult> DecodeResult(const std::string& bytes);

}  // namespace cablesim
