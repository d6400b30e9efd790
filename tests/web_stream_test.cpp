// sim/live/web_stream.h: what the live page is told, without sockets: the hello names every
// station and link with its position, frames carry the events since the last one (bounded:
// the rest are counted) and the state of the run as the simulation has it.
#include "sim/live/web_stream.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "tests/cli_support.h"

namespace {

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

std::size_t Occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
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
  const std::string hello = stream.Hello(60, false);
  CHECK(hello.starts_with("{\"type\":\"hello\",\"scenario\":\"live-dts\","));
  CHECK(hello.find("\"layout\":\"by hand\"") != std::string::npos);
  CHECK(hello.find("\"speed\":60,\"paused\":false") != std::string::npos);
  CHECK(Occurrences(hello, "{\"ri\":") == net.station_count());
  CHECK(Occurrences(hello, "{\"a\":") == net.link_count());
  CHECK(hello.find("{\"ri\":\"" + net.station(0).ri + "\",") != std::string::npos);
  CHECK(hello.find("\"x\":0,\"y\":0.5,\"fill\":\"#123456\"}") != std::string::npos);
  CHECK(hello.find("\"x\":2,\"y\":0.5,\"fill\":\"\"}") != std::string::npos);
  CHECK(hello.find("\"precedences\":[\"ROUTINE\",\"PRIORITY\",\"IMMEDIATE\",\"FLASH\"") !=
        std::string::npos);

  // A layout that does not cover the network is replaced by a circle, keeping its reason.
  cablesim::WebStream circle(run, s, cablesim::WebLayout{{1}, {1}, {""}, "graphviz failed"}, {});
  CHECK(circle.Hello(1, true).find("\"layout\":\"graphviz failed\"") != std::string::npos);
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
  const std::string first = stream.Frame(60, false, true);
  CHECK(first.starts_with("{\"type\":\"frame\",\"seq\":1,\"time\":\""));
  CHECK(first.find("\"omitted\":" + std::to_string(omitted) + ",") != std::string::npos);
  CHECK(Occurrences(first, "{\"event\":\"relayed\"") +
            Occurrences(first, "{\"event\":\"delivered\"") ==
        5);
  CHECK(first.find("\"conservation\":{\"addressed\":27,\"delivered\":27,") != std::string::npos);
  CHECK(first.find("\"stats\":{\"event\":\"stats\"") != std::string::npos);
  CHECK(first.find("\"queues\":[],\"waiting\":[],\"down_stations\":[],\"down_channels\":[]") !=
        std::string::npos);
  const std::string second = stream.Frame(60, true, false);
  CHECK(second.starts_with("{\"type\":\"frame\",\"seq\":2,"));
  CHECK(second.find("\"paused\":true,\"omitted\":0,\"events\":[],") != std::string::npos);
  CHECK(second.find("\"stats\"") == std::string::npos);
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
  const std::string frame = stream.Frame(60, false, false);
  CHECK(frame.find("\"down_channels\":[" + std::to_string(2 * *link) + "," +
                   std::to_string(2 * *link + 1) + "]") != std::string::npos);
  std::string queues = "\"queues\":[";
  bool any = false;
  for (cablesim::ChannelId c = 0; c < net.channel_count(); ++c) {
    const auto q = sim.QueuedByPrecedence(c);
    std::uint32_t total = 0;
    for (auto n : q) total += n;
    if (total == 0) continue;
    queues += std::string(any ? "," : "") + "[" + std::to_string(c);
    for (auto n : q) queues += "," + std::to_string(n);
    queues += "]";
    any = true;
  }
  CHECK(any);  // copies wait for the link to come back
  CHECK(frame.find(queues + "]") != std::string::npos);
}
