// Scenario YAML: every shipped scenario loads, runs and conserves every addressee; errors
// name file, line and column; same seed gives the same run.
#include "sim/scenario/scenario.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "sim/relay/relay_simulation.h"
#include "sim/report/run_report.h"
#include "sim/traffic/poisson_source.h"
#include "tests/cli_support.h"
#include "tests/conservation_support.h"

namespace {

std::string Source(const std::string& rel) { return std::string(CABLESIM_SOURCE_DIR) + "/" + rel; }

// Where a scenario loaded by LoadBesideShipped says it came from: among the shipped ones.
const std::string kBesideShipped = Source("scenarios/s.yaml");

// Loads `yaml` as if it were a file among the shipped scenarios, so that relative paths such
// as networks/dts-2008.yaml resolve, without writing any file there.
cablesim::Result<cablesim::Scenario> LoadBesideShipped(const std::string& yaml) {
  return cablesim::LoadScenarioText(yaml, kBesideShipped);
}

// Loads `yaml` beside the shipped scenarios; returns the error with the file name shortened
// to "s.yaml", or "" when it loads.
std::string LoadError(const std::string& yaml) {
  const std::string& path = kBesideShipped;
  auto s = LoadBesideShipped(yaml);
  if (s.ok()) return "";
  std::string text = s.error().ToString();
  if (text.rfind(path, 0) == 0) text = "s.yaml" + text.substr(path.size());
  return text;
}

const std::string kNet =
    "network:\n"
    "  stations: [{ri: RAAA}, {ri: RBBB}]\n"
    "  links: [{between: [RAAA, RBBB]}]\n";

}  // namespace

TEST_CASE("every shipped scenario loads, runs, and accounts for every addressee and its time" *
          doctest::timeout(300)) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(Source("scenarios"))) {
    if (e.path().extension() != ".yaml") continue;
    ++n;
    INFO(e.path().string());
    auto s = cablesim::LoadScenario(e.path().string());
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().ToString()));
    // Its own discipline, and both preemptive ones (which lose time to preemption).
    for (auto d : {std::optional<cablesim::Discipline>(),
                   std::optional(cablesim::Discipline::kPreemptRestart),
                   std::optional(cablesim::Discipline::kPreemptResume)}) {
      INFO("discipline " << (d ? cablesim::DisciplineName(*d) : "of the scenario"));
      auto sim = cablesim::Instantiate(*s, s->seed, d);
      cablesim::RunScenario(*sim, *s);
      const auto c = sim->Count();
      CHECK(c.addressed > 0);
      // Conservation, and every delivery's anatomy adding up to its delivery time.
      cablesim::testing::CheckConservation(*sim);
      if (!s->duration) CHECK(c.in_flight == 0);  // run until empty: everything settles
      // The anatomy's means add up to the reported mean delivery time, per precedence.
      const auto summary = cablesim::SummarizeLatency(*sim, *s);
      for (std::size_t p = 0; p < cablesim::kPrecedenceCount; ++p) {
        const auto& tally = sim->anatomy()[p];
        CHECK(tally.deliveries == summary[p].delivered);
        double parts = 0;
        for (auto part : cablesim::kDelayParts) parts += tally.MeanSeconds(part);
        CHECK(parts == doctest::Approx(summary[p].mean_s).epsilon(1e-12));
      }
    }
  }
  CHECK(n >= 5);
}

TEST_CASE("ntm-iraq-2008 delivers the seed cable once to each of its 27 stations" *
          doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(Source("scenarios/ntm-iraq-2008.yaml"));
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  auto id = sim->FindMessage("RUEHC 0837");
  REQUIRE(id);
  const auto& m = sim->messages()[*id];
  CHECK(cablesim::UtcTime(*s, m.filed) == "2008-06-05T21:33:00.000Z");
  // Paris and USNATO (TO, and members of ALL NATO POST COLLECTIVE), the 24 other members,
  // Baghdad: 29 addressee lines, 27 stations, one delivery each (ACP 127 §204).
  REQUIRE(m.addressee_count == 27);
  int immediate = 0, priority = 0;
  std::set<std::string> stations;
  for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
    const auto& a = sim->addressees()[m.first_addressee + k];
    CHECK(a.outcome == cablesim::Outcome::kDelivered);
    stations.insert(sim->network().station(a.station).ri);
    immediate += a.precedence == cablesim::Precedence::kImmediate;
    priority += a.precedence == cablesim::Precedence::kPriority;
    const std::string ri = sim->network().station(a.station).ri;
    if (ri == "RUEHFR" || ri == "RUEHNO") {
      CHECK(a.precedence == cablesim::Precedence::kImmediate);
      CHECK_FALSE(a.info);
      REQUIRE(a.way_count == 2);
      const auto& also = sim->ways()[a.first_also];
      CHECK(sim->name(also.collective) == "ALL NATO POST COLLECTIVE");
      CHECK(also.info);
      CHECK(also.precedence == cablesim::Precedence::kPriority);
      CHECK(cablesim::AlsoVia(*sim, a) == "ALL NATO POST COLLECTIVE (INFO PRIORITY)");
    } else {
      CHECK(a.way_count == 1);
    }
  }
  CHECK(stations.size() == 27);
  CHECK(immediate == 2);
  CHECK(priority == 25);
}

TEST_CASE("the same seed gives the same run, another seed another" * doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(Source("scenarios/congested-relay.yaml"));
  REQUIRE(s.ok());
  auto run = [&](std::uint64_t seed) {
    auto sim = cablesim::Instantiate(*s, seed, std::nullopt);
    cablesim::RunScenario(*sim, *s);
    return cablesim::RunReportJson(
        *sim, *s,
        cablesim::SummarizeRun(*sim, *s,
                               cablesim::SummaryOptions::Of(seed, s->options.discipline)));
  };
  const std::string a = run(11);
  CHECK(a == run(11));
  CHECK(a != run(12));
}

TEST_CASE(
    "flash-preemption: FLASH waits about 0 under preempt-restart, a whole ROUTINE "
    "transmission under priority") {
  auto s = cablesim::LoadScenario(Source("scenarios/flash-preemption.yaml"));
  REQUIRE(s.ok());
  auto flash_latency = [&](std::optional<cablesim::Discipline> d) {
    auto sim = cablesim::Instantiate(*s, 1, d);
    sim->Run(std::nullopt);
    const auto& m = sim->messages()[*sim->FindMessage("FLASH-1")];
    return (sim->addressees()[m.first_addressee].delivered - m.filed).seconds();
  };
  // Its own transmission: 600 characters x 7.42 units / 75 Bd = 59.36 s, + 0.1 s propagation.
  CHECK(flash_latency(std::nullopt) == doctest::Approx(59.46).epsilon(1e-6));
  // Plus what is left of ROUTINE-1 when it is filed 30 s in: 4600 x 7.42 / 75 - 30 = 425.09 s.
  CHECK(flash_latency(cablesim::Discipline::kPriority) ==
        doctest::Approx(59.46 + 425.0933).epsilon(1e-4));
}

