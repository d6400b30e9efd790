// The relay runtime on small hand-computed cases: exact delivery times in nanoseconds.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <tuple>

#include "sim/relay/relay_simulation.h"
#include "sim/report/outcome_words.h"
#include "tests/conservation_support.h"
#include "tests/relay_support.h"

using cablesim::Discipline;
using cablesim::Duration;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::RelayOptions;
using cablesim::RelaySimulation;
using cablesim::SimTime;
using cablesim::StationId;
using cablesim::testing::AnatomyOf;
using cablesim::testing::BuildNetwork;
using cablesim::testing::CheckConservation;
using cablesim::testing::DeliveryTimes;
using cablesim::testing::kS;
using cablesim::testing::MakeNetwork;
using cablesim::testing::Parts;
using cablesim::testing::Spec;
using cablesim::testing::StationWith;

TEST_CASE("store and forward: processing, wire time and propagation add up exactly") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  // filed 0, processed at RAAA 2 s, sent 2-10 s, arrives 11 s, processed at RBBB 13 s.
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{13 * kS});
  CHECK(sim.Count().delivered == 1);
  CheckConservation(sim);
}

TEST_CASE("a run to the end of its events reaches the filing of a message with nothing to carry") {
  // M2's one addressee is sent by other means (ZEN): final at acceptance, M2 has no event of
  // its own. The run still reaches its filing, an hour after M1's delivery (at 13 s), so
  // that the run's span and the figures of messages filed by its end cover M2.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  auto zen = Spec("M2", SimTime::Seconds(3600), "RAAA", {"RBBB"}, Precedence::kRoutine);
  zen.addressees[0].zen = true;
  sim.AddMessage(zen);
  sim.Run(std::nullopt);
  CHECK(sim.now() == SimTime::Seconds(3600));
  CHECK(sim.Count().other_means == 1);
  CheckConservation(sim);
}

TEST_CASE("routing-line segregation: one copy per outgoing path, each RI served once" *
          doctest::timeout(120)) {
  // RUEHC - RELA - {RPAA, RPAB};  RUEHC - RELB - RPBA
  Network net = MakeNetwork({"RUEHC", "RELA", "RELB", "RPAA", "RPAB", "RPBA"},
                            {{0, 1}, {0, 2}, {1, 3}, {1, 4}, {2, 5}}, Duration::Seconds(1),
                            Duration::Milliseconds(10));
  RelaySimulation sim(net, RelayOptions{});
  auto spec =
      Spec("M1", SimTime(), "RUEHC", {"RPAA", "RPAB", "RPBA", "RPAA"}, Precedence::kImmediate);
  sim.AddMessage(spec);
  sim.Run(std::nullopt);
  CHECK(sim.Count().delivered == 3);  // RPAA, written twice, is one addressee
  CHECK(sim.addressees()[0].way_count == 2);
  CheckConservation(sim);
  // Root, two copies leaving RUEHC (one per relay), two leaving RELA, one leaving RELB.
  REQUIRE(sim.copies().size() == 6);
  auto served = [&](const cablesim::CopyRecord& c) {
    std::vector<std::string> ris;
    for (std::uint32_t t : c.targets) ris.push_back(net.station(sim.targets()[t].station).ri);
    std::sort(ris.begin(), ris.end());
    return ris;
  };
  int leaving_origin = 0;
  for (const auto& c : sim.copies()) {
    if (c.channel == cablesim::kNone) continue;
    const std::string from = net.station(c.from).ri;
    const std::string to = net.station(net.ChannelTo(c.channel)).ri;
    if (from == "RUEHC") {
      ++leaving_origin;
      if (to == "RELA") CHECK(served(c) == std::vector<std::string>{"RPAA", "RPAB"});
      if (to == "RELB") CHECK(served(c) == std::vector<std::string>{"RPBA"});
    } else {
      CHECK(served(c) == std::vector<std::string>{to});  // terminal: a single-call copy
    }
    CHECK(c.precedence == Precedence::kImmediate);
  }
  CHECK(leaving_origin == 2);
}

