#include "sim/experiment/analytic.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using cablesim::ClassLoad;

TEST_CASE("the formulas reproduce DESIGN.md's check values") {
  // lambda1 = 0.3, lambda2 = 0.5, mu = 1, exponential: E[S] = 1, E[S^2] = 2.
  const std::vector<ClassLoad> c = {{0.3, 1, 2}, {0.5, 1, 2}};
  const auto fifo = cablesim::FifoTimeInSystem(c);
  const auto prio = cablesim::PriorityTimeInSystem(c);
  const auto pr = cablesim::PreemptResumeTimeInSystem(c);
  CHECK(fifo[0] - 1 == doctest::Approx(4.0));
  CHECK(fifo[1] - 1 == doctest::Approx(4.0));
  CHECK(prio[0] - 1 == doctest::Approx(1.142857).epsilon(1e-6));  // Cobham W1 = 0.8 / 0.7
  CHECK(prio[1] - 1 == doctest::Approx(5.714286).epsilon(1e-6));  // W2 = 0.8 / (0.7 * 0.2)
  CHECK(pr[0] == doctest::Approx(1.428571).epsilon(1e-6));
  CHECK(pr[1] == doctest::Approx(7.142857).epsilon(1e-6));
  // Kleinrock's conservation law: sum rho_k Wq_k is the same under FIFO and priority.
  CHECK(0.3 * (fifo[0] - 1) + 0.5 * (fifo[1] - 1) ==
        doctest::Approx(0.3 * (prio[0] - 1) + 0.5 * (prio[1] - 1)));
}

TEST_CASE("the validation scenario maps onto the model") {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/scenarios/validation/mm1-priority.yaml");
  REQUIRE(s.ok());
  auto m = cablesim::AnalyticModelOf(*s, "mm1-priority");
  REQUIRE(m.ok());
  REQUIRE(m->classes.size() == 4);
  CHECK(m->precedences[0] == cablesim::Precedence::kFlash);
  CHECK(m->classes[0].lambda == doctest::Approx(0.1));
  CHECK(m->classes[3].lambda == doctest::Approx(0.25));
  CHECK(m->classes[0].mean_s == doctest::Approx(1.0));
  CHECK(m->classes[0].second == doctest::Approx(2.0));
  auto other =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/flash-preemption.yaml");
  REQUIRE(other.ok());
  auto no = cablesim::AnalyticModelOf(*other, "mm1-priority");
  REQUIRE_FALSE(no.ok());
  CHECK(no.error().message ==
        "mm1-priority does not fit: the traffic must be exactly one generator");
}

TEST_CASE("the one-operator scenario maps onto the M/D/1 model, and others are refused") {
  const std::string dir = std::string(CABLESIM_SOURCE_DIR) + "/scenarios/validation/";
  auto s = cablesim::LoadScenario(dir + "md1-station.yaml");
  REQUIRE(s.ok());
  auto m = cablesim::AnalyticModelOf(*s, "mg1-station");
  REQUIRE(m.ok());
  CHECK(m->server == cablesim::AnalyticModel::Server::kStation);
  REQUIRE(m->classes.size() == 4);
  CHECK(m->classes[0].mean_s == doctest::Approx(1.0));
  CHECK(m->classes[0].second == doctest::Approx(1.0));  // deterministic: E[S^2] = D^2
  CHECK(m->constant_s == doctest::Approx(0.1));         // 100 characters at 1,000 a second
  // lambda = 0.7, D = 1: W0 = 0.35; fifo Wq = 0.35 / 0.3; FLASH under priority 0.35 / 0.9.
  const auto fifo = cablesim::AnalyticTimeInSystem(*m, cablesim::Discipline::kFifo);
  const auto restart = cablesim::AnalyticTimeInSystem(*m, cablesim::Discipline::kPreemptRestart);
  REQUIRE(fifo);
  REQUIRE(restart);  // the operator never interrupts: Cobham holds here too
  CHECK((*fifo)[3] == doctest::Approx(0.35 / 0.3 + 1.1));
  CHECK((*restart)[0] == doctest::Approx(0.35 / 0.9 + 1.1));
  auto mm1 = cablesim::LoadScenario(dir + "mm1-priority.yaml");
  REQUIRE(mm1.ok());
  auto no = cablesim::AnalyticModelOf(*mm1, "mg1-station");
  REQUIRE_FALSE(no.ok());
  CHECK(no.error().message == "mg1-station does not fit: lengths must be constant");
}