TEST_CASE("relay-outage loses nothing, and rerouting shrinks the spike" * doctest::timeout(120)) {
  auto worst = [&](const char* file) {
    auto s = cablesim::LoadScenario(Source(file));
    REQUIRE(s.ok());
    auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
    cablesim::RunScenario(*sim, *s);
    const auto c = sim->Count();
    CHECK(c.delivered == c.addressed);
    double max = 0;
    for (const auto& r : cablesim::SummarizeLatency(*sim, *s)) {
      CHECK_FALSE(r.max.at_least);
      max = std::max(max, r.max.s);
    }
    return max;
  };
  const double without = worst("scenarios/relay-outage.yaml");
  const double with = worst("scenarios/relay-outage-reroute.yaml");
  CHECK(without > 3600);  // copies waited out most of the 2 h outage
  CHECK(with < 2700);     // they left after 30 min by another path
}

TEST_CASE("congested-relay shows the precedence order") {
  auto s = cablesim::LoadScenario(Source("scenarios/congested-relay.yaml"));
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const auto r = cablesim::SummarizeLatency(*sim, *s);
  using P = cablesim::Precedence;
  auto mean = [&](P p) { return r[static_cast<int>(p)].mean_s; };
  CHECK(mean(P::kFlash) < mean(P::kImmediate));
  CHECK(mean(P::kImmediate) < mean(P::kPriority));
  CHECK(mean(P::kPriority) < mean(P::kRoutine));
  CHECK(mean(P::kRoutine) > 4 * mean(P::kFlash));
}

TEST_CASE("a precedence named twice in a mapping, in any case, is refused where it is") {
  CHECK(LoadError(kNet + "objectives: {~: 30m}\n") ==
        "s.yaml:4:14: objectives: a key must be a precedence, not empty (~); expected FLASH, "
        "IMMEDIATE, PRIORITY, ROUTINE or EMERGENCY COMMAND");
  CHECK(LoadError(kNet + "preemption: {[FLASH]: [ROUTINE]}\n") ==
        "s.yaml:4:14: preemption: a key must be a precedence, not a list; expected FLASH, "
        "IMMEDIATE, PRIORITY, ROUTINE or EMERGENCY COMMAND");
  CHECK(LoadError(kNet + "objectives: {IMMEDIATE: 30m, immediate: 1s}\n") ==
        "s.yaml:4:30: objectives.immediate: IMMEDIATE is given twice in this mapping (first at "
        "line 4); give it once");
  CHECK(LoadError(kNet + "preemption:\n  FLASH: [ROUTINE]\n  Flash: []\n") ==
        "s.yaml:6:3: preemption.Flash: FLASH is given twice in this mapping (first at line 5); "
        "give it once");
  CHECK(LoadError(kNet + "procedure: {repeat_after: {ROUTINE: 16h, routine: 1m}}\n") ==
        "s.yaml:4:42: procedure.repeat_after.routine: ROUTINE is given twice in this mapping "
        "(first at line 4); give it once");
  const std::string generator =
      "traffic:\n  generators:\n    - {from: [RAAA], per_hour: 1, to: {count: 1, from: [RBBB]}, "
      "precedence: ";
  CHECK(LoadError(kNet + generator + "{FLASH: 1, flash: 0}}\n") ==
        "s.yaml:6:88: traffic.generators[0].precedence.flash: FLASH is given twice in this mapping "
        "(first at line 6); give it once");
  // Weights each a number whose total is not: every message would be the first precedence.
  CHECK(LoadError(kNet + generator + "{FLASH: 1e308, ROUTINE: 1e308}}\n") ==
        "s.yaml:6:77: traffic.generators[0].precedence: the weights add up to more than a number "
        "holds; give smaller weights");
  CHECK(LoadError(kNet + "duration: 1h\n" + generator + "{FLASH: 1, routine: 3}}\n") == "");
}

TEST_CASE("a generator's TO count is at least 1, and a count above its pool is warned of") {
  const std::string generator =
      "duration: 1h\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: 1, to: {from: "
      "[RBBB], count: ";
  CHECK(LoadError(kNet + generator + "0}}\n") ==
        "s.yaml:7:61: traffic.generators[0].to.count: every message has a TO addressee: the count "
        "is at least 1");
  CHECK(LoadError(kNet + generator + "[0, 1]}}\n") ==
        "s.yaml:7:61: traffic.generators[0].to.count: every message has a TO addressee: the count "
        "is at least 1");
  auto s = LoadBesideShipped(kNet + generator + "[1, 3]}}\n");
  REQUIRE(s.ok());
  REQUIRE(s->warnings.size() == 1);
  CHECK(s->warnings[0] == kBesideShipped +
                              ":7:61: traffic.generators[0].to.count: warning: up to 3 asked of a "
                              "pool of 1 (less the origin when it is one): no message gets more");
  s = LoadBesideShipped(kNet + generator + "1}, info: {count: 0, from: [RBBB]}}\n");
  REQUIRE(s.ok());
  CHECK(s->warnings.empty());
}

TEST_CASE(
    "an origin whose TO pool holds only itself files nothing, and a generator left with none "
    "is refused") {
  // All posts report to RBBB: RBBB, a post too, has no one to report to and files nothing.
  auto s = LoadBesideShipped(kNet +
                             "duration: 1h\ntraffic:\n  generators:\n    - {from: all_posts, "
                             "per_hour: 1, to: {from: [RBBB]}, info: {count: 1}}\n");
  REQUIRE(s.ok());
  REQUIRE(s->generators.size() == 1);
  CHECK(s->generators[0].origins == std::vector<std::string>{"RAAA"});
  CHECK(s->generators[0].origin_stations.size() == 1);
  CHECK(s->warnings.empty());
  CHECK(LoadError(kNet + "traffic:\n  generators:\n    - {from: [RBBB], per_hour: 1, to: {from: "
                         "[RBBB]}}\n") ==
        "s.yaml:6:46: traffic.generators[0].to.from: the TO pool holds only RBBB, and an origin "
        "never addresses itself: no origin of this generator has a TO addressee to draw");
  // A name twice in a pool: an origin would file at twice the rate, and (the pool not
  // knowing its second self) address itself; an addressee could be drawn twice.
  const std::string twice = "traffic:\n  generators:\n    - {per_hour: 1, ";
  CHECK(LoadError(kNet + twice + "from: [all_posts, RAAA], to: {from: [RBBB]}}\n") ==
        "s.yaml:6:39: traffic.generators[0].from: 'RAAA' is in this pool twice (all_posts "
        "includes it): name each once");
  CHECK(LoadError(kNet + twice + "from: [RAAA], to: {from: [RBBB, RBBB]}}\n") ==
        "s.yaml:6:53: traffic.generators[0].to.from: 'RBBB' is given twice in this pool: name "
        "each once");
  CHECK(LoadError(kNet + twice + "from: [all_posts, all_stations], to: {from: [RBBB]}}\n") ==
        "s.yaml:6:39: traffic.generators[0].from: 'RAAA' is in this pool twice (all_posts and "
        "all_stations both include it): name each once");
}

