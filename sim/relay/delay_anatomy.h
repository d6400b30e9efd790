// The anatomy of a delivery time: where the time from filing to delivery went, in parts
// that add up to it exactly (whole nanoseconds).
//
// A copy carries the anatomy of its path so far; a copy made from it (segregation, a
// reroute) starts with its parent's. At each station a copy's time is cut into
//   operator_wait  arrived, every operator busy (stations with `operators: N`)
//   processing     being handled (the station's processing time)
//   queued         waiting at the transmitter behind other traffic
//   transmitting   on the wire: the attempt that got through, and under preempt-resume the
//                  pieces sent before an interruption (they count)
//   preemption     attempts thrown away by a higher precedence under preempt-restart
//   outage         waiting while the link or a station was out of service, and attempts an
//                  outage cut short (sent again from the start)
//   propagation    the link's propagation delay
//   minimized      held at the originating station under MINIMIZE before it was filed on
//   rerun          transmissions that were lost or garbled, and the wait until the rerun of
//                  the copy was queued (the receiver's service message, the sender's log)
// so that, for each delivered addressee, the parts of the copy that delivered it sum to
// delivered - filed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace cablesim {

enum class DelayPart : std::uint8_t {
  kOperatorWait,
  kProcessing,
  kQueued,
  kTransmitting,
  kPreemption,
  kOutage,
  kPropagation,
  kMinimized,
  kRerun,  // the last: a part added after it moves kDelayPartCount
};
/// How many parts there are. Their words and colours are one table in
/// sim/report/delay_parts.h, whose size is checked against this.
inline constexpr std::size_t kDelayPartCount = static_cast<std::size_t>(DelayPart::kRerun) + 1;
/// Every part, in order.
inline constexpr std::array<DelayPart, kDelayPartCount> kDelayParts = [] {
  std::array<DelayPart, kDelayPartCount> parts{};
  for (std::size_t k = 0; k < kDelayPartCount; ++k) parts[k] = static_cast<DelayPart>(k);
  return parts;
}();

/// Nanoseconds per part along one path.
struct DelayAnatomy {
  std::array<std::int64_t, kDelayPartCount> ns{};

  std::int64_t& operator[](DelayPart p) { return ns[static_cast<std::size_t>(p)]; }
  std::int64_t operator[](DelayPart p) const { return ns[static_cast<std::size_t>(p)]; }
  std::int64_t Total() const {
    std::int64_t t = 0;
    for (std::int64_t v : ns) t += v;
    return t;
  }
};

/// The anatomies of many deliveries summed (exact: 128-bit), with their count.
struct AnatomyTally {
  std::uint64_t deliveries = 0;
  std::array<__int128, kDelayPartCount> sum_ns{};

  void Add(const DelayAnatomy& a) {
    ++deliveries;
    for (std::size_t k = 0; k < kDelayPartCount; ++k) sum_ns[k] += a.ns[k];
  }
  void Add(const AnatomyTally& t) {
    deliveries += t.deliveries;
    for (std::size_t k = 0; k < kDelayPartCount; ++k) sum_ns[k] += t.sum_ns[k];
  }
  /// The mean of part p per delivery, in seconds (0 with no deliveries).
  double MeanSeconds(DelayPart p) const;
};

/// Mean seconds per part, over `deliveries` deliveries: what reports show. The parts add up
/// to the mean delivery time they explain.
struct AnatomyMeans {
  std::uint64_t deliveries = 0;
  std::array<double, kDelayPartCount> part_s{};

  double operator[](DelayPart p) const { return part_s[static_cast<std::size_t>(p)]; }
  double Total() const {
    double t = 0;
    for (double v : part_s) t += v;
    return t;
  }
};
AnatomyMeans MeansOf(const AnatomyTally& t);

}  // namespace cablesim
