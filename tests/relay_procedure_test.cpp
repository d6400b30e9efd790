// The ACP 127 procedure for lost and garbled transmissions (link_procedure.h) through the
// whole runtime on hand-computed timelines: a test seam decides each transmission's fate, so
// every time is exact. Service messages, reruns and corrections are made ready at their
// sending station for its processing time (2 s here), by an operator where it has them.
#include <doctest/doctest.h>

#include <array>
#include <memory>

#include "sim/relay/relay_simulation.h"
#include "sim/report/outcome_words.h"
#include "tests/conservation_support.h"
#include "tests/relay_support.h"

using cablesim::Duration;
using cablesim::Network;
using cablesim::Outcome;
using cablesim::Precedence;
using cablesim::RelayOptions;
using cablesim::RelaySimulation;
using cablesim::SimTime;
using cablesim::testing::AnatomyOf;
using cablesim::testing::CheckConservation;
using cablesim::testing::DeliveryTimes;
using cablesim::testing::kS;
using cablesim::testing::MakeNetwork;
using cablesim::testing::Parts;
using cablesim::testing::Spec;

namespace {

// A 125-character service message (1 s at the tests' 1,000 characters in 8 s) and every
// repeat time 100 s.
RelayOptions ShortRepeats() {
  RelayOptions o;
  o.procedure.service_chars = 125;
  o.procedure.repeat_after.fill(Duration::Seconds(100));
  return o;
}

}  // namespace