TEST_CASE("a collective that stands for the origin alone is never drawn for it") {
  const std::string net =
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "  collectives: [{name: A ONLY, members: [RAAA]}]\n";
  const std::string generator =
      "duration: 1h\ntraffic:\n  generators:\n    - {from: [RAAA], "
      "per_hour: 60, to: {from: ";
  CHECK(LoadError(net + generator + "[A ONLY]}}\n") ==
        "s.yaml:8:47: traffic.generators[0].to.from: the TO pool reaches only RAAA, and an "
        "origin never addresses itself: no origin of this generator has a TO addressee to draw");
  auto s = LoadBesideShipped(net + generator + "[A ONLY, RBBB]}}\n");
  REQUIRE(s.ok());
  cablesim::PoissonConfig config = s->generators[0];
  config.max_messages = 200;  // the run's end is set when it is instantiated, not here
  cablesim::PoissonSource source(config, cablesim::RandomStream(1, 1));
  cablesim::MessageSpec m;
  int messages = 0;
  while (source.Next(&m)) {
    ++messages;
    REQUIRE(m.addressees.size() == 1);
    CHECK_FALSE(m.addressees[0].collective);  // RBBB each time, never A ONLY (RAAA itself)
  }
  CHECK(messages == 200);
}

TEST_CASE("an origin among a drawn collective's members is left out of it") {
  // ALL holds both stations: RAAA's messages to ALL reach RBBB only, RBBB's reach RAAA only
  // (as if each had written XMT itself), and an INFO collective likewise.
  const std::string yaml =
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "  collectives: [{name: ALL, members: [RAAA, RBBB]}]\n"
      "duration: 2h\ntraffic:\n  generators:\n    - {from: [RAAA, RBBB], per_hour: 30, "
      "to: {from: [ALL]}, info: {count: 1, from: [ALL]}}\n";
  auto s = LoadBesideShipped(yaml);
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  REQUIRE(sim->messages().size() > 20);
  std::size_t addressees = 0;
  for (const cablesim::AddresseeRecord& a : sim->addressees()) {
    ++addressees;
    CHECK(a.station != sim->messages()[a.message].origin);
    CHECK(
        (a.outcome == cablesim::Outcome::kDelivered || a.outcome == cablesim::Outcome::kInFlight));
    CHECK(a.way_count == 2);  // TO ALL and INFO ALL, one station
  }
  CHECK(addressees == sim->messages().size());  // one station each: the other one
}

TEST_CASE("a YAML message needs a TO addressee") {
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [], info: [RBBB]}\n") ==
        "s.yaml:6:24: traffic.messages[0].to: a message needs a TO addressee: the list is empty");
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, info: [RBBB]}\n") ==
        "s.yaml:6:7: traffic.messages[0]: a message needs 'to'");
}

TEST_CASE("a message id given again is warned of with the suffix the run gives it") {
  auto s = LoadBesideShipped(kNet +
                             "traffic:\n  messages:\n    - {id: A, from: RAAA, to: [RBBB]}\n"
                             "    - {id: B, from: RAAA, to: [RBBB]}\n"
                             "    - {id: A, from: RBBB, to: [RAAA]}\n");
  REQUIRE(s.ok());
  REQUIRE(s->warnings.size() == 1);
  CHECK(s->warnings[0] == kBesideShipped +
                              ":8:12: traffic.messages[2].id: warning: the id 'A' is given again "
                              "(first at line 6): the run tells it apart as 'A#2' (or the next "
                              "free #N)");
}

TEST_CASE("a directory or a device named as a file is refused where it is named") {
  CHECK(LoadError(kNet + "traffic:\n  cables: [networks]\n") ==
        "s.yaml:5:12: traffic.cables[0]: a directory, not a file: " + Source("scenarios/networks"));
  CHECK(LoadError(kNet + "traffic:\n  traces: [/dev/zero]\n") ==
        "s.yaml:5:12: traffic.traces[0]: not a file to read (a device?): /dev/zero");
}

TEST_CASE("a trace row's origin and addressees outside the network are named where written") {
  const std::string trace = cablesim::testing::WriteTempFile("outside.csv",
                                                             "time,from,to,info,precedence,chars\n"
                                                             "1m,RAAA,RBBB;RBBBX,RZZZ,ROUTINE,100\n"
                                                             "2m,RZZZ,RBBB,,ROUTINE,100\n");
  CHECK(LoadError(kNet + "traffic:\n  traces: [" + trace + "]\n") ==
        trace + ":3:4: from: RZZZ is not a station of the network");
  const std::string ok = cablesim::testing::WriteTempFile(
      "outside-to.csv",
      "time,from,to,info,precedence,chars\n1m,RAAA,RBBB;RBBBX,RZZZ,ROUTINE,100\n");
  auto s = LoadBesideShipped(kNet + "traffic:\n  traces: [" + ok + "]\n");
  REQUIRE(s.ok());
  REQUIRE(s->warnings.size() == 2);
  CHECK(s->warnings[0] == ok + ":2:14: warning: to RBBBX is not a station: RBBB takes it, serving "
                               "its prefix");
  CHECK(s->warnings[1] ==
        ok + ":2:20: warning: info RZZZ is served by no station: it will be undeliverable");
  std::remove(trace.c_str());
  std::remove(ok.c_str());
}

TEST_CASE("a lognormal draw's sigma is at most 3") {
  const std::string generator =
      "duration: 1h\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: 1, length: "
      "{lognormal: 1000, sigma: ";
  CHECK(LoadError(kNet + generator + "3}}\n") == "");
  CHECK(LoadError(kNet + generator + "1e99}}\n") ==
        "s.yaml:7:68: traffic.generators[0].length.sigma: sigma must be at most 3 (beyond, a "
        "run's draws seldom reach the rare long ones that make up the mean, and lengths come out "
        "far below MEAN)");
}

