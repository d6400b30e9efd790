// Parameter studies: a grid of scenario variants (load factors x values of any keys) run
// under several disciplines with N replications each, and the capacity search: the largest
// load at which every precedence keeps 95% of its addressees within objective.
//
// Common random numbers: replication r of every point and discipline uses the seed from
// (scenario seed, r), so points differ only by what was varied.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/experiment/results.h"
#include "sim/experiment/rounds.h"
#include "sim/experiment/runner.h"
#include "sim/experiment/scenario_edit.h"

namespace cablesim {

/// One --vary: a key and the values it takes.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

struct SweepSpec {
  std::vector<double> loads{1.0};  ///< factors on every generator's rate
  std::vector<SweepAxis> vary;     ///< a grid: the cross product of every axis, then loads
  std::vector<Discipline> disciplines;
  std::uint64_t replications = 10;  ///< of the first round (rounds.h)
  /// Replaces the scenario's seed at every point (--seed); replication seeds derive from it.
  std::optional<std::uint64_t> seed;
};

/// One grid point: its load factor and its value of each axis (in axis order). Its scenario
/// is built when it runs (LoadPoint), so a sweep holds one scenario at a time.
struct SweepPoint {
  double load = 1;
  std::vector<std::string> values;
  std::vector<KeyValue> edits;  ///< the --vary keys with this point's values
};

/// A load factor is at least kMinLoadFactor (the finest a FROM:TO:STEP range is read to; a
/// smaller one, 5e-324 given from Python, filed nothing) and at most kMaxLoadFactor (the
/// ceiling of the capacity search too, so that an answer "at least 1024 x" can be run).
inline constexpr double kMinLoadFactor = 1e-9;
inline constexpr double kMaxLoadFactor = 1024;
/// How the refusals of a load factor say what one is (the two bounds above, written out).
inline constexpr const char* kLoadFactorRange = "(a number from 0.000000001 to 1024)";
static_assert(kMinLoadFactor == 1e-9 && kMaxLoadFactor == 1024, "kLoadFactorRange names them");
/// Why `load` is not a load factor, or "" when it is.
std::string LoadFactorProblem(double load);

/// A grid holds at most this many points (each is loaded once to be checked and once to run).
inline constexpr std::size_t kMaxGridPoints = 10'000;

/// Multiplies every generator's arrival rate by `factor` (cables, messages and trace rows
/// keep their times).
void ScaleLoad(Scenario* s, double factor);

/// Every point of the grid (axes in order, the first outermost, loads innermost), each
/// scenario loaded, checked (the message limit at its load included) and let go: an error
/// names the --vary or --load that is wrong, or the grid's size beyond kMaxGridPoints.
/// `notes` (if given) receives what the points' scenarios warn of and the unedited one does
/// not, each naming its setting ("with K=V: FIELD: warning: ..."; no line: the edited text
/// is in no file).
Result<std::vector<SweepPoint>> BuildGrid(const ScenarioText& text, const SweepSpec& spec,
                                          const LoadOptions& limits,
                                          std::vector<std::string>* notes = nullptr);
/// The scenario of one point: the edits applied, the load scaled, the limits checked.
Result<std::unique_ptr<Scenario>> LoadPoint(const ScenarioText& text, const SweepPoint& point,
                                            const LoadOptions& limits);

/// Runs every (point, discipline, replication) of the grid in rounds (rounds.h), each
/// point's scenario loaded for its runs only, into result->runs. Returns "" or the first
/// failure.
std::string RunGrid(const ScenarioText& text, const std::vector<SweepPoint>& points,
                    const LoadOptions& limits, const Rounds& rounds, const RunnerOptions& options,
                    ExperimentResult* result);

/// Whether every precedence keeps at least `share` of its addressees within objective (the
/// Wilson lower bound, not just the estimate); when not, the one furthest below.
/// A precedence with so few addressees that even all of them within objective would not
/// put the interval's lower bound at `share` cannot be judged, and is listed apart.
struct CapacityCheck {
  bool ok = true;
  std::optional<Precedence> limiting;  ///< the judged precedence with the lowest bound
  double lowest_bound = 1;
  double estimate = 1;  ///< the limiting one's estimate
  std::vector<Precedence> too_few;
  /// Those whose share was judged (some resolved, not too few), in report order.
  std::vector<Precedence> judged;
  /// More than kMostUnresolved of their eligible addressees were unresolved at the end: what
  /// is known of them may not stand for the rest (an overload cut short), so the load cannot
  /// be said to pass. A draining scenario has none.
  std::vector<Precedence> undetermined;
};
inline constexpr double kMostUnresolved = 0.05;
CapacityCheck CheckShareWithin(const std::vector<ReplicationResult>& runs, double share = 0.95);

/// The capacity of one discipline on one scenario (CapacityResult, results.h): the largest
/// load factor with every precedence at least 95% within objective, found by bracketing
/// (doubling or halving from 1, up to 1024 or down to 1/1024) then bisection until the bracket
/// is within 2% of its low end. The answer rests only on loads where it was judged: a load
/// that passed while a precedence that limited some failing load was too rare there to judge
/// is set aside (CapacityResult::unjudged_at), and the answer is the highest passing load
/// below it where every such precedence was judged, or none (JudgedAnswer).
/// A load whose traffic would pass `limits.max_messages` is not
/// run: the search stops below it and says so (CapacityResult::refused_at).
/// `s` is scaled in place for each load tried (and left at its base rate). A failing run is
/// an error (its message). Under MPI every rank takes the same steps.
Result<CapacityResult> FindCapacity(Scenario* s, Discipline d, std::uint64_t replications,
                                    const LoadOptions& limits, const RunnerOptions& options);

/// Sets out->load, unjudged_at and unjudged from out->tried (the loads a search ran; every
/// failing one above every passing one): the highest passing load at which every precedence
/// that limited a failing load was judged. A higher pass where one of them was not judged is
/// no evidence for the answer: it is named in unjudged_at (the highest such), with the
/// precedences it did not judge.
void JudgedAnswer(CapacityResult* out);

/// The first generator of `s` whose expected traffic passes `limits`, said as a sentence
/// ("generator department would file about 6.2e+07 messages, more than the limit of
/// 50000000 (--max-messages raises it)"); "" when none does.
std::string MessageLimitProblem(const Scenario& s, const LoadOptions& limits);

}  // namespace cablesim
