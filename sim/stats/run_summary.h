// The figures of one run, computed once into a value: what every writer of a run (text,
// JSON, HTML, the gateway's STATS and final report) renders, so they always say the same
// thing. Lists of addressees name records of the run (ids into RunView::addressees()),
// which the writers read for names and times.
//
// What each figure covers is said beside it: run_statistics.h for the latency figures (the
// addressees of messages filed at or after the warm-up, those in flight censored), the whole
// run for conservation, links and stations.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/relay/delay_anatomy.h"
#include "sim/relay/discipline.h"
#include "sim/relay/records.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_statistics.h"
#include "sim/stats/time_series.h"

namespace cablesim {

class RunView;

/// How many slowest deliveries, oldest addressees in flight, links and stations a report
/// lists for a person (text, HTML); JSON lists every link and station.
inline constexpr std::size_t kListed = 10;

/// busy / span, 0 for an empty span: every utilisation of a run is this, over the run's span
/// (RunSummary::span), whoever shows it.
double Utilisation(Duration busy, Duration span);
/// The share of a station's operators' time on duty spent on copies (StationFigures's
/// utilisation, and a replication's for the sweep's bottleneck); 0 without a limit.
double OperatorUtilisation(const RunView& sim, StationId id);

/// One link direction over the run.
struct LinkFigures {
  ChannelId channel = 0;
  Duration busy;           ///< time its transmitter spent sending, interrupted attempts too
  double utilisation = 0;  ///< Utilisation(busy, RunSummary::span)
  std::uint64_t copies = 0;
  std::size_t max_queue = 0;  ///< most copies waiting at once
  Duration backlogged;        ///< time with more than kBacklogThreshold waiting
  std::uint64_t interruptions = 0;
  /// The ACP 127 procedure on this direction (ChannelStats): transmissions lost and garbled,
  /// reruns, service messages it carried, corrections that arrived over it.
  std::uint64_t lost = 0, garbled = 0, reruns = 0, service_messages = 0, corrections = 0;
};

/// One station over the run; the operators' figures are 0 at a station without a limit.
struct StationFigures {
  StationId station = 0;
  std::uint32_t operators = 0;  ///< the most on duty; 0: no limit
  double utilisation = 0;       ///< share of the operators' time on duty spent on copies
  std::uint64_t copies = 0;     ///< copies an operator took up
  std::size_t max_waiting = 0;
  double mean_wait_s = 0;            ///< mean wait for an operator (0 when none was processed)
  std::uint64_t copies_sent = 0;     ///< copies it transmitted, over all its links
  std::uint64_t delivered_here = 0;  ///< addressees delivered at it (records kept)
};

/// Every link direction of the run so far, in channel order, over `span`.
std::vector<LinkFigures> LinkFiguresOf(const RunView& sim, Duration span);
/// Every station, in station order, with delivered_here left 0: the caller counts it from
/// the records (SummarizeRun) or from the outcomes as they are heard (an experiment's
/// replication, whose done records are given back).
std::vector<StationFigures> StationFiguresOf(const RunView& sim);

struct SummaryOptions {
  std::uint64_t seed = 1;  ///< the seed the run used
  Discipline discipline = Discipline::kPriority;
  RunCompletion completion;  ///< how the run ended (RunScenario)
  int batches = 0;           ///< > 0: batch means over that many batches (intervals for one run)
  bool lists = true;         ///< false: only the latency figures and conservation (live STATS)

  /// A run of this seed and discipline, everything else as by default.
  static SummaryOptions Of(std::uint64_t run_seed, Discipline run_discipline) {
    SummaryOptions o;
    o.seed = run_seed;
    o.discipline = run_discipline;
    return o;
  }
};

struct RunSummary {
  std::uint64_t seed = 1;
  Discipline discipline = Discipline::kPriority;
  SimTime end;    ///< where the run stopped
  Duration span;  ///< what every utilisation is over: from the start to `end`
  std::uint64_t messages = 0, copies = 0, events = 0;
  /// A draining run (Scenario::drain): arrivals stopped at arrivals_end, then it ran until
  /// nothing was in flight (idle) or its limit.
  RunCompletion completion;
  std::optional<SimTime> arrivals_end;

  ByPrecedence by_precedence{};  ///< latency figures after the warm-up
  /// Where the delivered addressees' time went, per precedence, over the same deliveries as
  /// by_precedence's means (filed after the warm-up): the parts add up to mean_s.
  std::array<AnatomyMeans, kPrecedenceCount> anatomy{};
  Conservation conservation;  ///< every (message, addressee) of the run
  /// Corrections made, and addressees delivered subject to correction and corrected (the
  /// latency figures count the first delivery, what the addressee acted on).
  CorrectionCounts corrections;
  std::map<Undeliverable, std::uint64_t> undeliverable_reasons;  ///< reason -> addressees

  /// MSER-5 warm-up advice per precedence, for steady-state traffic only: given when the
  /// scenario has generators (not for replayed cables and traces) and does not drain (a
  /// drained run is a terminating study, with no steady state to warm up to).
  bool advice_given = false;
  std::array<WarmupAdvice, kPrecedenceCount> advice{};
  int batches = 0;  ///< the batch means' count (SummaryOptions::batches), 0 for none
  std::array<BatchSummary, kPrecedenceCount> batch{};

  // The lists (with SummaryOptions::lists).
  std::vector<std::uint32_t> slowest;           ///< counted deliveries, longest first (kListed)
  std::vector<std::uint32_t> oldest_in_flight;  ///< filed and in flight, oldest first (kListed)
  std::vector<LinkFigures> all_links;           ///< every link direction, in channel order
  std::vector<StationFigures> all_stations;     ///< every station, in station order
  std::vector<LinkFigures> links;        ///< every direction that did anything, busiest first
  std::vector<LinkFigures> backlogged;   ///< every direction that queued, longest queue first
  std::vector<StationFigures> stations;  ///< stations with an operator limit, station order

  /// The run over time, when it was recorded (run --sample, --out DIR/, --format html): set
  /// by the caller from its TimeSeriesRecorder.
  std::optional<TimeSeries> timeseries;
};

/// The summary of a finished run whose records are all kept.
RunSummary SummarizeRun(const RunView& sim, const Scenario& s, const SummaryOptions& o);

}  // namespace cablesim
