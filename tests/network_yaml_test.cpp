#include "topology/network_yaml.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

namespace {

const std::string kPath = "/tmp/cablesim_network_yaml_test_" + std::to_string(::getpid());

// Writes `yaml` to a temporary file (one per process: ctest runs tests in parallel) and
// loads it.
cablesim::Result<cablesim::Network> LoadText(const std::string& yaml) {
  {
    std::ofstream f(kPath);
    f << yaml;
  }
  auto net = cablesim::LoadNetworkFile(kPath);
  std::remove(kPath.c_str());
  return net;
}

// The error text of loading `yaml`, with the file name as "net.yaml" ("" when it loads).
std::string LoadError(const std::string& yaml) {
  auto net = LoadText(yaml);
  if (net.ok()) return "";
  std::string text = net.error().ToString();
  if (text.rfind(kPath, 0) == 0) text = "net.yaml" + text.substr(kPath.size());
  return text;
}

const std::string kTwo =
    "stations:\n"
    "  - {ri: RAAA}\n"
    "  - {ri: RBBB}\n";

}  // namespace

TEST_CASE("a minimal network loads") {
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB]}\n") == "");
}

TEST_CASE("network errors name file, line, column, field and what is wrong") {
  const std::string f = "net.yaml:";
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RXXX]}\n") ==
        f + "5:22: links[0].between[1]: unknown station 'RXXX'");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBC]}\n") ==
        f + "5:22: links[0].between[1]: unknown station 'RBBC' (did you mean 'RBBB'?)");
  CHECK(LoadError("stations:\n  - {ri: RAAA}\n  - {ri: RAAA}\n") ==
        f + "3:10: stations[1].ri: duplicate station RAAA (first defined at line 2)");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], rate: fast}\n") ==
        f + "5:35: links[0].rate: bad rate 'fast': a number is missing (expected e.g. 75bd, "
            "2400bps, 9.6kbps, 56kbps, 1.544mbps)");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], propagation: 5}\n") ==
        f + "5:42: links[0].propagation: bad duration '5': a unit is missing (expected e.g. "
            "250ms, 90s, 15m, 2h, 1d or 1h30m)");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], rat: 75bd}\n") ==
        f + "5:29: links[0]: unknown key 'rat' (did you mean 'rate'?); expected one of: "
            "between, rate, framing, propagation, cost, clearance, loss, garble, procedure");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], clearance: SECRIT}\n") ==
        f + "5:40: links[0].clearance: unknown classification 'SECRIT' (did you mean 'SECRET'?); "
            "expected UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
  CHECK(LoadError("stations:\n  - {ri: RAAA, clearance: [SECRET]}\n") ==
        f + "2:27: stations[0].clearance: expected a single value");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], loss: 0.9}\n") ==
        f + "5:35: links[0].loss: loss is the probability a transmission never arrives: from 0 "
            "to 0.5");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], garble: -1}\n") ==
        f + "5:37: links[0].garble: garble is the probability a character arrives garbled: from "
            "0 to 0.001");
  CHECK(LoadError(kTwo + "link:\n  - {between: [RAAA, RBBB]}\n") ==
        f + "4:1: unknown key 'link' (did you mean 'links'?); expected one of: defaults, "
            "stations, links, collectives, routes");
  CHECK(LoadError(kTwo) ==
        f + "1:1: links: station RBBB cannot reach RAAA: the network is not connected");
  CHECK(LoadError("stations:\n  - {ri: raaa}\n") ==
        f + "2:10: stations[0].ri: 'raaa' is not a routing indicator (4 to 7 capital letters)");
  CHECK(LoadError("stations: [\n").find(f + "2:1: YAML syntax:") == 0);
  CHECK(LoadError("") == f + "1:1: the file is empty");
}

TEST_CASE("collective errors: unknown members and cycles") {
  const std::string base = kTwo + "links:\n  - {between: [RAAA, RBBB]}\ncollectives:\n";
  const std::string f = "net.yaml:";
  CHECK(LoadError(base + "  - {name: A, members: [RAAA, XYZ]}\n") ==
        f + "7:31: collectives[0].members: member 'XYZ' is neither a station (nor an RI one "
            "serves) nor a collective");
  CHECK(LoadError(base + "  - {name: A, members: [B]}\n  - {name: B, members: [A]}\n") ==
        f + "7:5: collectives[0]: collective 'A' contains itself");
  CHECK(LoadError(base + "  - {name: A, members: [RAAA], expand_at: RCCC}\n") ==
        f + "7:43: collectives[0].expand_at: unknown station 'RCCC'");
}

