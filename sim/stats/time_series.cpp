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

TimeSeriesRecorder::Keyed::Keyed(std::size_t keys, SeriesArena::Ref arena)
    : slot_(keys, kNoSeries), arena_(std::move(arena)) {}

void TimeSeriesRecorder::Keyed::AppendNow(std::size_t key, std::int64_t n, std::size_t before) {
  std::uint32_t& slot = slot_[key];
  if (slot == kNoSeries) {
    slot = static_cast<std::uint32_t>(series_.size());
    series_.emplace_back(arena_).AppendWholes(0, before);
  }
  series_[slot].AppendWhole(n);
}

SeriesValues* TimeSeriesRecorder::Keyed::Find(std::size_t key) {
  return slot_[key] == kNoSeries ? nullptr : &series_[slot_[key]];
}

void TimeSeriesRecorder::Keyed::Seal() {
  for (SeriesValues& values : series_) values.Seal();
}

void TimeSeriesRecorder::Keyed::Release() {
  slot_ = {};
  series_ = {};
}

void TimeSeriesRecorder::Keyed::Halve(bool windows) {
  // A state's series whose values other than 0 were all at the samples dropped is dropped
  // too: a key has a series when a sample kept saw it (windows' sums keep what they held).
  std::vector<SeriesValues> kept;
  kept.reserve(series_.size());
  for (std::uint32_t& slot : slot_) {
    if (slot == kNoSeries) continue;
    SeriesValues values = windows ? series_[slot].PairSums() : series_[slot].EveryOther();
    series_[slot] = SeriesValues();  // its blocks free for the next series' values
    bool any = false;
    values.ForEach([&](std::size_t, std::optional<double> v) { any |= v != 0.0; });
    slot = any ? static_cast<std::uint32_t>(kept.size()) : kNoSeries;
    if (any) kept.push_back(std::move(values));
  }
  series_ = std::move(kept);
}

TimeSeriesRecorder::TimeSeriesRecorder(const RunView& sim, Duration step, std::size_t max_samples)
    : step_(step),
      max_samples_(std::max<std::size_t>(2, max_samples & ~std::size_t{1})),
      busy_before_(sim.network().channel_count(), 0),
      queue_seen_(sim.network().channel_count(), false),
      arena_(SeriesArena::Make()),
      queued_(sim.network().channel_count() * kPrecedenceCount, arena_),
      sent_(sim.network().channel_count(), arena_),
      waiting_(sim.network().station_count(), arena_) {}

SimTime TimeSeriesRecorder::OnSample(const RunView& sim, SimTime t) {
  const std::size_t k = t_.size();  // this sample's index
  t_.push_back(t);
  const Network& net = sim.network();
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    // What was sent since the sample before is window k - 1's (nothing is before sample 0).
    const std::int64_t busy = sim.BusyUntil(c, t).ns();
    if (k > 0) sent_.Append(c, busy - busy_before_[c], k - 1);
    busy_before_[c] = busy;
    const auto queued = sim.QueuedByPrecedence(c);
    const bool waiting = std::any_of(queued.begin(), queued.end(), [](auto n) { return n > 0; });
    if (!waiting && !queue_seen_[c]) continue;  // no queue series to go on, none to begin
    queue_seen_[c] = true;
    for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
      queued_.Append(c * kPrecedenceCount + p, queued[p], k);
    }
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (net.station(st).operators == 0) continue;
    waiting_.Append(st, static_cast<std::int64_t>(sim.WaitingForOperator(st)), k);
  }
  // max_samples_ is even: at one sample more the last one is at an even index, on the grid
  // of twice the step.
  if (t_.size() == max_samples_ + 1) Halve();
  // None after the last simulated time (SimTime::Max() is never reached).
  return step_ <= SimTime::Max() - t ? t + step_ : SimTime::Max();
}

void TimeSeriesRecorder::Halve() {
  // Samples 0, 2, 4, ... are kept; what was sent in windows 2m and 2m + 1 is window m's.
  std::vector<SimTime> kept;
  kept.reserve(t_.size() / 2 + 1);
  for (std::size_t i = 0; i < t_.size(); i += 2) kept.push_back(t_[i]);
  t_ = std::move(kept);
  queued_.Halve(false);
  sent_.Halve(true);
  waiting_.Halve(false);
  step_ = step_ * 2;
}

