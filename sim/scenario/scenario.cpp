// A scenario turned into a run: its end, the simulation it makes for a seed, and how much
// traffic its generators are expected to file. (Reading scenario files is scenario_yaml.cpp.)
#include "sim/scenario/scenario.h"

#include <algorithm>

#include "sim/relay/relay_simulation.h"

namespace cablesim {

std::optional<SimTime> ArrivalsEnd(const Scenario& s) {
  if (!s.duration) return std::nullopt;
  return SimTime() + *s.duration;
}

std::optional<SimTime> ScenarioEnd(const Scenario& s) {
  if (!s.duration) return std::nullopt;
  return SimTime() + *s.duration + s.drain.value_or(Duration());
}

RunCompletion RunScenario(RelaySimulation& sim, const Scenario& s) {
  RunCompletion c;
  c.drained = s.drain.has_value();
  if (c.drained) {
    // The arrivals' span is observed whole (an idle end of it counts in utilisations); then
    // the run goes on until its last piece of work, at most to the drain's limit.
    sim.Advance(*ArrivalsEnd(s));
    c.idle = sim.RunUntilIdle(*ScenarioEnd(s));
  } else {
    sim.Run(ScenarioEnd(s));
  }
  return c;
}

std::unique_ptr<RelaySimulation> Instantiate(const Scenario& s, std::uint64_t seed,
                                             std::optional<Discipline> discipline,
                                             std::optional<SimTime> generator_stop,
                                             Retention retention, RelayListener* listener) {
  // A draining scenario's arrivals stop at its duration: nothing is filed after it.
  if (s.drain && ArrivalsEnd(s)) {
    generator_stop = generator_stop ? std::min(*generator_stop, *ArrivalsEnd(s)) : ArrivalsEnd(s);
  }
  // Messages (cables, YAML messages, trace rows) filed after the run's arrivals are left out
  // of it (the loader warned of each): they would be counted in flight, never filed.
  const std::optional<SimTime> last_filing = generator_stop ? generator_stop : ArrivalsEnd(s);
  RelayOptions o = s.options;
  o.seed = seed;
  o.statistics_from = SimTime() + s.warmup;
  o.day_offset = Duration::Seconds(((s.start_unix % 86400) + 86400) % 86400);
  if (discipline) {
    o.discipline = *discipline;
    o.station_discipline.clear();
  }
  auto sim = std::make_unique<RelaySimulation>(*s.network, o);
  sim->set_retention(retention);
  sim->set_listener(listener);
  for (const auto& f : s.faults) sim->AddFault(f);
  for (const auto& m : s.minimize) sim->AddMinimize(m);
  for (const auto& m : s.messages) {
    if (last_filing && m.filed > *last_filing) continue;
    sim->AddMessage(m);
  }
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    PoissonConfig g = s.generators[i];
    if (generator_stop) g.stop = std::min(g.stop, *generator_stop);
    g.endless = !ScenarioEnd(s);
    sim->AddSource(std::make_unique<PoissonSource>(std::move(g), RandomStream(seed, i + 1)));
  }
  return sim;
}

double ExpectedMessages(const PoissonConfig& g, const std::optional<Duration>& duration) {
  SimTime end = g.stop;
  if (duration && SimTime() + *duration < end) end = SimTime() + *duration;
  const double hours = end > g.start ? (end - g.start).seconds() / 3600 : 0;
  double expected = g.per_hour * static_cast<double>(g.origins.size()) * hours;
  if (g.max_messages > 0) expected = std::min(expected, static_cast<double>(g.max_messages));
  return expected;
}

}  // namespace cablesim
