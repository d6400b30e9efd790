#include "sim/stats/time_series.h"

#include <algorithm>
#include <array>
#include <map>

#include "sim/stats/run_lists.h"
#include "sim/stats/statistics.h"

namespace cablesim {
namespace {

constexpr std::size_t Index(Precedence p) { return static_cast<std::size_t>(p); }

/// The sample index whose time is the first at or after `at` (times k * step).
std::size_t FirstAtOrAfter(SimTime at, Duration step) {
  const std::int64_t ns = at.ns(), s = step.ns();
  return static_cast<std::size_t>(ns / s + (ns % s != 0 ? 1 : 0));
}

/// The window [k step, (k + 1) step) holding `at`.
std::size_t WindowOf(SimTime at, Duration step) {
  return static_cast<std::size_t>(at.ns() / step.ns());
}

}  // namespace

std::vector<WindowQuantiles> QuantilesByFilingWindow(const RunView& sim, Duration step,
                                                     std::size_t windows,
                                                     const std::vector<double>& qs) {
  const SimTime end = sim.now();
  std::array<std::vector<std::vector<Observation>>, kPrecedenceCount> filed;
  for (auto& f : filed) f.resize(windows);
  for (const AddresseeRecord& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered && a.outcome != Outcome::kInFlight) continue;
    const MessageRecord& m = sim.messages()[a.message];
    if (m.filed > end) continue;
    const std::size_t w = WindowOf(m.filed, step);
    if (w >= windows) continue;
    filed[Index(a.precedence)][w].push_back(
        a.outcome == Outcome::kDelivered ? Observation{(a.delivered - m.filed).seconds(), true}
                                         : Observation{(end - m.filed).seconds(), false});
  }
  std::vector<WindowQuantiles> out(qs.size());
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    for (WindowQuantiles& per_q : out) per_q[p].resize(windows);
    for (std::size_t w = 0; w < windows; ++w) {
      if (filed[p][w].empty()) continue;
      const KaplanMeier km(std::move(filed[p][w]));
      for (std::size_t k = 0; k < qs.size(); ++k) out[k][p][w] = km.At(qs[k]);
    }
  }
  return out;
}

Duration AutoSampleStep(const Scenario& s) {
  const std::optional<SimTime> end = ScenarioEnd(s);
  if (!end) return Duration::Minutes(1);
  return StepFor(*end - SimTime(), kAutoSamples);
}

Duration StepFor(Duration span, std::size_t most) {
  static constexpr std::int64_t kSteps[] = {1,   2,   5,    10,   15,   30,    60,    120,   300,
                                            600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};
  const std::int64_t span_ns = span.ns();
  const auto samples = static_cast<std::int64_t>(std::max<std::size_t>(most, 2) - 1);
  for (std::int64_t step_s : kSteps) {
    if (span_ns / (step_s * Duration::kNsPerSecond) <= samples) return Duration::Seconds(step_s);
  }
  const std::int64_t days = span_ns / (86400 * Duration::kNsPerSecond) / samples + 1;
  return Duration::Seconds(86400 * days);
}

TimeSeriesRecorder::TimeSeriesRecorder(const RunView& sim, Duration step, std::size_t max_samples)
    : step_(step),
      max_samples_(std::max<std::size_t>(2, max_samples & ~std::size_t{1})),
      busy_before_(sim.network().channel_count(), 0) {}

SimTime TimeSeriesRecorder::OnSample(const RunView& sim, SimTime t) {
  Snapshot snap;
  snap.t = t;
  const Network& net = sim.network();
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    const std::int64_t busy = sim.BusyUntil(c, t).ns();
    if (busy != busy_before_[c]) snap.sent.emplace_back(c, busy - busy_before_[c]);
    busy_before_[c] = busy;
    const auto queued = sim.QueuedByPrecedence(c);
    for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
      if (queued[p] > 0) {
        snap.queued.emplace_back(static_cast<std::uint32_t>(c * kPrecedenceCount + p), queued[p]);
      }
    }
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (net.station(st).operators == 0) continue;
    const std::size_t waiting = sim.WaitingForOperator(st);
    if (waiting > 0) snap.waiting.emplace_back(st, static_cast<std::uint32_t>(waiting));
  }
  samples_.push_back(std::move(snap));
  // max_samples_ is even: at one sample more the last one is at an even index, on the grid
  // of twice the step.
  if (samples_.size() == max_samples_ + 1) Halve();
  return t + step_;
}