TEST_CASE("lost and garbled transmissions are found by the receiver and rerun, by the timeline") {
  // RAAA - RBBB: 2 s processing, 8 s on the wire for 1,000 characters, 1 s propagation; a
  // service message of 125 characters takes 1 s. Channel 0 is RAAA>RBBB, 1 is RBBB>RAAA.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  // The k-th completed transmission on `channel` (from 1) has fate `fate`; the rest arrive.
  struct Plan {
    cablesim::ChannelId channel;
    int k;
    Fate fate;
  };
  const auto run = [&](std::vector<Plan> plan, std::vector<Precedence> messages) {
    RelayOptions o;
    o.procedure.service_chars = 125;
    auto sim = std::make_unique<RelaySimulation>(net, o);
    auto counts = std::make_shared<std::array<int, 2>>();
    sim->set_transmission_fate([plan, counts](cablesim::ChannelId ch, std::uint32_t) {
      const int k = ++(*counts)[ch];
      for (const Plan& p : plan) {
        if (p.channel == ch && p.k == k) return p.fate;
      }
      return Fate::kArrived;
    });
    for (std::size_t i = 0; i < messages.size(); ++i) {
      sim->AddMessage(Spec("M" + std::to_string(i + 1), SimTime(), "RAAA", {"RBBB"}, messages[i]));
    }
    sim->Run(std::nullopt);
    CheckConservation(*sim);
    return sim;
  };
  const auto R = Precedence::kRoutine;
  SUBCASE("lost, found open when the next number arrives") {
    // M1 sent 2-10 s, lost; M2 sent 10-18 s arrives at 19 s: number 1 is open; RBBB makes
    // the IMMEDIATE service message ready 19-21 s, sends it 21-22 s, RAAA has it at 23 s; M1
    // is made ready again 23-25 s and rerun 25-33 s (number 3), arrives at 34 s, delivered
    // at 36 s. M2 at 21 s.
    auto sim = run({{0, 1, Fate::kLost}}, {R, R});
    CHECK(DeliveryTimes(*sim) == std::vector<std::int64_t>{36 * kS, 21 * kS});
    // The run ends with its last delivery: the no-traffic check (due at 1800 s) and the
    // request's repeat (due 16 h after it was sent, at 22 s) were cancelled once moot.
    CHECK(sim->now().ns() == 36 * kS);
    // M1: processing 4, transmitting 8 (the rerun), rerun 8 + 13 + 2 = 23 (the lost attempt,
    // the wait for the request and the rerun's making ready), propagation 1.
    CHECK(AnatomyOf(*sim, 0) == Parts{0, 4, 0, 8, 0, 0, 1, 0, 23});
    CHECK(sim->channel_stats()[0].lost == 1);
    CHECK(sim->channel_stats()[0].reruns == 1);
    CHECK(sim->channel_stats()[0].copies_sent == 3);
    CHECK(sim->channel_stats()[1].service_messages == 1);
  }
  SUBCASE("lost with nothing after it: the 30-minute no-traffic check") {
    // M1 lost at 10 s; RBBB has received nothing since the start, so at 30 min = 1800 s it
    // makes a PRIORITY service message ready (1800-1802 s) and sends it (1802-1803 s, at
    // RAAA 1804 s); M1 made ready 1804-1806 s, rerun 1806-1814 s, arrives 1815 s, delivered
    // 1817 s.
    auto sim = run({{0, 1, Fate::kLost}}, {R});
    CHECK(DeliveryTimes(*sim) == std::vector<std::int64_t>{1817 * kS});
  }
  SUBCASE("garbled ROUTINE: discarded on arrival, rerun at once") {
    // Arrives garbled at 11 s; service made ready 11-13 s, sent 13-14 s, at RAAA 15 s; M1
    // made ready 15-17 s, rerun 17-25 s, delivered 28 s.
    auto sim = run({{0, 1, Fate::kGarbled}}, {R});
    CHECK(DeliveryTimes(*sim) == std::vector<std::int64_t>{28 * kS});
    CHECK(sim->now().ns() == 28 * kS);  // not at the answered request's repeat, 16 h on
    CHECK(AnatomyOf(*sim, 0) == Parts{0, 4, 0, 8, 0, 0, 1, 0, 15});
    CHECK(sim->channel_stats()[0].garbled == 1);
  }
  SUBCASE("garbled IMMEDIATE: delivered subject to correction, then the corrected copy") {
    // Delivered at 13 s subject to correction; the correction, asked for on arrival (11 s,
    // as the ROUTINE's request), is made ready 15-17 s, sent 17-25 s and delivered at 28 s.
    auto sim = run({{0, 1, Fate::kGarbled}}, {Precedence::kImmediate});
    CHECK(DeliveryTimes(*sim) == std::vector<std::int64_t>{13 * kS});
    CHECK(sim->addressees()[0].subject_to_correction);
    CHECK(sim->addressees()[0].corrected.ns() == 28 * kS);
    CHECK(sim->channel_stats()[0].corrections == 1);
    CHECK(sim->channel_stats()[0].reruns == 1);
    CHECK(sim->Count().delivered == 1);
  }
  SUBCASE("a request that is itself lost is found by the check on its own direction") {
    // As the first case, but the service message (19-20 s, number 1 of RBBB>RAAA) is lost.
    // RAAA has received nothing on that direction since the start: its check at 30 min =
    // 1800 s asks for number 1 (PRIORITY, made ready 1800-1802 s, sent 1802-1803 s, at RBBB
    // 1804 s); RBBB reruns its request (1804-1806 s, 1806-1807 s, at RAAA 1808 s); M1 is
    // made ready 1808-1810 s and rerun 1810-1818 s, delivered 1821 s (not at the request's
    // repeat 16 h later).
    auto sim = run({{0, 1, Fate::kLost}, {1, 1, Fate::kLost}}, {R, R});
    CHECK(DeliveryTimes(*sim) == std::vector<std::int64_t>{1821 * kS, 21 * kS});
    CHECK(sim->channel_stats()[1].service_messages == 1);
    CHECK(sim->channel_stats()[1].reruns == 1);
    CHECK(sim->channel_stats()[0].service_messages == 1);
    CHECK(sim->now().ns() == 1821 * kS);
  }
}

