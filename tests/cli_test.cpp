// End-to-end: the CLI contract (subcommands, --help, exit codes).
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <vector>

#include "sim/experiment/job_ranks.h"
#include "sim/report/delay_parts.h"
#include "tests/cli_support.h"
#include "tests/csv_support.h"
#include "tests/json_support.h"

using cablesim::testing::CsvFields;
using cablesim::testing::CsvRow;
using cablesim::testing::CsvTable;
using cablesim::testing::FieldMismatches;
using cablesim::testing::Json;
using cablesim::testing::ParseCsv;
using cablesim::testing::RunCli;
using cablesim::testing::TempDir;
using cablesim::testing::TempPath;
using cablesim::testing::WriteTempFile;

TEST_CASE("--help lists the subcommands and exits 0") {
  auto r = RunCli("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("bench") != std::string::npos);
}

TEST_CASE("an unknown subcommand is a usage error") {
  auto r = RunCli("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown subcommand 'frobnicate'") != std::string::npos);
}

TEST_CASE("bench engine prints the documented JSON shape" * doctest::timeout(120)) {
  auto r = RunCli("bench engine --pending 100,1000 --events 2000 --format json");
  REQUIRE(r.exit_code == 0);
  Json bench = Json::parse(r.out);
  CHECK(bench["bench"] == "engine");
  REQUIRE(bench["runs"].size() == 2);
  CHECK(FieldMismatches(bench["runs"][0], R"({"pending":100,"events":2000})"_json) == "");
  CHECK(FieldMismatches(bench["runs"][1], R"({"pending":1000,"events":2000})"_json) == "");
  for (const Json& run : bench["runs"]) {
    for (const char* key : {"engine_events_per_s", "baseline_events_per_s", "ratio"}) {
      CAPTURE(key);
      CHECK(run.at(key).is_number());
    }
  }
}

TEST_CASE("bench rejects bad arguments with exit 2") {
  SUBCASE("bad count") {
    auto r = RunCli("bench engine --pending 10,x");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--pending: 'x' is not a whole number") != std::string::npos);
  }
  SUBCASE("unknown option") {
    auto r = RunCli("bench engine --fast");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown option '--fast'") != std::string::npos);
  }
  SUBCASE("unknown benchmark") { CHECK(RunCli("bench disk").exit_code == 2); }
  SUBCASE("help") { CHECK(RunCli("bench --help").exit_code == 0); }
}

TEST_CASE("an option given an empty value is refused, not taken as absent") {
  for (const char* cmd : {"run scenarios/flash-preemption.yaml --out \"\"",
                          "run scenarios/flash-preemption.yaml --out=",
                          "compare scenarios/flash-preemption.yaml --seed \"\""}) {
    INFO(cmd);
    auto r = RunCli(cmd);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("needs a value, and it is empty") != std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("parse prints the seed cable as JSON with the documented keys" * doctest::timeout(120)) {
  auto r = RunCli("parse scenarios/cables/ntm-iraq-2008-state-060837.txt --format json");
  REQUIRE(r.exit_code == 0);
  Json cable = Json::parse(r.out);
  CHECK(FieldMismatches(cable, R"({"transmission_id":"XYZ0003",
      "routing":{"precedence":"IMMEDIATE"}, "security":{"signal":"ZNY","classification":"CCCCC"},
      "dtg":"2008-06-05T21:24:00Z", "from":"SECSTATE WASHDC", "classification":"CONFIDENTIAL",
      "reference":"STATE 060837", "warnings":[], "errors":[]})"_json) == "");
  CHECK(cable["station"] == R"({"ri":"RUEHC","serial":"0837","section":null,
                                "filed":{"julian_day":157,"time":"2133"}})"_json);
  CHECK(cable["precedence"] == R"({"action":"IMMEDIATE","info":"PRIORITY"})"_json);
  CHECK(cable["to"][0] == R"({"ri":"RUEHFR","address":"AMEMBASSY PARIS","precedence":"IMMEDIATE",
                             "niact":false,"collective":false,"zen":false,"serial":"0000"})"_json);
  CHECK(cable["info"][0] ==
        R"({"ri":null,"address":"ALL NATO POST COLLECTIVE","precedence":"PRIORITY",
            "niact":false,"collective":true,"zen":false,"serial":null})"_json);
}

TEST_CASE("parse reads stdin, reports errors with exit 1 and still prints the rest") {
  const std::string path = cablesim::testing::WriteTempFile(
      "bad.txt", "O 322124Z JUN 08\nFM X\nTO Y\nNNNN\nR 241652Z FEB 06\nFM A\nTO B\n");
  auto r = RunCli("parse - --format text", path);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("-:1:3: error: day 32 does not exist") != std::string::npos);
  CHECK(r.out.find("from A") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("parse: unreadable files and bad options") {
  auto missing = RunCli("parse /nonexistent/cable.txt");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("/nonexistent/cable.txt: no such file") != std::string::npos);
  CHECK(RunCli("parse").exit_code == 2);
  CHECK(RunCli("parse x --format xml").exit_code == 2);
}

TEST_CASE("route prints the path through the relays") {
  auto r = RunCli("route scenarios/networks/dts-2008.yaml RUEHC RUEHFR");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("RUEHC RUEH RUDKC RUEHFR\n", 0) == 0);
  CHECK(r.out.find("3 hops, cost") != std::string::npos);
  auto prefix = RunCli("route scenarios/networks/dts-2008.yaml RUEHC RUEHQQQ");
  CHECK(prefix.exit_code == 0);
  CHECK(prefix.out.rfind("RUEHC RUEH\n", 0) == 0);
  // A collective's RI names no one station (it was routed to RUEH, which serves RUEH*).
  auto collective = RunCli("route scenarios/networks/dts-2008.yaml RUEHC RUEHZL");
  CHECK(collective.exit_code == 1);
  CHECK(collective.err ==
        "cablesim route: RUEHZL is the routing indicator of the collective EUROPEAN POLITICAL "
        "COLLECTIVE, expanded where filed: it names no one station; give one of its member "
        "stations (RUEHFR, RUEHRL, RUEHLO, RUEHRO, ... 34 in all)\n");
  auto none = RunCli("route scenarios/networks/dts-2008.yaml RUEHC XXXX");
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("routing indicator XXXX is not served by any station") != std::string::npos);
  auto bad = RunCli("route tests/data/nonexistent.yaml RUEHC RUEHFR");
  CHECK(bad.exit_code == 1);
  CHECK(RunCli("route scenarios/networks/dts-2008.yaml RUEHC").exit_code == 2);
  // One hop is "1 hop"; none is "0 hops".
  auto one = RunCli("route tests/data/cleared-network.yaml RAAA RBBB");
  CHECK(one.out.find("\n1 hop, cost 9s (") != std::string::npos);
  auto none_at_all = RunCli("route tests/data/cleared-network.yaml RAAA RAAA");
  CHECK(none_at_all.out.find("\n0 hops, cost 0s (") != std::string::npos);
  // A cost of 4.41667 s (1,000 characters at 2.4 kbit/s async, 250 ms) reads the same on its
  // hop and in the total's seconds: both cut to the millisecond (the seconds were rounded).
  const TempDir dir("route-cost");
  std::ofstream(dir / "net.yaml")
      << "stations: [{ri: RAAA}, {ri: RBBB}]\nlinks: [{between: [RAAA, RBBB], rate: 2400bps, "
         "framing: async-ascii, propagation: 250ms}]\n";
  auto cut = RunCli("route " + (dir / "net.yaml") + " RAAA RBBB");
  CHECK(cut.out.find("cost 4.416s\n") != std::string::npos);
  CHECK(cut.out.find("\n1 hop, cost 4.416s (4.416 s: ") != std::string::npos);
}

TEST_CASE("route --classification follows links and stations cleared for it") {
  auto plain = RunCli("route tests/data/cleared-network.yaml RAAA RDDD");
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.out.rfind("RAAA RBBB RDDD\n", 0) == 0);
  auto confidential =
      RunCli("route tests/data/cleared-network.yaml RAAA RDDD --classification CONFIDENTIAL");
  CHECK(confidential.out.rfind("RAAA RBBB RDDD\n", 0) == 0);
  auto secret = RunCli("route tests/data/cleared-network.yaml RAAA RDDD --classification SECRET");
  REQUIRE(secret.exit_code == 0);
  CHECK(secret.out.rfind("RAAA RCCC REEE RDDD\n", 0) == 0);
  CHECK(secret.out.find("3 hops, cost") != std::string::npos);
  auto top =
      RunCli("route tests/data/cleared-network.yaml RAAA RDDD --classification 'TOP SECRET'");
  CHECK(top.exit_code == 1);
  CHECK(top.err == "cablesim route: no circuit cleared for TOP SECRET from RAAA to RDDD\n");
  auto typo = RunCli("route tests/data/cleared-network.yaml RAAA RDDD --classification SECRT");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown classification 'SECRT' (did you mean 'SECRET'?)") !=
        std::string::npos);
}

