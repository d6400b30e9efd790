// sim/live/live_run.h: the live run without sockets: clients file cables and hear every
// outcome, limits answer with a reason, pacing takes the wall clock as a value. No sleeps.
#include "sim/live/live_run.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "tests/cli_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::testing::FieldMismatches;
using cablesim::testing::Json;

std::string Source(const std::string& rel) { return std::string(CABLESIM_SOURCE_DIR) + "/" + rel; }

class FakeClient : public cablesim::LiveClient {
 public:
  void Send(const std::string& line) override { lines.push_back(line); }
  void Settled() override { ++settled; }
  /// How many lines told of `event` (each line must be a JSON object).
  int Count(const std::string& event) const {
    std::vector<Json> events;
    for (const std::string& l : lines) events.push_back(Json::parse(l));
    return cablesim::testing::CountEvents(events, event);
  }
  std::vector<std::string> lines;
  int settled = 0;
};

cablesim::Scenario LiveScenario() {
  auto s = cablesim::LoadScenario(Source("tests/data/live-dts.yaml"));
  REQUIRE(s.ok());
  return std::move(s).value();
}

std::string SeedCable() {
  return cablesim::testing::ReadFile(Source("scenarios/cables/ntm-iraq-2008-state-060837.txt")) +
         "\nNNNN\n";
}

std::string SmallCable(int n, const std::string& to) {
  return "VZCZCXYZ" + std::to_string(1000 + n) + "\nRR RUEHWEB\nDE RUEHC #" +
         std::to_string(1000 + n) +
         " 1572133\nZNR UUUUU ZZH\nR 052124Z JUN 08\nFM SECSTATE WASHDC\nTO " + to +
         "\nBT\nUNCLAS STATE 0" + std::to_string(n) + "\nTEST MESSAGE\nBT\nNNNN\n";
}

// Runs everything pending (as --speed max does).
void RunOut(cablesim::LiveRun& run) {
  for (int i = 0; i < 1000 && !run.Advance(cablesim::SimTime::Max(), 100'000); ++i) {
  }
}

}  // namespace

TEST_CASE("live run: the seed cable is accepted and its 27 deliveries are heard in time order" *
          doctest::timeout(120)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient c;
  const auto id = run.Connect(&c);
  const auto reply = run.File(id, SeedCable(), 1, "");
  REQUIRE(reply.size() == 1);
  CHECK(FieldMismatches(Json::parse(reply[0]), R"({"event":"accepted","message":"RUEHC 0837",
                                                  "addressees":27})"_json) == "");
  CHECK(run.CablesInFlight(id) == 1);
  RunOut(run);
  CHECK(c.Count("delivered") == 27);
  CHECK(c.Count("relayed") > 0);
  CHECK(c.settled == 1);
  CHECK(run.CablesInFlight(id) == 0);
  std::vector<std::string> times;  // "2008-06-05T21:37:49.123Z": sorted as text, sorted in time
  for (const auto& l : c.lines) {
    Json event = Json::parse(l);
    if (event["event"] == "delivered") times.push_back(event.at("time").get<std::string>());
  }
  CHECK(times.size() == 27);
  CHECK(std::is_sorted(times.begin(), times.end()));
  CHECK(FieldMismatches(Json::parse(run.Stats())["conservation"],
                        R"({"addressed":27,"delivered":27})"_json) == "");
}

TEST_CASE("live run: addressees by other means and undeliverable ones are told at acceptance" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient owner, watcher;
  const auto id = run.Connect(&owner);
  run.Subscribe(run.Connect(&watcher));
  const auto reply = run.File(
      id, SmallCable(1, "ZEN/AMEMBASSY NOWHERE\nRUQQQQ/NOBODY\nRUEHFR/AMEMBASSY PARIS"), 1, "");
  REQUIRE(reply.size() == 3);
  CHECK(Json::parse(reply[0])["event"] == "accepted");
  CHECK(reply[1] ==
        "{\"event\":\"other_means\",\"message\":\"RUEHC 1001\",\"addressee\":\"AMEMBASSY "
        "NOWHERE\"}");
  CHECK(Json::parse(reply[2])["event"] == "undeliverable");
  CHECK(watcher.Count("other_means") == 1);  // subscribers hear them too
  CHECK(watcher.Count("undeliverable") == 1);
  RunOut(run);
  CHECK(owner.Count("delivered") == 1);
  CHECK(watcher.Count("delivered") == 1);
  CHECK(owner.settled == 1);
  // A cable none of whose addressees goes over the network is never in flight.
  const auto only_zen = run.File(id, SmallCable(2, "ZEN/AMEMBASSY NOWHERE"), 1, "");
  CHECK(only_zen.size() == 2);
  CHECK(run.CablesInFlight(id) == 0);
}

