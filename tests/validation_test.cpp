// The simulator against exact queueing results (DESIGN.md, "Validation"), 400,000 messages
// with a fixed seed: one link with Poisson arrivals in four precedences and exponential
// lengths (M/M/1), and one station operator with fixed (M/D/1) or exponential (M/M/1)
// processing times.
#include <doctest/doctest.h>

#include "sim/experiment/analytic.h"
#include "sim/relay/relay_simulation.h"
#include "sim/report/run_report.h"
#include "sim/scenario/scenario.h"

namespace {

struct Measured {
  std::vector<double> time_in_system;  // per class, highest first
  std::vector<double> exact;
};

Measured Run(const cablesim::Scenario& s, const cablesim::AnalyticModel& m,
             cablesim::Discipline d) {
  auto sim = cablesim::Instantiate(s, s.seed, d);
  sim->set_keep_copies(false);
  cablesim::RunScenario(*sim, s);
  const auto c = sim->Count();
  CHECK(c.addressed == c.delivered + c.undeliverable + c.in_flight);
  CHECK(c.delivered == c.addressed);
  const auto summary = cablesim::SummarizeLatency(*sim, s);
  Measured out;
  for (auto p : m.precedences) out.time_in_system.push_back(summary[static_cast<int>(p)].mean_s);
  out.exact = *cablesim::AnalyticTimeInSystem(m, d);
  return out;
}

}  // namespace

TEST_CASE("fifo, priority and preempt-resume match the exact results within 3%" *
          doctest::timeout(600)) {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/scenarios/validation/mm1-priority.yaml");
  REQUIRE(s.ok());
  auto m = cablesim::AnalyticModelOf(*s, s->analytic);
  REQUIRE(m.ok());
  std::vector<double> wq_fifo, wq_prio;
  for (auto d : {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority,
                 cablesim::Discipline::kPreemptResume}) {
    const Measured r = Run(*s, *m, d);
    for (std::size_t k = 0; k < r.exact.size(); ++k) {
      INFO(cablesim::DisciplineName(d), " ", cablesim::PrecedenceName(m->precedences[k]));
      CHECK(r.time_in_system[k] == doctest::Approx(r.exact[k]).epsilon(0.03));
      const double wq = r.time_in_system[k] - m->classes[k].mean_s;
      if (d == cablesim::Discipline::kFifo) wq_fifo.push_back(wq);
      if (d == cablesim::Discipline::kPriority) wq_prio.push_back(wq);
    }
  }
  // Kleinrock's conservation law: the load-weighted mean wait is the same under both.
  double fifo = 0, prio = 0;
  for (std::size_t k = 0; k < wq_fifo.size(); ++k) {
    const double rho = m->classes[k].lambda * m->classes[k].mean_s;
    fifo += rho * wq_fifo[k];
    prio += rho * wq_prio[k];
  }
  CHECK(prio == doctest::Approx(fifo).epsilon(0.02));
}

TEST_CASE("one station operator matches the exact M/D/1 and M/M/1 results within 3%" *
          doctest::timeout(600)) {
  for (const char* file : {"md1-station.yaml", "mm1-station.yaml"}) {
    auto s =
        cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/validation/" + file);
    REQUIRE(s.ok());
    auto m = cablesim::AnalyticModelOf(*s, s->analytic);
    REQUIRE(m.ok());
    // fifo: Pollaczek-Khinchine; priority: Cobham (the operator never interrupts).
    for (auto d : {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority}) {
      const Measured r = Run(*s, *m, d);
      for (std::size_t k = 0; k < r.exact.size(); ++k) {
        INFO(file, " ", cablesim::DisciplineName(d), " ",
             cablesim::PrecedenceName(m->precedences[k]));
        CHECK(r.time_in_system[k] == doctest::Approx(r.exact[k]).epsilon(0.03));
      }
    }
  }
}
