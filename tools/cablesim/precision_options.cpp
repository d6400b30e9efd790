#include "tools/cablesim/precision_options.h"

#include <algorithm>
#include <utility>

#include "sim/experiment/runner.h"

namespace cablesim::cli {

int ParsePrecisionOptions(const std::string& command, const Args& args,
                          std::optional<PrecisionGoal>* goal, std::uint64_t* replications) {
  if (!args.Has("precision")) {
    if (args.Has("max-replications")) {
      return UsageError(command, "--max-replications goes with --precision");
    }
    return kExitOk;
  }
  auto parsed = ParsePrecision(args.Get("precision"));
  if (!parsed) return UsageError(command, parsed.error().ToString());
  *goal = std::move(parsed).value();
  std::string err;
  auto most = ParseInteger(args.Get("max-replications", "200"), 2, kMaxReplications, &err);
  if (!most) return UsageError(command, "--max-replications: " + err);
  (*goal)->max_replications = static_cast<std::uint64_t>(*most);
  *replications = std::min(*replications, (*goal)->max_replications);
  return kExitOk;
}

}  // namespace cablesim::cli