TEST_CASE("live run: an addressee the network does not know is accepted with a located warning" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient owner;
  const auto id = run.Connect(&owner);
  // Lines 11 to 23 of the connection: TO is line 17, the name without an RI line 18.
  const auto reply = run.File(
      id, SmallCable(3, "RUDKX/RELAY COPENHAGEN\nAMEMBASY LONDON\nRUEHFR/AMEMBASSY PARIS"), 11, "");
  REQUIRE(reply.size() == 3);
  CHECK(reply[0] ==
        "{\"event\":\"accepted\",\"message\":\"RUEHC 1003\",\"addressees\":3,\"filed\":"
        "\"2008-06-05T21:00:00.000Z\",\"warnings\":[{\"line\":17,\"addressee\":\"RUDKX/RELAY "
        "COPENHAGEN\",\"warning\":\"no station serves routing indicator RUDKX (nor a prefix of it) "
        "(did you mean RUDKC?): undeliverable, the other addressees go on\"},{\"line\":18,"
        "\"addressee\":\"AMEMBASY LONDON\",\"warning\":\"no routing indicator, and no station is "
        "named 'AMEMBASY LONDON' (did you mean AMEMBASSY LONDON?): undeliverable, the other "
        "addressees go on\"}]}");
  CHECK(Json::parse(reply[1])["event"] == "undeliverable");
  RunOut(run);
  CHECK(owner.Count("delivered") == 1);  // Paris
  // A cable whose addressees are all known has no warnings.
  Json known = Json::parse(run.File(id, SmallCable(4, "RUEHFR/AMEMBASSY PARIS"), 1, "").at(0));
  CHECK(known["event"] == "accepted");
  CHECK_FALSE(known.contains("warnings"));
}

TEST_CASE("live run: at most 500 addressees a cable, and 20 warnings, the rest counted" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient owner;
  const auto id = run.Connect(&owner);
  // Addressees the network does not know, one a line from line 7 (TO Z000000) of the cable.
  const auto unknown = [](int n) {
    std::string to;
    char name[16];
    for (int i = 0; i < n; ++i) {
      std::snprintf(name, sizeof name, "%sZ%06d", i ? "\n" : "", i);
      to += name;
    }
    return to;
  };
  // 501: rejected, at the line of the 501st (line 507 of the cable, 516 of the connection).
  const std::size_t records = run.simulation().messages().size();
  const auto too_many = run.File(id, SmallCable(1, unknown(501)), 10, "");
  CHECK(too_many == std::vector<std::string>{
                        "{\"event\":\"rejected\",\"error\":\"the message has 501 addressees (TO "
                        "and INFO); a cable may have at most 500, and the 501st is here\","
                        "\"line\":516}"});
  CHECK(run.simulation().messages().size() == records);  // nothing filed
  // 500: accepted; each told undeliverable, the first 20 with a located warning.
  const auto reply = run.File(id, SmallCable(2, unknown(500)), 10, "");
  REQUIRE(reply.size() == 501);
  const Json accepted = Json::parse(reply[0]);
  CHECK(accepted["event"] == "accepted");
  REQUIRE(accepted["warnings"].size() == 20);
  CHECK(accepted["warnings"][0]["line"] == 16);
  CHECK(accepted["warnings"][19]["line"] == 35);
  CHECK(accepted["warnings"][19]["addressee"] == "Z000019");
  CHECK(accepted["more_warnings"] == 480);
  CHECK(std::count_if(reply.begin() + 1, reply.end(), [](const std::string& l) {
          return Json::parse(l)["event"] == "undeliverable";
        }) == 500);
}