TEST_CASE("a collective's name and RI are its own: no station's, no other collective's") {
  // An address names a collective before a station: a clash would divert the station's
  // traffic to the collective's members, with no word said.
  const std::string base =
      "stations:\n  - {ri: RAAA}\n  - {ri: RBBB, name: PARIS}\n"
      "links:\n  - {between: [RAAA, RBBB]}\ncollectives:\n";
  const std::string f = "net.yaml:";
  const std::string own =
      ": a collective's name and RI must be its own (an address names the collective before "
      "a station, so the station would lose its traffic)";
  CHECK(LoadError(base + "  - {name: ALL, ri: RBBB, members: [RAAA]}\n") ==
        f + "7:21: collectives[0].ri: 'RBBB' is the routing indicator of station RBBB" + own);
  CHECK(LoadError(base + "  - {name: RBBB, members: [RAAA]}\n") ==
        f + "7:12: collectives[0].name: 'RBBB' is the routing indicator of station RBBB" + own);
  CHECK(LoadError(base + "  - {name: PARIS, members: [RAAA]}\n") ==
        f + "7:12: collectives[0].name: 'PARIS' is the name of station RBBB" + own);
  CHECK(LoadError(base + "  - {name: C1, ri: RXPA, members: [RAAA]}\n"
                         "  - {name: C2, ri: RXPA, members: [RBBB]}\n") ==
        f + "8:20: collectives[1].ri: routing indicator 'RXPA' already names collective 'C1'");
  CHECK(LoadError(base + "  - {name: C1, ri: RXPA, members: [RAAA]}\n"
                         "  - {name: RXPA, members: [RBBB]}\n") ==
        f + "8:12: collectives[1].name: duplicate collective 'RXPA'");
  CHECK(LoadError(base + "  - {name: '', members: [RAAA]}\n") ==
        f + "7:12: collectives[0].name: an empty name");
  CHECK(LoadError(base + "  - {name: ALL POSTS, ri: RXPA, members: [RAAA, RBBB]}\n") == "");
}

TEST_CASE("a collective member that only a prefix serves is kept, with a located warning") {
  // RUFHBX is no station's RI (a typo of RUFHBXX?): the relay RUFH serves it by prefix and
  // would be its addressee. It used to be accepted without a word.
  auto net = LoadText(
      "stations:\n  - {ri: RUFH, kind: relay}\n  - {ri: RUFHBXX}\n"
      "links:\n  - {between: [RUFH, RUFHBXX]}\n"
      "collectives:\n  - {name: A, members: [RUFHBXX, RUFHBX]}\n");
  REQUIRE(net.ok());
  REQUIRE(net->warnings().size() == 1);
  CHECK(net->warnings()[0] == kPath +
                                  ":7:34: collectives[0].members: warning: member 'RUFHBX' is no "
                                  "station's RI: RUFH serves it by prefix and is the addressee "
                                  "(did you mean 'RUFHBXX'?)");
  CHECK(LoadText(kTwo + "links:\n  - {between: [RAAA, RBBB]}\ncollectives:\n"
                        "  - {name: A, members: [RAAA, RBBB]}\n")
            ->warnings()
            .empty());
}

TEST_CASE("a file that does not exist") {
  auto net = cablesim::LoadNetworkFile("/nonexistent.yaml");
  REQUIRE_FALSE(net.ok());
  CHECK(net.error().ToString() == "/nonexistent.yaml: no such file");
}

TEST_CASE("operators: a whole number from 0 (no limit, the default)") {
  const std::string links = "links:\n  - {between: [RAAA, RBBB]}\n";
  auto net = LoadText(
      "defaults: {operators: 2}\nstations:\n  - {ri: RAAA}\n  - {ri: RBBB, operators: 0}\n" +
      links);
  REQUIRE(net.ok());
  CHECK(net->station(0).operators == 2);
  CHECK(net->station(1).operators == 0);
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: -1}\n  - {ri: RBBB}\n" + links) ==
        "net.yaml:2:27: stations[0].operators: '-1' is out of range [0, 1000000]");
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: two}\n  - {ri: RBBB}\n" + links) ==
        "net.yaml:2:27: stations[0].operators: expected a whole number, found 'two'");
}

