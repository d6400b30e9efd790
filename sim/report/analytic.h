// Exact results for one server fed by Poisson arrivals in K precedence classes (DESIGN.md,
// "Validation"): Pollaczek-Khinchine (FIFO), Cobham (non-preemptive priority) and the
// preemptive-resume priority queue. Class 0 is the highest precedence.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/message/precedence.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

struct ClassLoad {
  double lambda;  ///< arrivals per second
  double mean_s;  ///< E[S]
  double second;  ///< E[S^2]
};

/// Mean time in system (waiting + service) per class, classes highest precedence first.
/// Requires total utilisation < 1.
std::vector<double> FifoTimeInSystem(const std::vector<ClassLoad>& classes);
std::vector<double> PriorityTimeInSystem(const std::vector<ClassLoad>& classes);
std::vector<double> PreemptResumeTimeInSystem(const std::vector<ClassLoad>& classes);

/// The analytic model of a scenario that declares `analytic: mm1-priority`: one link used in
/// one direction, one generator with exponential or constant lengths and no heading overhead,
/// no processing or propagation delay. Per precedence present (highest first) its load, or an
/// error saying what does not fit the model.
struct AnalyticModel {
  std::vector<Precedence> precedences;  ///< highest first
  std::vector<ClassLoad> classes;       ///< parallel to precedences
};
Result<AnalyticModel> Mm1PriorityModel(const Scenario& s);

/// The exact mean time in system for each precedence of the model under a discipline;
/// nullopt for preempt-restart (no closed form used here).
std::optional<std::vector<double>> AnalyticTimeInSystem(const AnalyticModel& m, Discipline d);

}  // namespace cablesim
