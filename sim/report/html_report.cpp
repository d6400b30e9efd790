// The run page. Sections: what was run, delivery times, conservation, pictures (CDF,
// network, routing trees with their addressees), slowest and oldest, links, deliveries.
#include "sim/report/html_report.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "sim/report/anatomy_report.h"
#include "sim/report/html_page.h"
#include "sim/report/outcome_words.h"
#include "sim/report/summary_text.h"
#include "sim/report/time_series_svg.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

HtmlCell Count(std::uint64_t n) { return {std::to_string(n), static_cast<double>(n)}; }

HtmlCell Seconds(double s, const std::string& prefix = "") {
  return {prefix + FormatSeconds(s), s};
}

std::string Ri(const RunView& sim, StationId st) {
  return st == kNoStation ? "-" : sim.network().station(st).ri;
}

// What happened to an addressee, in words, and its time when it has one.
std::pair<std::string, HtmlCell> OutcomeOf(const RunView& sim, const AddresseeRecord& a) {
  const auto& m = sim.messages()[a.message];
  switch (a.outcome) {
    case Outcome::kDelivered:
      return {"delivered", Seconds(LatencySeconds(sim, a))};
    case Outcome::kOtherMeans:
      return {OtherMeansText(a), HtmlCell("-")};
    case Outcome::kUndeliverable:
      return {"undeliverable: " + std::string(UndeliverableReason(a.reason)), HtmlCell("-")};
    case Outcome::kInFlight:
      break;
  }
  const double age = m.filed < sim.now() ? (sim.now() - m.filed).seconds() : 0;
  return {"in flight", Seconds(age, "> ")};
}

void WhatWasRun(HtmlPage* page, const Scenario& s, const RunSummary& r, const RunHtmlInput& in) {
  page->Section("run", "What was run");
  page->KeyValues({
      {"scenario", s.name + (s.description.empty() ? "" : ": " + s.description)},
      {"simulated",
       UtcTime(s, SimTime()) + " to " + UtcTime(s, r.end) + " (" + FormatDuration(r.end) + ")"},
      {"drain", r.completion.drained && r.arrivals_end ? DrainText(r, s) : "none"},
      {"seed", std::to_string(r.seed)},
      {"discipline", std::string(DisciplineName(r.discipline))},
      {"warm-up", s.warmup > Duration() ? FormatDuration(s.warmup) : "none"},
      {"work", std::to_string(r.messages) + " messages, " + std::to_string(r.copies) + " copies, " +
                   std::to_string(r.events) + " events"},
  });
  page->KeyValues({{"command", in.command_line}}, /*code_values=*/true);
}

void DeliveryTimes(HtmlPage* page, const Scenario& s, const RunSummary& r) {
  page->Section("times", "Delivery times");
  const ByPrecedence& summary = r.by_precedence;
  HtmlTable t;
  t.caption = "filing to delivery, by addressee precedence";
  if (s.warmup > Duration()) {
    t.caption += " (messages filed after the " + FormatDuration(s.warmup) + " warm-up)";
  }
  t.columns = {"precedence", "addressed", "delivered", "in flight", "unresolved", "mean",
               "p50",        "p95",       "p99",       "max",       "in obj.",    "objective"};
  for (Precedence p : kReportOrder) {
    const PrecedenceSummary& x = summary[static_cast<std::size_t>(p)];
    if (x.addressed == 0) continue;
    const SummaryCells c = SummaryCellsOf(x);
    HtmlCell within{c.within, x.Resolved() > 0 ? x.WithinObjective() : -1};
    if (x.Resolved() > 0 && x.WithinObjective() < 0.95) within.css_class = "warn";
    HtmlCell in_flight = Count(x.in_flight);
    if (x.in_flight > 0) in_flight.css_class = "warn";
    t.rows.push_back({HtmlCell(std::string(PrecedenceName(p))), Count(x.addressed),
                      Count(x.delivered), in_flight, Count(x.unresolved), HtmlCell(c.mean),
                      HtmlCell(c.p50), HtmlCell(c.p95), HtmlCell(c.p99), HtmlCell(c.max), within,
                      HtmlCell(FormatDuration(s.objectives[static_cast<std::size_t>(p)]))});
  }
  if (t.rows.empty()) {
    page->Paragraph("No addressees in the measured period.");
    return;
  }
  for (const std::string& note : SummaryNotes(summary)) t.notes.push_back(OneParagraph(note));
  page->Table(t);
  const std::vector<AnatomyRow> anatomy = AnatomyRowsOf(summary, r.anatomy);
  const std::string bars = AnatomySvg(anatomy);
  if (!bars.empty()) {
    page->Table(AnatomyHtmlTable(anatomy));
    page->Figure(bars,
                 "Where the mean delivery time went, per precedence: each bar is the mean time "
                 "from filing to delivery, cut into its parts (hover a part for its value).");
  }
  if (r.batches > 0) page->Preformatted(BatchMeansText(r.batch, summary, s, r.end));
  if (r.advice_given) {
    // One paragraph per warning (each starts a line with "warning:"), not run together.
    const std::string advice = WarmupAdviceText(r.advice, s);
    std::size_t at = 0;
    while (at < advice.size()) {
      std::size_t next = advice.find("\nwarning:", at);
      next = next == std::string::npos ? advice.size() : next + 1;
      page->Paragraph(OneParagraph(advice.substr(at, next - at)), "warn");
      at = next;
    }
  }
}