TEST_CASE("each discipline on a hand-computed case") {
  // One 1000 bit/s link, no processing or propagation: a 1,000-character message takes 8 s.
  // ROUTINE filed at 0 s, PRIORITY at 1 s, FLASH at 3 s, all from RAAA to RBBB.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration());
  auto run = [&](Discipline d) {
    RelayOptions o;
    o.discipline = d;
    RelaySimulation sim(net, o);
    sim.AddMessage(Spec("R", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    sim.AddMessage(Spec("P", SimTime::Seconds(1), "RAAA", {"RBBB"}, Precedence::kPriority));
    sim.AddMessage(Spec("F", SimTime::Seconds(3), "RAAA", {"RBBB"}, Precedence::kFlash));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    return DeliveryTimes(sim);  // R, P, F
  };
  struct Case {
    Discipline discipline;
    std::vector<std::int64_t> r_p_f_s;  // when R, P and F are delivered, in seconds
    const char* why;
  };
  for (const Case& c : std::vector<Case>{
           {Discipline::kFifo, {8, 16, 24}, "in order of arrival"},
           {Discipline::kPriority,
            {8, 24, 16},
            "FLASH jumps the queue but waits for the ROUTINE in progress"},
           {Discipline::kPreemptRestart,
            {27, 19, 11},
            "FLASH interrupts; ROUTINE is sent again from the start: F 3-11, P 11-19, R again "
            "19-27 (PRIORITY may not interrupt ROUTINE)"},
           {Discipline::kPreemptResume,
            {24, 19, 11},
            "ROUTINE resumes with the 5 s it had left"}}) {
    INFO(cablesim::DisciplineName(c.discipline) << ": " << c.why);
    std::vector<std::int64_t> want;
    for (const std::int64_t s : c.r_p_f_s) want.push_back(s * kS);
    CHECK(run(c.discipline) == want);
  }
}

TEST_CASE("a station's operators take copies up one at a time, in precedence order") {
  // RAAA has `operators` operators and 10 s of processing; RBBB none. 100 characters take
  // 0.8 s on the link. Filed at RAAA: ROUTINE at 0 s, PRIORITY at 1 s, FLASH then IMMEDIATE
  // at 2 s.
  auto run = [](std::uint32_t operators, Discipline d) {
    cablesim::Station a = StationWith("RAAA", Duration::Seconds(10));
    a.operators = operators;
    const Network net = BuildNetwork({a, StationWith("RBBB", Duration())}, {{0, 1}}, Duration());
    RelayOptions o;
    o.discipline = d;
    RelaySimulation sim(net, o);
    sim.AddMessage(Spec("R", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine, 100));
    sim.AddMessage(Spec("P", SimTime::Seconds(1), "RAAA", {"RBBB"}, Precedence::kPriority, 100));
    sim.AddMessage(Spec("F", SimTime::Seconds(2), "RAAA", {"RBBB"}, Precedence::kFlash, 100));
    sim.AddMessage(Spec("I", SimTime::Seconds(2), "RAAA", {"RBBB"}, Precedence::kImmediate, 100));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(sim.Count().delivered == 4);
    const auto& st = sim.station_stats()[0];
    CHECK(st.processed == (operators > 0 ? 4 : 0));  // counted only where there is a limit
    CHECK(sim.station_stats()[1].processed == 0);
    // Every copy was in an operator's hands for its 10 s, and none is left at the end.
    CHECK(st.busy == Duration::Seconds(operators > 0 ? 40 : 0));
    return std::make_tuple(DeliveryTimes(sim), st.max_waiting, st.waited.ns());  // R, P, F, I
  };
  constexpr std::int64_t kMs = 1'000'000;
  SUBCASE("one operator, priority: R 0-10 s, then F, I, P") {
    const auto [times, max_waiting, waited] = run(1, Discipline::kPriority);
    CHECK(times ==
          std::vector<std::int64_t>{10'800 * kMs, 40'800 * kMs, 20'800 * kMs, 30'800 * kMs});
    CHECK(max_waiting == 3);
    CHECK(waited == (0 + 8 + 18 + 29) * kS);  // R, F, I, P
  }
  SUBCASE("one operator, fifo: in order of filing") {
    const auto [times, max_waiting, waited] = run(1, Discipline::kFifo);
    CHECK(times ==
          std::vector<std::int64_t>{10'800 * kMs, 20'800 * kMs, 30'800 * kMs, 40'800 * kMs});
    CHECK(waited == (0 + 9 + 18 + 28) * kS);  // R, P, F, I
  }
  SUBCASE("preempt-restart does not interrupt an operator") {
    CHECK(std::get<0>(run(1, Discipline::kPreemptRestart)) ==
          std::get<0>(run(1, Discipline::kPriority)));
  }
  SUBCASE("two operators: R and P at once, then F at 10 s and I at 11 s") {
    const auto [times, max_waiting, waited] = run(2, Discipline::kPriority);
    CHECK(times ==
          std::vector<std::int64_t>{10'800 * kMs, 11'800 * kMs, 20'800 * kMs, 21'800 * kMs});
    CHECK(max_waiting == 2);
    CHECK(waited == (8 + 9) * kS);
  }
  SUBCASE("no limit (0): every copy at once") {
    const auto [times, max_waiting, waited] = run(0, Discipline::kPriority);
    CHECK(times ==
          std::vector<std::int64_t>{10'800 * kMs, 11'800 * kMs, 12'800 * kMs, 13'600 * kMs});
    CHECK(waited == 0);
  }
}

TEST_CASE("interruption rules are configurable") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration());
  RelayOptions o;
  o.discipline = Discipline::kPreemptRestart;
  o.preemption = cablesim::PreemptionRules{};  // nobody interrupts
  RelaySimulation sim(net, o);
  sim.AddMessage(Spec("R", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("F", SimTime::Seconds(3), "RAAA", {"RBBB"}, Precedence::kFlash));
  sim.Run(std::nullopt);
  CheckConservation(sim);
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{8 * kS, 16 * kS});
}

TEST_CASE("a link outage cuts the transmission, which restarts after recovery") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration());
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddFault({cablesim::LinkFault{0}, SimTime::Seconds(2), Duration::Seconds(10)});
  sim.Run(std::nullopt);
  CheckConservation(sim);
  // Cut at 2 s, link back at 12 s, sent 12-20 s.
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{20 * kS});
  CHECK(sim.channel_stats()[0].interruptions == 1);
  CHECK(sim.interruptions().size() == 1);
}

TEST_CASE("a station outage holds the copies it has until it is back") {
  Network net =
      MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}}, Duration::Seconds(1), Duration());
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M", SimTime(), "RAAA", {"RCCC"}, Precedence::kRoutine));
  // RBBB is down 5-30 s. The copy reaches RAAA's transmitter at 1 s and is sent 1-9 s: cut at
  // 5 s (both of RBBB's links go down), sent again 30-38 s, processed at RBBB 39 s, sent 39-47 s,
  // processed at RCCC 48 s.
  sim.AddFault({cablesim::StationFault{1}, SimTime::Seconds(5), Duration::Seconds(25)});
  sim.Run(std::nullopt);
  CheckConservation(sim);
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{48 * kS});
}

