// Loads a scenario, runs it and prints each precedence's delivery figures and the run's
// conservation, through cablesim's public headers (installed under include/cablesim).
// Usage: embed SCENARIO.yaml
#include <cstdio>
#include <iostream>

#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_summary.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed SCENARIO.yaml\n";
    return 2;
  }
  auto scenario = cablesim::LoadScenario(argv[1]);
  if (!scenario) {
    std::cerr << scenario.error().ToString() << "\n";
    return 1;
  }
  const cablesim::Scenario& s = *scenario;
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  const cablesim::RunCompletion completion = cablesim::RunScenario(*sim, s);
  cablesim::SummaryOptions options = cablesim::SummaryOptions::Of(s.seed, s.options.discipline);
  options.completion = completion;
  const cablesim::RunSummary summary = cablesim::SummarizeRun(*sim, s, options);
  std::printf("%s: %llu messages\n", s.name.c_str(),
              static_cast<unsigned long long>(summary.messages));
  for (cablesim::Precedence p : cablesim::kReportOrder) {
    const cablesim::PrecedenceSummary& x = summary.by_precedence[static_cast<std::size_t>(p)];
    if (x.addressed == 0) continue;
    std::printf("%-10s addressed %llu delivered %llu in flight %llu mean %.3f s\n",
                std::string(cablesim::PrecedenceName(p)).c_str(),
                static_cast<unsigned long long>(x.addressed),
                static_cast<unsigned long long>(x.delivered),
                static_cast<unsigned long long>(x.in_flight), x.mean_s);
  }
  const cablesim::Conservation& c = summary.conservation;
  std::printf("conservation: %llu addressed = %llu delivered + %llu in flight + %llu other\n",
              static_cast<unsigned long long>(c.addressed),
              static_cast<unsigned long long>(c.delivered),
              static_cast<unsigned long long>(c.in_flight),
              static_cast<unsigned long long>(c.other_means + c.undeliverable));
  return 0;
}
