// compare --per-replication: every figure of each replication, in JSON, CSV and text, equal
// to the replication's own figures (which compare_test checks against `run`'s summary of the
// same seed).
#include "sim/report/per_replication.h"

#include <doctest/doctest.h>

#include <cstdio>

#include "sim/experiment/replication.h"
#include "sim/report/compare.h"
#include "tests/csv_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::testing::Json;

std::string Fixed6(double v) {
  char b[48];
  std::snprintf(b, sizeof b, "%.6f", v);
  return b;
}

// short-staffed-relay (operators limited, so copies wait for them) under two disciplines,
// two replications each, every run's figures kept.
struct Experiment {
  cablesim::Scenario scenario;
  cablesim::ExperimentResult c;
};

std::unique_ptr<Experiment> ShortStaffed() {
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/scenarios/short-staffed-relay.yaml");
  REQUIRE(s.ok());
  auto e = std::make_unique<Experiment>(Experiment{std::move(*s), {}});
  cablesim::ExperimentResult& c = e->c;
  c.scenario = e->scenario.name;
  c.seed = e->scenario.seed;
  c.replications = 2;
  c.disciplines = {cablesim::Discipline::kFifo, cablesim::Discipline::kPriority};
  c.objectives = e->scenario.objectives;
  c.network = e->scenario.network.get();
  c.per_replication = true;
  c.points = {{}};
  c.runs.emplace_back();
  for (auto d : c.disciplines) {
    c.runs[0].emplace_back();
    for (std::uint64_t r = 0; r < c.replications; ++r) {
      c.runs[0].back().push_back(cablesim::RunReplication(e->scenario, d, r, false, true));
      REQUIRE(c.runs[0].back().back().figures.has_value());
    }
  }
  return e;
}

std::string LinkName(const cablesim::Network& net, const cablesim::LinkFigures& l) {
  return net.station(net.ChannelFrom(l.channel)).ri + ">" +
         net.station(net.ChannelTo(l.channel)).ri;
}

}  // namespace

TEST_CASE("compare JSON lists every figure of each replication" * doctest::timeout(300)) {
  const auto e = ShortStaffed();
  const auto& c = e->c;
  const cablesim::Network& net = *c.network;
  Json json = Json::parse(cablesim::CompareJson(c));
  int waits = 0;
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    const std::string discipline(cablesim::DisciplineName(c.disciplines[d]));
    const Json& each = json["results"][discipline]["replications"];
    REQUIRE(each.size() == 2);
    for (std::size_t r = 0; r < 2; ++r) {
      CAPTURE(discipline);
      CAPTURE(r);
      const cablesim::ReplicationResult& run = c.Runs(0, d)[r];
      const cablesim::RunFigures& f = *run.figures;
      const Json& got = each[r];
      CHECK(cablesim::testing::FieldMismatches(got, Json{{"replication", r + 1},
                                                         {"seed", run.seed},
                                                         {"messages", f.messages},
                                                         {"copies", f.copies},
                                                         {"events", f.events},
                                                         {"end_s", f.span.seconds()}}) == "");
      REQUIRE(got["links"].size() == f.links.size());
      for (std::size_t k = 0; k < f.links.size(); ++k) {
        const cablesim::LinkFigures& l = f.links[k];
        CHECK(cablesim::testing::FieldMismatches(
                  got["links"][k], Json{{"from", net.station(net.ChannelFrom(l.channel)).ri},
                                        {"to", net.station(net.ChannelTo(l.channel)).ri},
                                        {"utilisation", l.utilisation},
                                        {"busy_s", l.busy.seconds()},
                                        {"copies", l.copies},
                                        {"max_queue", l.max_queue},
                                        {"backlogged_s", l.backlogged.seconds()},
                                        {"interruptions", l.interruptions},
                                        {"lost", l.lost},
                                        {"garbled", l.garbled},
                                        {"reruns", l.reruns},
                                        {"service_messages", l.service_messages},
                                        {"corrections", l.corrections}}) == "");
      }
      REQUIRE(got["stations"].size() == f.stations.size());
      for (std::size_t k = 0; k < f.stations.size(); ++k) {
        const cablesim::StationFigures& st = f.stations[k];
        CHECK(cablesim::testing::FieldMismatches(
                  got["stations"][k], Json{{"ri", net.station(st.station).ri},
                                           {"operators", st.operators},
                                           {"utilisation", st.utilisation},
                                           {"copies", st.copies},
                                           {"max_waiting", st.max_waiting},
                                           {"mean_wait_s", st.mean_wait_s},
                                           {"copies_sent", st.copies_sent},
                                           {"delivered_here", st.delivered_here}}) == "");
        waits += st.mean_wait_s > 0;
      }
      for (auto& [precedence, figures] : got["by_precedence"].items()) {
        CAPTURE(precedence);
        for (const char* key : {"p50_s", "p95_s", "p99_s", "max_s", "mean_s", "within"}) {
          CHECK_MESSAGE(figures.contains(key), key);
        }
        CHECK(figures["anatomy"].contains("operator_wait_s"));
      }
    }
  }
  CHECK(waits > 0);  // copies did wait for an operator: the figures are not all zero
}

