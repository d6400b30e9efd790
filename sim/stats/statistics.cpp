#include "sim/stats/statistics.h"

#include <algorithm>
#include <cmath>

namespace cablesim {
namespace {

constexpr double kZ975 = 1.959963984540054;  // the standard normal's 0.975 quantile

}  // namespace

std::size_t NearestRank(double p, std::size_t n) {
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(n)));
  if (rank < 1) rank = 1;
  return std::min(rank, n) - 1;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[NearestRank(p, sorted.size())];
}

double StudentT975(int df) {
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return kTable[df - 1];
  // Cornish-Fisher expansion around the normal quantile.
  const double z = 1.959964, v = df;
  return z + (z * z * z + z) / (4 * v) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

Estimate EstimateOf(const std::vector<double>& values) {
  Estimate e;
  e.n = static_cast<int>(values.size());
  if (values.empty()) return e;
  double sum = 0;
  for (double v : values) sum += v;
  e.mean = sum / e.n;
  e.lo = e.hi = e.mean;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : values) ss += (v - e.mean) * (v - e.mean);
  const double half = StudentT975(e.n - 1) * std::sqrt(ss / (e.n - 1)) / std::sqrt(e.n);
  e.lo = e.mean - half;
  e.hi = e.mean + half;
  return e;
}

KaplanMeier::KaplanMeier(std::vector<Observation> observations) : sorted_(std::move(observations)) {
  // Deliveries before censorings at the same time (ObservationsOf gives them so already).
  const auto before = [](const Observation& a, const Observation& b) {
    return a.t < b.t || (a.t == b.t && a.delivered && !b.delivered);
  };
  if (!std::is_sorted(sorted_.begin(), sorted_.end(), before)) {
    std::sort(sorted_.begin(), sorted_.end(), before);
  }
  for (const auto& o : sorted_) censored_ += o.delivered ? 0U : 1U;
  // Without censoring the estimate is the empirical distribution: At() and Max() read the
  // sorted times, and steps() lists it when asked.
  if (censored_ == 0) return;
  steps_.reserve(sorted_.size() - censored_);  // at most one step per delivery
  double survival = 1;
  std::size_t at_risk = sorted_.size();
  for (std::size_t i = 0; i < sorted_.size();) {
    const double t = sorted_[i].t;
    std::size_t events = 0, leaving = 0;
    for (; i < sorted_.size() && sorted_[i].t == t; ++i, ++leaving) {
      if (sorted_[i].delivered) ++events;
    }
    if (events > 0) {
      survival *= 1 - static_cast<double>(events) / static_cast<double>(at_risk);
      steps_.push_back({t, 1 - survival});
    }
    at_risk -= leaving;
  }
}

std::vector<KaplanMeier::Step> KaplanMeier::steps() const {
  if (censored_ > 0) return steps_;
  // The empirical distribution, in exact ranks.
  std::vector<Step> steps;
  const auto n = static_cast<double>(sorted_.size());
  for (std::size_t i = 0; i < sorted_.size(); ++i) {
    if (i + 1 < sorted_.size() && sorted_[i + 1].t == sorted_[i].t) continue;
    steps.push_back({sorted_[i].t, static_cast<double>(i + 1) / n});
  }
  return steps;
}

Quantile KaplanMeier::At(double q) const {
  if (sorted_.empty()) return {};
  if (censored_ == 0) return {sorted_[NearestRank(100 * q, sorted_.size())].t, false};
  // The first step with F >= q (F never falls, so a binary search finds it).
  const auto s = std::partition_point(steps_.begin(), steps_.end(),
                                      [q](const Step& st) { return st.share < q - 1e-12; });
  if (s != steps_.end()) return {s->t, false};
  return {sorted_.back().t, true};
}

Quantile KaplanMeier::Max() const {
  if (sorted_.empty()) return {};
  if (censored_ > 0) return {sorted_.back().t, true};
  return {sorted_.back().t, false};
}