TEST_CASE("scenario errors name file, line, column and field") {
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], at: 5}\n") ==
        "s.yaml:6:36: traffic.messages[0].at: bad duration '5': a unit is missing (expected "
        "e.g. 250ms, 90s, 15m, 2h, 1d or 1h30m)");
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], at: soon}\n") ==
        "s.yaml:6:36: traffic.messages[0].at: expected an offset from the start like 90s or 2h, "
        "or a UTC time like 2008-06-05T21:33:00Z, found 'soon'");
  CHECK(LoadError(kNet + "start: 2008-06-05T21:33Z\nfaults: [{station: RAAA, at: "
                         "2008-06-05T21:40:30Z, for: 1h}]\n") ==
        "s.yaml:5:30: faults[0].at: bad time '2008-06-05T21:40:30Z': the seconds must be 00 "
        "(times are to the minute, as in a date-time group)");
  CHECK(LoadError(kNet + "start: 2008-06-05T21:33Z\nfaults: [{station: RAAA, at: "
                         "2008-06-32T21:40Z, for: 1h}]\n") ==
        "s.yaml:5:30: faults[0].at: bad time '2008-06-32T21:40Z': day 32 does not exist in "
        "that month");
  CHECK(LoadError(kNet +
                  "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], precedence: URGENT}\n") ==
        "s.yaml:6:44: traffic.messages[0].precedence: unknown precedence 'URGENT'; expected "
        "FLASH, IMMEDIATE, PRIORITY, ROUTINE or EMERGENCY COMMAND");
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], classification: "
                         "SECRT}\n") ==
        "s.yaml:6:48: traffic.messages[0].classification: unknown classification 'SECRT' (did you "
        "mean 'SECRET'?); expected UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
  CHECK(LoadError(kNet + "traffic:\n  generators:\n    - {from: [RAAA], per_hour: 1, "
                         "classification: 7}\n") ==
        "s.yaml:6:51: traffic.generators[0].classification: unknown classification '7'; expected "
        "UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAB, to: [RBBB]}\n") ==
        "s.yaml:6:14: traffic.messages[0].from: unknown station 'RAAB' (did you mean 'RAAA'?)");
  CHECK(LoadError(kNet + "disciplin: fifo\n") ==
        "s.yaml:4:1: unknown key 'disciplin' (did you mean 'discipline'?); expected one of: name, "
        "description, start, duration, seed, network, discipline, preemption, "
        "station_disciplines, copy_precedence, reroute_after, warmup, drain, objectives, traffic, "
        "faults, minimize, procedure, efto, analytic");
  CHECK(LoadError(kNet + "discipline: lifo\n") ==
        "s.yaml:4:13: discipline: unknown discipline 'lifo' (did you mean 'fifo'?); expected "
        "fifo, priority, preempt-restart or preempt-resume");
  CHECK(LoadError(kNet + "faults:\n  - {link: [RAAA, RBBB], at: 1h}\n") ==
        "s.yaml:5:5: faults[0]: a fault needs 'at' and 'for'");
  CHECK(LoadError(kNet + "traffic:\n  generators:\n    - {from: [RAAA], per_hour: 5}\n") ==
        "s.yaml:6:7: traffic.generators[0]: a generator without 'stop' or 'max_messages' needs "
        "the scenario to have a 'duration', or the run would never end");
  CHECK(LoadError(kNet + "preemption: {ROUTINE: [FLASH]}\n") ==
        "s.yaml:4:24: preemption.ROUTINE[0]: ROUTINE may only interrupt lower precedences");
  CHECK(LoadError("network: nowhere.yaml\n").find("network: no such file:") != std::string::npos);
  CHECK(LoadError("traffic: {}\n") ==
        "s.yaml:1:1: network: a scenario needs a 'network' (a file name or a mapping)");
  CHECK(
      LoadError(
          "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBX]}]\n") ==
      "s.yaml:3:28: network.links[0].between[1]: unknown station 'RBBX' (did you mean 'RBBB'?)");
  CHECK(LoadError(kNet + "traffic:\n  cables: [cables/nope.txt]\n").find("no such file") !=
        std::string::npos);
  CHECK(LoadError(kNet + "start: 2008-13-01T00:00:00Z\n").rfind("s.yaml:4:8: start: bad time", 0) ==
        0);
  // Times and work beyond what a run can do.
  CHECK(LoadError(
            "start: 1700-01-01T00:00:00Z\n" + kNet +
            "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], at: 2008-01-01T00:00:00Z}\n") ==
        "s.yaml:7:36: traffic.messages[0].at: time out of range: 2008-01-01T00:00:00Z is more "
        "than 292 years from the scenario's start (simulated time is whole nanoseconds in 64 "
        "bits)");
  CHECK(LoadError(kNet + "faults:\n  - {link: [RAAA, RBBB], at: 1h, for: 106751d23h}\n")
            .find("faults[0].for: time out of range: the fault ends more than 292 years") !=
        std::string::npos);
  CHECK(LoadError(kNet + "duration: 1h\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: "
                         "1e308}\n") ==
        "s.yaml:7:7: traffic.generators[0]: this generator would file about 1e+308 "
        "messages over the run, more than the limit of 50000000 (check per_hour, stop and "
        "duration; --max-messages raises the limit)");
  CHECK(LoadError(kNet + "duration: 10h\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: "
                         "2147483648}\n")
            .find("would file about 2.15e+10 messages") != std::string::npos);
  // Addresses the user wrote: refused with a did-you-mean, or a warning when a prefix serves.
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [RBBX]}\n") ==
        "s.yaml:6:25: traffic.messages[0].to[0]: routing indicator RBBX is not served by any "
        "station (did you mean 'RBBB'?)");
  CHECK(LoadError(kNet + "traffic:\n  messages:\n    - {from: RAAA, to: [SOME COLLECTIVE]}\n") ==
        "s.yaml:6:25: traffic.messages[0].to[0]: 'SOME COLLECTIVE' is not a station, a "
        "collective or a routing indicator");
  CHECK(
      LoadError(kNet + "traffic:\n  generators:\n    - {from: [RAAB], per_hour: 1, stop: 1h}\n") ==
      "s.yaml:6:15: traffic.generators[0].from: 'RAAB' is not a station of the network (did "
      "you mean 'RAAA'?); a pool is a list of them, or all_posts or all_stations");
  CHECK(LoadError(kNet + "traffic:\n  generators:\n    - {from: [all_posts], per_hour: 1, stop: "
                         "1h}\n")
            .empty());
  // A network file where a scenario is needed.
  CHECK(LoadError("stations: [{ri: RAAA}]\n")
            .rfind("s.yaml:1:1: this is a network file (it has 'stations' and no 'network'); a "
                   "scenario is needed",
                   0) == 0);
  CHECK(LoadError(kNet + "reroute_after: 500ms\n") ==
        "s.yaml:4:16: reroute_after: must be at least 1s (a copy would be rerouted before any "
        "transmitter could take it), found 500ms");
  CHECK(LoadError(kNet + "reroute_after: 1s\n").empty());
}