TEST_CASE("compare CSV has a row per figure of each replication, links and stations named" *
          doctest::timeout(300)) {
  const auto e = ShortStaffed();
  const auto& c = e->c;
  const auto table = cablesim::testing::ParseCsv(cablesim::CompareCsv(c));
  CHECK(table.header == std::vector<std::string>{"scenario", "seed", "discipline", "precedence",
                                                 "metric", "value", "ci_low", "ci_high",
                                                 "replications", "bound", "replication",
                                                 "element"});
  const cablesim::ReplicationResult& run = c.Runs(0, 1)[1];  // priority, replication 2
  const cablesim::RunFigures& f = *run.figures;
  auto value = [&](const std::string& metric, const std::string& element) {
    return table.One({{"discipline", "priority"},
                      {"replication", "2"},
                      {"metric", metric},
                      {"element", element}})["value"];
  };
  CHECK(value("messages", "") == Fixed6(static_cast<double>(f.messages)));
  CHECK(value("events", "") == Fixed6(static_cast<double>(f.events)));
  CHECK(value("conservation_delivered", "") ==
        Fixed6(static_cast<double>(run.conservation.delivered)));
  int links = 0, limited = 0;
  for (const cablesim::LinkFigures& l : f.links) {
    const std::string name = LinkName(*c.network, l);
    CHECK(value("link_utilisation", name) == Fixed6(l.utilisation));
    CHECK(value("link_max_queue", name) == Fixed6(static_cast<double>(l.max_queue)));
    // Named as README and run's JSON (corrections) name them.
    CHECK(value("link_copies", name) == Fixed6(static_cast<double>(l.copies)));
    CHECK(value("link_reruns", name) == Fixed6(static_cast<double>(l.reruns)));
    CHECK(value("link_service_messages", name) == Fixed6(static_cast<double>(l.service_messages)));
    CHECK(value("link_corrections", name) == Fixed6(static_cast<double>(l.corrections)));
    ++links;
  }
  for (const cablesim::StationFigures& st : f.stations) {
    const std::string ri = c.network->station(st.station).ri;
    CHECK(value("station_delivered_here", ri) == Fixed6(static_cast<double>(st.delivered_here)));
    const auto waits = table.Where({{"discipline", "priority"},
                                    {"replication", "2"},
                                    {"metric", "station_mean_wait_s"},
                                    {"element", ri}});
    if (st.operators == 0) {
      CHECK(waits.empty());  // no limit: nothing waits for an operator
      continue;
    }
    REQUIRE(waits.size() == 1);
    CHECK(waits[0]["value"] == Fixed6(st.mean_wait_s));
    ++limited;
  }
  CHECK(links == static_cast<int>(c.network->channel_count()));
  CHECK(limited > 0);
  // Each precedence's quantiles, counts and parts of the mean.
  for (cablesim::Precedence p : cablesim::kReportOrder) {
    const auto& x = run.by_precedence[static_cast<std::size_t>(p)];
    if (x.addressed == 0) continue;
    const std::string name(cablesim::PrecedenceName(p));
    CAPTURE(name);
    CHECK(table
              .One({{"discipline", "priority"},
                    {"replication", "2"},
                    {"precedence", name},
                    {"metric", "p99_s"}})
              .Mismatches(
                  {{"value", Fixed6(x.p99.s)}, {"bound", x.p99.at_least ? "at_least" : ""}}) == "");
    CHECK(table.One({{"discipline", "priority"},
                     {"replication", "2"},
                     {"precedence", name},
                     {"metric", "within"}})["value"] == Fixed6(static_cast<double>(x.within)));
    if (x.delivered > 0) {
      CHECK(table
                .Where({{"discipline", "priority"},
                        {"replication", "2"},
                        {"precedence", name},
                        {"metric", "anatomy_operator_wait_s"}})
                .size() == 1);
    }
  }
}

TEST_CASE("compare text lists each replication's runs, links and operators" *
          doctest::timeout(300)) {
  const auto e = ShortStaffed();
  const std::string text = cablesim::PerReplicationText(e->c);
  for (const char* heading :
       {"each replication's run (the whole run, warm-up included)",
        "each replication by precedence", "each replication's delivery time by part",
        "each replication's link directions", "each replication's stations"}) {
    CHECK_MESSAGE(text.find(heading) != std::string::npos, heading);
  }
  // A station with an operator limit, its operators' figures on its line.
  const cablesim::RunFigures& f = *e->c.Runs(0, 0)[0].figures;
  for (const cablesim::StationFigures& st : f.stations) {
    if (st.operators == 0) continue;
    const std::string ri = e->c.network->station(st.station).ri;
    const auto at = text.find("fifo                1 " + ri + " ");
    REQUIRE_MESSAGE(at != std::string::npos, ri);
    const std::string line = text.substr(at, text.find('\n', at) - at);
    CHECK(line.find(cablesim::FormatSecondsCompact(st.mean_wait_s)) != std::string::npos);
  }
}