TimeSeries TimeSeriesRecorder::Finish(const RunView& sim) {
  TimeSeries out;
  out.step = step_;
  const std::size_t n = t_.size();
  out.t = t_;
  AddSampledSeries(sim, &out);
  // The rest needs every record (Retention::kAll): without them only the samples are known.
  if (n > 0 && sim.retention() == Retention::kAll) AddRecordSeries(sim, &out);
  // Finished: no series grows again, none keeps a table of recent numbers.
  for (TimeSeries::Series& series : out.series) series.values.Seal();
  return out;
}

void TimeSeriesRecorder::AddSampledSeries(const RunView& sim, TimeSeries* out_series) {
  TimeSeries& out = *out_series;
  const Network& net = sim.network();
  // The last window of a busy share reaches past the end: no value. Then no series is
  // appended to again: their tables of recent numbers go before the finished list is made.
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    SeriesValues* values = sent_.Find(c);
    if (values == nullptr) continue;
    values->set_divisor(static_cast<double>(step_.ns()));
    values->Append(std::nullopt);
  }
  queued_.Seal();
  sent_.Seal();
  waiting_.Seal();
  // Room for every series at once (the records' are at most 6 per precedence): a vector
  // grown by doubling would hold two copies of thousands of them for a moment.
  std::size_t shifts = 0;
  for (StationId st = 0; st < net.station_count(); ++st) shifts += !net.station(st).shifts.empty();
  out.series.reserve(queued_.size() + sent_.size() + waiting_.size() + shifts +
                     6 * kPrecedenceCount);
  // Queues, per link direction and precedence that ever had one waiting.
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    for (Precedence p : kReportOrder) {
      SeriesValues* values = queued_.Find(c * kPrecedenceCount + Index(p));
      if (values == nullptr) continue;
      out.series.push_back({"queue", ChannelName(sim, c), p, std::move(*values)});
    }
  }
  queued_.Release();
  // Busy share of each window [t_k, t_k+1): what was sent in it over the step.
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    SeriesValues* values = sent_.Find(c);
    if (values == nullptr) continue;
    out.series.push_back({"busy", ChannelName(sim, c), std::nullopt, std::move(*values)});
  }
  sent_.Release();
  // Operators' backlogs.
  for (StationId st = 0; st < net.station_count(); ++st) {
    SeriesValues* values = waiting_.Find(st);
    if (values == nullptr) continue;
    out.series.push_back({"backlog", net.station(st).ri, std::nullopt, std::move(*values)});
  }
  waiting_.Release();
  // Operators on duty at stations whose staff follows shifts.
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (net.station(st).shifts.empty()) continue;
    SeriesValues values;
    for (SimTime t : t_) values.Append(sim.OperatorsOnDuty(st, t));
    out.series.push_back({"on_duty", net.station(st).ri, std::nullopt, std::move(values)});
  }
}

void TimeSeriesRecorder::AddRecordSeries(const RunView& sim, TimeSeries* out_series) const {
  TimeSeries& out = *out_series;
  const std::size_t n = t_.size();
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
    SeriesValues in_flight, deliveries;
    std::int64_t level = 0;
    for (std::size_t k = 0; k < n; ++k) {
      level += pp.filed_at[k] - pp.delivered_at[k];
      in_flight.AppendWhole(level);
      // The last window reaches past the end: no value.
      if (k + 1 < n) deliveries.AppendWhole(static_cast<std::int64_t>(pp.delivered_in[k]));
    }
    deliveries.Append(std::nullopt);
    out.series.push_back({"in_flight", "", p, std::move(in_flight)});
    out.series.push_back({"deliveries", "", p, std::move(deliveries)});
    for (const auto& [name, quantiles] :
         {std::pair<const char*, const WindowQuantiles*>{"latency_p50", &p50},
          std::pair<const char*, const WindowQuantiles*>{"latency_p95", &p95}}) {
      SeriesValues known, bound;
      bool any_bound = false;
      for (std::size_t k = 0; k < n; ++k) {
        const std::optional<Quantile>& v = (*quantiles)[Index(p)][k];
        known.Append(v && !v->at_least ? std::optional<double>(v->s) : std::nullopt);
        bound.Append(v && v->at_least ? std::optional<double>(v->s) : std::nullopt);
        any_bound |= v && v->at_least;
      }
      out.series.push_back({name, "", p, std::move(known)});
      if (any_bound)
        out.series.push_back({std::string(name) + "_at_least", "", p, std::move(bound)});
    }
  }
}

}  // namespace cablesim