TEST_CASE("exact values only where they hold: the preemption rules decide the formula") {
  const std::string dir = std::string(CABLESIM_SOURCE_DIR) + "/scenarios/validation/";
  auto s = cablesim::LoadScenario(dir + "mm1-priority.yaml");  // a full hierarchy
  REQUIRE(s.ok());
  auto m = cablesim::AnalyticModelOf(*s, "mm1-priority");
  REQUIRE(m.ok());
  using cablesim::Discipline;
  const auto cobham = *cablesim::AnalyticTimeInSystem(*m, Discipline::kPriority);
  const auto full = cablesim::AnalyticTimeInSystem(*m, Discipline::kPreemptResume);
  REQUIRE(full);
  CHECK((*full)[0] < cobham[0]);  // FLASH gains from interrupting
  CHECK_FALSE(cablesim::AnalyticTimeInSystem(*m, Discipline::kPreemptRestart));
  // Nobody interrupts (preemption: {}): every preemptive discipline is Cobham's priority.
  m->preemption = cablesim::PreemptionRules{};
  for (const auto d : {Discipline::kPreemptResume, Discipline::kPreemptRestart}) {
    const auto none = cablesim::AnalyticTimeInSystem(*m, d);
    REQUIRE(none);
    CHECK(*none == cobham);
    CHECK(cablesim::AnalyticUnavailable(*m, d).empty());
  }
  // The default, mixed rules (PRIORITY does not interrupt ROUTINE): no closed form.
  m->preemption = cablesim::PreemptionRules::Default();
  CHECK_FALSE(cablesim::AnalyticTimeInSystem(*m, Discipline::kPreemptResume));
  CHECK(cablesim::AnalyticUnavailable(*m, Discipline::kPreemptResume)
            .rfind("no closed form for these preemption rules", 0) == 0);
  CHECK(cablesim::AnalyticTimeInSystem(*m, Discipline::kPriority) == cobham);
}

TEST_CASE("faults, MINIMIZE, loss, garble and uncleared traffic do not fit a model") {
  // Each would make the formula's figure a wrong "exact" value beside the simulated one.
  const std::string base =
      std::string(
          "analytic: mm1-priority\nduration: 20h\nnetwork:\n  defaults: {processing: 0s, "
          "propagation: "
          "0s}\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]") +
      "@LINK@}]\ntraffic:\n  generators:\n    - {name: g, from: [RAAA], per_hour: 100, precedence: "
      "{ROUTINE: 1}, length: "
      "{exponential: 1000}, heading: false, to: {count: 1, from: [RBBB]}@GEN@}\n";
  const auto scenario = [&](const std::string& link, const std::string& gen,
                            const std::string& tail) {
    std::string text = base;
    text.replace(text.find("@LINK@"), 6, link);
    text.replace(text.find("@GEN@"), 5, gen);
    return text + tail;
  };
  for (const auto& [text, why] : std::vector<std::pair<std::string, std::string>>{
           {scenario("", "", "faults: [{link: [RAAA, RBBB], at: 2h, for: 5h}]\n"),
            "no faults (an outage stops the server)"},
           {scenario("", "", "minimize: [{at: 2h, for: 5h, below: FLASH}]\n"),
            "no MINIMIZE orders (they hold or refuse traffic)"},
           {scenario(", loss: 0.1", "", ""),
            "the link must lose and garble nothing (a copy sent again loads it again)"},
           {scenario(", garble: 0.001", "", ""),
            "the link must lose and garble nothing (a copy sent again loads it again)"},
           {scenario(", clearance: CONFIDENTIAL", ", classification: SECRET", ""),
            "the link and its stations must be cleared for the generator's classification"},
       }) {
    CAPTURE(text);
    auto s = cablesim::LoadScenarioText(text, "s.yaml");
    REQUIRE(s.ok());
    auto m = cablesim::AnalyticModelOf(*s, "mm1-priority");
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().message == "mm1-priority does not fit: " + why);
  }
  auto fits = cablesim::LoadScenarioText(scenario("", "", ""), "s.yaml");
  REQUIRE(fits.ok());
  CHECK(cablesim::AnalyticModelOf(*fits, "mm1-priority").ok());
}