TEST_CASE("dts-2008 with RUEH down: rerouted traffic to Europe goes round by RUCN and RUES" *
          doctest::timeout(120)) {
  auto s = LoadBesideShipped(
      "network: networks/dts-2008.yaml\n"
      "start: 2008-06-05T06:00:00Z\n"
      "duration: 10h\n"
      "seed: 7\n"
      "reroute_after: 20m\n"
      "traffic:\n"
      "  generators:\n"
      "    - {name: europe, from: [RUEHC], per_hour: 60, stop: 8h,\n"
      "       to: {count: 1, from: [RUEHFR, RUEHLO, RUEHRL, RUEHRO, RUEHMD]}}\n"
      "faults:\n"
      "  - {station: RUEH, at: 3h, for: 2h}\n");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const auto c = sim->Count();
  CHECK(c.delivered == c.addressed);
  std::map<std::string, int> ways;
  for (const auto& a : sim->addressees()) {
    const std::string path_taken = cablesim::HopPath(*sim, a);
    ways[path_taken.substr(0, path_taken.rfind('>'))]++;
  }
  // Around the dead relay, never into it: the only ways to Croughton.
  CHECK(ways["RUEHC>RUCN>RUES>RUESCD>RUESGU>RUSBC>RUDKC"] > 50);
  for (const auto& [way, n] : ways) {
    INFO(way);
    CHECK((way == "RUEHC>RUEH>RUDKC" || way == "RUEHC>RUCN>RUES>RUESCD>RUESGU>RUSBC>RUDKC" ||
           way == "RUEHC>RUCN>RUEH>RUDKC"));  // the last: RUEH was back when it reached RUCN
  }
}

TEST_CASE("the whole corpus replays through dts-2008, the one unfileable cable skipped" *
          doctest::timeout(300)) {
  // The corpus ships with the scenarios (scenarios/data/).
  const std::string corpus = cablesim::testing::CorpusPath();
  auto s = cablesim::LoadScenario(Source("scenarios/corpus-replay.yaml"));
  REQUIRE(s.ok());
  REQUIRE(s->skipped.size() == 1);
  CHECK(s->skipped[0] == corpus +
                             ":79262:1: 09TIJUANA1116: expected FL5, precedence prosign(s) and "
                             "date-time group (e.g. 'O P 052124Z JUN 08'), found '301931Z OCT 09'");
  CHECK(s->messages.size() == 6017);
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  sim->set_keep_copies(false);
  cablesim::RunScenario(*sim, *s);
  const auto c = sim->Count();
  cablesim::testing::CheckConservation(*sim);
  CHECK(c.in_flight == 0);
  CHECK(c.delivered > c.addressed / 2);
  const std::string text = cablesim::RunReportText(
      *sim, *s,
      cablesim::SummarizeRun(*sim, *s,
                             cablesim::SummaryOptions::Of(s->seed, s->options.discipline)));
  CHECK(text.find("cables skipped at load (on_error: skip), not in the run (1)\n") !=
        std::string::npos);
}

namespace {

// Every (message, addressee) of a run: message, address, station, outcome, delivered (ns).
using OutcomeRow = std::tuple<std::uint32_t, std::uint32_t, cablesim::StationId, int, std::int64_t>;

OutcomeRow Row(const cablesim::AddresseeRecord& a) {
  return {a.message, a.address, a.station, static_cast<int>(a.outcome), a.delivered.ns()};
}

struct CollectOutcomes : cablesim::RelayListener {
  std::vector<OutcomeRow> rows;
  void OnOutcome(const cablesim::MessageRecord&, const cablesim::AddresseeRecord& a,
                 bool) override {
    rows.push_back(Row(a));
  }
};

}  // namespace

TEST_CASE("a run without kept copies has the outcomes and statistics of one with them" *
          doctest::timeout(120)) {
  // Without kept copies a copy's history is not written and its slot is reused
  // (CopyRecord): operators, rerouting, preemption and outages must not notice.
  std::size_t compared = 0;
  for (const char* name :
       {"short-staffed-relay", "relay-outage-reroute", "flash-preemption", "congested-relay"}) {
    const std::string scenario = name;
    CAPTURE(scenario);
    auto s = cablesim::LoadScenario(Source("scenarios/" + scenario + ".yaml"));
    REQUIRE(s.ok());
    for (auto discipline : {std::optional<cablesim::Discipline>(),
                            std::optional(cablesim::Discipline::kPreemptResume)}) {
      auto kept = cablesim::Instantiate(*s, s->seed, discipline);
      cablesim::RunScenario(*kept, *s);
      std::vector<OutcomeRow> all;
      for (const auto& a : kept->addressees()) all.push_back(Row(a));

      CollectOutcomes sink;
      auto lean = cablesim::Instantiate(*s, s->seed, discipline, std::nullopt,
                                        cablesim::Retention::kInFlight, &sink);
      cablesim::RunScenario(*lean, *s);
      lean->ForEachInFlight(
          [&](const cablesim::MessageRecord&, const cablesim::AddresseeRecord& a) {
            sink.rows.push_back(Row(a));
          });
      std::sort(all.begin(), all.end());
      std::sort(sink.rows.begin(), sink.rows.end());
      REQUIRE(!all.empty());
      compared += all.size();
      CHECK(sink.rows == all);
      CHECK(lean->events() == kept->events());
      for (std::size_t c = 0; c < kept->channel_stats().size(); ++c) {
        CHECK(lean->channel_stats()[c].busy == kept->channel_stats()[c].busy);
        CHECK(lean->channel_stats()[c].interruptions == kept->channel_stats()[c].interruptions);
      }
      for (std::size_t st = 0; st < kept->station_stats().size(); ++st) {
        CHECK(lean->station_stats()[st].waited == kept->station_stats()[st].waited);
        CHECK(lean->station_stats()[st].busy == kept->station_stats()[st].busy);
      }
    }
  }
  CHECK(compared > 10'000);
}

TEST_CASE("a generator's mean length is bounded like a fixed one") {
  auto s = LoadBesideShipped(
      "network: networks/dts-2008.yaml\nduration: 1h\ntraffic:\n  generators:\n"
      "    - {from: [RUEHC], per_hour: 1, length: {exponential: 1e12}}\n");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().ToString().find("traffic.generators[0].length: the mean must be at most "
                                  "100000000 (as for a fixed value)") != std::string::npos);
}

TEST_CASE("a start so late that the run's times would pass the year 9999 is refused") {
  auto s = LoadBesideShipped(
      "network: networks/dts-2008.yaml\nstart: 9999-06-01T00:00:00Z\n"
      "duration: 1h\n");
  REQUIRE_FALSE(s.ok());
  CHECK(s.error().ToString().find(":2:8: start: the start 9999-06-01T00:00:00Z is too late") !=
        std::string::npos);
}