TEST_CASE("alternative routing after a wait, with and without another path" *
          doctest::timeout(120)) {
  // A square: RAAA-RBBB-RDDD fast, RAAA-RCCC-RDDD slow. The RAAA-RBBB link fails for 1 h.
  Network net;
  for (const char* ri : {"RAAA", "RBBB", "RCCC", "RDDD"}) {
    cablesim::Station s;
    s.ri = ri;
    s.processing = Duration();
    net.AddStation(s);
  }
  auto link = [&](StationId a, StationId b, std::int64_t rate) {
    cablesim::Link l{a, b, rate, cablesim::Framing::kSyncAscii, Duration(), 0};
    net.AddLink(l);
  };
  link(0, 1, 2000);  // 4 s per 1,000 characters
  link(1, 3, 2000);
  link(0, 2, 1000);  // 8 s
  link(2, 3, 1000);
  REQUIRE(net.Finalize().ok());
  auto run = [&](std::optional<Duration> reroute) {
    RelayOptions o;
    o.reroute_after = reroute;
    RelaySimulation sim(net, o);
    sim.AddFault({cablesim::LinkFault{0}, SimTime(), Duration::Hours(1)});
    sim.AddMessage(Spec("M", SimTime::Seconds(1), "RAAA", {"RDDD"}, Precedence::kRoutine));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    return DeliveryTimes(sim);
  };
  SUBCASE("without rerouting it waits for the link: 1 h + 8 s") {
    CHECK(run(std::nullopt) == std::vector<std::int64_t>{3600 * kS + 8 * kS});
  }
  SUBCASE("with reroute_after 30m it goes round: 1 s + 30 min + 16 s") {
    CHECK(run(Duration::Minutes(30)) == std::vector<std::int64_t>{(1 + 1800 + 16) * kS});
  }
}

TEST_CASE("a rerouted copy goes round a station that is down, not back into it" *
          doctest::timeout(120)) {
  // RAAA-RBBB-RDDD is the way; RCCC is linked to RAAA, RBBB and REEE, and REEE to RDDD.
  // Every link costs the same, so RCCC's table toward RDDD goes by RBBB (RBBB < REEE).
  // RBBB is down for an hour; 1,000 characters take 8 s on every link.
  Network net =
      MakeNetwork({"RAAA", "RBBB", "RCCC", "RDDD", "REEE"},
                  {{0, 1}, {1, 3}, {0, 2}, {2, 1}, {2, 4}, {4, 3}}, Duration(), Duration());
  REQUIRE(net.NextHop(2, 3) == 1);
  SUBCASE("without rerouting it waits for RBBB: 1 h + 16 s") {
    RelaySimulation sim(net, RelayOptions{});
    sim.AddFault({cablesim::StationFault{1}, SimTime(), Duration::Hours(1)});
    sim.AddMessage(Spec("M", SimTime::Seconds(1), "RAAA", {"RDDD"}, Precedence::kRoutine));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{3600 * kS + 16 * kS});
  }
  SUBCASE("after 30 min it takes RCCC and REEE: 1 s + 30 min + 24 s") {
    RelayOptions o;
    o.reroute_after = Duration::Minutes(30);
    RelaySimulation sim(net, o);
    sim.AddFault({cablesim::StationFault{1}, SimTime(), Duration::Hours(1)});
    sim.AddMessage(Spec("M", SimTime::Seconds(1), "RAAA", {"RDDD"}, Precedence::kRoutine));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{(1 + 1800 + 24) * kS});
    std::vector<std::string> hops;
    for (const auto& c : sim.copies()) {
      if (c.channel == cablesim::kNone || c.state == cablesim::CopyState::kSplit) continue;
      hops.push_back(net.station(c.from).ri + ">" + net.station(net.ChannelTo(c.channel)).ri);
    }
    CHECK(hops == std::vector<std::string>{"RAAA>RCCC", "RCCC>REEE", "REEE>RDDD"});
  }
}

TEST_CASE("rerouting is once per station visit and never back the way the copy came" *
          doctest::timeout(120)) {
  // The square of the test above, with RAAA-RBBB down for an hour and a reroute wait far
  // below a transmission: copies must not multiply or bounce between stations.
  Network net;
  for (const char* ri : {"RAAA", "RBBB", "RCCC", "RDDD"}) {
    cablesim::Station s;
    s.ri = ri;
    s.processing = Duration();
    net.AddStation(s);
  }
  auto link = [&](StationId a, StationId b, std::int64_t rate) {
    net.AddLink(cablesim::Link{a, b, rate, cablesim::Framing::kSyncAscii, Duration(), 0});
  };
  link(0, 1, 2000);
  link(1, 3, 2000);
  link(0, 2, 1000);
  link(2, 3, 1000);
  REQUIRE(net.Finalize().ok());
  RelayOptions o;
  o.reroute_after = Duration::Microseconds(1);  // scenarios refuse this; the runtime copes
  RelaySimulation sim(net, o);
  sim.AddFault({cablesim::LinkFault{0}, SimTime(), Duration::Hours(1)});
  for (int i = 0; i < 20; ++i) {
    sim.AddMessage(
        Spec("M" + std::to_string(i), SimTime::Seconds(1), "RAAA", {"RDDD"}, Precedence::kRoutine));
  }
  sim.Run(std::nullopt);
  CheckConservation(sim);
  CHECK(sim.Count().delivered == 20);
  // Each message: its root, the copy that waited at RAAA, the rerouted copy to RCCC, and
  // the copy RCCC sends on (RCCC's own wait on a busy link cannot send it back to RAAA).
  CHECK(sim.copies_made() == 20 * 4);
  for (const auto& c : sim.copies()) {
    if (c.channel == cablesim::kNone) continue;
    CHECK(net.station(net.ChannelTo(c.channel)).ri != "RAAA");
  }
}