TEST_CASE("live run: the addressees accepted from clients over the run are limited") {
  const auto s = LiveScenario();
  cablesim::LiveLimits limits;
  limits.addressees_accepted = 3;
  cablesim::LiveRun run(s, limits);
  FakeClient a;
  const auto ia = run.Connect(&a);
  auto event = [&](const std::string& addressees) {
    return Json::parse(run.File(ia, SmallCable(1, addressees), 1, "").at(0));
  };
  CHECK(event("RUEHFR/AMEMBASSY PARIS\nRUEHNO/USMISSION USNATO")["event"] == "accepted");
  CHECK(event("RUEHFR/AMEMBASSY PARIS\nRUEHNO/USMISSION USNATO")["event"] == "accepted");
  const Json over = event("RUEHFR/AMEMBASSY PARIS");  // 4 made: the limit is passed
  CHECK(over["event"] == "rejected");
  CHECK(over["error"] ==
        "the run has accepted its limit of 3 addressees from clients (a collective counted by "
        "its members; every record is kept for the final report)");
  // A collective counts by its members: one line of it passes a limit of 5.
  limits.addressees_accepted = 5;
  cablesim::LiveRun by_members(s, limits);
  FakeClient b;
  const auto ib = by_members.Connect(&b);
  auto filed = [&](const std::string& addressees) {
    return Json::parse(by_members.File(ib, SmallCable(2, addressees), 1, "").at(0))["event"];
  };
  CHECK(filed("ALL NATO POST COLLECTIVE") == "accepted");
  CHECK(filed("RUEHFR/AMEMBASSY PARIS") == "rejected");
}

TEST_CASE("live run: cables in flight are limited per client and in all, with the reason" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveLimits limits;
  limits.cables_in_flight_per_client = 2;
  limits.cables_in_flight = 3;
  limits.cables_accepted = 5;
  cablesim::LiveRun run(s, limits);
  FakeClient a, b;
  const auto ia = run.Connect(&a), ib = run.Connect(&b);
  auto file = [&](cablesim::ClientId id, int n) {
    return run.File(id, SmallCable(n, "RUEHFR/AMEMBASSY PARIS"), 1, "").at(0);
  };
  // The event a filing is answered with, and its error ("" when there is none).
  auto answer = [&](cablesim::ClientId id, int n) {
    const Json reply = Json::parse(file(id, n));
    return std::make_pair(reply.at("event").get<std::string>(), reply.value("error", ""));
  };
  CHECK(answer(ia, 1).first == "accepted");
  CHECK(answer(ia, 2).first == "accepted");
  CHECK(file(ia, 3) ==
        "{\"event\":\"rejected\",\"error\":\"too many cables in flight from this connection (2); "
        "wait for their deliveries\",\"line\":1}");
  CHECK(run.RoomFor(ia) == cablesim::FilingRoom::kClientFull);
  CHECK(run.RoomFor(ib) == cablesim::FilingRoom::kOpen);
  CHECK(answer(ib, 4).first == "accepted");
  CHECK(run.RoomFor(ib) == cablesim::FilingRoom::kAllFull);
  const auto all_full = answer(ib, 5);
  CHECK(all_full.first == "rejected");
  CHECK(all_full.second.find("too many cables in flight from all clients (3)") !=
        std::string::npos);
  RunOut(run);  // all delivered: room again
  CHECK(answer(ia, 6).first == "accepted");
  CHECK(answer(ib, 7).first == "accepted");
  CHECK(run.RoomFor(ib) == cablesim::FilingRoom::kClosed);
  const auto closed = answer(ib, 8);
  CHECK(closed.first == "rejected");
  CHECK(closed.second.find("the run has accepted its limit of 5 cables") != std::string::npos);
  RunOut(run);
  run.Close();
  const std::string report = run.FinalReport();
  CHECK(report.find("live: messages accepted from clients: 5; 5 addressed = 5 delivered") !=
        std::string::npos);
}

TEST_CASE("live run: a client named for its address is told so when it has its share" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveLimits limits;
  limits.cables_in_flight_per_client = 1;
  cablesim::LiveRun run(s, limits);
  FakeClient web;
  const auto id = run.Connect(&web, "your address");
  CHECK(Json::parse(run.File(id, SmallCable(1, "RUEHFR/AMEMBASSY PARIS"), 1, "").at(0))["event"] ==
        "accepted");
  CHECK(run.File(id, SmallCable(2, "RUEHFR/AMEMBASSY PARIS"), 1, "").at(0) ==
        "{\"event\":\"rejected\",\"error\":\"too many cables in flight from your address (1); "
        "wait for their deliveries\",\"line\":1}");
}

TEST_CASE("live run: a client that is gone hears nothing, and its cables go on" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  auto gone = std::make_unique<FakeClient>();
  const auto id = run.Connect(gone.get());
  run.File(id, SmallCable(1, "RUEHFR/AMEMBASSY PARIS"), 1, "");
  run.Disconnect(id);
  gone.reset();  // a sink that no longer exists must not be called
  RunOut(run);
  CHECK(run.FinishClientCables(1000));
  run.Close();
  CHECK(run.FinalReport().find("1 addressed = 1 delivered") != std::string::npos);
}

