#include "sim/stats/run_statistics.h"

#include <algorithm>

namespace cablesim {
namespace {

std::size_t Index(Precedence p) { return static_cast<std::size_t>(p); }

// Filed at or after the warm-up, and filed by now: a message whose filing time is still to
// come (a cable of the scenario's, in a live run) is not addressed yet, not in flight.
bool InPopulation(const RunView& sim, const Scenario& s, const AddresseeRecord& a) {
  const SimTime filed = sim.messages()[a.message].filed;
  return filed >= SimTime() + s.warmup && filed <= sim.now();
}

// The delivery time of a delivered addressee, or the age at the end of one in flight.
Observation ObservationOf(const RunView& sim, const AddresseeRecord& a) {
  const SimTime filed = sim.messages()[a.message].filed;
  if (a.outcome == Outcome::kDelivered) return {(a.delivered - filed).seconds(), true};
  return {sim.now() > filed ? (sim.now() - filed).seconds() : 0.0, false};
}

double Seconds(std::int64_t ns) { return Duration::Nanoseconds(ns).seconds(); }

// The mean of nanosecond values in seconds, exact in the sum whatever their order.
double MeanSeconds(const std::vector<std::int64_t>& ns) {
  if (ns.empty()) return 0;
  __int128 sum = 0;
  for (std::int64_t v : ns) sum += v;
  const auto n = static_cast<__int128>(ns.size());
  // Whole nanoseconds of the mean, then the remainder's fraction, both exact in a double.
  const auto whole = static_cast<double>(static_cast<std::int64_t>(sum / n));
  const double rest =
      static_cast<double>(static_cast<std::int64_t>(sum % n)) / static_cast<double>(ns.size());
  return (whole + rest) / 1e9;
}

}  // namespace

void AddToPopulation(const MessageRecord& m, const AddresseeRecord& a, SimTime now,
                     const Scenario& s, Population* pop) {
  if (m.filed < SimTime() + s.warmup || m.filed > now) return;  // see InPopulation
  PrecedencePopulation& p = (*pop)[Index(a.precedence)];
  switch (a.outcome) {
    case Outcome::kDelivered:
      p.delivered_ns.push_back((a.delivered - m.filed).ns());
      break;
    case Outcome::kInFlight:
      p.in_flight_age_ns.push_back(now > m.filed ? (now - m.filed).ns() : 0);
      break;
    case Outcome::kOtherMeans:
      ++p.other_means;
      break;
    case Outcome::kUndeliverable:
      ++p.undeliverable;
      break;
  }
}

Population GatherPopulation(const RunView& sim, const Scenario& s) {
  Population pop;
  for (const auto& a : sim.addressees()) {
    AddToPopulation(sim.messages()[a.message], a, sim.now(), s, &pop);
  }
  return pop;
}

std::vector<Observation> ObservationsOf(const PrecedencePopulation& pop) {
  // Sorted as whole nanoseconds (cheaper than sorting observations; Seconds keeps their
  // order), then merged with deliveries before censorings at the same time.
  std::vector<std::int64_t> delivered(pop.delivered_ns), censored(pop.in_flight_age_ns);
  std::sort(delivered.begin(), delivered.end());
  std::sort(censored.begin(), censored.end());
  std::vector<Observation> o;
  o.reserve(delivered.size() + censored.size());
  std::size_t i = 0, j = 0;
  while (i < delivered.size() || j < censored.size()) {
    if (j == censored.size() ||
        (i < delivered.size() && Seconds(delivered[i]) <= Seconds(censored[j]))) {
      o.push_back({Seconds(delivered[i++]), true});
    } else {
      o.push_back({Seconds(censored[j++]), false});
    }
  }
  return o;
}

std::array<std::vector<Observation>, kPrecedenceCount> ObservationsOf(const Population& pop) {
  std::array<std::vector<Observation>, kPrecedenceCount> out;
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) out[p] = ObservationsOf(pop[p]);
  return out;
}