TEST_CASE("a rerouted copy never goes back the way it came, whether copies are kept or not" *
          doctest::timeout(120)) {
  // RAAA's way to RDDD is by RBBB (two hops); RBBB-RDDD is down for an hour. From RBBB the
  // cheapest way round is back by RAAA (RAAA-REEE-RFFF-RDDD, four hops in all), which the
  // copy came from; the way it must take is RCCC-RGGG-RHHH-RIII-RDDD (five). Every hop is
  // 8 s; the copy is filed at 1 s and waits a minute at RBBB: delivered at 1 + 8 + 60 + 5 x 8
  // = 109 s (by RAAA it would be 101 s). Without kept copies the copy that leaves RBBB is
  // the one that arrived, passed on (Copies::PassOn): it must still know it came from RAAA.
  Network net =
      MakeNetwork({"RAAA", "RBBB", "RDDD", "REEE", "RFFF", "RCCC", "RGGG", "RHHH", "RIII"},
                  {{0, 1}, {1, 2}, {0, 3}, {3, 4}, {4, 2}, {1, 5}, {5, 6}, {6, 7}, {7, 8}, {8, 2}},
                  Duration(), Duration());
  REQUIRE(net.NextHop(0, 2) == 1);
  RelayOptions o;
  o.reroute_after = Duration::Minutes(1);
  for (const bool keep : {true, false}) {
    CAPTURE(keep);
    RelaySimulation sim(net, o);
    sim.set_keep_copies(keep);
    sim.AddFault({cablesim::LinkFault{1}, SimTime(), Duration::Hours(1)});
    sim.AddMessage(Spec("M", SimTime::Seconds(1), "RAAA", {"RDDD"}, Precedence::kRoutine));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{109 * kS});
  }
}

TEST_CASE("undeliverable and ZEN addressees are recorded with their outcome, never lost") {
  Network net = MakeNetwork({"RUEH", "RUEHC"}, {{0, 1}}, Duration(), Duration());
  RelaySimulation sim(net, RelayOptions{});
  auto spec = Spec("M", SimTime(), "RUEHC", {"RUEHXX", "RXYZ"}, Precedence::kPriority);
  cablesim::AddresseeSpec zen;
  zen.zen = true;
  zen.address = "AMEMBASSY NOWHERE";
  spec.addressees.push_back(zen);
  cablesim::AddresseeSpec unknown;
  unknown.address = "UNKNOWN COLLECTIVE";
  unknown.collective = true;
  spec.addressees.push_back(unknown);
  sim.AddMessage(spec);
  sim.Run(std::nullopt);
  CheckConservation(sim);
  const auto& a = sim.addressees();
  REQUIRE(a.size() == 4);
  CHECK(a[0].outcome == cablesim::Outcome::kDelivered);  // RUEHXX is served by RUEH
  CHECK(net.station(a[0].station).ri == "RUEH");
  CHECK(a[1].reason == cablesim::Undeliverable::kUnservedRi);
  CHECK(a[2].outcome == cablesim::Outcome::kOtherMeans);  // ZEN: its own outcome
  CHECK(a[3].reason == cablesim::Undeliverable::kUnknownCollective);
  auto c = sim.Count();
  CHECK(c.addressed == 4);
  CHECK(c.delivered == 1);
  CHECK(c.other_means == 1);
  CHECK(c.undeliverable == 2);
  CHECK(c.in_flight == 0);
}

TEST_CASE("collectives expand at the origin, or at a named relay, minus XMT exemptions" *
          doctest::timeout(120)) {
  Network net = MakeNetwork({"RUEHC", "RELA", "RPAA", "RPAB", "RPAC"},
                            {{0, 1}, {1, 2}, {1, 3}, {1, 4}}, Duration(), Duration());
  for (bool at_relay : {false, true}) {
    Network n2 = MakeNetwork({"RUEHC", "RELA", "RPAA", "RPAB", "RPAC"},
                             {{0, 1}, {1, 2}, {1, 3}, {1, 4}}, Duration(), Duration());
    cablesim::Collective col{"TEST COLLECTIVE",
                             std::string("RUEHZZ"),
                             {"RPAA", "RPAB", "RPAC"},
                             at_relay ? std::optional<std::string>("RELA") : std::nullopt};
    n2.AddCollective(col);
    RelaySimulation sim(n2, RelayOptions{});
    cablesim::MessageSpec spec = Spec("M", SimTime(), "RUEHC", {}, Precedence::kRoutine);
    cablesim::AddresseeSpec a;
    a.address = "TEST COLLECTIVE";
    a.collective = true;
    spec.addressees.push_back(a);
    spec.exempt.push_back("STATION RPAB");  // XMT by plain-language name
    sim.AddMessage(spec);
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(sim.Count().delivered == 2);
    CHECK(sim.Count().addressed == 2);
    // Either way RUEHC sends one copy to RELA; RELA then splits it in two.
    CHECK(sim.copies().size() == 4);
    CHECK(sim.name(sim.addressees()[0].collective) == "TEST COLLECTIVE");
  }
}

TEST_CASE("a run that ends early leaves copies in flight, and says so") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration());
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("M2", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.Run(SimTime::Seconds(10));
  auto c = sim.Count();
  CHECK(c.delivered == 1);
  CHECK(c.in_flight == 1);
  CheckConservation(sim);
  CHECK(sim.channel_stats()[0].busy == Duration::Seconds(10));
}

