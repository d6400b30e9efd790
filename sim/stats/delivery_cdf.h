// The share of addressees delivered by each time, counted on a fixed grid of times: what the
// delivery-time CDF pictures draw (run's page, compare's --plot and page). Its memory is
// bounded whatever the number of addressees and replications (a few kilobytes a precedence),
// it adds up across replications exactly (counts, not estimates), and it is exact at the
// grid's times; between two of them a curve is drawn as a step.
//
// The grid: kPerDecade times a decade from 1 ms to 10^9 s (each about 4.7% after the one
// before), a delivery counted at the first grid time at or after it; faster than 1 ms counts
// at 1 ms, slower than 10^9 s at 10^9 s (simulated time reaches 292 years).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/message/precedence.h"

namespace cablesim {

class DeliveryCdf {
 public:
  static constexpr int kPerDecade = 50;
  static constexpr int kDecades = 12;
  static constexpr double kFirst = 1e-3;  ///< seconds: the first grid time
  static constexpr std::size_t kTimes = kPerDecade * kDecades + 1;

  /// One addressee delivered `seconds` after its filing.
  void AddDelivered(double seconds);
  /// One addressee addressed and not delivered (in flight at the end): it keeps the curve
  /// below 1.
  void AddNotDelivered(std::uint64_t n = 1) { not_delivered_ += n; }
  void Add(const DeliveryCdf& other);

  std::uint64_t addressed() const { return delivered_ + not_delivered_; }
  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t not_delivered() const { return not_delivered_; }
  /// The fastest and slowest delivery, in seconds (0 with none).
  double fastest_s() const { return fastest_s_; }
  double slowest_s() const { return slowest_s_; }

  /// Grid time k in seconds.
  static double Time(std::size_t k);
  /// Each grid time at which deliveries were counted, with the share of all addressed
  /// delivered by then: the corners of the curve, in time order.
  struct Point {
    double t_s;
    double share;
  };
  std::vector<Point> Corners() const;

  /// What it holds, to send it between processes: the count at each grid time (empty
  /// before the first delivery), and Restore to build it again (nullopt for counts that are
  /// not a whole grid or times that do not fit them).
  const std::vector<std::uint64_t>& counts() const { return counts_; }
  static std::optional<DeliveryCdf> Restore(std::vector<std::uint64_t> counts,
                                            std::uint64_t not_delivered, double fastest_s,
                                            double slowest_s);

 private:
  std::vector<std::uint64_t> counts_;  // per grid time; empty until the first delivery
  std::uint64_t delivered_ = 0, not_delivered_ = 0;
  double fastest_s_ = 0, slowest_s_ = 0;
};

/// One per precedence.
using DeliveryCdfs = std::array<DeliveryCdf, kPrecedenceCount>;

}  // namespace cablesim
