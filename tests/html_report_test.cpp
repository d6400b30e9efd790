// The run and compare pages: every section in order, the tables of the text report with
// its censoring, the seed cable's routing tree with one delivery per station, and a picture
// that could not be drawn saying why where it would be.
#include "sim/report/html_report.h"

#include <doctest/doctest.h>

#include "cli_support.h"
#include "sim/experiment/replication.h"
#include "sim/relay/relay_simulation.h"

using cablesim::testing::CountOf;

namespace {

std::string Source(const std::string& rel) { return std::string(CABLESIM_SOURCE_DIR) + "/" + rel; }

/// The text between `from` and the next `to` after it.
std::string Between(const std::string& text, const std::string& from, const std::string& to) {
  const auto a = text.find(from);
  REQUIRE(a != std::string::npos);
  const auto b = text.find(to, a + from.size());
  return text.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

cablesim::HtmlPicture Missing(const std::string& title) {
  return {title, "", "not installed here", ""};
}

}  // namespace

TEST_CASE("the run page of the seed scenario" * doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(Source("scenarios/ntm-iraq-2008.yaml"));
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);

  const auto summary = cablesim::SummarizeRun(
      *sim, *s, cablesim::SummaryOptions::Of(s->seed, cablesim::Discipline::kPriority));
  const auto routes = cablesim::DefaultRouteMessages(*sim, summary);
  REQUIRE(routes.size() == 1);  // the scenario's one cable
  CHECK(sim->messages()[routes[0]].cable);

  cablesim::RunHtmlInput in;
  in.command_line = "cablesim run scenarios/ntm-iraq-2008.yaml --format html";
  in.cdf = Missing("delivery time CDF");
  in.network = Missing("network");
  in.routes = {Missing("routing tree")};
  in.route_messages = routes;
  const std::string html = cablesim::RunReportHtml(*sim, *s, summary, in);
  // Sections in the order of the contents.
  std::size_t at = 0;
  for (const char* id :
       {"run", "times", "conservation", "network", "routes", "slowest", "links", "deliveries"}) {
    const auto found = html.find("<h2 id=\"" + std::string(id) + "\">");
    CHECK_MESSAGE(found != std::string::npos, id);
    CHECK_MESSAGE(found > at, id);
    at = found;
  }
  CHECK(html.find("cablesim run scenarios/ntm-iraq-2008.yaml --format html") != std::string::npos);
  CHECK(html.find("delivery time CDF: not drawn (not installed here)") != std::string::npos);
  CHECK(html.find("network: not drawn (not installed here)") != std::string::npos);

  // The seed cable's addressees: one row per station (27), Paris as TO at IMMEDIATE and
  // also reached through the collective.
  const std::string tree = Between(html, "<caption>addressees of ", "</table>");
  CHECK(CountOf(tree, "<tr>") == 1 + 27);
  CHECK(tree.find("ALL NATO POST COLLECTIVE") != std::string::npos);

  // The conservation row adds up to every addressee of the run, and the deliveries table
  // says how many it holds.
  const auto c = sim->Count();
  CHECK(c.addressed == sim->addressees().size());
  const std::string conservation = Between(html, "<h2 id=\"conservation\">", "</table>");
  CHECK(conservation.find("<td class=\"num\">" + std::to_string(c.addressed) + "</td>") !=
        std::string::npos);
  CHECK(html.find(std::to_string(c.addressed) + " (message, addressee), by filing") !=
        std::string::npos);
  const std::string all = Between(html, "<h2 id=\"deliveries\">", "</table>");
  CHECK(CountOf(all, "<tr") == 1 + c.addressed);
  CHECK(html.find("<table data-interactive>") != std::string::npos);
}