TEST_CASE("a rerun is made ready by an operator, and waits for one who is busy") {
  // RAAA has one operator, RBBB none; both take 2 s a copy; RAAA - RBBB as above.
  cablesim::Station raaa = cablesim::testing::StationWith("RAAA", Duration::Seconds(2));
  raaa.operators = 1;
  const Network net = cablesim::testing::BuildNetwork(
      {raaa, cablesim::testing::StationWith("RBBB", Duration::Seconds(2))}, {{0, 1}},
      Duration::Seconds(1));
  RelayOptions o;
  o.procedure.service_chars = 125;
  RelaySimulation sim(net, o);
  int k = 0;
  sim.set_transmission_fate([&](cablesim::ChannelId ch, std::uint32_t) {
    return ch == 0 && ++k == 1 ? RelaySimulation::Fate::kLost : RelaySimulation::Fate::kArrived;
  });
  const auto R = Precedence::kRoutine;
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, R));
  sim.AddMessage(Spec("M2", SimTime(), "RAAA", {"RBBB"}, R));
  sim.AddMessage(Spec("M3", SimTime::Seconds(22), "RAAA", {"RBBB"}, R));
  sim.Run(std::nullopt);
  CheckConservation(sim);
  // RAAA's operator: M1 0-2 s, M2 2-4 s. M1 sent 2-10 s, lost; M2 10-18 s, at RBBB 19 s
  // (delivered 21 s): number 1 is open. RBBB makes its request ready 19-21 s and sends it
  // 21-22 s; RAAA has it at 23 s, but its operator has M3 in hand (22-24 s): M1's rerun is
  // made ready 24-26 s and waits behind M3 (sent 24-32 s, delivered 35 s); M1 rerun 32-40 s,
  // delivered 43 s.
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{43 * kS, 21 * kS, 35 * kS});
  // M1: the operator wait 1 (23-24 s), processing 4, queued 6 (26-32 s), transmitting 8,
  // propagation 1, rerun 8 + 13 + 2 = 23 (the lost attempt, the wait for the request and its
  // making ready).
  CHECK(AnatomyOf(sim, 0) == Parts{1, 4, 6, 8, 0, 0, 1, 0, 23});
  CHECK(sim.station_stats()[0].processed == 4);  // M1, M2, M3 and M1's rerun
}

TEST_CASE("a request's repeat time runs from when it is sent, not while it waits for the circuit") {
  // RAAA - RBBB as above (2 s processing, 8 s for 1,000 characters, 1 s propagation, a
  // 125-character service message 1 s); every repeat time 100 s. Channel 0 is RAAA>RBBB,
  // 1 is RBBB>RAAA. RBBB's long L1 (50,000 characters, 400 s) holds RBBB>RAAA 2-402 s.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  RelaySimulation sim(net, ShortRepeats());
  std::array<int, 2> k{};
  std::vector<std::int64_t> ends;  // when each transmission on RBBB>RAAA completed
  sim.set_transmission_fate([&](cablesim::ChannelId ch, std::uint32_t) {
    ++k[ch];
    if (ch == 1) ends.push_back(sim.now().ns());
    if (ch == 0 && k[ch] == 1) return Fate::kGarbled;
    if (ch == 1 && k[ch] == 2) return Fate::kLost;  // the first request
    return Fate::kArrived;
  });
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("L1", SimTime(), "RBBB", {"RAAA"}, Precedence::kRoutine, 50000));
  sim.Run(std::nullopt);
  CheckConservation(sim);
  // M1 sent 2-10 s, garbled at RBBB 11 s: RBBB makes its request ready 11-13 s, and it waits
  // for the circuit until 402 s, 389 s, longer than the repeat time: it is not repeated while
  // it waits. Sent 402-403 s (lost), it is repeated 100 s later: made ready 503-505 s, sent
  // 505-506 s, at RAAA 507 s, where number 2 is found open (asked for, and moot) and M1 is
  // made ready 507-509 s and rerun 510-518 s, behind RAAA's IMMEDIATE request (509-510 s):
  // delivered at RBBB 521 s. Made at 11 s, the repeat would have come at 111 s and 211 s
  // and M1 been given up at 311 s with none of its requests sent.
  CHECK(ends == std::vector<std::int64_t>{402 * kS, 403 * kS, 506 * kS});
  REQUIRE(sim.Count().delivered == 2);
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{521 * kS, 405 * kS});
  CHECK(sim.channel_stats()[1].service_messages == 2);
  CHECK(sim.channel_stats()[0].reruns == 1);
  CHECK(sim.now().ns() == 521 * kS);
}

