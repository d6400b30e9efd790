// Statistics with no knowledge of the simulation: percentiles, the Kaplan-Meier estimate for
// delivery times still running when a run ends, Student t and Wilson intervals, batch means
// and the MSER-5 warm-up rule. Every function is deterministic and exact where the
// arithmetic allows; tests/statistics_test.cpp checks them on hand-worked samples.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cablesim {

/// Nearest-rank percentile (p in 0..100) of sorted values; 0 for none.
double Percentile(const std::vector<double>& sorted, double p);
/// The index in n > 0 sorted values of their nearest-rank percentile p (as Percentile).
std::size_t NearestRank(double p, std::size_t n);

/// The 0.975 quantile of Student's t with `df` degrees of freedom (df >= 1).
double StudentT975(int df);

/// A mean with its 95% interval: Student t over independent values (replications or batch
/// means). lo == hi == mean for one value; n == 0 for none.
struct Estimate {
  double mean = 0, lo = 0, hi = 0;
  int n = 0;
};
Estimate EstimateOf(const std::vector<double>& values);
/// EstimateOf for times (never negative): the interval stops at 0.
Estimate TimeEstimateOf(const std::vector<double>& seconds);

/// A time to delivery: delivered after `t` seconds, or still in flight at age `t` when the
/// run ended (right-censored: its delivery time is more than t).
struct Observation {
  double t = 0;
  bool delivered = true;
};

/// A quantile of delivery times. `at_least` means it falls among observations still in
/// flight: the true value is more than `s`.
struct Quantile {
  double s = 0;
  bool at_least = false;
};

/// The Kaplan-Meier estimate of the distribution of delivery times from observations of
/// which some are censored. Ties: deliveries at t come before censorings at t (an addressee
/// in flight at age t was still at risk at t). Without censoring it is the empirical
/// distribution, and quantiles are exactly the nearest-rank percentiles.
class KaplanMeier {
 public:
  explicit KaplanMeier(std::vector<Observation> observations);

  /// F(t), the share delivered by t, at each distinct delivery time, ascending. It reaches 1
  /// only when the longest observation is a delivery.
  struct Step {
    double t;
    double share;
  };
  std::vector<Step> steps() const;
  std::size_t size() const { return sorted_.size(); }
  std::size_t censored() const { return censored_; }

  /// The smallest delivery time t with F(t) >= q (0 < q <= 1). When F stays below q, the
  /// quantile lies beyond the longest observation: that is returned as a lower bound.
  Quantile At(double q) const;
  /// The longest delivery time; with any observation censored, a lower bound: the longest
  /// observation, delivered or not.
  Quantile Max() const;

 private:
  std::vector<Observation> sorted_;
  std::vector<Step> steps_;  // only when an observation is censored (else see steps())
  std::size_t censored_ = 0;
};

/// A share with its 95% interval, always within [0, 1].
struct Share {
  double value = 0, lo = 0, hi = 0;
  bool has_interval = false;
};

/// Wilson's score interval (95%) for `k` successes out of `n` trials; n may be an effective
/// (fractional) size. n <= 0 gives no interval.
Share Wilson(double k, double n);

/// A share pooled over replications (sum of k over sum of n), with the Wilson interval at an
/// effective size: n divided by the design effect, the ratio of the variance of the
/// replications' shares to what independent trials would give (at least 1). Replications
/// with n == 0 are left out; fewer than two left give the pooled share without interval.
Share PooledShare(const std::vector<std::uint64_t>& k, const std::vector<std::uint64_t>& n);

/// The lag-1 autocorrelation of a series (0 for fewer than 3 values or no variance).
double Lag1Autocorrelation(const std::vector<double>& x);

/// MSER-5 (White 1997; Franklin and White 2008): the series is averaged in batches of 5
/// (an incomplete last batch dropped); the truncation d minimising the squared standard
/// error of the remaining batch means, over d up to half the batches, gives `truncate` =
/// 5 d observations to delete. `at_edge` when the minimum is at that half-way limit (the
/// run is too short to tell); `batches` is how many batches of 5 there were.
struct MserResult {
  std::size_t truncate = 0;
  std::size_t batches = 0;
  bool at_edge = false;
};
MserResult Mser5(const std::vector<double>& series);

}  // namespace cablesim