namespace {

// The quantiles Summarize reports, as KaplanMeier(ObservationsOf(pop)) gives them. With
// nobody in flight the estimate is the empirical distribution: values at fixed ranks
// (NearestRank, as KaplanMeier::At), found by selection in linear time instead of sorting
// every delivery (which cost a congested compare 2.5% of its instructions).
struct Quantiles {
  Quantile p50, p95, p99, max;
};
constexpr double kP50 = 0.50, kP95 = 0.95, kP99 = 0.99;

Quantiles QuantilesOf(const PrecedencePopulation& pop, std::vector<std::int64_t>* scratch) {
  Quantiles out;
  if (!pop.in_flight_age_ns.empty()) {
    const KaplanMeier km(ObservationsOf(pop));
    out = {km.At(kP50), km.At(kP95), km.At(kP99), km.Max()};
    return out;
  }
  if (pop.delivered_ns.empty()) return out;
  std::vector<std::int64_t>& v = *scratch;
  v.assign(pop.delivered_ns.begin(), pop.delivered_ns.end());
  const std::size_t n = v.size();
  const std::size_t r50 = NearestRank(100 * kP50, n), r95 = NearestRank(100 * kP95, n),
                    r99 = NearestRank(100 * kP99, n);  // r50 <= r95 <= r99 < n
  // Each selection leaves the smaller values before its rank: the next looks only there.
  const auto at = [&v](std::size_t r) { return v.begin() + static_cast<std::ptrdiff_t>(r); };
  std::nth_element(v.begin(), at(r99), v.end());
  out.max = {Seconds(*std::max_element(at(r99), v.end())), false};
  std::nth_element(v.begin(), at(r95), at(r99));
  std::nth_element(v.begin(), at(r50), at(r95));
  out.p50 = {Seconds(v[r50]), false};
  out.p95 = {Seconds(v[r95]), false};
  out.p99 = {Seconds(v[r99]), false};
  return out;
}

}  // namespace

DeliveryCdfs CdfsOf(const Population& pop) {
  DeliveryCdfs out;
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    for (std::int64_t ns : pop[p].delivered_ns) out[p].AddDelivered(Seconds(ns));
    out[p].AddNotDelivered(pop[p].in_flight_age_ns.size());
  }
  return out;
}

ByPrecedence Summarize(const Population& pop, const Scenario& s) {
  ByPrecedence out;
  std::vector<std::int64_t> scratch;
  for (std::size_t k = 0; k < kPrecedenceCount; ++k) {
    const PrecedencePopulation& p = pop[k];
    PrecedenceSummary& r = out[k];
    const std::int64_t objective = s.objectives[k].ns();
    r.delivered = p.delivered_ns.size();
    r.in_flight = p.in_flight_age_ns.size();
    r.other_means = p.other_means;
    r.undeliverable = p.undeliverable;
    r.addressed = r.delivered + r.in_flight + r.other_means + r.undeliverable;
    for (std::int64_t ns : p.delivered_ns) r.within += ns <= objective ? 1U : 0U;
    for (std::int64_t ns : p.in_flight_age_ns) r.unresolved += ns < objective ? 1U : 0U;
    r.mean_s = MeanSeconds(p.delivered_ns);
    const Quantiles q = QuantilesOf(p, &scratch);
    r.p50 = q.p50;
    r.p95 = q.p95;
    r.p99 = q.p99;
    r.max = q.max;
  }
  return out;
}

ByPrecedence SummarizeLatency(const RunView& sim, const Scenario& s) {
  return Summarize(GatherPopulation(sim, s), s);
}

std::array<BatchSummary, kPrecedenceCount> BatchMeans(const RunView& sim, const Scenario& s,
                                                      int batches) {
  std::array<BatchSummary, kPrecedenceCount> out;
  const SimTime from = SimTime() + s.warmup;
  // Batches by filing time: up to the end of arrivals when the run drains after them.
  SimTime to = sim.now();
  if (s.drain && ArrivalsEnd(s)) to = std::min(to, *ArrivalsEnd(s));
  const std::int64_t span = to > from ? (to - from).ns() : 0;
  // [batch] the population filed in that batch.
  std::vector<Population> per_batch(static_cast<std::size_t>(batches));
  for (const auto& a : sim.addressees()) {
    if (!InPopulation(sim, s, a)) continue;
    if (a.outcome != Outcome::kDelivered && a.outcome != Outcome::kInFlight) continue;
    if (a.outcome == Outcome::kInFlight) ++out[Index(a.precedence)].in_flight;
    const std::int64_t offset = (sim.messages()[a.message].filed - from).ns();
    if (span == 0 || offset > span) continue;  // filed after the end: not in any batch
    // Batch b holds filing times in [b span / N, (b+1) span / N); the end goes to the last.
    auto b = static_cast<std::size_t>(static_cast<__int128>(offset) * batches / span);
    b = std::min(b, static_cast<std::size_t>(batches - 1));
    AddToPopulation(sim.messages()[a.message], a, sim.now(), s, &per_batch[b]);
  }
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    std::vector<double> means, p95s;
    BatchSummary& r = out[p];
    r.batches = batches;
    for (const auto& batch : per_batch) {
      if (batch[p].delivered_ns.empty()) continue;
      means.push_back(MeanSeconds(batch[p].delivered_ns));
      const Quantile q = KaplanMeier(ObservationsOf(batch)[p]).At(0.95);
      r.p95_censored |= q.at_least;
      p95s.push_back(q.s);
    }
    r.mean = TimeEstimateOf(means);
    r.p95 = TimeEstimateOf(p95s);
    r.lag1 = Lag1Autocorrelation(means);
  }
  return out;
}

bool WarmupAdvice::Enough() const { return observations >= kMserMinimum; }

std::array<WarmupAdvice, kPrecedenceCount> SuggestWarmup(const RunView& sim) {
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