TEST_CASE("a run that ends before its warm-up does says so, with no empty table or notes" *
          doctest::timeout(60)) {
  auto s = LoadBesideShipped(
      "network: networks/dts-2008.yaml\nwarmup: 10h\ntraffic:\n"
      "  generators: [{name: g, from: [RUEHC], per_hour: 600, stop: 1h}]\n");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  cablesim::SummaryOptions o;
  o.batches = 4;
  const std::string text = cablesim::RunReportText(*sim, *s, cablesim::SummarizeRun(*sim, *s, o));
  CHECK(text.find("batch means: none: the run ended at 1h 04m, before its 10h 00m warm-up did\n") !=
        std::string::npos);
  CHECK(text.find("from 10h 00m to") == std::string::npos);  // no backwards range
  CHECK(text.find("a batch's mean covers") == std::string::npos);
  CHECK(text.find("MSER-5 suggests") == std::string::npos);
}

TEST_CASE("drain: arrivals stop at the duration and the run goes on until nothing is in flight" *
          doctest::timeout(120)) {
  // congested-relay at 26 h leaves 1,758 ROUTINE addressees in flight under preempt-restart;
  // drained, it leaves none, and none is unresolved.
  const std::string yaml = cablesim::testing::ReadFile(Source("scenarios/congested-relay.yaml"));
  auto run = [&](const std::string& extra) {
    auto s = LoadBesideShipped(yaml + extra);
    REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().ToString()));
    auto sim = cablesim::Instantiate(*s, s->seed, cablesim::Discipline::kPreemptRestart);
    const auto completion = cablesim::RunScenario(*sim, *s);
    cablesim::SummaryOptions o = cablesim::SummaryOptions::Of(s->seed, s->options.discipline);
    o.completion = completion;
    return std::make_tuple(cablesim::SummarizeRun(*sim, *s, o), sim->messages().size(),
                           cablesim::RunReportText(*sim, *s, cablesim::SummarizeRun(*sim, *s, o)));
  };
  const auto [cut, cut_messages, cut_text] = run("");
  const auto [drained, drained_messages, drained_text] = run("drain: true\n");
  const auto routine = static_cast<std::size_t>(cablesim::Precedence::kRoutine);
  CHECK(cut.conservation.in_flight == 1758);
  CHECK(drained.conservation.in_flight == 0);
  CHECK(drained.by_precedence[routine].unresolved == 0);
  CHECK(drained_messages == cut_messages);  // the same arrivals, none after 26 h
  CHECK(drained.completion.idle);
  CHECK(drained.end > cablesim::SimTime() + cablesim::Duration::Hours(26));
  CHECK(drained_text.find("drain      arrivals stopped at 1d 02h 00m; drained in ") !=
        std::string::npos);
  CHECK(drained_text.find(", nothing left in flight\n") != std::string::npos);
  CHECK(cut_text.find("drain      ") == std::string::npos);
  // A limit too short to drain: stopped there, and said so.
  const auto [short_drain, m2, short_text] = run("drain: 10m\n");
  CHECK_FALSE(short_drain.completion.idle);
  CHECK(short_drain.end ==
        cablesim::SimTime() + cablesim::Duration::Hours(26) + cablesim::Duration::Minutes(10));
  CHECK(short_text.find("stopped at the drain's limit of 10m 00s with ") != std::string::npos);
}

TEST_CASE("drain needs a duration") {
  CHECK(LoadError(kNet + "drain: true\n") ==
        "s.yaml:4:8: drain: drain needs a 'duration' (when arrivals stop); without one the run "
        "already goes on until nothing is left to do");
}

namespace {

// The scenario's warnings, with its file name as "s.yaml"; REQUIREs that it loads.
std::vector<std::string> LoadWarnings(const std::string& yaml, cablesim::Scenario* out = nullptr) {
  const std::string& path = kBesideShipped;
  auto s = LoadBesideShipped(yaml);
  REQUIRE_MESSAGE(s.ok(), (s.ok() ? "" : s.error().ToString()));
  std::vector<std::string> w;
  for (std::string x : s->warnings) {
    if (x.rfind(path, 0) == 0) x = "s.yaml" + x.substr(path.size());
    w.push_back(x);
  }
  if (out) *out = std::move(s).value();
  return w;
}

}  // namespace

TEST_CASE("mistakes that used to pass silently are said, located") {
  // A key written twice: the second was silently ignored.
  CHECK(LoadError(kNet + "seed: 3\nseed: 4\n") ==
        "s.yaml:5:1: the key 'seed' appears twice in this mapping (first at line 4); give it "
        "once");
  // A message after the run's end: left out of the run, and said.
  cablesim::Scenario s;
  const auto late = LoadWarnings(kNet +
                                     "duration: 1h\ntraffic:\n  messages:\n"
                                     "    - {from: RAAA, to: [RBBB], at: 2h}\n",
                                 &s);
  REQUIRE(late.size() == 1);
  CHECK(late[0] ==
        "s.yaml:7:36: traffic.messages[0].at: warning: the message is filed at 2h 00m, after the "
        "run's end (1h 00m): it is left out of the run");
  auto sim = cablesim::Instantiate(s, s.seed, std::nullopt);
  CHECK(sim->messages().size() == 0);
  // Faults of zero length, after the end, or overlapping another on the same link.
  const auto faults = LoadWarnings(kNet +
                                   "duration: 1h\nfaults:\n"
                                   "  - {link: [RAAA, RBBB], at: 10m, for: 0s}\n"
                                   "  - {link: [RAAA, RBBB], at: 2h, for: 1h}\n"
                                   "  - {station: RAAA, at: 5m, for: 20m}\n"
                                   "  - {station: RAAA, at: 20m, for: 20m}\n");
  REQUIRE(faults.size() == 3);
  CHECK(faults[0] == "s.yaml:6:5: faults[0]: warning: a fault of zero length does nothing");
  CHECK(faults[1] ==
        "s.yaml:7:5: faults[1]: warning: the fault starts at 2h 00m, not before the run's end "
        "(1h 00m): it never takes effect");
  CHECK(faults[2] ==
        "s.yaml:9:5: faults[3]: warning: it overlaps faults[2] on the same station (an outage in "
        "force counts once)");
}