TEST_CASE("numbers asked for together keep their request when the first of them turns moot") {
  // RAAA - RBBB as above (2 s processing, 8 s for 1,000 characters, 1 s propagation, a
  // 125-character service message 1 s); every repeat time 100 s. Channel 0 is RAAA>RBBB,
  // 1 is RBBB>RAAA.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  RelaySimulation sim(net, ShortRepeats());
  std::array<int, 2> k{};
  sim.set_transmission_fate([&](cablesim::ChannelId ch, std::uint32_t) {
    ++k[ch];
    if (ch == 0 && k[ch] == 1) return Fate::kGarbled;  // M1
    if (ch == 0 && k[ch] == 2) return Fate::kLost;     // RAAA's request for numbers 1-2
    if (ch == 1 && k[ch] <= 2) return Fate::kLost;     // RBBB's request for M1, then N1
    return Fate::kArrived;
  });
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddMessage(Spec("N1", SimTime::Seconds(12), "RBBB", {"RAAA"}, Precedence::kRoutine));
  sim.AddMessage(Spec("N2", SimTime::Seconds(20), "RBBB", {"RAAA"}, Precedence::kRoutine));
  sim.Run(std::nullopt);
  CheckConservation(sim);
  // M1 sent 2-10 s, garbled at RBBB 11 s: its request R1 is made ready 11-13 s and sent as
  // number 1 of RBBB>RAAA 13-14 s (lost; repeat due 114 s); N1 follows as number 2, 14-22 s
  // (lost). N2, number 3 (22-30 s), arrives at 31 s: RAAA finds 1 and 2 open and asks for
  // both by one request Q, made ready 31-33 s and sent 33-34 s (lost; repeat due 134 s). R1
  // is repeated at 114 s (ready 114-116 s, sent 116-117 s, at RAAA 118 s): M1 is rerun
  // (ready 118-120 s, sent 120-128 s, delivered 131 s), and number 1, a request now moot, is
  // dropped: number 2 takes Q's repeat, due 134 s (ready 134-136 s, sent 136-137 s, at RBBB
  // 138 s), and N1 is rerun (ready 138-140 s, sent 140-148 s) and delivered at 151 s. With
  // the repeat dropped along with number 1, N1 stayed in flight for ever.
  CHECK(sim.Count().in_flight == 0);
  REQUIRE(sim.Count().delivered == 3);
  CHECK(DeliveryTimes(sim) == std::vector<std::int64_t>{131 * kS, 151 * kS, 33 * kS});
  CHECK(sim.channel_stats()[0].service_messages == 2);
  CHECK(sim.channel_stats()[1].service_messages == 2);
  CHECK(sim.now().ns() == 151 * kS);
}

TEST_CASE("the procedure is bounded: a copy that never gets through is given up" *
          doctest::timeout(30)) {
  // As above: RAAA - RBBB, 2 s processing, 8 s for 1,000 characters, 1 s propagation, a
  // 125-character service message takes 1 s. Channel 0 is RAAA>RBBB, 1 is RBBB>RAAA.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  const auto run = [&](int max_reruns, Fate on_channel_0, Fate on_channel_1) {
    RelayOptions o;
    o.procedure.service_chars = 125;
    o.procedure.max_reruns = max_reruns;
    auto sim = std::make_unique<RelaySimulation>(net, o);
    sim->set_transmission_fate([=](cablesim::ChannelId ch, std::uint32_t) {
      return ch == 0 ? on_channel_0 : on_channel_1;
    });
    sim->AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    sim->Run(std::nullopt);
    CheckConservation(*sim);
    return sim;
  };
  const auto& outcome = [](const RelaySimulation& sim) -> const cablesim::AddresseeRecord& {
    return sim.addressees()[sim.messages()[0].first_addressee];
  };
  SUBCASE("garbled on every attempt: three reruns, then given up when asked a fourth time") {
    // Each round takes 15 s: garbled on arrival, the request made ready (2 s) and sent
    // (1 s), at RAAA 1 s later, the rerun made ready (2 s) and sent (8 s), garbled 1 s later.
    // Sent 2-10 s, garbled at 11 s; reruns garbled at 26, 41 and 56 s; asked again (56-59 s):
    // at 60 s RAAA has rerun it 3 times and gives it up.
    auto sim = run(3, Fate::kGarbled, Fate::kArrived);
    CHECK(outcome(*sim).outcome == Outcome::kUndeliverable);
    CHECK(cablesim::OutcomeReason(outcome(*sim)) ==
          "lost or garbled on every attempt: given up after procedure.max_reruns reruns");
    CHECK(sim->channel_stats()[0].garbled == 4);
    CHECK(sim->channel_stats()[0].reruns == 3);
    CHECK(sim->channel_stats()[1].service_messages == 4);
    CHECK(sim->now().ns() == 60 * kS);
    CHECK(sim->Count().undeliverable == 1);
  }
  SUBCASE("max_reruns 0: given up when the first request arrives") {
    auto sim = run(0, Fate::kGarbled, Fate::kArrived);
    CHECK(outcome(*sim).outcome == Outcome::kUndeliverable);
    CHECK(sim->channel_stats()[0].reruns == 0);
    CHECK(sim->now().ns() == 15 * kS);
  }
  SUBCASE("every request lost: the receiver gives up after its third goes unanswered") {
    // Lost at 10 s; the no-traffic check at 30 min = 1800 s asks (made ready 1800-1802 s,
    // sent 1802-1803 s, lost), then again 16 h after it was sent, at 59403 s (sent 59405-59406
    // s, lost) and at 117006 s (sent 117008-117009 s, lost): 16 h after the third was sent,
    // at 174609 s, it gives up. Each lost request is found by RAAA's check and asked for (lost too)
    // and repeated, and is dropped once the copy it asks for is given up.
    auto sim = run(3, Fate::kLost, Fate::kLost);
    CHECK(outcome(*sim).outcome == Outcome::kUndeliverable);
    CHECK(cablesim::OutcomeReason(outcome(*sim)) ==
          "lost or garbled, and procedure.max_requests requests for a rerun went unanswered");
    CHECK(sim->channel_stats()[1].service_messages == 3);
    CHECK(sim->channel_stats()[1].lost == 3);
    CHECK(sim->now().ns() == 174609 * kS);
  }
}