TEST_CASE("a scenario's classified messages go the cleared way, or are undeliverable with why") {
  auto r = RunCli("run tests/data/cleared-scenario.yaml --format csv");
  REQUIRE(r.exit_code == 0);
  const CsvTable csv = ParseCsv(r.out);
  CHECK(std::find(csv.header.begin(), csv.header.end(), "classification") != csv.header.end());
  const CsvFields to_rddd = {{"addressee", "RDDD"},
                             {"ri", "RDDD"},
                             {"precedence", "ROUTINE"},
                             {"info", "false"},
                             {"filed", "2000-01-01T00:00:00.000Z"}};
  const CsvRow c = csv.One({{"message", "C"}}), s = csv.One({{"message", "S"}}),
               t = csv.One({{"message", "T"}});
  for (const CsvRow& row : {c, s, t}) CHECK(row.Mismatches(to_rddd) == "");
  CHECK(c.Mismatches({{"outcome", "delivered"},
                      {"reason", ""},
                      {"delivered", "2000-01-01T00:00:32.000Z"},
                      {"latency_s", "32.000"},
                      {"age_s", ""},
                      {"hops", "RAAA>RBBB>RDDD"}}) == "");
  CHECK(s.Mismatches({{"outcome", "delivered"},
                      {"reason", ""},
                      {"delivered", "2000-01-01T00:00:35.000Z"},
                      {"latency_s", "35.000"},
                      {"age_s", ""},
                      {"hops", "RAAA>RCCC>REEE>RDDD"},
                      {"classification", "SECRET"}}) == "");
  CHECK(t.Mismatches({{"outcome", "undeliverable"},
                      {"reason", "no circuit cleared for TOP SECRET leads to it"},
                      {"classification", "TOP SECRET"}}) == "");
  for (const cablesim::DelayPartRow& row : cablesim::kDelayPartRows) {
    CHECK(t[std::string(row.key) + "_s"].empty());  // no parts: not delivered
  }
  auto text = RunCli("run tests/data/cleared-scenario.yaml");
  CHECK(text.out.find("conservation: 4 addressed = 3 delivered") != std::string::npos);
}

TEST_CASE("a rerouted classified copy still takes only cleared circuits") {
  auto r = RunCli("run tests/data/cleared-outage.yaml --format csv");
  REQUIRE(r.exit_code == 0);
  const CsvTable csv = ParseCsv(r.out);
  const CsvFields delivered_to_rddd = {{"addressee", "RDDD"},
                                       {"ri", "RDDD"},
                                       {"precedence", "ROUTINE"},
                                       {"info", "false"},
                                       {"filed", "2000-01-01T00:00:00.000Z"},
                                       {"outcome", "delivered"},
                                       {"reason", ""},
                                       {"age_s", ""}};
  // S waits at RAAA until the link is back at 1 h: 3600 + 3 x 11 s = 3633 s, by RCCC.
  const CsvRow s = csv.One({{"message", "S"}}), u = csv.One({{"message", "U"}});
  CHECK(s.Mismatches(delivered_to_rddd) == "");
  CHECK(s.Mismatches({{"delivered", "2000-01-01T01:00:33.000Z"},
                      {"latency_s", "3633.000"},
                      {"hops", "RAAA>RCCC>REEE>RDDD"}}) == "");
  CHECK(u.Mismatches(delivered_to_rddd) == "");
  CHECK(u.Mismatches({{"delivered", "2000-01-01T00:00:24.000Z"},
                      {"latency_s", "24.000"},
                      {"hops", "RAAA>RBBB>RDDD"}}) == "");
}

TEST_CASE("over lossy circuits every addressee is still delivered, and the reruns are counted") {
  auto r = RunCli("run tests/data/lossy-scenario.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("conservation: 45 addressed = 45 delivered + 0 by other means + 0 "
                   "undeliverable + 0 in flight") != std::string::npos);
  CHECK(r.out.find("lost and garbled transmissions (ACP 127 procedure") != std::string::npos);
  CHECK(r.out.find("  RBBB>RCCC               1        0       1        1          0\n") !=
        std::string::npos);
  auto json = RunCli("run tests/data/lossy-scenario.yaml --format json");
  REQUIRE(json.exit_code == 0);
  Json report = Json::parse(json.out);
  Json rbbb_rccc;  // the link of the text's row above
  for (Json& link : report["links"]) {
    if (link["from"] == "RBBB" && link["to"] == "RCCC") rbbb_rccc = link;
  }
  CHECK(FieldMismatches(rbbb_rccc, R"({"lost":1,"garbled":0,"reruns":1,"service_messages":1,
                                      "corrections":0})"_json) == "");
  REQUIRE(!report["summary"]["anatomy"].empty());
  for (const auto& [precedence, anatomy] : report["summary"]["anatomy"].items()) {
    CAPTURE(precedence);
    CHECK(anatomy.at("rerun_s").is_number());
  }
}

TEST_CASE("run's CSV and JSON name every delay part by the table's key, in its order") {
  const auto csv = RunCli("run tests/data/all-parts-scenario.yaml --format csv");
  REQUIRE(csv.exit_code == 0);
  std::vector<std::string> parts;
  for (const cablesim::DelayPartRow& row : cablesim::kDelayPartRows) {
    parts.push_back(std::string(row.key) + "_s");
  }
  std::vector<std::string> last_columns = {"also"};
  last_columns.insert(last_columns.end(), parts.begin(), parts.end());
  for (const char* column :
       {"classification", "subject_to_correction", "corrected", "corrected_latency_s"}) {
    last_columns.push_back(column);
  }
  const std::vector<std::string> header = ParseCsv(csv.out).header;
  REQUIRE(header.size() > last_columns.size());
  CHECK(std::vector<std::string>(header.end() - static_cast<std::ptrdiff_t>(last_columns.size()),
                                 header.end()) == last_columns);
  const auto json = RunCli("run tests/data/all-parts-scenario.yaml --format json");
  REQUIRE(json.exit_code == 0);
  // In each precedence's anatomy and each delivery's, in the table's order.
  const auto parts_of = [](const cablesim::testing::OrderedJson& anatomy) {
    std::vector<std::string> keys;
    for (const auto& [key, value] : anatomy.items()) {
      if (key.ends_with("_s") && key != "total_s") keys.push_back(key);
    }
    return keys;
  };
  cablesim::testing::OrderedJson report = cablesim::testing::OrderedJson::parse(json.out);
  int anatomies = 0;
  for (const auto& [precedence, anatomy] : report["summary"]["anatomy"].items()) {
    CAPTURE(precedence);
    CHECK(parts_of(anatomy) == parts);
    ++anatomies;
  }
  for (const auto& delivery : report["deliveries"]) {
    CHECK(parts_of(delivery.at("anatomy")) == parts);
    ++anatomies;
  }
  CHECK(anatomies > 4);
}

