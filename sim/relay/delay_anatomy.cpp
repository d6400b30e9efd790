#include "sim/relay/delay_anatomy.h"

namespace cablesim {

std::string_view DelayPartKey(DelayPart p) {
  switch (p) {
    case DelayPart::kOperatorWait:
      return "operator_wait";
    case DelayPart::kProcessing:
      return "processing";
    case DelayPart::kQueued:
      return "queued";
    case DelayPart::kTransmitting:
      return "transmitting";
    case DelayPart::kPreemption:
      return "preemption";
    case DelayPart::kOutage:
      return "outage";
    case DelayPart::kPropagation:
      return "propagation";
    case DelayPart::kMinimized:
      return "minimized";
    case DelayPart::kRerun:
      return "rerun";
  }
  return "?";
}

std::string_view DelayPartName(DelayPart p) {
  switch (p) {
    case DelayPart::kOperatorWait:
      return "waiting for an operator";
    case DelayPart::kProcessing:
      return "station processing";
    case DelayPart::kQueued:
      return "queued behind other traffic";
    case DelayPart::kTransmitting:
      return "transmitting";
    case DelayPart::kPreemption:
      return "lost to preemption";
    case DelayPart::kOutage:
      return "waiting out outages";
    case DelayPart::kPropagation:
      return "propagating";
    case DelayPart::kMinimized:
      return "held under MINIMIZE";
    case DelayPart::kRerun:
      return "lost or garbled, waiting for its rerun";
  }
  return "?";
}

std::string_view DelayPartShortName(DelayPart p) {
  switch (p) {
    case DelayPart::kOperatorWait:
      return "operator";
    case DelayPart::kProcessing:
      return "processing";
    case DelayPart::kQueued:
      return "queued";
    case DelayPart::kTransmitting:
      return "sending";
    case DelayPart::kPreemption:
      return "preempted";
    case DelayPart::kOutage:
      return "outage";
    case DelayPart::kPropagation:
      return "propagation";
    case DelayPart::kMinimized:
      return "minimized";
    case DelayPart::kRerun:
      return "rerun";
  }
  return "?";
}

AnatomyMeans MeansOf(const AnatomyTally& t) {
  AnatomyMeans m;
  m.deliveries = t.deliveries;
  for (DelayPart p : kDelayParts) m.part_s[static_cast<std::size_t>(p)] = t.MeanSeconds(p);
  return m;
}

double AnatomyTally::MeanSeconds(DelayPart p) const {
  if (deliveries == 0) return 0;
  const __int128 sum = sum_ns[static_cast<std::size_t>(p)];
  const auto n = static_cast<__int128>(deliveries);
  // Whole nanoseconds of the mean, then the remainder's fraction (as run_statistics does).
  const auto whole = static_cast<double>(static_cast<std::int64_t>(sum / n));
  const double rest =
      static_cast<double>(static_cast<std::int64_t>(sum % n)) / static_cast<double>(deliveries);
  return (whole + rest) / 1e9;
}

}  // namespace cablesim