TEST_CASE("processing: a duration, or {exponential: MEAN}") {
  const std::string links = "links:\n  - {between: [RAAA, RBBB]}\n";
  auto net = LoadText(
      "defaults: {processing: {exponential: 90s}}\nstations:\n  - {ri: RAAA}\n"
      "  - {ri: RBBB, processing: 1m}\n" +
      links);
  REQUIRE(net.ok());
  CHECK(net->station(0).processing == cablesim::Duration::Seconds(90));
  CHECK(net->station(0).processing_law == cablesim::ProcessingLaw::kExponential);
  CHECK(net->station(1).processing == cablesim::Duration::Minutes(1));
  CHECK(net->station(1).processing_law == cablesim::ProcessingLaw::kFixed);
  CHECK(LoadError("stations:\n  - {ri: RAAA, processing: {exponential: 0s}}\n  - {ri: RBBB}\n" +
                  links) ==
        "net.yaml:2:42: stations[0].processing.exponential: the mean must be positive");
  CHECK(LoadError("stations:\n  - {ri: RAAA, processing: [1m]}\n  - {ri: RBBB}\n" + links) ==
        "net.yaml:2:28: stations[0].processing: expected a duration such as 90s, "
        "{exponential: MEAN} or {fixed: 1m, per_char: 20ms}");
  CHECK(LoadError("stations:\n  - {ri: RAAA, processing: {exponental: 1m}}\n  - {ri: RBBB}\n" +
                  links) ==
        "net.yaml:2:29: stations[0].processing: unknown key 'exponental' (did you mean "
        "'exponential'?); expected one of: fixed, exponential, per_char");
}

TEST_CASE("processing may grow with the copy's length: {fixed: 1m, per_char: 20ms}") {
  const std::string links = "links:\n  - {between: [RAAA, RBBB]}\n";
  auto net = LoadText(
      "defaults: {processing: {per_char: 5ms}}\nstations:\n"
      "  - {ri: RAAA, processing: {fixed: 1m, per_char: 20ms}}\n  - {ri: RBBB}\n" +
      links);
  REQUIRE(net.ok());
  CHECK(net->station(0).processing == cablesim::Duration::Minutes(1));
  CHECK(net->station(0).per_char == cablesim::Duration::Milliseconds(20));
  CHECK(net->station(1).processing == cablesim::Duration());
  CHECK(net->station(1).per_char == cablesim::Duration::Milliseconds(5));
  CHECK(
      LoadError("stations:\n  - {ri: RAAA, processing: {fixed: 1m, exponential: 1m}}\n" + links) ==
      "net.yaml:2:28: stations[0].processing: give 'fixed' or 'exponential', not both");
  CHECK(LoadError("stations:\n  - {ri: RAAA, processing: {per_char: 11s}}\n" + links) ==
        "net.yaml:2:39: stations[0].processing.per_char: at most 10s a character");
}

TEST_CASE("a link may time its own no-traffic check: procedure: {no_traffic_check: 1h}") {
  auto net =
      LoadText(kTwo + "links:\n  - {between: [RAAA, RBBB], procedure: {no_traffic_check: 1h}}\n");
  REQUIRE(net.ok());
  CHECK(net->link(0).no_traffic_check == cablesim::Duration::Hours(1));
  auto plain = LoadText(kTwo + "links:\n  - {between: [RAAA, RBBB]}\n");
  REQUIRE(plain.ok());
  CHECK_FALSE(plain->link(0).no_traffic_check.has_value());  // the scenario's
  CHECK(LoadError(kTwo +
                  "links:\n  - {between: [RAAA, RBBB], procedure: {no_traffic_check: 10s}}\n") ==
        "net.yaml:5:59: links[0].procedure.no_traffic_check: must be between 1m and 1d");
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], procedure: {check: 1h}}\n") ==
        "net.yaml:5:41: links[0].procedure: unknown key 'check'; expected one of: "
        "no_traffic_check");
}