TEST_CASE("dot prints DOT and renders SVG when graphviz is present") {
  auto r = RunCli("dot scenarios/networks/dts-2008.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("graph network {", 0) == 0);
  CHECK(r.out.find("layout=sfdp") != std::string::npos);  // 300 stations: the overview
  auto detailed = RunCli("dot scenarios/networks/dts-2008.yaml --layout detailed");
  CHECK(detailed.out.find("subgraph cluster_") != std::string::npos);
  CHECK(RunCli("dot scenarios/networks/dts-2008.yaml --layout twopi").exit_code == 2);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    const std::string svg_path = cablesim::testing::TempPath("net.svg");
    auto svg = RunCli("dot tests/data/small-network.yaml --svg " + svg_path);
    CHECK(svg.exit_code == 0);
    CHECK(cablesim::testing::ReadFile(svg_path).find("<svg") != std::string::npos);
    // The whole DTS fits a screen: no side more than 3 times the other.
    REQUIRE(RunCli("dot scenarios/networks/dts-2008.yaml --svg " + svg_path).exit_code == 0);
    const std::string text = cablesim::testing::ReadFile(svg_path);
    double width = 0, height = 0;
    const auto at = text.find("<svg width=\"");
    REQUIRE(at != std::string::npos);
    REQUIRE(std::sscanf(text.c_str() + at, "<svg width=\"%lfpt\" height=\"%lfpt\"", &width,
                        &height) == 2);
    CHECK(width / height <= 3);
    CHECK(height / width <= 3);
    std::remove(svg_path.c_str());
  }
}

TEST_CASE("run: the default scenario's report shows the seed cable delivered" *
          doctest::timeout(120)) {
  auto r = RunCli("run scenarios/ntm-iraq-2008.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("cable RUEHC 0837 (STATE 060837)") != std::string::npos);
  CHECK(r.out.find("TO   RUEHFR   IMMEDIATE AMEMBASSY PARIS") != std::string::npos);
  CHECK(r.out.find("INFO RUEHGB   PRIORITY  AMEMBASSY BAGHDAD            delivered") !=
        std::string::npos);
  CHECK(r.out.find("conservation: ") != std::string::npos);
}

TEST_CASE("run: JSON and CSV formats, identical for the same seed" * doctest::timeout(120)) {
  auto a = RunCli("run scenarios/flash-preemption.yaml --format json");
  auto b = RunCli("run scenarios/flash-preemption.yaml --format json");
  REQUIRE(a.exit_code == 0);
  CHECK(a.out == b.out);
  Json report = Json::parse(a.out);
  CHECK(FieldMismatches(report, R"({"scenario":"flash-preemption","seed":1,
      "discipline":"preempt-restart", "conservation":{"addressed":4,"delivered":4,
      "other_means":0,"undeliverable":0,"in_flight":0}})"_json) == "");
  CHECK(report["summary"]["by_precedence"]["FLASH"].is_object());
  REQUIRE(!report["deliveries"].empty());
  CHECK(report["deliveries"][0]["message"].is_string());
  auto csv = RunCli("run scenarios/flash-preemption.yaml --format csv --discipline priority");
  REQUIRE(csv.exit_code == 0);
  const CsvTable table = ParseCsv(csv.out);
  const std::vector<std::string> first_columns = {
      "scenario",  "seed",       "discipline", "replication", "message", "addressee",
      "ri",        "precedence", "info",       "filed",       "outcome", "reason",
      "delivered", "latency_s",  "age_s",      "hops",        "also",    "operator_wait_s"};
  REQUIRE(table.header.size() > first_columns.size());
  CHECK(std::vector<std::string>(
            table.header.begin(),
            table.header.begin() + static_cast<std::ptrdiff_t>(first_columns.size())) ==
        first_columns);
  // The addressee by its name, not a made-up one, and the way it went.
  CHECK(table.One({{"message", "FLASH-1"}})
            .Mismatches({{"addressee", "AMEMBASSY BAGHDAD"}, {"hops", "RUEHC>RUEHGB"}}) == "");
}

TEST_CASE("run --format csv lists every (message, addressee) with its outcome and the run" *
          doctest::timeout(120)) {
  // A cable with an addressee of every kind on a two-station network: one delivered, one by
  // other means, one to an RI nobody serves, and generated traffic left in flight at the end.
  const TempDir scratch("csv-outcomes");
  const std::string dir = scratch.path + "/";
  std::ofstream(dir + "cable.txt")
      << "VZCZCXYZ1001\nRR RUEHWEB\nDE RUEHC #1001 1572133\nZNR UUUUU ZZH\nR 052124Z JUN 08\n"
         "FM SECSTATE WASHDC\nTO RUEHGB/AMEMBASSY BAGHDAD\nZEN/AMEMBASSY NOWHERE\n"
         "RUQQQQ/NOBODY\nBT\nUNCLAS STATE 01\nTEST MESSAGE\nBT\nNNNN\n";
  std::ofstream(dir + "s.yaml")
      << "name: csv-outcomes\nstart: 2008-06-05T21:00:00Z\nduration: 2h\nseed: 5\n"
         "network:\n  defaults: {rate: 75bd, framing: ita2}\n  stations:\n"
         "    - {ri: RUEHC, name: SECSTATE WASHDC, kind: post}\n"
         "    - {ri: RUEHGB, name: AMEMBASSY BAGHDAD, kind: post}\n"
         "  links:\n    - {between: [RUEHC, RUEHGB]}\n"
         "traffic:\n  cables: [cable.txt]\n"
         "  generators: [{name: g, from: [RUEHC], to: {count: 1, from: [RUEHGB]}, per_hour: 40, "
         "length: 3000}]\n";
  const auto csv = RunCli("run " + dir + "s.yaml --format csv");
  INFO(csv.err);
  REQUIRE(csv.exit_code == 0);
  const auto json = RunCli("run " + dir + "s.yaml --format json");
  REQUIRE(json.exit_code == 0);
  std::map<std::string, int> rows;
  for (const CsvRow& row : ParseCsv(csv.out).rows) {
    INFO(row.ToString());
    // Every row starts with the run's identity.
    CHECK(row.Mismatches({{"scenario", "csv-outcomes"},
                          {"seed", "5"},
                          {"discipline", "priority"},
                          {"replication", ""}}) == "");
    ++rows[row["outcome"]];
    if (row["outcome"] == "undeliverable") {
      CHECK(row["reason"] == "no station serves its routing indicator");
    }
    if (row["outcome"] == "in_flight") CHECK(!row["age_s"].empty());  // its age at the end
  }
  CHECK(rows["delivered"] > 0);
  CHECK(rows["other_means"] == 1);
  CHECK(rows["undeliverable"] == 1);
  CHECK(rows["in_flight"] > 0);
  // The rows are the conservation the report states, outcome by outcome.
  const Json conservation = {{"addressed", rows["delivered"] + rows["other_means"] +
                                               rows["undeliverable"] + rows["in_flight"]},
                             {"delivered", rows["delivered"]},
                             {"other_means", 1},
                             {"undeliverable", 1},
                             {"in_flight", rows["in_flight"]}};
  CHECK(FieldMismatches(Json::parse(json.out)["conservation"], conservation) == "");
  // --out DIR/ writes the addressees, links and stations, each row with the run's identity.
  REQUIRE(RunCli("run " + dir + "s.yaml --seed 9 --out " + dir + "out/").exit_code == 0);
  const CsvFields seed_9 = {
      {"scenario", "csv-outcomes"}, {"seed", "9"}, {"discipline", "priority"}, {"replication", ""}};
  const CsvTable addressees = ParseCsv(cablesim::testing::ReadFile(dir + "out/addressees.csv"));
  CHECK(!addressees.rows.empty());
  for (const CsvRow& row : addressees.rows) CHECK(row.Mismatches(seed_9) == "");
  const CsvTable links = ParseCsv(cablesim::testing::ReadFile(dir + "out/links.csv"));
  CHECK(links.One({{"from", "RUEHC"}, {"to", "RUEHGB"}}).Mismatches(seed_9) == "");
  const CsvRow back = links.One({{"from", "RUEHGB"}, {"to", "RUEHC"}});
  CHECK(back.Mismatches(seed_9) == "");
  CHECK(back.Mismatches({{"utilisation", "0.000000"}, {"busy_s", "0.000"}, {"copies", "0"}}) == "");
  const CsvRow washington =
      ParseCsv(cablesim::testing::ReadFile(dir + "out/stations.csv")).One({{"ri", "RUEHC"}});
  CHECK(washington.Mismatches(seed_9) == "");
  CHECK(washington.Mismatches({{"name", "SECSTATE WASHDC"}, {"kind", "post"}, {"operators", ""}}) ==
        "");
}

TEST_CASE("run: --trace shows each hop and the segregated heading") {
  auto r = RunCli("run scenarios/ntm-iraq-2008.yaml --trace 'RUEHC 0837'");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("hop RUEH -> RUSBC") != std::string::npos);
  CHECK(r.out.find("    OO RUEHGB\n") != std::string::npos);  // Baghdad's copy, by New Delhi
  CHECK(r.out.find("    DE RUEHC #0837 1572133\n") != std::string::npos);
  auto missing = RunCli("run scenarios/flash-preemption.yaml --trace NOPE");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no message 'NOPE'") != std::string::npos);
  // A near miss is named, by run --trace and dot --message alike.
  for (const std::string& cmd : {std::string("run scenarios/ntm-iraq-2008.yaml --trace"),
                                 std::string("dot scenarios/ntm-iraq-2008.yaml --message")}) {
    INFO(cmd);
    auto typo = RunCli(cmd + " 'RUEHC 0873'");
    CHECK(typo.exit_code == 1);
    CHECK(typo.err.find("no message 'RUEHC 0873' in ntm-iraq-2008 (did you mean 'RUEHC 0837'?)") !=
          std::string::npos);
  }
}

TEST_CASE("run: a station with few operators is reported, and its waits traced" *
          doctest::timeout(120)) {
  auto text = RunCli("run scenarios/short-staffed-relay.yaml");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("stations with a limit on operators\n  station    operators utilisation  "
                      "copies max waiting  mean wait\n  RUQA               2       86.9%") !=
        std::string::npos);
  auto json = RunCli("run scenarios/short-staffed-relay.yaml --format json");
  REQUIRE(json.exit_code == 0);
  Json stations = Json::parse(json.out)["stations"];
  REQUIRE(!stations.empty());
  CHECK(FieldMismatches(stations[0], R"({"ri":"RUQA","operators":2})"_json) == "");
  CHECK(stations[0]["utilisation"] >= 0.86);  // 86.9%, as the text says
  CHECK(stations[0]["utilisation"] < 0.87);
  auto trace = RunCli("run scenarios/short-staffed-relay.yaml --trace field-1905");
  REQUIRE(trace.exit_code == 0);
  CHECK(trace.out.find("hop RUQA -> RUQH: waited 9m 31s for an operator, queued ") !=
        std::string::npos);
  // Without a limit there is no such section, and the JSON array is empty.
  auto none = RunCli("run scenarios/flash-preemption.yaml --format json");
  CHECK(Json::parse(none.out)["stations"] == Json::array());
}