TEST_CASE("a drained run ends at its last piece of work, not at a timer left set") {
  // A garbled ROUTINE is rerun and delivered at 28 s; its request's repeat (16 h on) is moot,
  // and so is an outage of the link from 100 s to 1 h 100 s that no traffic meets.
  Network net = MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration::Seconds(2), Duration::Seconds(1));
  RelayOptions o;
  o.procedure.service_chars = 125;
  RelaySimulation sim(net, o);
  int k = 0;
  sim.set_transmission_fate([&](cablesim::ChannelId ch, std::uint32_t) {
    return ch == 0 && ++k == 1 ? RelaySimulation::Fate::kGarbled : RelaySimulation::Fate::kArrived;
  });
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  sim.AddFault({cablesim::LinkFault{0}, SimTime::Seconds(100), Duration::Hours(1)});
  CHECK(sim.RunUntilIdle(SimTime() + Duration::Days(30)));
  CHECK(sim.now().ns() == 28 * kS);
  CHECK(sim.Idle());
}

TEST_CASE("a drained network at 5% loss: nothing in flight after two hours of quiet") {
  // A star of four posts on RHUB, every link losing 5% of its transmissions; 240 ROUTINE
  // and PRIORITY messages between the posts, one every 25 s for 100 minutes; then two hours
  // with nothing filed. Every loss is found by the next number or by a 30-minute check, so
  // no delivery takes longer than a few check intervals and the run drains.
  Network net;
  for (const char* ri : {"RHUB", "RAAA", "RBBB", "RCCC", "RDDD"}) {
    net.AddStation(cablesim::testing::StationWith(ri, Duration::Seconds(2)));
  }
  for (cablesim::StationId post = 1; post <= 4; ++post) {
    net.AddLink(cablesim::Link{.a = 0,
                               .b = post,
                               .rate = 1000,
                               .framing = cablesim::Framing::kSyncAscii,
                               .propagation = Duration::Seconds(1),
                               .loss = 0.05});
  }
  REQUIRE(net.Finalize().ok());
  RelaySimulation sim(net, RelayOptions{});
  const std::vector<std::string> posts = {"RAAA", "RBBB", "RCCC", "RDDD"};
  for (int k = 0; k < 240; ++k) {
    const std::string& from = posts[static_cast<std::size_t>(k % 4)];
    const std::string& to = posts[static_cast<std::size_t>((k / 4 + k + 1) % 4)];
    if (from == to) continue;
    sim.AddMessage(Spec("M" + std::to_string(k), SimTime::Seconds(25 * k), from, {to},
                        k % 3 == 0 ? Precedence::kPriority : Precedence::kRoutine));
  }
  sim.Run(SimTime::Seconds(25 * 240) + Duration::Hours(2));
  CheckConservation(sim);
  CHECK(sim.Count().in_flight == 0);
  CHECK(sim.Count().undeliverable == 0);
  CHECK(sim.Idle());
  std::int64_t lost = 0;
  for (const auto& c : sim.channel_stats()) lost += static_cast<std::int64_t>(c.lost);
  CHECK(lost >= 10);  // the procedure had work to do
  Duration longest;
  for (const auto& m : sim.messages()) {
    const auto& a = sim.addressees()[m.first_addressee];
    REQUIRE(a.outcome == Outcome::kDelivered);
    longest = std::max(longest, a.delivered - m.filed);
  }
  INFO("lost transmissions: ", lost, ", longest delivery: ", longest.seconds(), " s");
  CHECK(longest <= Duration::Minutes(90));  // three check intervals
}