TEST_CASE("live run: following the clients' cables after a shutdown stops at its limit" *
          doctest::timeout(60)) {
  // Paris's link is down for 100 days: the cable cannot be delivered within the drain's
  // limit, which ends the following (it went on for as long as the outage lasted).
  auto s = LiveScenario();
  const auto paris = s.network->FindStation("RUEHFR");
  REQUIRE(paris);
  s.faults.push_back(
      {cablesim::StationFault{*paris}, cablesim::SimTime(), cablesim::Duration::Days(100)});
  cablesim::LiveRun run(s, {});
  FakeClient client;
  const auto id = run.Connect(&client);
  REQUIRE(
      Json::parse(run.File(id, SmallCable(1, "RUEHFR/AMEMBASSY PARIS"), 1, "").at(0))["event"] ==
      "accepted");
  const cablesim::SimTime until = run.simulation().now() + cablesim::Duration::Days(7);
  int slices = 0;
  while (!run.FinishClientCables(1000, until)) ++slices;
  CHECK(run.simulation().now() == until);
  run.Close();
  CHECK(run.FinalReport().find("1 addressed = 0 delivered + 0 by other means + 0 undeliverable "
                               "+ 1 in flight") != std::string::npos);
}

TEST_CASE(
    "live run: a generator's arrival past the horizon only ends it, in a run without an end") {
  // A live run never passes LivePacer::kHorizon: such an arrival could never be filed, so it
  // is no error there (a run to the end stops on it: the generator had more to file).
  auto s = cablesim::LoadScenarioText(
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "traffic:\n  generators:\n    - {name: g, from: [RAAA], per_hour: 1e-300, max_messages: 5, "
      "to: {count: 1, from: [RBBB]}}\n",
      "rare.yaml");
  REQUIRE(s.ok());
  CHECK_NOTHROW(cablesim::LiveRun(*s, {}));
}