TEST_CASE("run and compare refuse a scenario whose delays pass 292 years, with exit 1") {
  const std::string path = cablesim::testing::WriteTempFile(
      "too-long.yaml",
      "name: too-long\nnetwork:\n  defaults: {processing: 100000d}\n  stations: [{ri: RAAA}, "
      "{ri: RBBB}, {ri: RCCC}]\n  links: [{between: [RAAA, RBBB]}, {between: [RBBB, RCCC]}]\n"
      "traffic:\n  messages: [{id: M, from: RAAA, to: [RCCC], at: 0s}]\n");
  const std::string why =
      "simulated time out of range: the run's delays add up to more than 292 years\n";
  auto run = RunCli("run " + path);
  CHECK(run.exit_code == 1);
  CHECK(run.err == "cablesim run: " + why);
  auto compare = RunCli("compare " + path + " --replications 3 --jobs 2");
  CHECK(compare.exit_code == 1);
  CHECK(compare.err == "cablesim compare: fifo, replication 1: " + why);
  std::remove(path.c_str());
  // A generator of a run without an end whose next arrival falls past 292 years: it had more
  // to file (max_messages), so the run stops and says so (it filed none, without a word).
  // With a duration the same far arrival only ends the generator.
  const std::string rare = cablesim::testing::WriteTempFile(
      "rare.yaml",
      "name: rare\nnetwork:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, "
      "RBBB]}]\ntraffic:\n  generators:\n    - {name: g, from: [RAAA], per_hour: 1e-300, "
      "max_messages: 5, to: {count: 1, from: [RBBB]}}\n");
  auto endless = RunCli("run " + rare);
  CHECK(endless.exit_code == 1);
  CHECK(endless.err ==
        "cablesim run: simulated time out of range: generator g draws its next arrival past 292 "
        "years, in a run without a duration (give it a stop or the scenario a duration)\n");
  const std::string ended = cablesim::testing::WriteTempFile(
      "rare-2h.yaml", "duration: 2h\n" + cablesim::testing::ReadFile(rare));
  CHECK(RunCli("run " + ended).exit_code == 0);
  // Recording a run that ends near the limit: no sample is asked for past it.
  const std::string near = cablesim::testing::WriteTempFile(
      "near-the-limit.yaml",
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "duration: 106750d\ntraffic:\n  messages: [{from: RAAA, to: [RBBB]}]\n");
  auto sampled = RunCli("run " + near + " --sample auto --format json");
  CHECK(sampled.exit_code == 0);
  CHECK(sampled.out.find("\"step_s\":4665600") != std::string::npos);
}

TEST_CASE("run: bad scenarios and options") {
  const std::string path = cablesim::testing::WriteTempFile(
      "bad-scenario.yaml", "network:\n  stations: [{ri: RAAA}]\nseed: minus\n");
  auto r = RunCli("run " + path);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(
            path +
            ":3:7: seed: expected a whole number from 0 to 18446744073709551615, found 'minus'") !=
        std::string::npos);
  std::remove(path.c_str());
  CHECK(RunCli("run scenarios/flash-preemption.yaml --discipline lifo").exit_code == 2);
  CHECK(RunCli("run scenarios/flash-preemption.yaml --format xml").exit_code == 2);
  CHECK(RunCli("run").exit_code == 2);
  CHECK(RunCli("run /nonexistent.yaml").exit_code == 1);
}

TEST_CASE("bench network prints the documented JSON shape and conserves every addressee" *
          doctest::timeout(120)) {
  auto r = RunCli("bench network --stations 60 --messages 300 --format json");
  REQUIRE(r.exit_code == 0);
  Json bench = Json::parse(r.out);
  CHECK(bench["bench"] == "network");
  REQUIRE(bench["runs"].size() == 1);
  Json& run = bench["runs"][0];
  // 8 addressee lines a message; a post drawn both as TO and as INFO is one addressee.
  CHECK(FieldMismatches(run, R"({"stations":60,"messages":300,"addressees":2352,
                                 "deliveries":2352,"in_flight":0})"_json) == "");
  for (const char* key :
       {"wall_s", "events_per_s", "copies_per_s", "deliveries_per_s", "peak_rss_mib"}) {
    CAPTURE(key);
    CHECK(run.at(key).is_number());
  }
  CHECK(run["repeat"] == 3);  // the default
  CHECK(run["run_s_each"].size() == 3);
  auto twice = RunCli("bench network --stations 60 --messages 300 --repeat 2 --format json");
  REQUIRE(twice.exit_code == 0);
  Json twice_run = Json::parse(twice.out)["runs"][0];
  CHECK(twice_run["repeat"] == 2);
  CHECK(twice_run["run_s_each"].size() == 2);
  CHECK(RunCli("bench network --stations 5").exit_code == 2);
  CHECK(RunCli("bench network --repeat 0").exit_code == 2);
}

TEST_CASE("compare: the same output for any --jobs, with intervals and differences" *
          doctest::timeout(300)) {
  const std::string base =
      "compare scenarios/flash-preemption.yaml --replications 3 --disciplines priority,"
      "preempt-restart --format json";
  auto one = RunCli(base + " --jobs 1");
  auto two = RunCli(base + " --jobs 2");
  REQUIRE(one.exit_code == 0);
  CHECK(one.out == two.out);
  Json compared = Json::parse(one.out);
  CHECK(FieldMismatches(compared, R"({"scenario":"flash-preemption","seed":1,"replications":3,
      "disciplines":["priority","preempt-restart"]})"_json) == "");
  Json& priority = compared["results"]["priority"];
  CHECK(FieldMismatches(priority["FLASH"],
                        R"({"replications_with_deliveries":3,"addressed":3})"_json) == "");
  CHECK(FieldMismatches(priority["conservation"], R"({"addressed":12,"delivered":12})"_json) == "");
  // The second discipline against the first, paired.
  CHECK(compared["results"]["preempt-restart"]["FLASH"]["diff_mean_s"].is_number());
  auto text = RunCli("compare tests/data/mm1-small.yaml --replications 2 --jobs 2");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("mean minus fifo's (paired)") != std::string::npos);
  CHECK(text.out.find("exact ") != std::string::npos);  // the analytic values beside
  for (std::size_t pos = 0, next; pos < text.out.size(); pos = next + 1) {
    next = text.out.find('\n', pos);
    CHECK(next - pos <= 100);  // reads in a 100-column terminal
  }
}

TEST_CASE("compare: bad arguments") {
  CHECK(RunCli("compare scenarios/flash-preemption.yaml --disciplines lifo").exit_code == 2);
  CHECK(RunCli("compare scenarios/flash-preemption.yaml --replications 0").exit_code == 2);
  CHECK(RunCli("compare scenarios/flash-preemption.yaml --jobs x").exit_code == 2);
  auto analytic = RunCli(
      "compare scenarios/validation/mm1-priority.yaml --replications 1 "
      "--disciplines priority --jobs 1 --format csv");
  CHECK(analytic.exit_code == 0);
}