TEST_CASE("a correction travels the copy's route and is delivered after it, across two hops") {
  // RAAA - RBBB - RCCC as above (2 s processing, 8 s for the message, 1 s for a service
  // message, 1 s propagation); channels 0 RAAA>RBBB, 1 RBBB>RAAA, 2 RBBB>RCCC, 3 RCCC>RBBB.
  // An IMMEDIATE from RAAA to RCCC arrives garbled at RBBB.
  Network net = MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}}, Duration::Seconds(2),
                            Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  const auto run = [&](std::vector<std::pair<cablesim::ChannelId, Fate>> firsts,
                       cablesim::Retention retention = cablesim::Retention::kAll) {
    RelayOptions o;
    o.procedure.service_chars = 125;
    auto sim = std::make_unique<RelaySimulation>(net, o);
    sim->set_retention(retention);
    auto seen = std::make_shared<std::array<int, 4>>();
    // The first transmission on each listed channel has the listed fate.
    sim->set_transmission_fate([firsts, seen](cablesim::ChannelId ch, std::uint32_t) {
      const int k = ++(*seen)[ch];
      for (const auto& [channel, fate] : firsts) {
        if (channel == ch && k == 1) return fate;
      }
      return Fate::kArrived;
    });
    sim->AddMessage(Spec("M1", SimTime(), "RAAA", {"RCCC"}, Precedence::kImmediate));
    sim->Run(std::nullopt);
    if (retention == cablesim::Retention::kAll) CheckConservation(*sim);
    return sim;
  };
  SUBCASE("delivered subject to correction at 24 s, corrected at 39 s") {
    // Sent 2-10 s, garbled at RBBB 11 s: relayed at once (11-13 s, sent 13-21 s), delivered
    // at RCCC 24 s subject to correction. The correction asked for at 11 s (made ready 11-13
    // s, sent 13-14 s, at RAAA 15 s), made ready 15-17 s and sent 17-25 s; at RBBB 26 s it
    // is relayed on like the copy (26-28 s, sent 28-36 s): delivered at RCCC 39 s.
    auto sim = run({{0, Fate::kGarbled}});
    const cablesim::AddresseeRecord& a = sim->addressees()[0];
    REQUIRE(a.outcome == Outcome::kDelivered);
    CHECK(a.delivered.ns() == 24 * kS);
    CHECK(a.subject_to_correction);
    CHECK(a.corrected.ns() == 39 * kS);
    const cablesim::CorrectionCounts c = sim->Corrections();
    CHECK(c.made == 1);
    CHECK(c.subject_to_correction == 1);
    CHECK(c.corrected == 1);
    CHECK(sim->channel_stats()[0].corrections == 1);
    CHECK(sim->channel_stats()[2].corrections == 1);
    CHECK(sim->Count().delivered == 1);  // a correction is no new (message, addressee)
    CHECK(sim->now().ns() == 39 * kS);
    CHECK(sim->Idle());
  }
  SUBCASE("keeping only what is in flight, the correction is still counted") {
    // Its addressee is delivered at 24 s; the message's correction is on its way until 39 s
    // (MessageRecord::correcting), which keeps its records.
    auto sim = run({{0, Fate::kGarbled}}, cablesim::Retention::kInFlight);
    CHECK(sim->messages()[0].correcting == 0);
    CHECK(sim->Corrections().corrected == 1);
    CHECK(sim->Count().delivered == 1);
    CHECK(sim->now().ns() == 39 * kS);
  }
  SUBCASE("garbled again on the second hop: no second correction, the first corrects it") {
    auto sim = run({{0, Fate::kGarbled}, {2, Fate::kGarbled}});
    CHECK(sim->addressees()[0].delivered.ns() == 24 * kS);
    CHECK(sim->addressees()[0].corrected.ns() == 39 * kS);
    CHECK(sim->Corrections().made == 1);
    CHECK(sim->channel_stats()[2].garbled == 1);
    CHECK(sim->channel_stats()[2].reruns == 0);
  }
  SUBCASE("a correction that overtakes the copy delivers first, clean") {
    // The copy subject to correction is lost on RBBB>RCCC (13-21 s); the correction is the
    // next number there (28-36 s): at RCCC 37 s number 1 is found open and the correction
    // delivered at 39 s. The copy, asked for (made ready 37-39 s, sent 39-40 s, at RBBB 41
    // s) and rerun (41-43 s, 43-51 s), arrives at 52 s and adds nothing.
    auto sim = run({{0, Fate::kGarbled}, {2, Fate::kLost}});
    const cablesim::AddresseeRecord& a = sim->addressees()[0];
    CHECK(a.delivered.ns() == 39 * kS);
    CHECK_FALSE(a.subject_to_correction);
    CHECK(a.corrected == SimTime::Max());
    CHECK(sim->Corrections().subject_to_correction == 0);
    CHECK(sim->channel_stats()[2].reruns == 1);
    CHECK(sim->now().ns() == 54 * kS);
  }
}