TEST_CASE("operators may follow a daily schedule of shifts") {
  const std::string links = "links:\n  - {between: [RAAA, RBBB]}\n";
  auto net = LoadText(
      "stations:\n  - {ri: RAAA, operators: [{from: \"00:00\", staff: 1}, {from: \"08:00\", "
      "staff: 4}, {from: \"20:00\", staff: 2}]}\n  - {ri: RBBB, operators: 3}\n" +
      links);
  REQUIRE(net.ok());
  const auto& a = net->station(0);
  CHECK(a.operators == 4);  // the largest staff
  REQUIRE(a.shifts.size() == 3);
  using cablesim::Duration;
  CHECK(cablesim::StaffAt(a, Duration::Hours(7)) == 1);
  CHECK(cablesim::StaffAt(a, Duration::Hours(8)) == 4);
  CHECK(cablesim::StaffAt(a, Duration::Hours(23)) == 2);
  CHECK(cablesim::UntilNextShift(a, Duration::Hours(7)) == Duration::Hours(1));
  CHECK(cablesim::UntilNextShift(a, Duration::Hours(21)) == Duration::Hours(3));  // midnight
  CHECK(cablesim::StaffAt(net->station(1), Duration::Hours(7)) == 3);
  // A schedule that starts after midnight: its last shift runs on until the first.
  auto late = LoadText(
      "stations:\n  - {ri: RAAA, operators: [{from: \"06:00\", staff: 2}, "
      "{from: \"18:00\", staff: 1}]}\n  - {ri: RBBB}\n" +
      links);
  REQUIRE(late.ok());
  CHECK(cablesim::StaffAt(late->station(0), Duration::Hours(3)) == 1);
  CHECK(cablesim::UntilNextShift(late->station(0), Duration::Hours(20)) == Duration::Hours(10));
  CHECK(
      LoadError("stations:\n  - {ri: RAAA, operators: [{from: \"08:00\", staff: 0}]}\n" + links) ==
      "net.yaml:2:51: stations[0].operators[0].staff: '0' is out of range [1, 1000000]");
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: [{from: \"8am\", staff: 2}]}\n" + links) ==
        "net.yaml:2:35: stations[0].operators[0].from: expected a time of day HH:MM (UTC) such "
        "as \"08:00\", found '8am'");
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: [{from: \"08:00\", staff: 2}, {from: "
                  "\"07:00\", staff: 1}]}\n" +
                  links) ==
        "net.yaml:2:62: stations[0].operators[1].from: shifts must be in increasing time of day");
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: []}\n" + links) ==
        "net.yaml:2:27: stations[0].operators: a schedule needs at least one shift");
}

TEST_CASE("operators: {shifts: [...], handover: overtime} says what a change of shift does") {
  const std::string links = "links:\n  - {between: [RAAA, RBBB]}\n";
  auto net = LoadText(
      "defaults: {operators: {shifts: [{from: \"00:00\", staff: 1}], handover: overtime}}\n"
      "stations:\n  - {ri: RAAA, operators: {shifts: [{from: \"06:00\", staff: 2}]}}\n"
      "  - {ri: RBBB}\n" +
      links);
  REQUIRE(net.ok());
  CHECK(net->station(0).handover == cablesim::ShiftHandover::kFinish);  // the default
  CHECK(net->station(0).operators == 2);
  CHECK(net->station(1).handover == cablesim::ShiftHandover::kOvertime);  // the defaults'
  CHECK(net->station(1).shifts.size() == 1);
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: {shifts: [{from: \"06:00\", staff: 2}], "
                  "handover: later}}\n" +
                  links) ==
        "net.yaml:2:75: stations[0].operators.handover: expected finish or overtime, found "
        "'later'");
  CHECK(LoadError("stations:\n  - {ri: RAAA, operators: {handover: finish}}\n" + links) ==
        "net.yaml:2:27: stations[0].operators: a schedule needs 'shifts'");
}

namespace {

// A chain RA00 - RA01 - ... of `links` links, each with `link` (YAML flow keys) added.
std::string Chain(int links, const std::string& link) {
  std::string yaml = "stations:\n";
  auto ri = [](int k) {
    std::string s = "RA";
    s += static_cast<char>('A' + k / 26 / 26 % 26);
    s += static_cast<char>('A' + k / 26 % 26);
    s += static_cast<char>('A' + k % 26);
    return s;
  };
  for (int k = 0; k <= links; ++k) yaml += "  - {ri: " + ri(k) + "}\n";
  yaml += "links:\n";
  for (int k = 0; k < links; ++k) {
    yaml += "  - {between: [" + ri(k) + ", " + ri(k + 1) + "]" + link + "}\n";
  }
  return yaml;
}

}  // namespace

TEST_CASE("link costs: a long chain at the largest cost is connected and routed exactly" *
          doctest::timeout(120)) {
  auto net = LoadText(Chain(2000, ", cost: 100000"));
  REQUIRE_MESSAGE(net.ok(), (net.ok() ? "" : net.error().ToString()));
  const auto from = *net->FindStation("RAAAA");
  const auto to = *net->FindStation("RACYY");  // station 2000
  CHECK(net->Distance(from, to) == 2000LL * 100'000 * 1'000'000'000LL);
  CHECK(net->Path(from, to).size() == 2001);
}

TEST_CASE("link costs beyond the limit are refused, naming the link") {
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], cost: 100001}\n") ==
        "net.yaml:5:35: links[0].cost: cost must be a positive number of seconds, at most "
        "1d 03h 46m (100000)");
  // A propagation delay near the largest duration: its derived cost would overflow.
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], propagation: 106000d}\n") ==
        "net.yaml:5:5: links[0]: the link's routing cost (the time to send 1,000 characters "
        "plus its propagation delay) is beyond the limit of 1d 03h 46m: give it an explicit "
        "'cost' (seconds, at most 100000)");
  // With an explicit cost the same delay is only slow, not a routing problem.
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB], propagation: 106000d, cost: 5}\n") ==
        "");
  // Networks built in code meet the same limit in Finalize.
  cablesim::Network net;
  for (const char* ri : {"RAAA", "RBBB"}) {
    cablesim::Station st;
    st.ri = ri;
    net.AddStation(st);
  }
  cablesim::Link l;
  l.a = 0;
  l.b = 1;
  l.propagation = cablesim::Duration::Days(106000);
  net.AddLink(l);
  auto ok = net.Finalize();
  REQUIRE_FALSE(ok.ok());
  CHECK(ok.error().message.find("link RAAA-RBBB: its routing cost") == 0);
}