TEST_CASE("dot --message draws the routing tree and --heat colours links by utilisation") {
  auto r = RunCli("dot scenarios/flash-preemption.yaml --message ROUTINE-1");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("digraph route {", 0) == 0);
  // Sent again after the FLASH: it waited 59.36 s and lost its first 30 s to preemption.
  CHECK(r.out.find("\"RUEHC\" -> \"RUEHGB\" [label=\"ROUTINE\\n21:01:29.360 - "
                   "21:09:04.453\\nwaited 59.36s\\npreempted 30s\"]") != std::string::npos);
  CHECK(r.out.find("[style=dashed, color=gray40, label=\"preempted 21:00:00.000 - "
                   "21:00:30.000\"]") != std::string::npos);
  CHECK(r.out.find("label=\"AMEMBASSY BAGHDAD\\nROUTINE 9m 04s\"") != std::string::npos);
  auto heat = RunCli("dot scenarios/congested-relay.yaml --heat");
  REQUIRE(heat.exit_code == 0);
  CHECK(heat.out.find("\"RUQA\" -- \"RUQH\" [label=\"9.6 kbit/s\\n90%\", color=") !=
        std::string::npos);
  // Faults: the trunk that was down is dashed, its window in a red label.
  auto outage = RunCli("dot scenarios/relay-outage.yaml --heat");
  REQUIRE(outage.exit_code == 0);
  CHECK(outage.out.find("fontcolor=red, label=\"56 kbit/s\\n2%\\ndown 06-05 09:00 for 2h 00m\"") !=
        std::string::npos);
  CHECK(outage.out.find("style=dashed, penwidth=4];") != std::string::npos);
  {
    const std::string path = cablesim::testing::TempPath("station-down.yaml");
    std::ofstream(path) << "name: station-down\nstart: 2008-06-05T06:00:00Z\nduration: 1h\n"
                           "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n"
                           "  links: [{between: [RAAA, RBBB]}]\n"
                           "faults: [{station: RBBB, at: 10m, for: 90s}]\n";
    auto down = RunCli("dot " + path + " --heat");
    // A pale fill under dark red text: the station's name stays readable.
    CHECK(down.out.find("\"RBBB\" [shape=ellipse, label=\"RBBB\\nRBBB\", style=\"filled,dashed\", "
                        "color=red, penwidth=2, fillcolor=\"#fde0e0\", fontcolor=\"#b00000\", "
                        "label=\"RBBB\\ndown 06-05 06:10 for 1m 30s\"];") != std::string::npos);
    // The colour scale is on the picture.
    CHECK(down.out.find("link colour and width: utilisation of its busier direction") !=
          std::string::npos);
    std::remove(path.c_str());
  }
  CHECK(RunCli("dot scenarios/flash-preemption.yaml --message NOPE").exit_code == 1);
  CHECK(RunCli("dot scenarios/flash-preemption.yaml --message X --heat").exit_code == 2);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    const std::string svg = cablesim::testing::TempPath("route.svg");
    auto s = RunCli("dot scenarios/ntm-iraq-2008.yaml --message 'RUEHC 0837' --svg " + svg);
    CHECK(s.exit_code == 0);
    CHECK(cablesim::testing::ReadFile(svg).find("RUEHGB") != std::string::npos);
    std::remove(svg.c_str());
  }
}

TEST_CASE("run: an overloaded run counts what is still in flight" * doctest::timeout(120)) {
  auto r = RunCli("run scenarios/congested-relay.yaml --discipline preempt-restart --format json");
  REQUIRE(r.exit_code == 0);
  // ROUTINE starves: 1,758 of its 6,257 addressees are still in flight at the end and make
  // the maximum a lower bound; the 200 of them older than 6 h have missed their objective,
  // the 1,558 younger are unresolved: the share is 4,499 x 81.5% / (4,499 + 200).
  Json routine = Json::parse(r.out)["summary"]["by_precedence"]["ROUTINE"];
  CHECK(FieldMismatches(routine, R"({"addressed":6257,"delivered":4499,"other_means":0,
      "undeliverable":0,"in_flight":1758,"unresolved":1558,"max_s":null})"_json) == "");
  CHECK(routine["max_at_least_s"].is_number());
  CHECK(routine["within_objective"] >= 0.81464);  // 0.81464...
  CHECK(routine["within_objective"] < 0.81465);
  auto text = RunCli("run scenarios/congested-relay.yaml --discipline preempt-restart");
  CHECK(text.out.find("ROUTINE         6257      4499      1758       1558    3h 51m*") !=
        std::string::npos);
  CHECK(text.out.find("MSER-5 finds no steady state in the first half of the run for ROUTINE") !=
        std::string::npos);
}

TEST_CASE("run --batches gives intervals from one run") {
  auto r = RunCli("run scenarios/short-staffed-relay.yaml --batches 10");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("batch means: 10 batches of ") != std::string::npos);
  auto json = RunCli("run scenarios/short-staffed-relay.yaml --batches 10 --format json");
  REQUIRE(json.exit_code == 0);
  Json summary = Json::parse(json.out)["summary"];
  CHECK(summary["batches"] == 10);
  REQUIRE(!summary["by_precedence"].empty());
  int intervals = 0;
  for (const auto& [precedence, figures] : summary["by_precedence"].items()) {
    CAPTURE(precedence);
    CHECK(figures.at("lag1_autocorrelation").is_number());
    intervals += figures.at("mean_ci_s").is_array();  // null with fewer than 2 batches
  }
  CHECK(intervals > 0);
  CHECK(RunCli("run scenarios/short-staffed-relay.yaml --batches 1").exit_code == 2);
}

TEST_CASE("compare: conservation per discipline, shares within [0, 1], each replication" *
          doctest::timeout(300)) {
  auto r = RunCli(
      "compare scenarios/congested-relay.yaml --replications 3 --disciplines priority,"
      "preempt-restart --jobs 2 --format json --per-replication");
  REQUIRE(r.exit_code == 0);
  Json results = Json::parse(r.out)["results"];
  CHECK(results["preempt-restart"]["conservation"]["addressed"].is_number());
  for (const char* discipline : {"priority", "preempt-restart"}) {
    CAPTURE(discipline);
    Json& each = results[discipline]["replications"];
    REQUIRE(each.size() == 3);
    CHECK(each[0]["replication"] == 1);
    CHECK(each[0]["seed"].is_number_unsigned());
  }
  // Every share interval stays within [0, 1].
  int intervals = 0;
  for (const auto& [discipline, figures] : results.items()) {
    for (const auto& [precedence, figure] : figures.items()) {
      if (!figure.contains("within_objective_ci")) continue;
      CAPTURE(precedence);
      const Json& ci = figure["within_objective_ci"];
      REQUIRE(ci.size() == 2);
      CHECK(ci[0] >= 0);
      CHECK(ci[0] <= ci[1]);
      CHECK(ci[1] <= 1);
      ++intervals;
    }
  }
  CHECK(intervals >= 2);
  auto text = RunCli(
      "compare scenarios/congested-relay.yaml --replications 2 --disciplines preempt-restart "
      "--per-replication");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("conservation, all replications") != std::string::npos);
  CHECK(text.out.find("each replication") != std::string::npos);
  CHECK(text.out.find("addressed / in flight / unresolved at the end") != std::string::npos);
  auto csv = RunCli(
      "compare scenarios/flash-preemption.yaml --replications 2 --disciplines priority "
      "--per-replication --format csv");
  const CsvTable table = ParseCsv(csv.out);
  CHECK(table.header == std::vector<std::string>{"scenario", "seed", "discipline", "precedence",
                                                 "metric", "value", "ci_low", "ci_high",
                                                 "replications", "bound", "replication",
                                                 "element"});
  CHECK(table
            .One({{"discipline", "priority"},
                  {"precedence", "FLASH"},
                  {"metric", "mean_s"},
                  {"replication", "2"}})
            .Mismatches({{"scenario", "flash-preemption"},
                         {"seed", "1"},
                         {"value", "484.553333"},
                         {"ci_low", ""},
                         {"ci_high", ""},
                         {"replications", "1"},
                         {"bound", ""}}) == "");
}

TEST_CASE("a full disk is an error, never a lost report" * doctest::timeout(120)) {
  for (const char* cmd : {"run scenarios/flash-preemption.yaml",
                          "parse scenarios/cables/ntm-iraq-2008-state-060837.txt",
                          "compare scenarios/flash-preemption.yaml --replications 1 --jobs 1",
                          "route scenarios/networks/dts-2008.yaml RUEHC RUEHFR",
                          "dot scenarios/networks/dts-2008.yaml"}) {
    INFO(cmd);
    auto r = RunCli(std::string(cmd) + " >/dev/full");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cannot write standard output: No space left on device") != std::string::npos);
  }
  auto out = RunCli("run scenarios/flash-preemption.yaml --out /dev/full");
  CHECK(out.exit_code == 1);
  CHECK(out.err.find("cannot write /dev/full: No space left on device") != std::string::npos);
}

