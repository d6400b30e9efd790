#include "sim/stats/delivery_cdf.h"

#include <algorithm>
#include <cmath>

namespace cablesim {

double DeliveryCdf::Time(std::size_t k) {
  return kFirst * std::pow(10.0, static_cast<double>(k) / kPerDecade);
}

void DeliveryCdf::AddDelivered(double seconds) {
  if (counts_.empty()) counts_.assign(kTimes, 0);
  // The first grid time at or after it (the log is only a first guess: the grid's own times
  // decide, so a delivery exactly at a grid time counts there).
  const double position = seconds > kFirst ? std::log10(seconds / kFirst) * kPerDecade : 0;
  auto k = static_cast<std::size_t>(std::clamp(std::ceil(position), 0.0, double{kTimes - 1}));
  while (k > 0 && Time(k - 1) >= seconds) --k;
  while (k + 1 < kTimes && Time(k) < seconds) ++k;
  ++counts_[k];
  fastest_s_ = delivered_ == 0 ? seconds : std::min(fastest_s_, seconds);
  slowest_s_ = delivered_ == 0 ? seconds : std::max(slowest_s_, seconds);
  ++delivered_;
}

void DeliveryCdf::Add(const DeliveryCdf& other) {
  if (!other.counts_.empty()) {
    if (counts_.empty()) counts_.assign(kTimes, 0);
    for (std::size_t k = 0; k < kTimes; ++k) counts_[k] += other.counts_[k];
    fastest_s_ = delivered_ == 0 ? other.fastest_s_ : std::min(fastest_s_, other.fastest_s_);
    slowest_s_ = delivered_ == 0 ? other.slowest_s_ : std::max(slowest_s_, other.slowest_s_);
  }
  delivered_ += other.delivered_;
  not_delivered_ += other.not_delivered_;
}

std::optional<DeliveryCdf> DeliveryCdf::Restore(std::vector<std::uint64_t> counts,
                                                std::uint64_t not_delivered, double fastest_s,
                                                double slowest_s) {
  if (!counts.empty() && counts.size() != kTimes) return std::nullopt;
  DeliveryCdf c;
  for (const std::uint64_t n : counts) c.delivered_ += n;
  if (c.delivered_ > 0 && !(fastest_s >= 0 && slowest_s >= fastest_s)) return std::nullopt;
  c.counts_ = std::move(counts);
  c.not_delivered_ = not_delivered;
  c.fastest_s_ = fastest_s;
  c.slowest_s_ = slowest_s;
  return c;
}

std::vector<DeliveryCdf::Point> DeliveryCdf::Corners() const {
  std::vector<Point> out;
  const double all = static_cast<double>(addressed());
  std::uint64_t by = 0;
  for (std::size_t k = 0; k < counts_.size(); ++k) {
    if (counts_[k] == 0) continue;
    by += counts_[k];
    out.push_back({Time(k), static_cast<double>(by) / all});
  }
  return out;
}

}  // namespace cablesim
