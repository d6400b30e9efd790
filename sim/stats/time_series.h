// A run over time: samples taken as it runs (queues, transmitters' busy share, operators'
// backlogs) and series computed from its records at the end (addressees in flight,
// deliveries, delivery-time quantiles by filing time), on one grid of times 0, step, 2 step,
// ... up to the end of the run.
//
// Two kinds of series (what a value at time t covers):
//   state at t        queue, in_flight, backlog, on_duty: after every event at or before t
//   window [t, t+step) busy (the share of it the transmitter was sending), deliveries (how
//                     many were delivered in it), latency_p50 and latency_p95 (of the
//                     addressees filed in it, Kaplan-Meier: one still in flight at the end
//                     is censored at its age, and a quantile among them is a lower bound,
//                     in the series latency_p50_at_least / latency_p95_at_least instead)
// A window that does not exist (after the end) or holds nobody has no value.
//
// The sampled series are built as the run goes, each in a SeriesValues (series_values.h) that
// costs what changes rather than samples x series; a series starts at its key's first value
// other than 0. They share one SeriesArena, the recorder's: their bytes grow side by side in
// its 64-byte blocks, with no array outgrown and left behind as a hole, and when the step
// doubles the blocks of the series replaced are taken by the thinned ones. The arena lives as
// long as a series in it (in TimeSeries after Finish). Every reader reads the values through
// SeriesValues (ForEach, range-for).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/relay/relay_listener.h"
#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/series_values.h"
#include "sim/stats/statistics.h"

namespace cablesim {

/// At most this many samples a run, whatever its length: the step of an automatic grid
/// doubles as the run outgrows it.
inline constexpr std::size_t kAutoSamples = 2000;
/// At most this many samples with a step given by hand (--sample): more is refused.
inline constexpr std::size_t kMaxSamples = 100000;

struct TimeSeries {
  Duration step;
  std::vector<SimTime> t;  ///< the sample times: 0, step, 2 step, ...
  struct Series {
    std::string name;  ///< queue, busy, backlog, in_flight, deliveries, latency_p50, ...
    std::string key;   ///< a link direction "RUEH>RUDKC", a station RI, or ""
    std::optional<Precedence> precedence;
    SeriesValues values;  ///< one per sample time; nullopt: none (sealed: complete)
  };
  /// In a fixed order: queue, busy (link directions in channel order), backlog (stations in
  /// order), on_duty (operators on duty at stations with shifts), then in_flight, deliveries, the
  /// latency quantiles (precedences in report order). Links and stations that never queued, sent or
  /// waited are left out.
  std::vector<Series> series;
};

/// Per precedence and window [k step, (k + 1) step), k < windows: a quantile of delivery
/// time of the addressees filed in it (Kaplan-Meier, those still in flight censored at their
/// age at the end), nullopt for a window nobody was filed in. Needs every record kept.
using WindowQuantiles = std::array<std::vector<std::optional<Quantile>>, kPrecedenceCount>;
/// One WindowQuantiles per q of `qs` (each window's estimate is built once for all of them).
std::vector<WindowQuantiles> QuantilesByFilingWindow(const RunView& sim, Duration step,
                                                     std::size_t windows,
                                                     const std::vector<double>& qs);

/// The step of the automatic grid: the run's planned length over kAutoSamples, rounded up to
/// 1, 2 or 5 seconds, 10, 15 or 30 seconds, 1, 2, 5, 10, 15 or 30 minutes, 1, 2, 3, 6 or 12
/// hours or whole days; 1 minute when the run has no planned end.
Duration AutoSampleStep(const Scenario& s);
/// The least of those steps that covers `span` in at most `most` samples (the first at 0).
Duration StepFor(Duration span, std::size_t most);

/// Records a run's samples: give it to RelaySimulation::set_listener(&recorder, SimTime())
/// before the run, then Finish after it (once: the series move out).
class TimeSeriesRecorder : public RelayListener {
 public:
  /// Samples every `step`; whenever the run would pass `max_samples` (even: kAutoSamples,
  /// or kMaxSamples for a step given by hand) the step doubles, every other sample kept and
  /// their windows merged, so a run of any length stays within it.
  TimeSeriesRecorder(const RunView& sim, Duration step, std::size_t max_samples);
  SimTime OnSample(const RunView& sim, SimTime t) override;
  /// Every series: from the samples, and from the run's records when it kept them all
  /// (Retention::kAll; otherwise in_flight, deliveries and the latencies are left out).
  /// The sampled series move out, each sealed (its table of recent numbers freed before the
  /// finished list is made): call it once.
  TimeSeries Finish(const RunView& sim);

 private:
  /// Series of one kind kept as the run goes, one per key (a link direction and precedence,
  /// a link direction, a station), made at the key's first value other than 0.
  class Keyed {
   public:
    /// `keys` keys, their series' bytes in `arena`.
    Keyed(std::size_t keys, SeriesArena::Ref arena);
    /// Appends key's value when it has a series or `n` is not 0 (then after `before` zeros).
    /// Inline for the usual sample of a quiet key: nothing to append, nothing called.
    void Append(std::size_t key, std::int64_t n, std::size_t before) {
      if (n == 0 && slot_[key] == kNoSeries) return;
      AppendNow(key, n, before);
    }
    /// The series of `key`, nullptr when it never had a value other than 0.
    SeriesValues* Find(std::size_t key);
    /// How many keys have a series.
    std::size_t size() const { return series_.size(); }
    /// Seals every series (no value appended again): frees their tables of recent numbers.
    void Seal();
    /// Frees every series (after Finish moved them out).
    void Release();
    /// Every series on the grid of twice the step: values 0, 2, 4, ... (a state), or the
    /// windows summed two by two (`windows`).
    void Halve(bool windows);

   private:
    static constexpr std::uint32_t kNoSeries = ~std::uint32_t{0};
    void AppendNow(std::size_t key, std::int64_t n, std::size_t before);
    std::vector<std::uint32_t> slot_;  // per key: index in series_, or kNoSeries
    std::vector<SeriesValues> series_;
    SeriesArena::Ref arena_;
  };
  /// Finish's series read from the samples: queues, busy shares, backlogs, operators on duty.
  void AddSampledSeries(const RunView& sim, TimeSeries* out);
  /// Finish's series read from every record: in flight, deliveries and latency quantiles.
  void AddRecordSeries(const RunView& sim, TimeSeries* out) const;
  void Halve();

  Duration step_;
  std::size_t max_samples_;
  std::vector<std::int64_t> busy_before_;  // per channel: BusyUntil at the previous sample
  // Per channel: a copy was seen waiting at a sample (so it may have queue series to go on).
  std::vector<bool> queue_seen_;
  std::vector<SimTime> t_;  // the sample times
  SeriesArena::Ref arena_;  // the bytes of every series below
  Keyed queued_;   // channel * kPrecedenceCount + precedence: copies waiting at each sample
  Keyed sent_;     // channel: nanoseconds sent in each window [t_k, t_k+1) (one fewer)
  Keyed waiting_;  // station: copies waiting for an operator at each sample
};

}  // namespace cablesim