TEST_CASE("live pacing: speed times wall time, never past the horizon, max speed unbounded") {
  using cablesim::LivePacer;
  using cablesim::SimTime;
  const auto t0 = LivePacer::Clock::time_point{} + std::chrono::hours(1);
  LivePacer paced(60, false);
  paced.Start(t0, SimTime::Seconds(100));
  CHECK(paced.Target(t0) == SimTime::Seconds(100));
  CHECK(paced.Target(t0 + std::chrono::seconds(10)) == SimTime::Seconds(700));
  CHECK(paced.Target(t0 - std::chrono::seconds(10)) == SimTime::Seconds(100));  // clock went back
  // 1e9 simulated seconds a second reaches the horizon in under five seconds and stays there.
  LivePacer fast(1e9, false);
  fast.Start(t0, SimTime());
  CHECK(fast.Target(t0 + std::chrono::seconds(1)) == SimTime::Seconds(1'000'000'000));
  CHECK(fast.Target(t0 + std::chrono::hours(10'000)) == LivePacer::kHorizon);
  LivePacer max(1, true);
  max.Start(t0, SimTime());
  CHECK(max.Target(t0) == SimTime::Max());
}

TEST_CASE(
    "live pacing: a page's pause holds simulated time, resume and a new speed go on from it") {
  using cablesim::LivePacer;
  using cablesim::SimTime;
  const auto t0 = LivePacer::Clock::time_point{} + std::chrono::hours(1);
  const auto s = [](int n) { return std::chrono::seconds(n); };
  LivePacer p(60, false);
  p.Start(t0, SimTime::Seconds(0));
  p.Pause(SimTime::Seconds(600));  // the run stood at 600 s when paused, at t0 + 10 s
  CHECK(p.paused());
  CHECK(p.Target(t0 + s(10)) == SimTime::Seconds(600));
  CHECK(p.Target(t0 + s(1000)) == SimTime::Seconds(600));
  p.SetSpeed(120, t0 + s(20), SimTime::Seconds(600));  // a new speed keeps the pause
  CHECK(p.paused());
  CHECK(p.speed() == 120);
  CHECK(p.Target(t0 + s(30)) == SimTime::Seconds(600));
  p.Resume(t0 + s(40), SimTime::Seconds(600));
  CHECK_FALSE(p.paused());
  CHECK(p.Target(t0 + s(40)) == SimTime::Seconds(600));
  CHECK(p.Target(t0 + s(45)) == SimTime::Seconds(1200));  // 5 wall seconds at 120x
  LivePacer max(1, true);                                 // a speed given at max speed paces again
  max.SetSpeed(2, t0, SimTime::Seconds(10));
  CHECK_FALSE(max.max_speed());
  CHECK(max.Target(t0 + s(3)) == SimTime::Seconds(16));
}

TEST_CASE("live run: at a speed that reaches the horizon, the run stays in range" *
          doctest::timeout(60)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient c;
  const auto id = run.Connect(&c);
  CHECK(run.Advance(cablesim::LivePacer::kHorizon, 1000));
  CHECK(run.simulation().now() == cablesim::LivePacer::kHorizon);
  // A cable filed then is still relayed and delivered: its delays fit.
  CHECK(Json::parse(run.File(id, SmallCable(1, "RUEHFR/AMEMBASSY PARIS"), 1, "")[0])["event"] ==
        "accepted");
  RunOut(run);
  CHECK(c.Count("delivered") == 1);
}

TEST_CASE(
    "live run: a scenario's cable still to be filed is not counted as addressed or in flight" *
    doctest::timeout(60)) {
  // ntm-iraq-2008 files the seed cable at 2133Z; the run starts at 1200Z.
  auto loaded = cablesim::LoadScenario(Source("scenarios/ntm-iraq-2008.yaml"));
  REQUIRE(loaded.ok());
  const cablesim::Scenario s = std::move(loaded).value();
  cablesim::LiveRun run(s, {});
  Json stats = Json::parse(run.Stats());
  CHECK(stats["by_precedence"] == Json::object());
  // The conservation counts every record the run holds, the cable's 27 among them.
  CHECK(FieldMismatches(stats["conservation"], R"({"addressed":27,"delivered":0})"_json) == "");
}

TEST_CASE("live run: an addressee no cleared circuit reaches is told undeliverable, then settled" *
          doctest::timeout(60)) {
  auto loaded = cablesim::LoadScenario(Source("tests/data/live-cleared.yaml"));
  REQUIRE(loaded.ok());
  const cablesim::Scenario s = std::move(loaded).value();
  cablesim::LiveRun run(s, {});
  FakeClient c;
  const auto id = run.Connect(&c);
  // TOP SECRET (FL4 TTTTT): the link RAAA-RCCC takes SECRET at most, RBBB CONFIDENTIAL.
  const std::string cable =
      "VZCZCXYZ0001\nRR RDDD\nDE RAAA #0001 1572133\nZNY TTTTT ZZH\nR 052124Z JUN 08\n"
      "FM STATION A\nTO RDDD/STATION D\nBT\nT O P S E C R E T\nTEST\nBT\nNNNN\n";
  const auto reply = run.File(id, cable, 1, "");
  REQUIRE(reply.size() == 1);
  CHECK(Json::parse(reply[0])["event"] == "accepted");
  RunOut(run);
  REQUIRE(c.Count("undeliverable") == 1);
  Json last = Json::parse(c.lines.back());
  CHECK(last["event"] == "undeliverable");
  CHECK(last["reason"] == "no circuit cleared for TOP SECRET leads to it");
  CHECK(c.settled == 1);
  CHECK(run.CablesInFlight(id) == 0);
}

TEST_CASE("live run: STATS is computed again only when the run has moved" * doctest::timeout(120)) {
  const auto s = LiveScenario();
  cablesim::LiveRun run(s, {});
  FakeClient c;
  const auto id = run.Connect(&c);
  const std::string empty = run.Stats();
  CHECK(run.Stats() == empty);  // nothing moved: the same reply, not computed again
  CHECK(run.stats_computed() == 1);
  REQUIRE(run.File(id, SmallCable(1, "RUEHFR/AMEMBASSY PARIS"), 1, "").size() == 1);
  const Json accepted = Json::parse(run.Stats());
  CHECK(run.stats_computed() == 2);
  CHECK(accepted["messages"] == 1);
  CHECK(accepted["conservation"]["in_flight"] == 1);
  RunOut(run);  // events run and the clock moves
  const Json delivered = Json::parse(run.Stats());
  CHECK(run.stats_computed() == 3);
  CHECK(delivered["conservation"]["delivered"] == 1);
  CHECK(delivered["time"] != accepted["time"]);
  run.Stats();
  CHECK(run.stats_computed() == 3);
  run.Close();  // the books closed: computed again
  CHECK(Json::parse(run.Stats())["conservation"] == delivered["conservation"]);
  CHECK(run.stats_computed() == 4);
}
