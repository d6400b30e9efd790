// End-to-end: `--format html` of run, compare and sweep. One self-contained page each, the
// same bytes for the same seed (and any --jobs), pictures drawn when graphviz and gnuplot
// are there and a reason where they are not, and the options' errors.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli_support.h"
#include "sim/report/delay_parts.h"

using cablesim::testing::CountOf;
using cablesim::testing::ReadFile;
using cablesim::testing::RunCli;
using cablesim::testing::TempPath;

namespace {

bool Have(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

/// A page fetches nothing: no src or href leaves the file.
void CheckSelfContained(const std::string& html) {
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("href='http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
}

}  // namespace

TEST_CASE("run --format html: one page with every section and its pictures" *
          doctest::timeout(120)) {
  REQUIRE_MESSAGE((Have("dot") && Have("gnuplot")), "tools/setup installs graphviz and gnuplot");
  const auto r = RunCli("run scenarios/flash-preemption.yaml --format html --seed 7");
  REQUIRE(r.exit_code == 0);
  CheckSelfContained(r.out);
  for (const char* id : {"run", "times", "time", "conservation", "network", "routes", "slowest",
                         "links", "deliveries"}) {
    CHECK_MESSAGE(r.out.find("<h2 id=\"" + std::string(id) + "\">") != std::string::npos, id);
  }
  // The exact command, the CDF, the network and the default routing tree (the slowest
  // delivery's message: this scenario has no cables).
  CHECK(r.out.find("cablesim run scenarios/flash-preemption.yaml --format html --seed 7") !=
        std::string::npos);
  // The CDF, the network, the routing tree, and, drawn by cablesim, the anatomy's bars and
  // the run over time (delivery time by filing time, queues).
  CHECK(CountOf(r.out, "<svg") == 6);
  CHECK(r.out.find("<h2 id=\"time\">") != std::string::npos);
  CHECK(r.out.find("p95 of delivery time, by filing time") != std::string::npos);
  CHECK(r.out.find("copies waiting to be sent: the 1 link direction with the longest queues") !=
        std::string::npos);
  CHECK(r.out.find("<caption>where the delivery time went") != std::string::npos);
  CHECK(r.out.find("not drawn") == std::string::npos);
  CHECK(r.out.find("How ROUTINE-3 travelled") != std::string::npos);
  // The same seed, the same bytes (pictures included).
  CHECK(RunCli("run scenarios/flash-preemption.yaml --format html --seed 7").out == r.out);
}

TEST_CASE("run --format html: --message picks the routing trees and --out writes the file") {
  const std::string out = TempPath("run.html");
  const auto r = RunCli(
      "run scenarios/flash-preemption.yaml --format html --message FLASH-1 --message ROUTINE-1 "
      "--out " +
      out);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(r.err.find("wrote " + out) != std::string::npos);
  const std::string html = ReadFile(out);
  CHECK(html.find("<caption>addressees of FLASH-1") <
        html.find("<caption>addressees of ROUTINE-1"));
  CHECK(html.find("addressees of ROUTINE-3") == std::string::npos);
  std::remove(out.c_str());

  const std::string dir = TempPath("run-dir/");
  REQUIRE(RunCli("run scenarios/flash-preemption.yaml --format html --out " + dir).exit_code == 0);
  CHECK(ReadFile(dir + "report.html").rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(ReadFile(dir + "report.txt").find("FLASH") != std::string::npos);
  CHECK(std::system(("rm -r '" + dir + "'").c_str()) == 0);

  const auto unknown = RunCli("run scenarios/flash-preemption.yaml --format html --message NOPE-9");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("--message: no message 'NOPE-9'") != std::string::npos);
  const auto text = RunCli("run scenarios/flash-preemption.yaml --message FLASH-1");
  CHECK(text.exit_code == 2);
  CHECK(text.err.find("--message names routing trees for --format html") != std::string::npos);
  CHECK(RunCli("run scenarios/flash-preemption.yaml --format htm").exit_code == 2);
}

TEST_CASE("run --format html without graphviz or gnuplot says where the pictures would be") {
  const std::string out = TempPath("bare.html");
  const std::string cmd =
      "cd '" + std::string(CABLESIM_SOURCE_DIR) + "' && PATH=/nonexistent '" + CABLESIM_BINARY +
      "' run scenarios/flash-preemption.yaml --format html > '" + out + "' 2>/dev/null";
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string html = ReadFile(out);
  CHECK(CountOf(html, "<svg") == 3);  // the anatomy's bars and the run over time need no tool
  CHECK(html.find("mean time from filing to delivery") != std::string::npos);
  CHECK(html.find("delivery time CDF: not drawn (plots need gnuplot, which is not installed") !=
        std::string::npos);
  CHECK(html.find("network and link utilisation: not drawn (graphviz&#39;s &#39;dot&#39; is not "
                  "installed") != std::string::npos);
  CHECK(html.find("<h2 id=\"deliveries\">") != std::string::npos);  // the tables are all there
  std::remove(out.c_str());
}

TEST_CASE("compare --format html: the tables, the CDF per discipline, the same for any --jobs" *
          doctest::timeout(120)) {
  REQUIRE_MESSAGE(Have("gnuplot"), "tools/setup installs gnuplot");
  const std::string args =
      "compare scenarios/flash-preemption.yaml --replications 3 --disciplines fifo,priority "
      "--format html";
  const auto one = RunCli(args + " --jobs 1");
  REQUIRE(one.exit_code == 0);
  CheckSelfContained(one.out);
  CHECK(one.out.find("<caption>share within objective") != std::string::npos);
  CHECK(one.out.find("<caption>conservation, all replications") != std::string::npos);
  CHECK(one.out.find("<th></th><th>fifo</th><th>priority</th>") != std::string::npos);
  CHECK(CountOf(one.out, "<svg") == 3);  // the answer's chart, the CDF and the anatomy
  CHECK(one.out.find("<h2 id=\"answer\">") < one.out.find("<table"));
  CHECK(one.out.find("<h2 id=\"anatomy\">") != std::string::npos);
  // The command line is part of the page: compare the rest.
  const auto two = RunCli(args + " --jobs 2");
  REQUIRE(two.exit_code == 0);
  auto without_command = [](std::string html) {
    const auto at = html.find("cablesim compare scenarios/");
    return html.erase(at, html.find("</td>", at) - at);
  };
  CHECK(without_command(two.out) == without_command(one.out));

  const std::string out = TempPath("compare.html");
  REQUIRE(RunCli(args + " --out " + out).exit_code == 0);
  CHECK(ReadFile(out).find("<caption>mean") != std::string::npos);
  std::remove(out.c_str());
}

TEST_CASE("sweep --format html: capacity, curves and a table per discipline" *
          doctest::timeout(300)) {
  REQUIRE_MESSAGE(Have("gnuplot"), "tools/setup installs gnuplot");
  const auto r = RunCli(
      "sweep tests/data/mm1-small.yaml --load 0.5,1 --replications 2 --capacity "
      "--disciplines fifo,priority --format html");
  REQUIRE(r.exit_code == 0);
  CheckSelfContained(r.out);
  CHECK(r.out.find("<h2 id=\"capacity\">") != std::string::npos);
  CHECK(r.out.find("x today&#39;s traffic") != std::string::npos);
  CHECK(CountOf(r.out, "<svg") == 2);  // the answer's chart and the curves
  CHECK(r.out.find("<h2 id=\"answer\">") < r.out.find("<table"));
  CHECK(r.out.find("<caption>fifo</caption>") != std::string::npos);
  CHECK(r.out.find("<caption>priority</caption>") != std::string::npos);
  // Two things varying at once: no single axis to draw against, and the page says so.
  const auto grid = RunCli(
      "sweep tests/data/mm1-small.yaml --load 0.5,1 --vary reroute_after=10m,20m "
      "--replications 1 --format html");
  REQUIRE(grid.exit_code == 0);
  CHECK(grid.out.find("not drawn (the figure draws against one swept value") != std::string::npos);
}

TEST_CASE("run --format html lists every addressee by filing time" * doctest::timeout(120)) {
  // The seed cable is the scenario's first record but is filed at 21:33, after hours of
  // generated traffic: the table starts with that traffic.
  const auto r = RunCli("run scenarios/ntm-iraq-2008.yaml --format html");
  REQUIRE(r.exit_code == 0);
  const auto table = r.out.find("<h2 id=\"deliveries\">");
  REQUIRE(table != std::string::npos);
  const auto first_row = r.out.find("<tr><td>", table);
  REQUIRE(first_row != std::string::npos);
  CHECK(r.out.compare(first_row, 20, "<tr><td>RUEHC 0837<") != 0);
  // Filing times never go back down the table.
  std::string previous;
  for (auto at = r.out.find("<tr><td>", table); at != std::string::npos;
       at = r.out.find("<tr><td>", at + 1)) {
    const auto cell = r.out.find("data-v=\"", at + 8);  // the filed cell's sort value
    if (cell == std::string::npos) break;
    const auto value = r.out.substr(cell + 8, r.out.find('"', cell + 8) - cell - 8);
    if (!previous.empty()) CHECK(std::stod(value) >= std::stod(previous));
    previous = value;
  }
}

TEST_CASE("run and compare --format html draw every part of the anatomy, MINIMIZE and reruns too" *
          doctest::timeout(180)) {
  // The anatomy picture had colours for the first seven parts only: a run whose deliveries
  // were held under MINIMIZE or waited for a rerun crashed the page's writer.
  for (const std::string& command :
       {std::string("run tests/data/all-parts-scenario.yaml --format html"),
        std::string("compare tests/data/all-parts-scenario.yaml --replications 2 --format html")}) {
    CAPTURE(command);
    const auto r = RunCli(command);
    REQUIRE(r.exit_code == 0);
    CheckSelfContained(r.out);
    for (const cablesim::DelayPartRow& row : cablesim::kDelayPartRows) {
      CAPTURE(row.key);
      CHECK(r.out.find("fill=\"" + std::string(row.colour) + "\"><title>" + std::string(row.name) +
                       ": ") != std::string::npos);
    }
  }
}