TEST_CASE("inputs that are not files are refused by name") {
  auto zero = RunCli("parse /dev/zero");
  CHECK(zero.exit_code == 1);
  CHECK(zero.err.find("/dev/zero: is not a regular file") != std::string::npos);
  auto dir = RunCli("run scenarios");
  CHECK(dir.exit_code == 1);
  CHECK(dir.err.find("scenarios: is a directory, not a file") != std::string::npos);
  CHECK(RunCli("run /dev/zero").err.find("is not a regular file") != std::string::npos);
}

TEST_CASE("option oddities: twice, misspelt, --version, --out FILE, --trace as JSON, --plot") {
  auto twice = RunCli("run scenarios/flash-preemption.yaml --format json --format text");
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("option '--format' given twice") != std::string::npos);
  auto typo = RunCli("compare scenarios/flash-preemption.yaml --replication 3");
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("unknown option '--replication' (did you mean '--replications'?)") !=
        std::string::npos);
  auto disc = RunCli("run scenarios/flash-preemption.yaml --discipline prority");
  CHECK(disc.err.find("(did you mean 'priority'?)") != std::string::npos);
  auto version = RunCli("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("cablesim ", 0) == 0);
  CHECK(version.out.find(cablesim::RanksHaveMpi() ? "(MPI: " : "(built without MPI") !=
        std::string::npos);
  const std::string file = cablesim::testing::TempPath("report.txt");
  auto out = RunCli("run scenarios/flash-preemption.yaml --out " + file);
  CHECK(out.exit_code == 0);
  CHECK(out.out.empty());
  CHECK(cablesim::testing::ReadFile(file).rfind("scenario   flash-preemption", 0) == 0);
  std::remove(file.c_str());
  auto trace = RunCli("run scenarios/flash-preemption.yaml --trace FLASH-1 --format json");
  CHECK(trace.exit_code == 2);
  CHECK(trace.err.find("--trace prints a text trace") != std::string::npos);
  auto pdf = RunCli("compare scenarios/flash-preemption.yaml --replications 1 --plot " +
                    TempPath("x.pdf"));
  CHECK(pdf.exit_code == 2);
  CHECK(pdf.err.find("must end in .svg or .png") != std::string::npos);
  if (std::system("command -v gnuplot >/dev/null 2>&1") == 0) {
    const std::string png = cablesim::testing::TempPath("cdf.png");
    auto p =
        RunCli("compare scenarios/flash-preemption.yaml --replications 1 --jobs 1 --plot " + png);
    CHECK(p.exit_code == 0);
    CHECK(cablesim::testing::ReadFile(png).rfind("\x89PNG", 0) == 0);
    std::remove(png.c_str());
    // A plot that cannot be written is refused before the study runs, not after its report.
    for (const std::string cmd :
         {"compare scenarios/flash-preemption.yaml --replications 1",
          "sweep tests/data/mm1-small.yaml --load 0.5,1 --replications 1"}) {
      INFO(cmd);
      auto nowhere = RunCli(cmd + " --plot /nonexistent-dir/cdf.svg");
      CHECK(nowhere.exit_code == 1);
      CHECK(nowhere.out.empty());
      CHECK(nowhere.err.find("--plot: cannot write /nonexistent-dir/cdf.svg: no directory "
                             "/nonexistent-dir\n") != std::string::npos);
    }
  }
}

TEST_CASE("compare and sweep print the scenario's load warnings as run does" *
          doctest::timeout(120)) {
  const std::string path = cablesim::testing::WriteTempFile(
      "warned.yaml",
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "traffic:\n  messages:\n    - {from: RAAA, to: [RBBBX]}\n");
  const std::string warning =
      ":6:25: traffic.messages[0].to[0]: warning: RBBBX is not a station: RBBB takes it";
  for (const std::string& cmd : {"run " + path, "compare " + path + " --replications 1",
                                 "sweep " + path + " --load 1 --replications 1"}) {
    INFO(cmd);
    CHECK(RunCli(cmd).err.find(warning) != std::string::npos);
  }
  std::remove(path.c_str());
}

TEST_CASE("route warns when an RI is only served by a prefix, and suggests a station") {
  auto r = RunCli("route scenarios/networks/dts-2008.yaml RUEHC RUEHFX");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("RUEHC RUEH\n", 0) == 0);
  CHECK(r.err.find("warning: RUEHFX is not a station: RUEH takes it, serving its prefix (did "
                   "you mean RUEHFK?)") != std::string::npos);
  auto none = RunCli("route scenarios/networks/dts-2008.yaml RUEHC XUEHFR");
  CHECK(none.exit_code == 1);
  CHECK(none.err.find("(did you mean RUEHFR?)") != std::string::npos);
}

TEST_CASE("a network file given where a scenario is needed says so" * doctest::timeout(120)) {
  for (const char* cmd : {"run", "compare", "serve", "dot --heat"}) {
    INFO(cmd);
    auto r = RunCli(std::string(cmd) + " scenarios/networks/dts-2008.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("this is a network file") != std::string::npos);
  }
}

TEST_CASE("--max-messages raises the limit on a generator's work") {
  const std::string path = WriteTempFile(
      "busy.yaml",
      "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
      "duration: 1s\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: 4e11}\n");
  auto refused = RunCli("run " + path);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("would file about 1.11e+08 messages") != std::string::npos);
  {
    std::ofstream f(path);
    f << "network:\n  stations: [{ri: RAAA}, {ri: RBBB}]\n  links: [{between: [RAAA, RBBB]}]\n"
         "duration: 1s\ntraffic:\n  generators:\n    - {from: [RAAA], per_hour: 36000}\n";
  }
  CHECK(RunCli("run " + path).exit_code == 0);
  auto low = RunCli("run " + path + " --max-messages 5");
  CHECK(low.exit_code == 1);
  CHECK(low.err.find("would file about 10 messages over the run, more than the limit of 5") !=
        std::string::npos);
  CHECK(RunCli("run " + path + " --max-messages 10").exit_code == 0);
  CHECK(RunCli("run " + path + " --max-messages x").exit_code == 2);
  std::remove(path.c_str());
}

TEST_CASE("sweep: tidy rows as text, JSON and CSV, and errors name the argument" *
          doctest::timeout(300)) {
  const std::string base = "sweep tests/data/mm1-small.yaml --load 0.5,1 --replications 2 ";
  auto json = RunCli(base + "--format json --jobs 1");
  REQUIRE(json.exit_code == 0);
  Json sweep = Json::parse(json.out);
  CHECK(sweep["sweep"]["scenario"] == "mm1-small");
  REQUIRE(!sweep["points"].empty());
  CHECK(FieldMismatches(sweep["points"][0], R"({"load":0.5,"vary":{}})"_json) == "");
  for (const Json& point : sweep["points"]) {
    CHECK(point.at("discipline").is_string());
    CHECK(point.at("within_objective_ci").is_array());
    CHECK(point.at("bottleneck").is_string());
  }
  CHECK(RunCli(base + "--format json --jobs 2").out == json.out);  // any --jobs
  auto csv = RunCli(base + "--format csv --vary warmup=1m");
  REQUIRE(csv.exit_code == 0);
  CHECK(ParseCsv(csv.out).header == std::vector<std::string>{"scenario",
                                                             "seed",
                                                             "load",
                                                             "warmup",
                                                             "discipline",
                                                             "precedence",
                                                             "addressed",
                                                             "in_flight",
                                                             "unresolved",
                                                             "undeliverable",
                                                             "other_means",
                                                             "mean_s",
                                                             "mean_ci_low",
                                                             "mean_ci_high",
                                                             "mean_minus_previous_load_s",
                                                             "mean_minus_previous_load_ci_low",
                                                             "mean_minus_previous_load_ci_high",
                                                             "p95_s",
                                                             "p95_bound",
                                                             "p95_ci_low",
                                                             "p95_ci_high",
                                                             "within_objective",
                                                             "within_ci_low",
                                                             "within_ci_high",
                                                             "bottleneck",
                                                             "utilisation",
                                                             "bottleneck_kind"});
  auto text = RunCli(base);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("load   precedence") != std::string::npos);
  auto bad_load = RunCli("sweep tests/data/mm1-small.yaml --load 0.5:x:0.1");
  CHECK(bad_load.exit_code == 2);
  CHECK(bad_load.err.find("--load: 'x' is not a load factor") != std::string::npos);
  // A range finer than it is read (to 9 decimals): its 1e-10 was read as 0 and refused as
  // "'0' is not ...", a load nobody gave; a load below 1e-9 is none now, as it is given.
  auto fine = RunCli("sweep tests/data/mm1-small.yaml --load 1e-10:1e-10:1");
  CHECK(fine.exit_code == 2);
  CHECK(fine.err.find("--load: '1e-10' is not a load factor (a number from 0.000000001 to "
                      "1024)") != std::string::npos);
  auto bad_vary =
      RunCli("sweep scenarios/relay-outage.yaml --vary network.stations.RUEX.operators=1,2");
  CHECK(bad_vary.exit_code == 1);
  CHECK(bad_vary.err.find("--vary: no station RUEX in network.stations (did you mean RUEH?)") !=
        std::string::npos);
  auto bad_disc = RunCli("sweep tests/data/mm1-small.yaml --vary discipline=priorty");
  CHECK(bad_disc.exit_code == 2);
  CHECK(bad_disc.err.find("did you mean 'priority'?") != std::string::npos);
}