void TimeSeriesRecorder::Halve() {
  std::vector<Snapshot> kept;
  kept.reserve(samples_.size() / 2 + 1);
  kept.push_back(std::move(samples_[0]));
  for (std::size_t i = 2; i < samples_.size(); i += 2) {
    Snapshot merged = std::move(samples_[i]);
    // What was sent before sample 2i - 1 and before sample 2i is sent before the new one.
    std::map<std::uint32_t, std::int64_t> sent(samples_[i - 1].sent.begin(),
                                               samples_[i - 1].sent.end());
    for (const auto& [c, ns] : merged.sent) sent[c] += ns;
    merged.sent.assign(sent.begin(), sent.end());
    kept.push_back(std::move(merged));
  }
  samples_ = std::move(kept);
  step_ = step_ * 2;
}

TimeSeries TimeSeriesRecorder::Finish(const RunView& sim) const {
  TimeSeries out;
  out.step = step_;
  const std::size_t n = samples_.size();
  for (const Snapshot& s : samples_) out.t.push_back(s.t);
  AddSampledSeries(sim, &out);
  // The rest needs every record (Retention::kAll): without them only the samples are known.
  if (n == 0 || sim.retention() != Retention::kAll) return out;
  AddRecordSeries(sim, &out);
  return out;
}

void TimeSeriesRecorder::AddSampledSeries(const RunView& sim, TimeSeries* out_series) const {
  TimeSeries& out = *out_series;
  const std::size_t n = samples_.size();
  const Network& net = sim.network();
  auto dense = [&](double fill) { return std::vector<std::optional<double>>(n, fill); };

  // Queues, per link direction and precedence that ever had one waiting.
  std::map<std::uint32_t, std::vector<std::optional<double>>> queues;
  for (std::size_t k = 0; k < n; ++k) {
    for (const auto& [key, copies] : samples_[k].queued) {
      auto [it, fresh] = queues.try_emplace(key);
      if (fresh) it->second = dense(0);
      it->second[k] = copies;
    }
  }
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    for (Precedence p : kReportOrder) {
      auto it = queues.find(static_cast<std::uint32_t>(c * kPrecedenceCount + Index(p)));
      if (it == queues.end()) continue;
      out.series.push_back({"queue", ChannelName(sim, c), p, std::move(it->second)});
    }
  }
  // Busy share of each window [t_k, t_k+1): what sample k + 1 says was sent since sample k.
  std::map<std::uint32_t, std::vector<std::optional<double>>> busy;
  const double step_ns = static_cast<double>(step_.ns());
  for (std::size_t k = 1; k < n; ++k) {
    for (const auto& [c, ns] : samples_[k].sent) {
      auto [it, fresh] = busy.try_emplace(c);
      if (fresh) {
        it->second = dense(0);
        it->second[n - 1] = std::nullopt;  // the last window reaches past the end
      }
      it->second[k - 1] = static_cast<double>(ns) / step_ns;
    }
  }
  for (auto& [c, values] : busy) {
    out.series.push_back({"busy", ChannelName(sim, c), std::nullopt, std::move(values)});
  }
  // Operators' backlogs.
  std::map<std::uint32_t, std::vector<std::optional<double>>> backlog;
  for (std::size_t k = 0; k < n; ++k) {
    for (const auto& [st, copies] : samples_[k].waiting) {
      auto [it, fresh] = backlog.try_emplace(st);
      if (fresh) it->second = dense(0);
      it->second[k] = copies;
    }
  }
  for (auto& [st, values] : backlog) {
    out.series.push_back({"backlog", net.station(st).ri, std::nullopt, std::move(values)});
  }
  // Operators on duty at stations whose staff follows shifts.
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (net.station(st).shifts.empty()) continue;
    std::vector<std::optional<double>> values;
    for (const Snapshot& s : samples_) values.push_back(sim.OperatorsOnDuty(st, s.t));
    out.series.push_back({"on_duty", net.station(st).ri, std::nullopt, std::move(values)});
  }
}

