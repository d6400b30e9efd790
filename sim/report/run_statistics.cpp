#include "sim/report/run_statistics.h"

#include <algorithm>

namespace cablesim {
namespace {

std::size_t Index(Precedence p) { return static_cast<std::size_t>(p); }

bool InPopulation(const RelaySimulation& sim, const Scenario& s, const AddresseeRecord& a) {
  return sim.messages()[a.message].filed >= SimTime() + s.warmup;
}

// The delivery time of a delivered addressee, or the age at the end of one in flight.
Observation ObservationOf(const RelaySimulation& sim, const AddresseeRecord& a) {
  const SimTime filed = sim.messages()[a.message].filed;
  if (a.outcome == Outcome::kDelivered) return {(a.delivered - filed).seconds(), true};
  return {sim.now() > filed ? (sim.now() - filed).seconds() : 0.0, false};
}

PrecedenceSummary Summarize(const std::vector<Observation>& obs, double objective_s) {
  PrecedenceSummary r;
  double sum = 0;
  for (const Observation& o : obs) {
    if (o.delivered) {
      ++r.delivered;
      sum += o.t;
      if (o.t <= objective_s) ++r.within;
    } else {
      ++r.in_flight;
      if (o.t < objective_s) ++r.unresolved;
    }
  }
  if (r.delivered) r.mean_s = sum / static_cast<double>(r.delivered);
  const KaplanMeier km(obs);
  if (km.size()) {
    r.p50 = km.At(0.50);
    r.p95 = km.At(0.95);
    r.p99 = km.At(0.99);
    r.max = km.Max();
  }
  return r;
}

}  // namespace

std::array<std::vector<Observation>, kPrecedenceCount> ObservationsByPrecedence(
    const RelaySimulation& sim, const Scenario& s) {
  std::array<std::vector<Observation>, kPrecedenceCount> out;
  for (const auto& a : sim.addressees()) {
    if (!InPopulation(sim, s, a)) continue;
    if (a.outcome == Outcome::kDelivered || a.outcome == Outcome::kInFlight) {
      out[Index(a.precedence)].push_back(ObservationOf(sim, a));
    }
  }
  return out;
}

ByPrecedence SummarizeLatency(const RelaySimulation& sim, const Scenario& s) {
  const auto obs = ObservationsByPrecedence(sim, s);
  ByPrecedence out;
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    out[p] = Summarize(obs[p], s.objectives[p].seconds());
  }
  for (const auto& a : sim.addressees()) {
    if (!InPopulation(sim, s, a)) continue;
    PrecedenceSummary& r = out[Index(a.precedence)];
    ++r.addressed;
    if (a.outcome == Outcome::kOtherMeans) ++r.other_means;
    if (a.outcome == Outcome::kUndeliverable) ++r.undeliverable;
  }
  return out;
}

std::array<BatchSummary, kPrecedenceCount> BatchMeans(const RelaySimulation& sim, const Scenario& s,
                                                      int batches) {
  std::array<BatchSummary, kPrecedenceCount> out;
  const SimTime from = SimTime() + s.warmup;
  const std::int64_t span = sim.now() > from ? (sim.now() - from).ns() : 0;
  // [batch][precedence] observations, by filing time.
  std::vector<std::array<std::vector<Observation>, kPrecedenceCount>> per_batch(
      static_cast<std::size_t>(batches));
  for (const auto& a : sim.addressees()) {
    if (!InPopulation(sim, s, a)) continue;
    if (a.outcome != Outcome::kDelivered && a.outcome != Outcome::kInFlight) continue;
    if (a.outcome == Outcome::kInFlight) ++out[Index(a.precedence)].in_flight;
    const std::int64_t offset = (sim.messages()[a.message].filed - from).ns();
    if (span == 0 || offset > span) continue;  // filed after the end: not in any batch
    // Batch b holds filing times in [b span / N, (b+1) span / N); the end goes to the last.
    auto b = static_cast<std::size_t>(static_cast<__int128>(offset) * batches / span);
    b = std::min(b, static_cast<std::size_t>(batches - 1));
    per_batch[b][Index(a.precedence)].push_back(ObservationOf(sim, a));
  }
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    std::vector<double> means, p95s;
    BatchSummary& r = out[p];
    r.batches = batches;
    for (const auto& batch : per_batch) {
      const auto& obs = batch[p];
      double sum = 0;
      std::size_t delivered = 0;
      for (const auto& o : obs) {
        if (!o.delivered) continue;
        sum += o.t;
        ++delivered;
      }
      if (delivered == 0) continue;
      means.push_back(sum / static_cast<double>(delivered));
      const Quantile q = KaplanMeier(obs).At(0.95);
      r.p95_censored |= q.at_least;
      p95s.push_back(q.s);
    }
    r.mean = EstimateOf(means);
    r.p95 = EstimateOf(p95s);
    r.lag1 = Lag1Autocorrelation(means);
  }
  return out;
}

bool WarmupAdvice::Enough() const { return observations >= kMserMinimum; }

std::array<WarmupAdvice, kPrecedenceCount> SuggestWarmup(const RelaySimulation& sim) {
  std::array<std::vector<std::uint32_t>, kPrecedenceCount> ids;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    const AddresseeRecord& a = sim.addressees()[i];
    if (a.outcome == Outcome::kDelivered) ids[Index(a.precedence)].push_back(i);
  }
  std::array<WarmupAdvice, kPrecedenceCount> out;
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    auto& v = ids[p];
    auto filed = [&](std::uint32_t i) { return sim.messages()[sim.addressees()[i].message].filed; };
    std::stable_sort(v.begin(), v.end(),
                     [&](std::uint32_t x, std::uint32_t y) { return filed(x) < filed(y); });
    std::vector<double> series;
    series.reserve(v.size());
    for (std::uint32_t i : v) series.push_back(ObservationOf(sim, sim.addressees()[i]).t);
    const MserResult m = Mser5(series);
    WarmupAdvice& w = out[p];
    w.observations = series.size();
    w.at_edge = m.at_edge;
    if (m.truncate > 0 && m.truncate < v.size()) w.suggested_s = filed(v[m.truncate]).seconds();
  }
  return out;
}

}  // namespace cablesim