TEST_CASE("a backlog is the time spent with more than kBacklogThreshold copies waiting" *
          doctest::timeout(120)) {
  // 15 messages at 0 s on one link, 8 s each: one sending and 14 waiting at once. The queue
  // falls to 13, 12, 11 and then to 10 at 32 s: 32 s of backlog, max queue 14.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(), Duration());
  RelaySimulation sim(net, RelayOptions{});
  for (int i = 0; i < 15; ++i) {
    sim.AddMessage(
        Spec("M" + std::to_string(i), SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  }
  SUBCASE("closed when the queue falls back") {
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(sim.channel_stats()[0].max_queue == 14);
    CHECK(sim.Backlogged(0) == Duration::Seconds(32));
    CHECK(sim.Backlogged(1) == Duration());
  }
  SUBCASE("still open at the end of the run: counted up to then") {
    sim.Run(SimTime::Seconds(20));  // sent at 8 and 16 s: 12 still waiting
    CheckConservation(sim);
    CHECK(sim.Backlogged(0) == Duration::Seconds(20));
  }
}

TEST_CASE("exponential processing draws from the station's own stream, reproducibly" *
          doctest::timeout(120)) {
  cablesim::Station origin = StationWith("RAAA", Duration::Seconds(10));
  origin.processing_law = cablesim::ProcessingLaw::kExponential;
  const Network net =
      BuildNetwork({origin, StationWith("RBBB", Duration::Seconds(10))}, {{0, 1}}, Duration());
  auto run = [&](std::uint64_t seed) {
    RelayOptions o;
    o.seed = seed;
    RelaySimulation sim(net, o);
    for (int i = 0; i < 50; ++i) {
      sim.AddMessage(Spec("M" + std::to_string(i), SimTime::Seconds(100 * i), "RAAA", {"RBBB"},
                          Precedence::kRoutine, 100));
    }
    sim.Run(std::nullopt);
    CheckConservation(sim);
    CHECK(sim.Count().delivered == 50);
    return DeliveryTimes(sim);
  };
  const auto a = run(1), b = run(1), c = run(2);
  CHECK(a == b);
  CHECK(a != c);
  // RAAA's processing is exponential, RBBB's a fixed 10 s; 100 characters take 0.8 s. Each
  // message is alone in the network, so its latency minus 10.8 s is one draw: mean 10 s.
  double sum = 0;
  for (std::size_t i = 0; i < 50; ++i) {
    const double drawn =
        static_cast<double>(a[i] - 100 * static_cast<std::int64_t>(i) * kS) / 1e9 - 10.8;
    CHECK(drawn >= 0);
    sum += drawn;
  }
  CHECK(sum / 50 == doctest::Approx(10).epsilon(0.5));  // 50 draws: within about 3 sigma
}

TEST_CASE("a reroute that splits a copy over two links reads only live copy records" *
          doctest::timeout(120)) {
  // RAAA's copy for RXXX and RYYY waits on RAAA>RBBB (down for an hour); after 1 s it is
  // split: RXXX leaves by RCCC, RYYY by RDDD. Making the second copy once read the first
  // record after the first new one had grown the store (freed memory, seen under ASan): the
  // filler messages (one copy each, delivered where filed) put the store's size on every
  // boundary where it grows.
  Network net =
      MakeNetwork({"RAAA", "RBBB", "RCCC", "RDDD", "RXXX", "RYYY"},
                  {{0, 1}, {1, 4}, {1, 5}, {0, 2}, {2, 4}, {0, 3}, {3, 5}}, Duration(), Duration());
  for (int fillers = 0; fillers <= 70; ++fillers) {
    INFO("filler messages: " << fillers);
    RelayOptions o;
    o.reroute_after = Duration::Seconds(1);
    RelaySimulation sim(net, o);
    sim.AddFault({cablesim::LinkFault{0}, SimTime(), Duration::Hours(1)});
    sim.AddMessage(Spec("M", SimTime(), "RAAA", {"RXXX", "RYYY"}, Precedence::kRoutine));
    for (int k = 0; k < fillers; ++k) {
      sim.AddMessage(
          Spec("F" + std::to_string(k), SimTime(), "RXXX", {"RXXX"}, Precedence::kRoutine));
    }
    sim.Run(std::nullopt);
    CheckConservation(sim);
    // Rerouted at 1 s; each half then goes two hops of 8 s: delivered at 17 s.
    const auto& m = sim.messages()[0];
    REQUIRE(m.addressee_count == 2);
    CHECK(sim.addressees()[m.first_addressee].delivered.ns() == 17 * kS);
    CHECK(sim.addressees()[m.first_addressee + 1].delivered.ns() == 17 * kS);
    CHECK(sim.copies_made() == 6 + static_cast<std::uint64_t>(fillers));
  }
}

TEST_CASE("the anatomy of a delivery time, part by part, exactly") {
  // RAAA - RBBB: 2 s processing at each, 8 s on the wire, 1 s propagation.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  auto run = [&](Discipline d, Precedence second, SimTime second_at) {
    RelayOptions o;
    o.discipline = d;
    auto sim = std::make_unique<RelaySimulation>(net, o);
    sim->AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    sim->AddMessage(Spec("M2", second_at, "RAAA", {"RBBB"}, second));
    sim->Run(std::nullopt);
    CheckConservation(*sim);
    return sim;
  };
  // Behind another: M2 waits 2-10 s while M1 is sent, then goes (delivered 21 s).
  auto queued = run(Discipline::kPriority, Precedence::kRoutine, SimTime());
  CHECK(AnatomyOf(*queued, 1) == Parts{0, 4, 8, 8, 0, 0, 1, 0, 0});
  // A FLASH filed at 5 s interrupts M1 at 7 s: preempt-restart throws its 5 s away and sends
  // it again after the FLASH (15-23 s, delivered 26 s); preempt-resume keeps them and sends
  // the last 3 s (15-18 s, delivered 21 s). Either way M1 waited 7-15 s behind the FLASH.
  auto restart = run(Discipline::kPreemptRestart, Precedence::kFlash, SimTime::Seconds(5));
  CHECK(AnatomyOf(*restart, 0) == Parts{0, 4, 8, 8, 5, 0, 1, 0, 0});
  CHECK(AnatomyOf(*restart, 1) == Parts{0, 4, 0, 8, 0, 0, 1, 0, 0});
  auto resume = run(Discipline::kPreemptResume, Precedence::kFlash, SimTime::Seconds(5));
  CHECK(AnatomyOf(*resume, 0) == Parts{0, 4, 8, 8, 0, 0, 1, 0, 0});
  // The per-precedence tally is the sum of the deliveries'.
  const auto& routine = restart->anatomy()[static_cast<std::size_t>(Precedence::kRoutine)];
  CHECK(routine.deliveries == 1);
  CHECK(routine.MeanSeconds(cablesim::DelayPart::kPreemption) == 5.0);

  SUBCASE("a link outage cuts a transmission and holds the copy") {
    RelaySimulation sim(net, RelayOptions{});
    sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    sim.AddFault({cablesim::LinkFault{0}, SimTime::Seconds(4), Duration::Seconds(10)});
    sim.Run(std::nullopt);
    // Sent 2-4 s (cut: lost to the outage), down until 14 s, sent 14-22 s, delivered 25 s.
    CHECK(AnatomyOf(sim, 0) == Parts{0, 4, 0, 8, 0, 12, 1, 0, 0});
    CheckConservation(sim);
  }
  SUBCASE("a station down when processing ends holds the copy until it is back") {
    RelaySimulation sim(net, RelayOptions{});
    sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    sim.AddFault({cablesim::StationFault{1}, SimTime::Seconds(12), Duration::Seconds(8)});
    sim.Run(std::nullopt);
    // Arrives 11 s, processed by 13 s, but RBBB is down 12-20 s: delivered at 20 s.
    CHECK(AnatomyOf(sim, 0) == Parts{0, 4, 0, 8, 0, 7, 1, 0, 0});
    CheckConservation(sim);
  }
}

TEST_CASE("the anatomy counts the wait for an operator") {
  // RAAA - RBBB - RCCC; RBBB has one operator. Both copies arrive at RBBB at 11 s; one is
  // taken up at once, the other waits 2 s for the operator.
  std::vector<cablesim::Station> stations{StationWith("RAAA", Duration::Seconds(2)),
                                          StationWith("RBBB", Duration::Seconds(2)),
                                          StationWith("RCCC", Duration::Seconds(2))};
  stations[1].operators = 1;
  Network net = BuildNetwork(stations, {{0, 1}, {2, 1}}, Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("M2", SimTime(), "RCCC", {"RBBB"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  CheckConservation(sim);
  const auto& tally = sim.anatomy()[static_cast<std::size_t>(Precedence::kRoutine)];
  CHECK(tally.deliveries == 2);
  CHECK(tally.MeanSeconds(cablesim::DelayPart::kOperatorWait) == 1.0);  // (0 + 2 s) / 2
  CHECK(tally.MeanSeconds(cablesim::DelayPart::kProcessing) == 4.0);
}

TEST_CASE("classified copies detour around what is not cleared for them, or are undeliverable") {
  // RAAA-RBBB-RDDD is the short way; RAAA-RCCC-REEE-RDDD the long one. RBBB is cleared for
  // CONFIDENTIAL only, the link RAAA-RCCC for SECRET only.
  std::vector<cablesim::Station> stations;
  for (const char* ri : {"RAAA", "RBBB", "RCCC", "RDDD", "REEE"}) {
    stations.push_back(StationWith(ri, Duration::Seconds(2)));
  }
  stations[1].clearance.level = static_cast<std::uint8_t>(cablesim::Classification::kConfidential);
  Network net;
  for (const auto& s : stations) net.AddStation(s);
  for (auto [a, b] : std::vector<std::pair<int, int>>{{0, 1}, {1, 3}, {0, 2}, {2, 4}, {4, 3}}) {
    cablesim::Link l;
    l.a = static_cast<StationId>(a);
    l.b = static_cast<StationId>(b);
    l.rate = 1000;
    l.framing = cablesim::Framing::kSyncAscii;
    l.propagation = Duration::Seconds(1);
    if (a == 0 && b == 2)
      l.clearance.level = static_cast<std::uint8_t>(cablesim::Classification::kSecret);
    net.AddLink(l);
  }
  REQUIRE(net.Finalize().ok());
  CHECK_FALSE(net.Restricts(cablesim::Classification::kConfidential));
  CHECK(net.Restricts(cablesim::Classification::kSecret));
  RelaySimulation sim(net, RelayOptions{});
  const auto add = [&](const char* id, cablesim::Classification c) {
    auto spec = Spec(id, SimTime(), "RAAA", {"RDDD"}, Precedence::kRoutine);
    spec.classification = c;
    sim.AddMessage(spec);
  };
  add("U", cablesim::Classification::kUnclassified);
  add("C", cablesim::Classification::kConfidential);
  add("S", cablesim::Classification::kSecret);
  add("T", cablesim::Classification::kTopSecret);
  sim.Run(std::nullopt);
  // Per hop 8 s on the wire, 1 s propagation, 2 s processing; 2 s at RAAA first.
  // U: 2 + 2 x 11 = 24 s by RBBB; C the same way, 8 s behind U (it waits for U's 8 s at
  // RAAA's transmitter): 32 s; S: 2 + 3 x 11 = 35 s by RCCC and REEE (the link RAAA-RCCC takes
  // SECRET, RBBB does not); T: no circuit takes TOP SECRET out of RAAA.
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{24 * kS, 32 * kS, 35 * kS, -1});
  const auto& t = sim.addressees()[sim.messages()[3].first_addressee];
  CHECK(t.outcome == cablesim::Outcome::kUndeliverable);
  CHECK(cablesim::UndeliverableReason(t.reason) == "no circuit cleared for TOP SECRET leads to it");
  const auto secret_path = net.RoutesToward(3, [&](cablesim::ChannelId c) {
    return net.ChannelCleared(c, cablesim::Classification::kSecret);
  });
  CHECK(secret_path.next_hop[0] == 2);
  CHECK(secret_path.next_hop[2] == 4);
  CHECK(net.NextHop(0, 3) == 1);  // the routing tables are unchanged
  CHECK(sim.Count().undeliverable == 1);
  CheckConservation(sim);
}

TEST_CASE(
    "a shift change puts more operators on duty at its time of day, and they take up copies") {
  // RBBB: 1 operator from 00:00, 3 from 01:00 (UTC; the run starts at midnight), 15 minutes
  // a copy. Three copies filed at 00:49:49 reach it at 00:50:00, 00:50:08 and 00:50:16.
  const auto run = [](bool shifts) {
    std::vector<cablesim::Station> stations = {StationWith("RAAA", Duration::Seconds(2)),
                                               StationWith("RBBB", Duration::Minutes(15))};
    stations[1].operators = shifts ? 3 : 1;
    if (shifts) stations[1].shifts = {{Duration(), 1}, {Duration::Hours(1), 3}};
    Network net = BuildNetwork(stations, {{0, 1}}, Duration::Seconds(1));
    RelaySimulation sim(net, RelayOptions{});
    const SimTime filed = SimTime() + Duration::Minutes(49) + Duration::Seconds(49);
    for (const char* id : {"M1", "M2", "M3"}) {
      sim.AddMessage(Spec(id, filed, "RAAA", {"RBBB"}, Precedence::kRoutine));
    }
    sim.Run(std::nullopt);
    CheckConservation(sim);
    return DeliveryTimes(sim);
  };
  // With the shift: M1 00:50-01:05; M2 and M3 are taken up at 01:00, when the shift comes
  // on (not when M1 is done), and end at 01:15.
  CHECK(run(true) == std::vector<std::int64_t>{3900 * kS, 4500 * kS, 4500 * kS});
  // One operator all day: one after the other.
  CHECK(run(false) == std::vector<std::int64_t>{3900 * kS, 4800 * kS, 5700 * kS});
}

TEST_CASE("handling time may grow with the copy's length") {
  std::vector<cablesim::Station> stations = {StationWith("RAAA", Duration::Seconds(2)),
                                             StationWith("RBBB", Duration::Seconds(2))};
  stations[1].per_char = Duration::Milliseconds(20);
  Network net = BuildNetwork(stations, {{0, 1}}, Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine, 1000));
  sim.AddMessage(
      Spec("M2", SimTime() + Duration::Minutes(1), "RAAA", {"RBBB"}, Precedence::kRoutine, 250));
  sim.Run(std::nullopt);
  // M1: 2 s at RAAA, 8 s on the wire, 1 s, then 2 s + 1000 x 20 ms at RBBB: 33 s.
  // M2: 60 + 2 + 2 + 1 + 2 + 250 x 20 ms = 72 s.
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{33 * kS, 72 * kS});
}

TEST_CASE("MINIMIZE holds low precedences until it ends, or refuses them, at the stations named") {
  // RAAA - RBBB: 2 s processing at each, 8 s on the wire, 1 s propagation (13 s in all).
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  // Below IMMEDIATE: held at every station from 0 to 100 s; refused at RAAA from 200 to 300 s.
  sim.AddMinimize({{}, SimTime(), Duration::Seconds(100), Precedence::kImmediate, false});
  sim.AddMinimize({{0},
                   SimTime() + Duration::Seconds(200),
                   Duration::Seconds(100),
                   Precedence::kImmediate,
                   true});
  // ...and at RBBB only (not RAAA) from 400 s.
  sim.AddMinimize(
      {{1}, SimTime() + Duration::Seconds(400), Duration::Seconds(100), Precedence::kFlash, true});
  const auto at = [](int s) { return SimTime() + Duration::Seconds(s); };
  sim.AddMessage(Spec("held", at(10), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("immediate", at(10), "RAAA", {"RBBB"}, Precedence::kImmediate));
  sim.AddMessage(Spec("refused", at(250), "RAAA", {"RBBB"}, Precedence::kPriority));
  sim.AddMessage(Spec("after", at(300), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("elsewhere", at(410), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  // held: filed at 10 s, goes on at 100 s: 113 s, 90 s of it "minimized". The IMMEDIATE is
  // not below IMMEDIATE: 10 + 13 = 23 s (it was sent first: the link was free).
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{113 * kS, 23 * kS, -1, 313 * kS, 423 * kS});
  CHECK(AnatomyOf(sim, 0) == Parts{0, 4, 0, 8, 0, 0, 1, 90, 0});
  const auto& refused = sim.addressees()[sim.messages()[2].first_addressee];
  CHECK(refused.outcome == cablesim::Outcome::kOtherMeans);
  CHECK(cablesim::OutcomeReason(refused) == "refused under MINIMIZE: sent by other means");
  CHECK(sim.Count().other_means == 1);
  CheckConservation(sim);
}

TEST_CASE("a copy arriving as a shift comes on waits behind the copies already waiting") {
  // RAAA - RBBB - RCCC and RDDD - RBBB, 2000 s propagation, no processing but at RBBB: 2 h a
  // copy, 1 operator from 00:00 and 2 from 01:00. X (ROUTINE, 0-8 s) reaches RBBB at 2008 s
  // and is taken up; F (FLASH, 8-16 s) reaches it at 2016 s and waits; R2 (ROUTINE, from
  // RDDD 1592-1600 s) reaches it at 3600 s, the instant the second operator comes on. F goes
  // first: taken up at 3600 s, sent at 10800 s, delivered at 12808 s; R2 waits for X's
  // operator (9208 s) and is delivered at 18416 s.
  std::vector<cablesim::Station> stations = {
      StationWith("RAAA", Duration()), StationWith("RBBB", Duration::Hours(2)),
      StationWith("RCCC", Duration()), StationWith("RDDD", Duration())};
  stations[1].operators = 2;
  stations[1].shifts = {{Duration(), 1}, {Duration::Hours(1), 2}};
  Network net = BuildNetwork(stations, {{0, 1}, {1, 2}, {3, 1}}, Duration::Seconds(2000));
  RelaySimulation sim(net, RelayOptions{});
  sim.AddMessage(Spec("X", SimTime(), "RAAA", {"RCCC"}, Precedence::kRoutine));
  sim.AddMessage(Spec("F", SimTime(), "RAAA", {"RCCC"}, Precedence::kFlash));
  sim.AddMessage(Spec("R2", SimTime::Seconds(1592), "RDDD", {"RCCC"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{11216 * kS, 12808 * kS, 18416 * kS});
  CheckConservation(sim);
}

TEST_CASE("a MINIMIZE order at a relay holds or refuses the copies passing through it") {
  // RAAA - RBBB - RCCC, 2 s processing, 8 s a copy, 1 s propagation. From 0 s for 100 s,
  // copies below IMMEDIATE passing RBBB are stopped there; messages filed at RBBB are not.
  Network net = MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}}, Duration::Seconds(2),
                            Duration::Seconds(1));
  for (const bool refuse : {false, true}) {
    CAPTURE(refuse);
    RelaySimulation sim(net, RelayOptions{});
    cablesim::MinimizeOrder order{
        {1}, SimTime(), Duration::Seconds(100), Precedence::kImmediate, refuse};
    order.filed = false;
    order.passing = true;
    sim.AddMinimize(order);
    sim.AddMessage(Spec("through", SimTime(), "RAAA", {"RCCC"}, Precedence::kRoutine));
    sim.AddMessage(Spec("filed", SimTime(), "RBBB", {"RCCC"}, Precedence::kRoutine));
    sim.AddMessage(Spec("flash", SimTime(), "RAAA", {"RCCC"}, Precedence::kFlash));
    sim.Run(std::nullopt);
    CheckConservation(sim);
    // filed: RBBB 0-2 s, sent 2-10 s, delivered 13 s. through: sent 2-10 s, reaches RBBB at
    // 11 s, handled 11-13 s, then held until 100 s (sent 100-108 s, delivered 111 s, 87 s
    // "minimized"), or refused at 13 s. flash (not below IMMEDIATE) waits for through at
    // RAAA, sent 10-18 s, handled at RBBB 19-21 s, sent 21-29 s, delivered 32 s.
    if (refuse) {
      CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{-1, 13 * kS, 32 * kS});
      const auto& through = sim.addressees()[sim.messages()[0].first_addressee];
      CHECK(through.outcome == cablesim::Outcome::kOtherMeans);
      CHECK(cablesim::OutcomeReason(through) == "refused under MINIMIZE: sent by other means");
      CHECK(sim.Count().other_means == 1);
      CHECK(sim.now().ns() == 32 * kS);
    } else {
      CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{111 * kS, 13 * kS, 32 * kS});
      CHECK(AnatomyOf(sim, 0) == Parts{0, 6, 0, 16, 0, 0, 2, 87, 0});
    }
  }
}

TEST_CASE("a MINIMIZE hold that never ends holds the message in flight, never refuses it") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  // Its end, 1 s + the longest duration, is past the last simulated time.
  sim.AddMinimize({{},
                   SimTime::Seconds(1),
                   Duration::Nanoseconds(std::numeric_limits<std::int64_t>::max()),
                   Precedence::kImmediate,
                   false});
  sim.AddMessage(Spec("held", SimTime::Seconds(10), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  CHECK(sim.Count().in_flight == 1);
  CHECK(sim.Count().other_means == 0);
  CheckConservation(sim);
}

TEST_CASE("an id given again gets the first free suffix from #2, ids given as such skipped") {
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelaySimulation sim(net, RelayOptions{});
  for (const char* id : {"A", "A#2", "A", "A", "A#5", "A", "B", "A#2", "A"}) {
    sim.AddMessage(Spec(id, SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  }
  std::vector<std::string> ids;
  for (const auto& m : sim.messages()) ids.push_back(m.id);
  CHECK(ids ==
        std::vector<std::string>{"A", "A#2", "A#3", "A#4", "A#5", "A#6", "B", "A#2#2", "A#7"});
  for (std::uint32_t i = 0; i < ids.size(); ++i) CHECK(sim.FindMessage(ids[i]) == i);
}