TEST_CASE("the compare page holds the text report's tables and conservation" *
          doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(Source("tests/data/mm1-small.yaml"));
  REQUIRE(s.ok());
  cablesim::ExperimentResult c;
  c.scenario = s->name;
  c.seed = s->seed;
  c.replications = 2;
  c.warmup = s->warmup;
  c.disciplines = {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority};
  c.objectives = s->objectives;
  c.per_replication = true;
  c.points.emplace_back();
  c.runs.emplace_back();
  for (auto d : c.disciplines) {
    c.runs[0].emplace_back();
    for (std::uint64_t r = 0; r < c.replications; ++r) {
      c.runs[0].back().push_back(cablesim::RunReplication(*s, d, r, false));
    }
  }
  const std::string html =
      cablesim::CompareReportHtml(c, "cablesim compare x.yaml", Missing("delivery time CDF"));
  for (const char* caption : {"addressed / in flight / unresolved at the end, all replications",
                              "mean", "p95 (mean over replications)", "share within objective",
                              "mean minus fifo&#39;s (paired)", "conservation, all replications"}) {
    CHECK_MESSAGE(html.find("<caption>" + std::string(caption)) != std::string::npos, caption);
  }
  CHECK(html.find("<th></th><th>fifo</th><th>priority</th>") != std::string::npos);
  // Conservation per discipline, summed over replications.
  const std::uint64_t addressed =
      c.runs[0][0][0].conservation.addressed + c.runs[0][0][1].conservation.addressed;
  const std::string conservation = Between(html, "conservation, all replications", "</table>");
  CHECK(conservation.find("<td>addressed</td><td>" + std::to_string(addressed) + "</td>") !=
        std::string::npos);
  CHECK(html.find("<h2 id=\"replications\">") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);  // nothing interactive on this page
  // It opens with its answer: the chart, then a sentence per precedence, before any table.
  const auto answer = html.find("<h2 id=\"answer\">");
  REQUIRE(answer != std::string::npos);
  CHECK(answer < html.find("<h2 id=\"run\">"));
  CHECK(html.find("<svg") > answer);
  CHECK(html.find("<svg") < html.find("<table"));
  int precedences = 0;
  for (cablesim::Precedence p : cablesim::kReportOrder) precedences += cablesim::Present(c, p);
  CHECK(precedences > 0);
  CHECK(CountOf(Between(html, "<h2 id=\"answer\">", "<h2 id=\"run\">"), "<p class=\"answer\">") ==
        precedences);
}

TEST_CASE("the sweep page opens with its chart and a sentence per precedence, then the tables" *
          doctest::timeout(120)) {
  auto s = cablesim::LoadScenario(Source("tests/data/mm1-small.yaml"));
  REQUIRE(s.ok());
  cablesim::ExperimentResult r;
  r.scenario = s->name;
  r.replications = 2;
  r.disciplines = {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority};
  r.objectives = s->objectives;
  r.points = {{1, {}}, {2, {}}};
  for (std::size_t p = 0; p < r.points.size(); ++p) {
    r.runs.emplace_back();
    for (auto d : r.disciplines) {
      r.runs[p].emplace_back();
      for (std::uint64_t k = 0; k < r.replications; ++k) {
        r.runs[p].back().push_back(cablesim::RunReplication(*s, d, k, false));
      }
    }
  }
  const std::string html = cablesim::SweepReportHtml(r, "cablesim sweep x.yaml", Missing("curves"));
  const auto answer = html.find("<h2 id=\"answer\">");
  REQUIRE(answer != std::string::npos);
  CHECK(answer < html.find("<h2 id=\"run\">"));
  CHECK(html.find("<svg") > answer);
  CHECK(html.find("<svg") < html.find("<table"));
  CHECK(html.find(">load (x the scenario&#39;s traffic)</text>") != std::string::npos);
  const std::string said = Between(html, "<h2 id=\"answer\">", "<h2 id=\"run\">");
  // The same replications at both loads: every paired difference is 0, none is claimed.
  CHECK(CountOf(said, "<p class=\"answer\">") > 0);
  CHECK(CountOf(said, "no step of load changes its mean significantly") ==
        CountOf(said, "<p class=\"answer\">"));
}