Estimate TimeEstimateOf(const std::vector<double>& seconds) {
  Estimate e = EstimateOf(seconds);
  e.lo = std::max(e.lo, 0.0);
  return e;
}

Share Wilson(double k, double n) {
  Share s;
  if (!(n > 0)) return s;
  const double p = std::clamp(k / n, 0.0, 1.0);
  s.value = p;
  const double z2 = kZ975 * kZ975;
  const double denom = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denom;
  const double half = kZ975 * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom;
  // The interval holds p exactly (at k = n its upper end is 1, at k = 0 its lower end 0); in
  // floating point centre + half can come out a rounding below p, so p bounds it too.
  s.lo = std::clamp(centre - half, 0.0, p);
  s.hi = std::clamp(centre + half, p, 1.0);
  s.has_interval = true;
  return s;
}

Share PooledShare(const std::vector<std::uint64_t>& k, const std::vector<std::uint64_t>& n) {
  double sum_k = 0, sum_n = 0, inv_n = 0;
  std::vector<double> shares;
  for (std::size_t r = 0; r < n.size(); ++r) {
    if (n[r] == 0) continue;
    sum_k += static_cast<double>(k[r]);
    sum_n += static_cast<double>(n[r]);
    inv_n += 1.0 / static_cast<double>(n[r]);
    shares.push_back(static_cast<double>(k[r]) / static_cast<double>(n[r]));
  }
  Share s;
  if (shares.empty()) return s;
  s.value = sum_k / sum_n;
  if (shares.size() < 2) return s;
  // Variance of one replication's share: observed, and as independent trials would give.
  double mean = 0;
  for (double x : shares) mean += x;
  mean /= static_cast<double>(shares.size());
  double ss = 0;
  for (double x : shares) ss += (x - mean) * (x - mean);
  const double observed = ss / static_cast<double>(shares.size() - 1);
  const double binomial = s.value * (1 - s.value) * inv_n / static_cast<double>(shares.size());
  const double design_effect = binomial > 0 ? std::max(1.0, observed / binomial) : 1.0;
  const Share w = Wilson(sum_k / design_effect, sum_n / design_effect);
  s.lo = w.lo;
  s.hi = w.hi;
  s.has_interval = true;
  return s;
}

double Lag1Autocorrelation(const std::vector<double>& x) {
  if (x.size() < 3) return 0;
  double mean = 0;
  for (double v : x) mean += v;
  mean /= static_cast<double>(x.size());
  double num = 0, den = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    den += (x[i] - mean) * (x[i] - mean);
    if (i + 1 < x.size()) num += (x[i] - mean) * (x[i + 1] - mean);
  }
  return den > 0 ? num / den : 0;
}

MserResult Mser5(const std::vector<double>& series) {
  MserResult r;
  const std::size_t m = series.size() / 5;
  r.batches = m;
  if (m < 2) return r;
  std::vector<double> z(m);
  for (std::size_t j = 0; j < m; ++j) {
    double sum = 0;
    for (std::size_t i = 0; i < 5; ++i) sum += series[5 * j + i];
    z[j] = sum / 5;
  }
  // Each truncation's squared deviations, from the end backwards (Welford's update).
  const std::size_t limit = m / 2;
  double best = 0;
  std::size_t best_d = 0;
  double mean = 0, sse = 0;
  for (std::size_t j = m; j-- > 0;) {
    const auto kept = static_cast<double>(m - j);
    const double delta = z[j] - mean;
    mean += delta / kept;
    sse += delta * (z[j] - mean);
    if (j > limit) continue;
    const double stat = sse / (kept * kept);
    if (j == limit || stat <= best) {  // ties go to the shorter truncation
      best = stat;
      best_d = j;
    }
  }
  r.truncate = 5 * best_d;
  r.at_edge = best_d == limit && limit > 0;
  return r;
}

}  // namespace cablesim
