// sim/live/web_stream.h: what the live page is told, without sockets: the hello names every
// station and link with its position, frames carry the events since the last one (bounded:
// the rest are counted) and the state of the run as the simulation has it.
#include "sim/live/web_stream.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "tests/cli_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::testing::FieldMismatches;
using cablesim::testing::Json;

std::string Source(const std::string& rel) { return std::string(CABLESIM_SOURCE_DIR) + "/" + rel; }

cablesim::Scenario Load(const std::string& rel) {
  auto s = cablesim::LoadScenario(Source(rel));
  REQUIRE(s.ok());
  return std::move(s).value();
}

std::string SeedCable() {
  return cablesim::testing::ReadFile(Source("scenarios/cables/ntm-iraq-2008-state-060837.txt")) +
         "\nNNNN\n";
}

}  // namespace

TEST_CASE("web stream: the hello gives every station with its position and every link") {
  const auto s = Load("tests/data/live-dts.yaml");
  cablesim::LiveRun run(s, {});
  const auto& net = run.simulation().network();
  cablesim::WebLayout layout;
  layout.how = "by hand";
  for (std::size_t i = 0; i < net.station_count(); ++i) {
    layout.x.push_back(static_cast<double>(i));
    layout.y.push_back(0.5);
    layout.fill.push_back(i == 0 ? "#123456" : "");
  }
  cablesim::WebStream stream(run, s, layout, {});
  Json hello = Json::parse(stream.Hello(60, false));
  CHECK(FieldMismatches(hello, R"({"type":"hello","scenario":"live-dts","layout":"by hand",
                                   "speed":60,"paused":false})"_json) == "");
  REQUIRE(hello["stations"].size() == net.station_count());
  CHECK(hello["links"].size() == net.link_count());
  CHECK(hello["stations"][0]["ri"] == net.station(0).ri);
  CHECK(FieldMismatches(hello["stations"][0], R"({"x":0,"y":0.5,"fill":"#123456"})"_json) == "");
  CHECK(FieldMismatches(hello["stations"][2], R"({"x":2,"y":0.5,"fill":""})"_json) == "");
  REQUIRE(hello["precedences"].size() >= 4);
  CHECK(std::vector<Json>(hello["precedences"].begin(), hello["precedences"].begin() + 4) ==
        std::vector<Json>{"ROUTINE", "PRIORITY", "IMMEDIATE", "FLASH"});

  // A layout that does not cover the network is replaced by a circle, keeping its reason.
  cablesim::WebStream circle(run, s, cablesim::WebLayout{{1}, {1}, {""}, "graphviz failed"}, {});
  CHECK(Json::parse(circle.Hello(1, true))["layout"] == "graphviz failed");
}

TEST_CASE("web stream: frames hold the events since the last one, at most max_events" *
          doctest::timeout(120)) {
  const auto s = Load("tests/data/live-dts.yaml");
  cablesim::LiveRun run(s, {});
  cablesim::WebStream stream(run, s, {}, {.max_events = 5});
  const auto poster = run.Connect(&stream);
  run.Subscribe(poster);
  stream.Send("{\"event\":\"x\"}");  // inactive: nothing is kept
  CHECK(stream.pending() == 0);
  stream.set_active(true);
  REQUIRE(run.File(poster, SeedCable(), 1, "").size() == 1);
  for (int i = 0; i < 1000 && !run.Advance(cablesim::SimTime::Max(), 100'000); ++i) {
  }
  // 27 deliveries and the relays before them: five kept, the rest counted.
  CHECK(stream.pending() == 5);
  const std::uint64_t omitted = stream.omitted();
  CHECK(omitted > 22);
  Json first = Json::parse(stream.Frame(60, false, true));
  CHECK(FieldMismatches(first, R"({"type":"frame","seq":1,"queues":[],"waiting":[],
                                   "down_stations":[],"down_channels":[]})"_json) == "");
  CHECK(first["time"].is_string());
  CHECK(first["omitted"] == omitted);
  const auto events = first["events"].get<std::vector<Json>>();
  CHECK(cablesim::testing::CountEvents(events, "relayed") +
            cablesim::testing::CountEvents(events, "delivered") ==
        5);
  CHECK(events.size() == 5);
  CHECK(FieldMismatches(first["conservation"], R"({"addressed":27,"delivered":27})"_json) == "");
  CHECK(first["stats"]["event"] == "stats");
  Json second = Json::parse(stream.Frame(60, true, false));
  CHECK(FieldMismatches(second, R"({"type":"frame","seq":2,"paused":true,"omitted":0,
                                    "events":[]})"_json) == "");
  CHECK_FALSE(second.contains("stats"));
  stream.set_active(false);
  stream.Send("{\"event\":\"x\"}");
  CHECK(stream.pending() == 0);
}

TEST_CASE("web stream: a frame's queues and outages are the simulation's at that moment" *
          doctest::timeout(120)) {
  // relay-outage: the RUEH-RUDKC link is down from 3 h to 5 h; traffic queues meanwhile.
  const auto s = Load("scenarios/relay-outage.yaml");
  cablesim::LiveRun run(s, {});
  cablesim::WebStream stream(run, s, {}, {});
  const cablesim::SimTime at = cablesim::SimTime() + cablesim::Duration::Hours(4);
  for (int i = 0; i < 100000 && !run.Advance(at, 100'000); ++i) {
  }
  const auto& sim = run.simulation();
  const auto& net = sim.network();
  const auto rueh = net.FindStation("RUEH"), rudkc = net.FindStation("RUDKC");
  REQUIRE(rueh);
  REQUIRE(rudkc);
  std::optional<cablesim::LinkId> link;
  for (cablesim::LinkId l = 0; l < net.link_count(); ++l) {
    const auto& k = net.link(l);
    if ((k.a == *rueh && k.b == *rudkc) || (k.a == *rudkc && k.b == *rueh)) link = l;
  }
  REQUIRE(link);
  Json frame = Json::parse(stream.Frame(60, false, false));
  CHECK(frame["down_channels"] == Json::array({2 * *link, 2 * *link + 1}));
  // Each channel with copies waiting: [channel, then the count at each precedence].
  Json queues = Json::array();
  for (cablesim::ChannelId c = 0; c < net.channel_count(); ++c) {
    const auto q = sim.QueuedByPrecedence(c);
    std::uint32_t total = 0;
    for (auto n : q) total += n;
    if (total == 0) continue;
    Json queue = Json::array({c});
    for (auto n : q) queue.push_back(n);
    queues.push_back(queue);
  }
  CHECK(!queues.empty());  // copies wait for the link to come back
  CHECK(frame["queues"] == queues);
}
