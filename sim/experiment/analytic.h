// Exact results for one server fed by Poisson arrivals in K precedence classes (DESIGN.md,
// "Validation"): Pollaczek-Khinchine (FIFO), Cobham (non-preemptive priority) and the
// preemptive-resume priority queue. Class 0 is the highest precedence.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/message/precedence.h"
#include "sim/relay/discipline.h"
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

/// One server with Poisson arrivals per precedence, highest first.
struct AnalyticModel {
  enum class Server : std::uint8_t {
    kLink,     ///< the link's transmitter: its discipline applies
    kStation,  ///< one operator: first come first served under fifo, else non-preemptive
  };
  Server server = Server::kLink;
  std::vector<Precedence> precedences;  ///< highest first
  std::vector<ClassLoad> classes;       ///< parallel to precedences
  double constant_s = 0;                ///< added to every time in system (fixed delays)
  /// Who may interrupt whom under the preemptive disciplines (the scenario's rules).
  PreemptionRules preemption = PreemptionRules::Default();
};

/// The scenario as the named model (what it declares with `analytic:`), or an error saying
/// what does not fit it.
/// - mm1-priority: one link used in one direction, one generator with exponential or
///   constant lengths and no heading overhead, no processing or propagation delay; the
///   server is the link.
/// - mg1-station: one link, one generator filing at one end, which has `operators: 1` and
///   a processing time D > 0, fixed (M/D/1) or exponential (M/M/1); constant lengths sent in
///   less than D (fixed) or in D/100 (exponential, so that the link's queue is negligible),
///   no heading overhead, no propagation delay, no processing elsewhere. The server is the
///   operator; the constant transmission time is added.
Result<AnalyticModel> AnalyticModelOf(const Scenario& s, const std::string& model);

/// The exact mean time in system for each precedence of the model under a discipline, where
/// a closed form holds: Pollaczek-Khinchine under fifo; Cobham under priority, and under a
/// preemptive discipline whose rules let none of the model's precedences interrupt another;
/// the preemptive-resume formula only when the rules are a full hierarchy (every higher
/// precedence may interrupt every lower). nullopt otherwise (AnalyticUnavailable says why).
std::optional<std::vector<double>> AnalyticTimeInSystem(const AnalyticModel& m, Discipline d);
/// Why there is no exact value for `d` ("no closed form for these preemption rules ..."),
/// or "" when AnalyticTimeInSystem gives one.
std::string AnalyticUnavailable(const AnalyticModel& m, Discipline d);

}  // namespace cablesim