TEST_CASE("collectives nested as a diamond expand once each, at once" * doctest::timeout(30)) {
  // Each collective lists the next twice: 2^40 ways through, 40 expansions.
  std::string yaml = kTwo + "links:\n  - {between: [RAAA, RBBB]}\ncollectives:\n";
  for (int k = 0; k < 40; ++k) {
    yaml += "  - {name: C" + std::to_string(k) + ", members: [C" + std::to_string(k + 1) + ", C" +
            std::to_string(k + 1) + "]}\n";
  }
  yaml += "  - {name: C40, members: [RAAA, RBBB]}\n";
  auto net = LoadText(yaml);
  REQUIRE(net.ok());
  auto members = net->ExpandCollective(*net->FindCollective("C0"), {});
  REQUIRE(members.ok());
  CHECK(members->size() == 2);
  CHECK(LoadError(kTwo + "links:\n  - {between: [RAAA, RBBB]}\ncollectives:\n"
                         "  - {name: A, members: [B]}\n  - {name: B, members: [A]}\n") ==
        "net.yaml:7:5: collectives[0]: collective 'A' contains itself");
}

TEST_CASE("static routes: one per station and destination") {
  const std::string net =
      "stations: [{ri: RAAA}, {ri: RBBB}, {ri: RCCC}]\n"
      "links: [{between: [RAAA, RBBB]}, {between: [RBBB, RCCC]}, {between: [RAAA, RCCC]}]\n"
      "routes:\n"
      "  - {at: RAAA, to: RCCC, via: RBBB}\n";
  CHECK(LoadError(net) == "");
  CHECK(LoadError(net + "  - {at: RAAA, to: RCCC, via: RCCC}\n") ==
        "net.yaml:5:5: routes[1]: a second static route at RAAA to RCCC (routes[0] is the "
        "first); give one");
}

TEST_CASE("static routes: a loop is found in linear time per destination" * doctest::timeout(120)) {
  // A 1,200-station chain with one static route sending traffic back the way it came: a
  // search for loops quadratic per destination would take 1,200^3 steps. (The routing
  // tables themselves take a Dijkstra per station: 3,000 stations took 20 s in the dev
  // build and passed a minute on a busy machine.)
  std::string yaml = Chain(1200, "") + "routes:\n  - {at: RAAAB, to: RABTE, via: RAAAA}\n";
  CHECK(LoadError(yaml) ==
        "net.yaml:2405:3: routes: static routes make a loop on the way from RAAAA to RABTE "
        "(through RAAAA)");
}
