// What an experiment (compare, sweep) yields: one result per replication, the experiment's
// result (a grid of points, each run under several disciplines with N replications; a compare
// is a one-point grid), and the aggregates over replications the reports print: mean, p95 and
// max with Student t intervals, the share within objective with its Wilson interval (widened
// by the replications' design effect), totals, paired differences, the busiest resource (a
// link direction or a station's operators).
//
// What every figure covers is in the counts beside it: addressed, delivered, still in
// flight. A quantile that fell among addressees still in flight is a lower bound, and so is
// any average over replications that includes one.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/analytic.h"
#include "sim/relay/delay_anatomy.h"
#include "sim/relay/discipline.h"
#include "sim/relay/records.h"
#include "sim/stats/delivery_cdf.h"
#include "sim/stats/run_statistics.h"
#include "sim/stats/run_summary.h"
#include "sim/stats/statistics.h"
#include "topology/network.h"

namespace cablesim {

/// The seed of replication r of a scenario whose seed is `seed`.
std::uint64_t ReplicationSeed(std::uint64_t seed, std::uint64_t r);

/// A replication's figures beyond its latencies: what `run`'s summary (run_summary.h) gives
/// of a run besides its lists, kept only when asked for (compare --per-replication).
struct RunFigures {
  std::uint64_t messages = 0, copies = 0, events = 0;
  Duration span;  ///< from the start to where the run stopped (what utilisations are over)
  std::map<Undeliverable, std::uint64_t> undeliverable_reasons;  ///< the whole run
  std::vector<LinkFigures> links;        ///< every link direction, in channel order
  std::vector<StationFigures> stations;  ///< every station, in station order
};

/// What one replication contributes (replication.h runs one).
struct ReplicationResult {
  std::uint64_t seed = 0;
  ByPrecedence by_precedence{};  ///< after the warm-up (run_statistics.h)
  /// Where the delivered addressees' time went, over the deliveries of by_precedence's means.
  std::array<AnatomyTally, kPrecedenceCount> anatomy{};
  Conservation conservation;  ///< the whole run, warm-up included
  /// Per channel: the share of the run its transmitter was busy (for the bottleneck).
  std::vector<double> channel_utilisation;
  /// Per station with a limit on operators, in station order: the share of its operators'
  /// time spent on copies (for the bottleneck, beside the channels).
  struct OperatorLoad {
    StationId station = 0;
    double utilisation = 0;
  };
  std::vector<OperatorLoad> operator_utilisation;
  /// The rest of the run's figures, when kept (RunnerOptions::keep_run_figures).
  std::optional<RunFigures> figures;
  /// The delivery-time CDFs per precedence (the pictures), made only when asked for
  /// (RunnerOptions::keep_cdfs) and folded into ExperimentResult::cdfs as the experiment
  /// goes, then let go: an experiment's memory does not grow with its delivery times.
  DeliveryCdfs cdfs;
};

/// A latency figure over replications: the estimate, and whether it is only a lower bound
/// (some replication's value is one) or, for a mean, of the delivered only (some were still
/// in flight).
struct Figure {
  Estimate e;
  bool at_least = false;  ///< quantiles: a lower bound, given without interval
  bool partial = false;   ///< means: of the delivered only
};
enum class Metric { kMean, kP95, kMax };

/// The mean, p95 or max of precedence p over replications (Student t interval, cut at 0).
Figure FigureOver(const std::vector<ReplicationResult>& runs, Precedence p, Metric m);
/// The anatomy of precedence p's mean over replications: each part's mean per delivery,
/// averaged over the replications that delivered some, as FigureOver's mean is, so the parts
/// add up to that mean. `deliveries` counts the deliveries of every replication.
AnatomyMeans AnatomyOver(const std::vector<ReplicationResult>& runs, Precedence p);
/// The share within objective of precedence p, pooled, with its Wilson interval.
Share WithinOver(const std::vector<ReplicationResult>& runs, Precedence p);
/// The counts of precedence p summed over replications.
PrecedenceSummary TotalsOver(const std::vector<ReplicationResult>& runs, Precedence p);
/// Every (message, addressee) of every replication, by outcome.
Conservation ConservationOver(const std::vector<ReplicationResult>& runs);
/// Replication by replication, x's mean of precedence p minus base's, where both delivered
/// some (common random numbers make these paired).
std::vector<double> PairedDifferences(const std::vector<ReplicationResult>& x,
                                      const std::vector<ReplicationResult>& base, Precedence p);
/// Replication by replication, x's mean of precedence px minus base's of precedence pb, where
/// both delivered some: one precedence against another in the same runs (x == base), or one
/// grid point against another under common random numbers.
std::vector<double> PairedDifferences(const std::vector<ReplicationResult>& x, Precedence px,
                                      const std::vector<ReplicationResult>& base, Precedence pb);
/// A resource that work waits for: one direction of a link (its transmitter) or one
/// station's operators, with its mean utilisation over replications (the share of its
/// capacity spent on copies).
struct ResourceLoad {
  enum class Kind { kLink, kOperators };
  Kind kind = Kind::kLink;
  ChannelId channel = 0;  ///< kLink: the direction
  StationId station = 0;  ///< kOperators: the station
  double utilisation = 0;
};
/// The resource busiest on average over replications, link directions and stations'
/// operators alike (a link first on a tie, then the lower id); nullopt when there are no
/// runs or nothing to compare.
std::optional<ResourceLoad> BusiestResource(const std::vector<ReplicationResult>& runs);

/// One load a capacity search ran, and how its criterion came out there.
struct CapacityTrial {
  double load = 0;
  bool passed = false;
  /// The precedence furthest below 95% (the lowest lower bound), judged ones only; when
  /// it passed, the one closest to failing.
  std::optional<Precedence> limiting;
  double lower_bound = 1;  ///< its share's Wilson lower bound
  double estimate = 1;     ///< its share's estimate
  /// Precedences too rare here to judge (even all within objective would not put the
  /// lower bound at 95%).
  std::vector<Precedence> too_few;
  /// Precedences with more than 5% of their addressees unresolved at the end: the load
  /// cannot pass while they are (a draining scenario has none).
  std::vector<Precedence> undetermined;
  /// Precedences whose share was judged here (resolved addressees, enough of them): a pass
  /// says something of these only.
  std::vector<Precedence> judged;
  std::optional<ResourceLoad> busiest;  ///< the busiest resource at this load
  /// Whether `p` is among `judged`.
  bool Judged(Precedence p) const {
    for (Precedence q : judged) {
      if (q == p) return true;
    }
    return false;
  }
};

/// The capacity of one discipline (at one combination of the other swept values): the
/// largest load factor at which every precedence with enough resolved addressees to judge
/// kept at least 95% of them within objective (the Wilson lower bound), and at which every
/// precedence that fell below 95% at a higher load was judged: a load that passed only
/// because such a precedence was too rare there to judge is no evidence (unjudged_at).
struct CapacityResult {
  /// The largest load that passed with every failing load's limiting precedence judged;
  /// nullopt if none did.
  std::optional<double> load;
  bool at_least = false;               ///< it passed at the highest load tried: more is possible
  std::optional<double> fails_at;      ///< the lowest load that failed
  std::optional<Precedence> limiting;  ///< what fell below 95% at fails_at (judged there)
  std::optional<ResourceLoad> bottleneck;  ///< the busiest resource at `load`
  std::vector<CapacityTrial> tried;        ///< every load run, in the order run
  /// At fails_at the limiting share's estimate still met 95%, only its lower bound did not:
  /// more replications would place the answer more exactly (it may move up).
  bool uncertain = false;
  /// Precedences too rare to judge at `load` (the answer): they did not limit it.
  std::vector<Precedence> too_few;
  /// The first load not run because its traffic would pass the message limit (the answer
  /// is then at least `load`), with the reason.
  std::optional<double> refused_at;
  std::string refused_why;
  /// The highest load that passed but is not the answer: `unjudged` (precedences that limited
  /// a failing load) were not judged there, too few of their addressees to tell. More
  /// replications would judge them. The answer is then a lower load where they were judged,
  /// or none.
  std::optional<double> unjudged_at;
  std::vector<Precedence> unjudged;
  /// The trial at `load` (nullptr when none passed).
  const CapacityTrial* Met() const {
    for (const auto& t : tried) {
      if (load && t.load == *load) return &t;
    }
    return nullptr;
  }
  const CapacityTrial* Failed() const {
    for (const auto& t : tried) {
      if (fails_at && t.load == *fails_at) return &t;
    }
    return nullptr;
  }
};

/// An experiment's result: every grid point under every discipline, N replications each.
/// `compare` is a grid of one point (load 1, no --vary keys).
struct ExperimentResult {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  Duration warmup;
  std::vector<Discipline> disciplines;
  std::vector<std::string> keys;  ///< the --vary keys, in order (none for compare)
  struct Point {
    double load = 1;
    std::vector<std::string> values;  ///< one per key
  };
  std::vector<Point> points;
  std::vector<std::vector<std::vector<ReplicationResult>>> runs;  ///< [point][discipline][r]
  /// [point][discipline]: the delivery-time CDFs of every replication added up (only when
  /// they were made: RunnerOptions::keep_cdfs).
  std::vector<std::vector<DeliveryCdfs>> cdfs;
  std::array<Duration, kPrecedenceCount> objectives{};
  const Network* network = nullptr;  ///< names the bottleneck channels
  /// Exact queueing values to print beside the simulated means (compare).
  std::optional<AnalyticModel> analytic;
  bool per_replication = false;  ///< also report each replication's figures
  /// With --precision: the goal, and whether the replications run met it.
  struct Precision {
    std::string goal;
    std::uint64_t max_replications = 0;
    bool met = false;
    std::string worst_figure;  ///< the figure furthest from its target at the end
  };
  std::optional<Precision> precision;
  /// With --capacity: per combination of the non-load values (`capacity_values`, in grid
  /// order) and discipline: capacity[combination][discipline].
  std::vector<std::vector<std::string>> capacity_values;
  std::vector<std::vector<CapacityResult>> capacity;

  /// The replications of discipline d at point p.
  const std::vector<ReplicationResult>& Runs(std::size_t point, std::size_t d) const {
    return runs[point][d];
  }
};

}  // namespace cablesim