void OverTime(HtmlPage* page, const RunView& sim, const Scenario& s, const RunSummary& r) {
  if (!r.timeseries) return;
  page->Section("time", "Over time");
  const std::string latency = LatencyOverTimeSvg(sim, s, *r.timeseries);
  if (latency.empty()) {
    page->Paragraph("No delivery times to draw over time.");
  } else {
    page->Figure(latency,
                 "The p95 of delivery time of the addressees filed in each window, per "
                 "precedence (log scale), against the objective (dashed); a hollow mark is only "
                 "a lower bound (some of that window's addressees were still in flight at the "
                 "end); grey bands are the scenario's faults.");
  }
  const std::string queues = QueuesOverTimeSvg(sim, s, *r.timeseries);
  if (queues.empty()) {
    page->Paragraph(
        "No copy was waiting at a transmitter at any sample: no link direction to "
        "draw a queue for.");
  } else {
    page->Figure(queues,
                 "Copies waiting at the transmitters of the link directions whose queues grew "
                 "longest (all precedences, sampled; the run's exact longest queues are in Links "
                 "and stations); grey bands are the scenario's faults. Every series is in "
                 "timeseries.csv with run --out DIR/.");
  }
  const std::string operators = OperatorsOverTimeSvg(sim, s, *r.timeseries);
  if (!operators.empty()) {
    page->Figure(operators,
                 "Copies waiting for an operator at the stations whose backlogs grew longest "
                 "(sampled), and dashed in the same colour the operators on duty at a station "
                 "that works in shifts: a backlog that builds on a short shift and clears when "
                 "the next comes on.");
  }
}

void ConservationSection(HtmlPage* page, const Scenario& s, const RunSummary& r) {
  page->Section("conservation", "Conservation");
  const Conservation& c = r.conservation;
  HtmlTable t;
  t.caption = "every (message, addressee) of the run, warm-up included";
  t.columns = {"addressed", "delivered", "by other means", "undeliverable", "in flight"};
  t.rows.push_back({Count(c.addressed), Count(c.delivered), Count(c.other_means),
                    Count(c.undeliverable), Count(c.in_flight)});
  t.notes.push_back(ConservationText(c));
  for (const auto& [reason, n] : ReasonsByWord(r.undeliverable_reasons)) {
    t.notes.push_back("undeliverable, " + std::string(reason) + ": " + std::to_string(n));
  }
  page->Table(t);
  auto list = [&](const std::string& title, const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    HtmlTable l;
    l.caption = title + " (" + std::to_string(lines.size()) + ")";
    l.columns = {"#", "text"};
    for (std::size_t i = 0; i < lines.size(); ++i) l.rows.push_back({Count(i + 1), lines[i]});
    page->Table(l);
  };
  list("cables skipped at load (on_error: skip), not in the run", s.skipped);
  list("warnings from reading the scenario", s.warnings);
}