TEST_CASE("minimize: orders by stations or region, with located errors") {
  const std::string net =
      "network:\n"
      "  stations: [{ri: RAAA, region: Europe}, {ri: RBBB, region: Europe}, {ri: RCCC}]\n"
      "  links: [{between: [RAAA, RBBB]}, {between: [RBBB, RCCC]}]\n";
  auto s = cablesim::LoadScenarioText(
      net +
          "minimize:\n  - {region: Europe, at: 1h, for: 2h, below: PRIORITY, action: refuse}\n"
          "  - {stations: [RCCC], at: 0s, for: 30m, below: IMMEDIATE}\n"
          "  - {at: 5h, for: 1h, below: FLASH, traffic: passing}\n",
      "s.yaml");
  REQUIRE(s.ok());
  REQUIRE(s->minimize.size() == 3);
  CHECK(s->minimize[0].filed);  // messages filed, by default
  CHECK_FALSE(s->minimize[0].passing);
  CHECK_FALSE(s->minimize[2].filed);
  CHECK(s->minimize[2].passing);
  CHECK(LoadError(net + "minimize:\n  - {at: 0s, for: 1h, below: FLASH, traffic: relayed}\n") ==
        "s.yaml:5:46: minimize[0].traffic: expected filed (messages filed at its stations), "
        "passing (copies relayed through them) or all, found 'relayed'");
  CHECK(s->minimize[0].stations == std::vector<cablesim::StationId>{0, 1});
  CHECK(s->minimize[0].refuse);
  CHECK(s->minimize[0].below == cablesim::Precedence::kPriority);
  CHECK(s->minimize[0].at == cablesim::SimTime() + cablesim::Duration::Hours(1));
  CHECK(s->minimize[1].stations == std::vector<cablesim::StationId>{2});
  CHECK_FALSE(s->minimize[1].refuse);      // hold by default
  CHECK(s->minimize[2].stations.empty());  // every station
  CHECK(LoadError(net + "minimize:\n  - {region: Europa, at: 0s, for: 1h, below: FLASH}\n") ==
        "s.yaml:5:14: minimize[0].region: no station is in region 'Europa' (did you mean "
        "'Europe'?)");
  CHECK(LoadError(net + "minimize:\n  - {at: 0s, for: 1h, below: FLASH, action: refus}\n") ==
        "s.yaml:5:45: minimize[0].action: unknown action 'refus' (did you mean 'refuse'?); "
        "expected hold (file it when the order ends) or refuse (by other means)");
  CHECK(LoadError(net + "minimize:\n  - {at: 0s, for: 1h}\n") ==
        "s.yaml:5:5: minimize[0]: a MINIMIZE order needs 'at', 'for' and 'below' (a precedence)");
  CHECK(LoadError(net + "minimize:\n  - {stations: [RAAA], region: Europe, at: 0s, for: 1h, below: "
                        "FLASH}\n") ==
        "s.yaml:5:5: minimize[0]: a MINIMIZE order names 'stations' or a 'region', not both");
  CHECK(LoadError(net + "minimize:\n  - {stations: [RAAB], at: 0s, for: 1h, below: FLASH}\n") ==
        "s.yaml:5:17: minimize[0].stations[0]: unknown station 'RAAB' (did you mean 'RAAA'?)");
  // An empty list is not "every station" (which is leaving the key out).
  CHECK(LoadError(net + "minimize:\n  - {stations: [], at: 0s, for: 1h, below: FLASH}\n") ==
        "s.yaml:5:16: minimize[0].stations: the list is empty: name the stations, or leave "
        "'stations' out for all");
}

TEST_CASE("procedure: the receiver's check, service messages, subject to correction") {
  auto s = cablesim::LoadScenarioText(
      kNet +
          "procedure: {no_traffic_check: 1h, service_chars: 60, subject_to_correction: false, "
          "max_reruns: 0, max_requests: 5}\n",
      "s.yaml");
  REQUIRE(s.ok());
  CHECK(s->options.procedure.max_reruns == 0);
  CHECK(s->options.procedure.max_requests == 5);
  CHECK(LoadError(kNet + "procedure: {max_requests: 0}\n") ==
        "s.yaml:4:27: procedure.max_requests: '0' is out of range [1, 100]");
  CHECK(s->options.procedure.no_traffic_check == cablesim::Duration::Hours(1));
  CHECK(s->options.procedure.service_chars == 60);
  CHECK_FALSE(s->options.procedure.subject_to_correction);
  CHECK(LoadError(kNet + "procedure: {no_traffic_check: 10s}\n") ==
        "s.yaml:4:31: procedure.no_traffic_check: must be between 1m and 1d");
  CHECK(LoadError(kNet + "procedure: {service_char: 60}\n") ==
        "s.yaml:4:13: procedure: unknown key 'service_char' (did you mean 'service_chars'?); "
        "expected "
        "one of: no_traffic_check, service_chars, subject_to_correction, max_reruns, "
        "max_requests, repeat_after, check_precedence, open_precedence, garble_precedence, "
        "third_request");
}

TEST_CASE("procedure: repeat times and service precedences, ACP 127's by default") {
  using cablesim::Duration;
  using cablesim::Precedence;
  const auto repeat = [](const cablesim::RelayOptions::Procedure& p, Precedence q) {
    return p.repeat_after[static_cast<std::size_t>(q)];
  };
  auto plain = cablesim::LoadScenarioText(kNet, "s.yaml");
  REQUIRE(plain.ok());
  const auto& d = plain->options.procedure;
  CHECK(repeat(d, Precedence::kRoutine) == Duration::Hours(16));
  CHECK(repeat(d, Precedence::kPriority) == Duration::Hours(8));
  CHECK(repeat(d, Precedence::kImmediate) == Duration::Hours(2));
  CHECK(repeat(d, Precedence::kFlash) == Duration::Hours(2));
  CHECK(d.check_precedence == Precedence::kPriority);
  CHECK(d.open_precedence == Precedence::kImmediate);
  CHECK_FALSE(d.garble_precedence.has_value());  // the traffic's own
  auto s = cablesim::LoadScenarioText(
      kNet +
          "procedure: {repeat_after: {ROUTINE: 4h, IMMEDIATE: 30m}, check_precedence: "
          "IMMEDIATE, open_precedence: traffic, garble_precedence: FLASH}\n",
      "s.yaml");
  REQUIRE(s.ok());
  const auto& p = s->options.procedure;
  CHECK(repeat(p, Precedence::kRoutine) == Duration::Hours(4));
  CHECK(repeat(p, Precedence::kPriority) == Duration::Hours(8));
  CHECK(repeat(p, Precedence::kImmediate) == Duration::Minutes(30));
  CHECK(repeat(p, Precedence::kFlash) == Duration::Minutes(30));  // IMMEDIATE's
  CHECK(p.check_precedence == Precedence::kImmediate);
  CHECK_FALSE(p.open_precedence.has_value());
  CHECK(p.garble_precedence == Precedence::kFlash);
  CHECK(LoadError(kNet + "procedure: {repeat_after: {ROUTINE: 10s}}\n") ==
        "s.yaml:4:37: procedure.repeat_after.ROUTINE: must be between 1m and 7d");
  CHECK(LoadError(kNet + "procedure: {open_precedence: URGENT}\n")
            .find("s.yaml:4:30: procedure.open_precedence: unknown precedence 'URGENT'") == 0);
  CHECK(d.third_request_to_major_relay);  // §419f
  auto sender =
      cablesim::LoadScenarioText(kNet + "procedure: {third_request: calling_station}\n", "s.yaml");
  REQUIRE(sender.ok());
  CHECK_FALSE(sender->options.procedure.third_request_to_major_relay);
  CHECK(LoadError(kNet + "procedure: {third_request: relay}\n") ==
        "s.yaml:4:28: procedure.third_request: must be major_relay (ACP 127 §419f, the "
        "default) or calling_station, found relay");
}