TEST_CASE(
    "keeping only what is in flight, a message whose copy subject to correction is given up "
    "after its correction delivered lets its records go" *
    doctest::timeout(60)) {
  // RAAA - RBBB - RCCC as above; channels 0 RAAA>RBBB, 1 RBBB>RAAA, 2 RBBB>RCCC, 3 RCCC>RBBB.
  // M1, an IMMEDIATE from RAAA to RCCC, arrives garbled at RBBB and is relayed subject to
  // correction; on RBBB>RCCC that copy is lost on every attempt while its correction (the
  // second transmission there) gets through and delivers M1 clean. Found open, the copy is
  // rerun max_reruns times, lost each time, and given up when asked again: it ends no
  // addressee, but it was the last thing of M1 on its way, so M1's records go (e0d32ef).
  // Records are given back a block of 1,024 messages at a time: 1,100 ROUTINE fillers from
  // RAAA to RBBB, delivered and released, fill M1's block, which is freed only if M1 is too.
  Network net = MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {1, 2}}, Duration::Seconds(2),
                            Duration::Seconds(1));
  using Fate = RelaySimulation::Fate;
  RelayOptions o;
  o.procedure.service_chars = 125;
  RelaySimulation sim(net, o);
  sim.set_retention(cablesim::Retention::kInFlight);
  std::array<int, 4> seen{};
  sim.set_transmission_fate([&seen](cablesim::ChannelId ch, std::uint32_t) {
    const int k = ++seen[ch];
    if (ch == 0 && k == 1) return Fate::kGarbled;
    if (ch == 2 && k != 2) return Fate::kLost;
    return Fate::kArrived;
  });
  sim.AddMessage(Spec("M1", SimTime(), "RAAA", {"RCCC"}, Precedence::kImmediate));
  constexpr int kFillers = 1100;
  for (int k = 0; k < kFillers; ++k) {
    sim.AddMessage(Spec("F" + std::to_string(k), SimTime::Seconds(1000 + 10 * k), "RAAA", {"RBBB"},
                        Precedence::kRoutine));
  }
  sim.Run(std::nullopt);
  REQUIRE(sim.messages().size() == kFillers + 1);
  CHECK(sim.Count().delivered == kFillers + 1);
  CHECK(sim.Count().in_flight == 0);
  // Delivered by the correction, so not subject to correction; the copy never got through.
  CHECK(sim.Corrections().made == 1);
  CHECK(sim.Corrections().subject_to_correction == 0);
  CHECK(sim.channel_stats()[2].reruns == o.procedure.max_reruns);
  CHECK(sim.channel_stats()[2].lost == o.procedure.max_reruns + 1);
  // Every message of the first block is done and released: the block is given back.
  CHECK_FALSE(sim.messages().alive(0));
  CHECK(sim.messages().blocks_alive() == 1);
}