TEST_CASE("sweep --capacity names a relay's operators and never a load FLASH was too rare at" *
          doctest::timeout(300)) {
  // operator-capacity: the relay's one operator is busy 21% at load 1, each link direction
  // 9.5%; FLASH is too few to judge below 2 x (three replications) and fails at 2 x.
  const std::string base = "sweep tests/data/operator-capacity.yaml --replications 3 ";
  auto text = RunCli(base + "--load 1,2");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("busiest\n") != std::string::npos);
  CHECK(text.out.find("RRLY operators 21.4%") != std::string::npos);  // was RAAA>RRLY 9.5%
  auto capacity = RunCli(base + "--capacity");
  REQUIRE(capacity.exit_code == 0);
  CHECK(capacity.out.find(
            "priority: no answer: at 2 x today's traffic FLASH is below 95% within 2m 00s "
            "(93.15%, lower bound 84.95%), and no load that passed judged FLASH: at 1.969 x, the "
            "highest, too few of its addressees to judge; more replications would judge it\n") !=
        std::string::npos);  // was "1.969 x today's traffic ...; FLASH: too few ... at 1.969 x"
  auto json = RunCli(base + "--capacity --format json");
  REQUIRE(json.exit_code == 0);
  const Json sweep = Json::parse(json.out);
  REQUIRE(!sweep["points"].empty());
  for (const Json& point : sweep["points"]) {
    CHECK(FieldMismatches(point, R"({"bottleneck":"RRLY","bottleneck_kind":"operators"})"_json) ==
          "");
  }
  CHECK(FieldMismatches(sweep["capacity"]["priority"], R"({"load":null,"fails_at":2,
      "limiting_precedence":"FLASH","bottleneck":null,"unjudged_at":1.96875,
      "unjudged":["FLASH"]})"_json) == "");
}

TEST_CASE("under mpirun compare and sweep print the same bytes as one process" *
          doctest::timeout(300)) {
  if (!cablesim::RanksHaveMpi()) {
    // A build without MPI says so and runs everything in each process instead.
    CHECK(RunCli("--version").out.find("built without MPI") != std::string::npos);
    return;
  }
  REQUIRE_MESSAGE(std::system("command -v mpirun >/dev/null 2>&1") == 0,
                  "mpirun is missing: tools/setup installs openmpi-bin");
  // Open MPI's own libraries leak at exit (LeakSanitizer lists them under the asan preset);
  // leak checks stay on for every single-process run.
  const std::string mpi =
      "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
      "ASAN_OPTIONS=detect_leaks=0 mpirun --oversubscribe -np 3 '" +
      std::string(CABLESIM_BINARY) + "' ";
  for (const std::string args :
       {"sweep tests/data/mm1-small.yaml --load 0.5,1 --replications 3 --capacity --format json",
        "compare scenarios/flash-preemption.yaml --replications 4 --format json"}) {
    INFO(args);
    const auto one = RunCli(args + " --jobs 1");
    REQUIRE(one.exit_code == 0);
    const std::string out = cablesim::testing::TempPath("mpi.json");
    const std::string cmd = "cd '" + std::string(CABLESIM_SOURCE_DIR) + "' && " + mpi + args +
                            " --jobs 2 > '" + out + "' 2>/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(cablesim::testing::ReadFile(out) == one.out);
    std::remove(out.c_str());
  }
}

TEST_CASE("invalid UTF-8 in a cable gives valid JSON from parse and run" * doctest::timeout(120)) {
  // Bytes that are not UTF-8 in the originator, an addressee and the text.
  const std::string cable = TempPath("bad_utf8.txt");
  {
    std::ofstream f(cable, std::ios::binary);
    f << "VZCZCXYZ0001\nRR RUEHFR\nDE RUEHC #0001 1572133\nZNR UUUUU\nR 052124Z JUN 08\n"
         "FM SECSTATE \xFF\xFE WASHDC\nTO RUEHFR/AMEMBASSY PAR\xC3(IS\nBT\n"
         "UNCLAS STATE 000001\nTEXT \xED\xA0\x80 HERE\nBT\nNNNN\n";
  }
  const std::string scenario =
      WriteTempFile("bad_utf8.yaml", std::string("network: ") + CABLESIM_SOURCE_DIR +
                                         "/scenarios/networks/dts-2008.yaml\n" +
                                         "traffic:\n  cables: [" + cable + "]\n");
  // Every line must parse as strict JSON, read as strict UTF-8 (nlohmann-json refuses an
  // ill-formed byte sequence in a string, an encoded surrogate among them).
  const auto parsed = RunCli("parse '" + cable + "' --format json");
  CHECK(parsed.exit_code == 0);
  std::vector<Json> cables;
  REQUIRE_NOTHROW(cables = cablesim::testing::JsonLines(parsed.out));
  REQUIRE(cables.size() == 1);
  CHECK(cables[0]["from"] == "SECSTATE \xEF\xBF\xBD\xEF\xBF\xBD WASHDC");  // U+FFFD twice
  const auto run = RunCli("run '" + scenario + "' --format json");
  CHECK(run.exit_code == 0);
  CHECK_NOTHROW(cablesim::testing::JsonLines(run.out));
  std::remove(cable.c_str());
  std::remove(scenario.c_str());
}

TEST_CASE("no output is written over an input of the run" * doctest::timeout(120)) {
  // A scenario, its own network file and a cable, all in a scratch directory.
  const TempDir scratch("inputs");
  const std::string dir = scratch.path + "/";
  std::filesystem::create_directories(dir + "sub");
  std::filesystem::copy_file(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/networks/dts-2008.yaml",
                             dir + "net.yaml");
  std::filesystem::copy_file(
      std::string(CABLESIM_SOURCE_DIR) + "/scenarios/cables/ntm-iraq-2008-state-060837.txt",
      dir + "cable.txt");
  std::ofstream(dir + "s.yaml") << "network: net.yaml\ntraffic:\n  cables: [cable.txt]\n";
  const auto before = std::filesystem::file_size(dir + "s.yaml");
  struct Case {
    std::string args, target;
  };
  for (const Case& c : std::vector<Case>{
           {"run " + dir + "s.yaml --out " + dir + "s.yaml", "s.yaml"},
           {"run " + dir + "s.yaml --out " + dir + "sub/../net.yaml", "net.yaml"},
           {"run " + dir + "s.yaml --format json --out " + dir + "cable.txt", "cable.txt"},
           {"dot " + dir + "net.yaml --svg " + dir + "net.yaml", "net.yaml"},
           {"compare " + dir + "s.yaml --replications 1 --out " + dir + "s.yaml", "s.yaml"}}) {
    INFO(c.args);
    const auto r = RunCli(c.args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("refusing to write") != std::string::npos);
    CHECK(r.err.find("it is an input of this command") != std::string::npos);
  }
  CHECK(std::filesystem::file_size(dir + "s.yaml") == before);
  CHECK(cablesim::testing::ReadFile(dir + "cable.txt") == cablesim::testing::SeedCableText());
  // Writing elsewhere still works.
  CHECK(RunCli("run " + dir + "s.yaml --out " + dir + "report.txt").exit_code == 0);
}

TEST_CASE("commands that keep every record refuse more messages than memory holds" *
          doctest::timeout(60)) {
  // 15 million messages expected: beyond run/dot/serve's default of 10 million (about 7 GB
  // of records), within compare/sweep's 50 million (they keep only what is in flight).
  const std::string path = TempPath("big.yaml");
  std::ofstream(path) << "network: " << CABLESIM_SOURCE_DIR
                      << "/scenarios/networks/dts-2008.yaml\nduration: 15h\ntraffic:\n"
                         "  generators: [{name: big, from: [RUEHC], per_hour: 1000000}]\n";
  for (const char* command : {"run ", "dot --heat ", "serve "}) {
    INFO(command);
    const auto r = RunCli(std::string(command) + path);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("more than the limit of 10000000") != std::string::npos);
  }
  std::remove(path.c_str());
}