void Routes(HtmlPage* page, const RunView& sim, const Scenario& s, const RunHtmlInput& in) {
  page->Section("routes", "Routing trees");
  if (in.routes.empty()) page->Paragraph("No message to draw: none was delivered.");
  for (std::size_t k = 0; k < in.routes.size(); ++k) {
    page->Picture(in.routes[k]);
    if (k >= in.route_messages.size()) continue;
    const MessageRecord& m = sim.messages()[in.route_messages[k]];
    HtmlTable t;
    t.caption = "addressees of " + m.id + (m.cable ? " (" + m.cable->reference + ")" : "") +
                ", filed " + UtcTime(s, m.filed);
    t.columns = {"", "station", "precedence", "addressee", "outcome", "latency", "also via"};
    for (std::uint32_t i = 0; i < m.addressee_count; ++i) {
      const AddresseeRecord& a = sim.addressees()[m.first_addressee + i];
      auto [what, time] = OutcomeOf(sim, a);
      if (a.collective != kNone) what += " [" + sim.name(a.collective) + "]";
      t.rows.push_back({HtmlCell(a.info ? "INFO" : "TO"), HtmlCell(Ri(sim, a.station)),
                        HtmlCell(std::string(PrecedenceName(a.precedence))),
                        HtmlCell(sim.name(a.address)), HtmlCell(what), time,
                        HtmlCell(a.way_count > 1 ? AlsoVia(sim, a) : "")});
    }
    page->Table(t);
  }
}

void SlowestAndOldest(HtmlPage* page, const RunView& sim, const RunSummary& r) {
  page->Section("slowest", "Slowest deliveries");
  HtmlTable slow;
  slow.caption = "the " + std::to_string(kListed) +
                 " longest times from filing to delivery (counted deliveries)";
  slow.columns = {"message", "station", "precedence", "latency", "addressee", "way"};
  for (auto id : r.slowest) {
    const auto& a = sim.addressees()[id];
    slow.rows.push_back({HtmlCell(sim.messages()[a.message].id), HtmlCell(Ri(sim, a.station)),
                         HtmlCell(std::string(PrecedenceName(a.precedence))),
                         Seconds(LatencySeconds(sim, a)), HtmlCell(sim.name(a.address)),
                         HtmlCell(HopPath(sim, a))});
  }
  if (slow.rows.empty()) {
    page->Paragraph("No counted deliveries.");
  } else {
    page->Table(slow);
  }
  const auto& oldest = r.oldest_in_flight;
  if (oldest.empty()) return;
  HtmlTable old;
  old.caption = "oldest still in flight at the end";
  old.columns = {"message", "station", "precedence", "age", "addressee"};
  for (auto id : oldest) {
    const auto& a = sim.addressees()[id];
    const auto& m = sim.messages()[a.message];
    old.rows.push_back({HtmlCell(m.id), HtmlCell(Ri(sim, a.station)),
                        HtmlCell(std::string(PrecedenceName(a.precedence))),
                        Seconds((r.end - m.filed).seconds(), "> "), HtmlCell(sim.name(a.address))});
  }
  page->Table(old);
}

void Links(HtmlPage* page, const RunView& sim, const RunSummary& r) {
  page->Section("links", "Links and stations");
  HtmlTable busy;
  busy.caption = "busiest link directions, by utilisation";
  busy.columns = {"link", "utilisation", "copies", "max queue", "interruptions"};
  for (std::size_t i = 0; i < r.links.size() && i < kListed; ++i) {
    const LinkFigures& l = r.links[i];
    busy.rows.push_back({HtmlCell(ChannelName(sim, l.channel)),
                         HtmlCell(PercentText(l.utilisation), l.utilisation), Count(l.copies),
                         Count(l.max_queue), Count(l.interruptions)});
  }
  if (!busy.rows.empty()) page->Table(busy);
  HtmlTable backlog;
  backlog.caption = "link directions where copies waited, by longest queue";
  backlog.columns = {"link", "max queue", "time > " + std::to_string(kBacklogThreshold) + " queued",
                     "utilisation"};
  for (std::size_t i = 0; i < r.backlogged.size() && i < kListed; ++i) {
    const LinkFigures& l = r.backlogged[i];
    backlog.rows.push_back({HtmlCell(ChannelName(sim, l.channel)), Count(l.max_queue),
                            Seconds(l.backlogged.seconds()),
                            HtmlCell(PercentText(l.utilisation), l.utilisation)});
  }
  if (!backlog.rows.empty()) page->Table(backlog);
  if (busy.rows.empty() && backlog.rows.empty()) page->Paragraph("No link carried anything.");
  if (r.stations.empty()) return;
  HtmlTable ops;
  ops.caption = "stations with a limit on operators";
  ops.columns = {"station", "operators", "utilisation", "copies", "max waiting", "mean wait"};
  for (const StationFigures& st : r.stations) {
    ops.rows.push_back({HtmlCell(Ri(sim, st.station)), Count(st.operators),
                        HtmlCell(PercentText(st.utilisation), st.utilisation), Count(st.copies),
                        Count(st.max_waiting), Seconds(st.mean_wait_s)});
  }
  page->Table(ops);
}

