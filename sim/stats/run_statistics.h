// The statistics of one run, per addressee precedence, with what each covers.
//
// The population of every figure here: the (message, addressee) records of that precedence
// whose message was filed at or after the scenario's warm-up. Each is delivered, sent by
// other means (ZEN), undeliverable, or still in flight when the run ended; an addressee in
// flight is a right-censored delivery time (its age at the end), never left out: quantiles
// and the maximum come from the Kaplan-Meier estimate, and are lower bounds when they fall
// among the addressees still in flight.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/relay/relay_listener.h"
#include "sim/relay/run_view.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/delivery_cdf.h"
#include "sim/stats/statistics.h"

namespace cablesim {

struct PrecedenceSummary {
  std::uint64_t addressed = 0;  ///< the whole population: the sum of the next four
  std::uint64_t delivered = 0, other_means = 0, undeliverable = 0, in_flight = 0;
  std::uint64_t within = 0;      ///< delivered within the objective
  std::uint64_t unresolved = 0;  ///< in flight and still younger than the objective
  double mean_s = 0;             ///< over the delivered only (see in_flight)
  Quantile p50, p95, p99, max;   ///< over delivered and in flight (Kaplan-Meier)
  /// The addressees the network was asked to reach: all but those sent by other means
  /// (ZEN, or refused under MINIMIZE). The undeliverable are among them: never delivered.
  std::uint64_t Eligible() const { return addressed - other_means; }
  /// Those whose fate against the objective is known: delivered, undeliverable (a miss), or
  /// in flight and already older than the objective (a miss whenever it arrives).
  /// Eligible() - unresolved.
  std::uint64_t Resolved() const { return Eligible() - unresolved; }
  /// within / Resolved(): the share within objective of those whose fate is known; an
  /// addressee in flight and younger than its objective (unresolved) is left out, not counted
  /// as a miss. 0 when none is resolved (writers show "-" or null then).
  double WithinObjective() const {
    return Resolved() ? static_cast<double>(within) / static_cast<double>(Resolved()) : 0;
  }
};

using ByPrecedence = std::array<PrecedenceSummary, kPrecedenceCount>;

/// The population of one precedence as it is gathered: delivery times in whole nanoseconds
/// (any order: every figure is computed so that the order does not matter), ages at the end
/// of those still in flight, and counts of the rest.
struct PrecedencePopulation {
  std::vector<std::int64_t> delivered_ns;
  std::vector<std::int64_t> in_flight_age_ns;  ///< 0 for a message not yet filed
  std::uint64_t other_means = 0, undeliverable = 0;
};
using Population = std::array<PrecedencePopulation, kPrecedenceCount>;

/// The population of a run whose records are all kept (Retention::kAll, the default).
Population GatherPopulation(const RunView& sim, const Scenario& s);
/// Adds one addressee to `pop` if its message was filed at or after the warm-up and by `now`
/// (one still to be filed is not addressed yet).
void AddToPopulation(const MessageRecord& m, const AddresseeRecord& a, SimTime now,
                     const Scenario& s, Population* pop);

/// Gathers the population of a run that gives back done messages' records
/// (Retention::kInFlight): every final outcome as it happens, then, at the end, the
/// addressees still in flight. Gives exactly GatherPopulation's figures.
class OutcomeCollector : public RelayListener {
 public:
  explicit OutcomeCollector(const Scenario& s) : s_(s) {}
  void OnOutcome(const MessageRecord& m, const AddresseeRecord& a, bool) override {
    AddToPopulation(m, a, SimTime::Max(), s_, &pop_);  // an outcome heard: it was filed
  }
  /// Everything heard, plus what is still in flight at the end of the run.
  Population Finish(const RunView& sim) {
    Population pop = pop_;
    sim.ForEachInFlight([&](const MessageRecord& m, const AddresseeRecord& a) {
      AddToPopulation(m, a, sim.now(), s_, &pop);
    });
    return pop;
  }

 private:
  const Scenario& s_;
  Population pop_;
};

/// The figures of a population; the mean is exact (an integer sum of nanoseconds).
ByPrecedence Summarize(const Population& pop, const Scenario& s);
/// The delivery-time CDFs of a population (delivery_cdf.h): bounded, and added up across
/// replications.
DeliveryCdfs CdfsOf(const Population& pop);
/// Delivery times of a population as observations (seconds; in flight censored), in the
/// order KaplanMeier sorts them into (by time, deliveries before censorings).
std::array<std::vector<Observation>, kPrecedenceCount> ObservationsOf(const Population& pop);
/// The same for one precedence.
std::vector<Observation> ObservationsOf(const PrecedencePopulation& pop);

/// Summarize(GatherPopulation(sim, s), s).
ByPrecedence SummarizeLatency(const RunView& sim, const Scenario& s);

/// Batch means of one long run: the time from the warm-up to the end split into equal
/// batches by filing time; per batch the mean (of delivered) and p95 (Kaplan-Meier), then a
/// Student t interval over the batches and the lag-1 autocorrelation of the batch means.
struct BatchSummary {
  int batches = 0;            ///< batches asked for
  Estimate mean;              ///< over batches with deliveries of this precedence (mean.n of them)
  Estimate p95;               ///< the same, of the batches' p95
  bool p95_censored = false;  ///< some batch's p95 is only a lower bound: no p95 interval
  double lag1 = 0;            ///< of the batch means (see LagOneKnown)
  std::uint64_t in_flight = 0;  ///< addressees of this precedence still in flight
};
std::array<BatchSummary, kPrecedenceCount> BatchMeans(const RunView& sim, const Scenario& s,
                                                      int batches);
/// Whether the lag-1 autocorrelation of the batch means exists: three of them at least.
inline bool LagOneKnown(const BatchSummary& b) { return b.mean.n >= 3; }
/// Batch means whose lag-1 autocorrelation is above this are reported as correlated.
inline constexpr double kBatchCorrelationLimit = 0.2;

/// MSER-5 on the delivered latencies of one precedence in filing order, over the whole run
/// (the warm-up included): how much of the start to leave out. Reports ask it only of
/// scenarios with generators (steady-state traffic), not of replayed cables and traces.
struct WarmupAdvice {
  std::size_t observations = 0;  ///< delivered latencies in the series
  double suggested_s = 0;        ///< the filing time (from the start) of the first one kept
  bool at_edge = false;          ///< the minimum is at half the run: too short to tell
  /// Enough data to advise: at least kMserMinimum deliveries.
  bool Enough() const;
};
inline constexpr std::size_t kMserMinimum = 100;
std::array<WarmupAdvice, kPrecedenceCount> SuggestWarmup(const RunView& sim);

}  // namespace cablesim