TEST_CASE("efto: the classification an EFTO cable counts as") {
  const std::string cable = cablesim::testing::WriteTempFile(
      "efto.txt",
      "VZCZCXYZ0001\nRR RBBB\nDE RAAA #0001 1572133\nZNY EEEEE ZZH\nR 052124Z JUN 08\n"
      "FM STATION A\nTO RBBB/STATION B\nBT\nUNCLAS E F T O\nTEST\nBT\nNNNN\n");
  for (const auto& [efto, expected] :
       {std::pair{std::string(""), cablesim::Classification::kUnclassified},
        std::pair{std::string("efto: CONFIDENTIAL\n"), cablesim::Classification::kConfidential}}) {
    auto s =
        cablesim::LoadScenarioText(kNet + efto + "traffic:\n  cables: [" + cable + "]\n", "s.yaml");
    REQUIRE(s.ok());
    REQUIRE(s->messages.size() == 1);
    CHECK(s->messages[0].classification == expected);
  }
}

TEST_CASE("a cable names a collective of the network by its name, COLLECTIVE or not") {
  // The network's collective is called EUROPEAN POLITICAL; the cable's TO line says so
  // without the word COLLECTIVE, as a YAML message may (it was "no routing indicator").
  const std::string cable = cablesim::testing::WriteTempFile(
      "collective-by-name.txt",
      "VZCZCXYZ0001\nRR RBBB\nDE RAAA #0001 1572133\nZNR UUUUU ZZH\nR 052124Z JUN 08\n"
      "FM STATION A\nTO EUROPEAN POLITICAL\nBT\nUNCLAS\nTEST\nBT\nNNNN\n");
  auto s = cablesim::LoadScenarioText(
      "network:\n"
      "  stations: [{ri: RAAA}, {ri: RBBB}]\n"
      "  links: [{between: [RAAA, RBBB]}]\n"
      "  collectives: [{name: EUROPEAN POLITICAL, members: [RBBB]}]\n"
      "traffic:\n  cables: [" +
          cable + "]\n",
      "s.yaml");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, 1, std::nullopt);
  sim->Run(std::nullopt);
  CHECK(sim->Count().addressed == 1);
  CHECK(sim->Count().delivered == 1);
  CHECK(sim->name(sim->addressees()[0].collective) == "EUROPEAN POLITICAL");
}

TEST_CASE("a message above its origin's clearance is filed with a located warning") {
  const std::string net =
      "network:\n"
      "  stations: [{ri: RAAA, clearance: CONFIDENTIAL}, {ri: RBBB}]\n"
      "  links: [{between: [RAAA, RBBB]}]\n";
  auto s = cablesim::LoadScenarioText(
      net +
          "traffic:\n"
          "  messages:\n    - {from: RAAA, to: [RBBB], classification: SECRET}\n"
          "  generators:\n    - {from: [RAAA], per_hour: 1, to: {count: 1, from: [RBBB]}, "
          "classification: TOP SECRET}\n"
          "duration: 1h\n",
      "s.yaml");
  REQUIRE(s.ok());
  REQUIRE(s->warnings.size() == 2);
  CHECK(s->warnings[0] ==
        "s.yaml:6:48: traffic.messages[0].classification: warning: the message is SECRET, but "
        "its origin RAAA is cleared for CONFIDENTIAL only (ACP 127 §124): it is filed there all "
        "the same");
  CHECK(s->warnings[1] ==
        "s.yaml:8:81: traffic.generators[0].classification: warning: what the generator files "
        "at RAAA is TOP SECRET, but its origin RAAA is cleared for CONFIDENTIAL only (ACP 127 "
        "§124): it is filed there all the same");
  // RAAA's pool holds only itself: it files nothing, and nothing is said of its clearance.
  const auto quiet = cablesim::LoadScenarioText(
      net +
          "traffic:\n  generators:\n    - {from: [RAAA, RBBB], per_hour: 1, to: {from: "
          "[RAAA]}, classification: TOP SECRET}\nduration: 1h\n",
      "s.yaml");
  REQUIRE(quiet.ok());
  CHECK(quiet->generators[0].origins == std::vector<std::string>{"RBBB"});
  CHECK(quiet->warnings.empty());
  // A SECRET cable (FL4 SSSSS) filed at RAAA: the warning names the cable's place.
  const std::string cable = cablesim::testing::WriteTempFile(
      "secret-cable.txt",
      "VZCZCXYZ0001\nRR RBBB\nDE RAAA #0001 1572133\nZNY SSSSS ZZH\nR 052124Z JUN 08\n"
      "FM STATION A\nTO RBBB/STATION B\nBT\nS E C R E T\nTEST\nBT\nNNNN\n");
  auto c = cablesim::LoadScenarioText(net + "traffic:\n  cables: [" + cable + "]\n", "s.yaml");
  REQUIRE(c.ok());
  REQUIRE(c->warnings.size() == 2);  // the first: no message reference in its text
  CHECK(c->warnings[1] == cable +
                              ":1: warning: cable RAAA 0001 is SECRET, but its origin RAAA is "
                              "cleared for CONFIDENTIAL only (ACP 127 §124): it is filed there "
                              "all the same");
  // Within its clearance: no word.
  auto ok = cablesim::LoadScenarioText(
      net + "traffic:\n  messages:\n    - {from: RAAA, to: [RBBB], classification: CONFIDENTIAL}\n",
      "s.yaml");
  REQUIRE(ok.ok());
  CHECK(ok->warnings.empty());
}

TEST_CASE("a cable filed after the run's end is warned of by its id") {
  const std::string cable = cablesim::testing::WriteTempFile(
      "after-the-end.txt",
      "VZCZCXYZ0001\nRR RBBB\nDE RAAA #0001 1572133\nZNR UUUUU ZZH\nR 052124Z JUN 08\n"
      "FM STATION A\nTO RBBB/STATION B\nBT\nUNCLAS\nTEST\nBT\nNNNN\n");
  auto s = cablesim::LoadScenarioText(
      "start: 2008-06-05T21:00:00Z\nduration: 10m\n"
      "network:\n"
      "  stations: [{ri: RAAA}, {ri: RBBB}]\n"
      "  links: [{between: [RAAA, RBBB]}]\n"
      "traffic:\n  cables: [" +
          cable + "]\n",
      "s.yaml");
  REQUIRE(s.ok());
  REQUIRE(s->messages.size() == 1);
  REQUIRE_FALSE(s->messages[0].id.empty());
  // The cable's id, not an empty one (the id was read after the cable was filed away). Its
  // filing time is the DE line's (day 157, 21:33); the other warning is about its text.
  REQUIRE(s->warnings.size() == 2);
  CHECK(s->warnings[1].find("warning: cable " + s->messages[0].id +
                            " is filed at 2008-06-05T21:33:00Z, after the run's end") !=
        std::string::npos);
}