void Deliveries(HtmlPage* page, const RunView& sim, const Scenario& s) {
  page->Section("deliveries", "Every addressee");
  HtmlTable t;
  t.interactive = true;
  t.print_rows = 40;
  const std::size_t total = sim.addressees().size();
  const std::size_t shown = std::min(total, kHtmlDeliveryRows);
  t.caption = shown < total
                  ? "the first " + std::to_string(shown) + " of " + std::to_string(total) +
                        " (message, addressee) by filing; all of them: --format csv"
                  : std::to_string(total) + " (message, addressee), by filing";
  t.columns = {"message", "filed",   "station", "precedence",
               "TO/INFO", "outcome", "latency", "hops"};
  // By filing time (records are in the order messages were added, and a scenario's cables
  // and messages come before its generated traffic); one message's addressees as listed.
  std::vector<std::uint32_t> order(total);
  for (std::uint32_t i = 0; i < total; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return sim.messages()[sim.addressees()[x].message].filed <
           sim.messages()[sim.addressees()[y].message].filed;
  });
  for (std::size_t row = 0; row < shown; ++row) {
    const AddresseeRecord& a = sim.addressees()[order[row]];
    const MessageRecord& m = sim.messages()[a.message];
    auto [what, time] = OutcomeOf(sim, a);
    HtmlCell outcome(what);
    if (a.outcome == Outcome::kInFlight || a.outcome == Outcome::kUndeliverable) {
      outcome.css_class = "warn";
    }
    const std::string filed = UtcTime(s, m.filed);
    t.rows.push_back(
        {HtmlCell(m.id), HtmlCell(filed.substr(5, 14), m.filed.seconds()),
         HtmlCell(Ri(sim, a.station)),
         HtmlCell(std::string(PrecedenceName(a.precedence)), -static_cast<double>(a.precedence)),
         HtmlCell(a.info ? "INFO" : "TO"), outcome, time,
         HtmlCell(a.outcome == Outcome::kDelivered ? HopPath(sim, a) : "")});
  }
  page->Table(t);
  page->Paragraph(
      "Click a heading to sort, type in the box to filter; latency of an addressee "
      "still in flight is its age at the end ('> X').",
      "note");
}

}  // namespace

std::vector<std::uint32_t> DefaultRouteMessages(const RunView& sim, const RunSummary& r) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = 0; i < sim.messages().size() && out.size() < 3; ++i) {
    if (sim.messages()[i].cable) out.push_back(i);
  }
  if (out.empty()) {
    if (!r.slowest.empty()) out.push_back(sim.addressees()[r.slowest.front()].message);
  }
  return out;
}

std::string RunReportHtml(const RunView& sim, const Scenario& s, const RunSummary& r,
                          const RunHtmlInput& in) {
  HtmlPage page("cablesim run: " + s.name, s.description);
  WhatWasRun(&page, s, r, in);
  DeliveryTimes(&page, s, r);
  page.Picture(in.cdf);
  OverTime(&page, sim, s, r);
  ConservationSection(&page, s, r);
  page.Section("network", "Network");
  page.Picture(in.network);
  Routes(&page, sim, s, in);
  SlowestAndOldest(&page, sim, r);
  Links(&page, sim, r);
  Deliveries(&page, sim, s);
  return page.Finish();
}

}  // namespace cablesim