TEST_CASE("every seed --per-replication prints replays its replication with run --seed" *
          doctest::timeout(300)) {
  // Replication seeds use all 64 bits; each, given to run with the same discipline, gives
  // exactly that replication's figures.
  const auto cmp = RunCli(
      "compare tests/data/mm1-small.yaml --replications 3 --disciplines priority "
      "--per-replication --format json --seed 18446744073709551615");
  REQUIRE(cmp.exit_code == 0);
  Json compared = Json::parse(cmp.out);
  CHECK(compared["seed"] == 18446744073709551615ULL);
  int replayed = 0;
  for (Json& replication : compared["results"]["priority"]["replications"]) {
    const std::string seed = replication["seed"].dump();
    const auto run = RunCli(
        "run tests/data/mm1-small.yaml --discipline priority --format json "
        "--seed " +
        seed);
    REQUIRE(run.exit_code == 0);
    INFO("seed " << seed);
    Json ran = Json::parse(run.out);
    Json by_precedence = ran["summary"]["by_precedence"];
    REQUIRE(!replication["by_precedence"].empty());
    // The replication's figures, from "addressed" to the objective (its count "within" is
    // compare's own), and where the time went.
    for (auto& [precedence, figures] : replication["by_precedence"].items()) {
      CAPTURE(precedence);
      figures.erase("within");
      CHECK(FieldMismatches(ran["summary"]["anatomy"][precedence], figures["anatomy"]) == "");
      figures.erase("anatomy");
      CHECK(FieldMismatches(by_precedence[precedence], figures) == "");
    }
    // The run's counts, and its links as run lists them (those that did anything).
    for (const char* key : {"messages", "copies", "events"}) {
      CHECK_MESSAGE(replication[key] == ran[key], key);
    }
    for (const Json& link : ran["links"]) {
      int found = 0;
      for (Json each : replication["links"]) {
        if (each["from"] != link["from"] || each["to"] != link["to"]) continue;
        each.erase("busy_s");
        CHECK(FieldMismatches(link, each) == "");
        ++found;
      }
      CHECK(found == 1);
    }
    ++replayed;
  }
  CHECK(replayed == 3);
  CHECK(RunCli("run tests/data/mm1-small.yaml --seed 18446744073709551616").exit_code == 2);
}

TEST_CASE("compare --precision adds replications until every mean is that precise" *
          doctest::timeout(300)) {
  const auto met = RunCli(
      "compare tests/data/mm1-small.yaml --disciplines priority --replications 2 "
      "--precision 10% --format json --jobs 2");
  REQUIRE(met.exit_code == 0);
  CHECK(FieldMismatches(Json::parse(met.out)["precision"],
                        R"({"goal":"10%","max_replications":200,"met":true})"_json) == "");
  const auto text = RunCli(
      "compare tests/data/mm1-small.yaml --disciplines priority --replications 2 "
      "--precision 0.5% --max-replications 4 --jobs 2");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("compare mm1-small: 4 replications per discipline\nprecision: every "
                      "mean's 95% half-width within 0.5% of it: not met after 4 replications "
                      "(--max-replications 4); furthest: priority ") != std::string::npos);
  CHECK(RunCli("compare tests/data/mm1-small.yaml --max-replications 4").exit_code == 2);
  CHECK(RunCli("compare tests/data/mm1-small.yaml --precision 5").exit_code == 2);
}

TEST_CASE("run --sample records the run over time, and a step is checked before the run" *
          doctest::timeout(120)) {
  const auto json = RunCli("run scenarios/flash-preemption.yaml --sample 1m --format json");
  REQUIRE(json.exit_code == 0);
  Json timeseries = Json::parse(json.out)["timeseries"];
  CHECK(timeseries["step_s"] == 60);
  REQUIRE(timeseries["t_s"].size() > 3);
  CHECK(timeseries["t_s"][0] == 0);
  CHECK(timeseries["t_s"][1] == 60);
  CHECK(timeseries["t_s"][2] == 120);
  Json queue;
  for (Json& series : timeseries["series"]) {
    if (FieldMismatches(series, R"({"series":"queue","key":"RUEHC>RUEHGB",
                                   "precedence":"ROUTINE"})"_json) == "") {
      queue = series;
    }
  }
  REQUIRE(queue["values"].size() > 3);
  CHECK(queue["values"][0] == 0);
  CHECK(queue["values"][1] == 3);
  CHECK(queue["values"][2] == 2);
  // Not asked for, not recorded.
  CHECK_FALSE(Json::parse(RunCli("run scenarios/flash-preemption.yaml --format json").out)
                  .contains("timeseries"));
  const TempDir scratch("sampled");
  const std::string dir = scratch.path + "/";
  REQUIRE(RunCli("run scenarios/flash-preemption.yaml --out " + dir).exit_code == 0);
  const CsvTable csv = ParseCsv(cablesim::testing::ReadFile(dir + "timeseries.csv"));
  CHECK(csv.header == std::vector<std::string>{"scenario", "seed", "discipline", "replication",
                                               "t_s", "series", "key", "precedence", "value"});
  CHECK(csv.One({{"t_s", "60"},
                 {"series", "queue"},
                 {"key", "RUEHC>RUEHGB"},
                 {"precedence", "ROUTINE"}})
            .Mismatches({{"scenario", "flash-preemption"},
                         {"seed", "1"},
                         {"discipline", "preempt-restart"},
                         {"replication", ""},
                         {"value", "3"}}) == "");
  // A run with no planned end keeps at most 100,000 samples by doubling a step given by hand,
  // and says so (it used to turn 1ns into 34 s silently).
  const auto fine = RunCli("run scenarios/flash-preemption.yaml --sample 1ns --format json");
  REQUIRE(fine.exit_code == 0);
  CHECK(fine.err.find("cablesim run: --sample 1ns: the run lasted ") != std::string::npos);
  CHECK(fine.err.find(", so the step was doubled to ") != std::string::npos);
  CHECK(
      RunCli("run scenarios/flash-preemption.yaml --sample 1m --format json").err.find("doubled") ==
      std::string::npos);
  for (const auto& [args, error] : std::vector<std::pair<std::string, std::string>>{
           {"--sample 0s", "--sample: a step must be longer than 0s (or 'auto')"},
           {"--sample 1x", "--sample: bad duration '1x'"},
           {"--sample 1ms",
            "--sample 1ms: 36000001 samples over the run's 10h 00m; at most 100000"},
           {"--sample 1m --trace EUROPE-1", "--trace has none"}}) {
    INFO(args);
    const auto r = RunCli("run scenarios/relay-outage.yaml " + args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(error) != std::string::npos);
  }
}

TEST_CASE("run's text report lists the scenario's faults") {
  const auto r = RunCli("run scenarios/relay-outage.yaml");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("\nfault      link RUEH-RUDKC out of service from 2008-06-05T09:00:00.000Z for "
                   "2h 00m\n") != std::string::npos);
  CHECK(RunCli("run scenarios/flash-preemption.yaml").out.find("\nfault ") == std::string::npos);
}

TEST_CASE("dot --message marks each hop's waits, outages waited out and reroutes") {
  // europe-180 (IMMEDIATE) is filed during the RUEH-RUDKC outage; with alternative routing
  // RUEH reroutes its copy by New Delhi after 30 minutes, without it waits out the outage.
  const auto reroute = RunCli("dot scenarios/relay-outage-reroute.yaml --message europe-180");
  REQUIRE(reroute.exit_code == 0);
  CHECK(reroute.out.find("\"RUEH\" -> \"RUSBC\" [label=\"IMMEDIATE\\n09:31:37.381 - "
                         "09:31:37.520\\noutage 30m 00s\\nrerouted at RUEH\", color=\"#b00000\"") !=
        std::string::npos);
  const auto wait = RunCli("dot scenarios/relay-outage.yaml --message europe-180");
  REQUIRE(wait.exit_code == 0);
  CHECK(wait.out.find("\\noutage 1h 58m\", color=\"#b00000\"") != std::string::npos);
  CHECK(wait.out.find("rerouted") == std::string::npos);
  // Every part a hop can lose time to, by the table's short names: a rerun on the way, and a
  // MINIMIZE hold at the origin, before any hop (the picture showed neither).
  const auto rerun = RunCli("dot tests/data/all-parts-scenario.yaml --message c-14");
  // (Its times are the procedure's, which issue 34 changed: the label is the point.)
  CHECK(std::regex_search(rerun.out, std::regex(R"(\\nrerun [0-9][^"]*", color="#b00000")")));
  const auto held = RunCli("dot tests/data/all-parts-scenario.yaml --message a-4");
  CHECK(held.out.find("\"RAAA\" [shape=ellipse, label=\"RAAA\\nRAAA\\nminimized 42m 55s\", "
                      "penwidth=2];") != std::string::npos);
}
