#include "sim/relay/delay_anatomy.h"

namespace cablesim {

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