void TimeSeriesRecorder::AddRecordSeries(const RunView& sim, TimeSeries* out_series) const {
  TimeSeries& out = *out_series;
  const std::size_t n = samples_.size();
  auto dense = [&](double fill) { return std::vector<std::optional<double>>(n, fill); };
  // From the records: per precedence, filings and deliveries by sample, and the population
  // of each filing window.
  const SimTime end = sim.now();
  struct PerPrecedence {
    std::vector<std::int64_t> filed_at, delivered_at;  // counts by the first sample at or after
    std::vector<std::uint64_t> delivered_in;           // deliveries per window
    bool any = false;
  };
  std::array<PerPrecedence, kPrecedenceCount> per;
  for (auto& pp : per) {
    pp.filed_at.assign(n + 1, 0);
    pp.delivered_at.assign(n + 1, 0);
    pp.delivered_in.assign(n, 0);
  }
  for (const AddresseeRecord& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered && a.outcome != Outcome::kInFlight) continue;
    const MessageRecord& m = sim.messages()[a.message];
    if (m.filed > end) continue;  // not filed yet when the run ended
    PerPrecedence& pp = per[Index(a.precedence)];
    pp.any = true;
    ++pp.filed_at[std::min(FirstAtOrAfter(m.filed, step_), n)];
    if (a.outcome == Outcome::kDelivered) {
      ++pp.delivered_at[std::min(FirstAtOrAfter(a.delivered, step_), n)];
      const std::size_t dw = WindowOf(a.delivered, step_);
      if (dw < n) ++pp.delivered_in[dw];
    }
  }
  const std::vector<WindowQuantiles> by_window =
      QuantilesByFilingWindow(sim, step_, n, {0.5, 0.95});
  const WindowQuantiles& p50 = by_window[0];
  const WindowQuantiles& p95 = by_window[1];
  for (Precedence p : kReportOrder) {
    PerPrecedence& pp = per[Index(p)];
    if (!pp.any) continue;
    TimeSeries::Series in_flight{"in_flight", "", p, dense(0)};
    std::int64_t level = 0;
    for (std::size_t k = 0; k < n; ++k) {
      level += pp.filed_at[k] - pp.delivered_at[k];
      in_flight.values[k] = static_cast<double>(level);
    }
    out.series.push_back(std::move(in_flight));
    TimeSeries::Series deliveries{"deliveries", "", p, dense(0)};
    for (std::size_t k = 0; k < n; ++k)
      deliveries.values[k] = static_cast<double>(pp.delivered_in[k]);
    deliveries.values[n - 1] = std::nullopt;  // the last window reaches past the end
    out.series.push_back(std::move(deliveries));
    for (const auto& [name, quantiles] :
         {std::pair<const char*, const WindowQuantiles*>{"latency_p50", &p50},
          std::pair<const char*, const WindowQuantiles*>{"latency_p95", &p95}}) {
      TimeSeries::Series known{name, "", p, dense(0)},
          bound{std::string(name) + "_at_least", "", p, dense(0)};
      bool any_bound = false;
      for (std::size_t k = 0; k < n; ++k) {
        known.values[k] = bound.values[k] = std::nullopt;
        const std::optional<Quantile>& v = (*quantiles)[Index(p)][k];
        if (!v) continue;
        (v->at_least ? bound : known).values[k] = v->s;
        any_bound |= v->at_least;
      }
      out.series.push_back(std::move(known));
      if (any_bound) out.series.push_back(std::move(bound));
    }
  }
}

}  // namespace cablesim
