#include "sim/report/per_replication.h"

#include <cstdio>

#include "sim/report/anatomy_report.h"
#include "sim/report/csv_field.h"
#include "sim/report/delay_parts.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/report/summary_text.h"

namespace cablesim {
namespace {

const PrecedenceSummary& Of(const ReplicationResult& r, Precedence p) {
  return r.by_precedence[static_cast<std::size_t>(p)];
}

std::string LinkName(const Network* net, ChannelId c) {
  if (!net || c >= net->channel_count()) return "channel " + std::to_string(c);
  return net->station(net->ChannelFrom(c)).ri + ">" + net->station(net->ChannelTo(c)).ri;
}

std::string StationName(const Network* net, StationId st) {
  if (!net || st >= net->station_count()) return "station " + std::to_string(st);
  return net->station(st).ri;
}

bool DidAnything(const LinkFigures& l) {
  return l.copies > 0 || l.busy > Duration() || l.max_queue > 0;
}

bool DidAnything(const StationFigures& st) {
  return st.operators > 0 || st.copies_sent > 0 || st.delivered_here > 0;
}

// One replication's quantile: "-" with nothing to measure, "> X" for a lower bound.
std::string QuantileCell(const PrecedenceSummary& x, const Quantile& q) {
  if (x.delivered + x.in_flight == 0) return "-";
  return (q.at_least ? "> " : "") + FormatSecondsCompact(q.s);
}

// Calls fn(d, r, run) for every replication of every discipline, in order.
template <class Fn>
void EachRun(const ExperimentResult& c, Fn&& fn) {
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    for (std::size_t r = 0; r < c.Runs(0, d).size(); ++r) fn(d, r, c.Runs(0, d)[r]);
  }
}

// "fifo             3": the first two columns of every table.
std::string Lead(const ExperimentResult& c, std::size_t d, std::size_t r) {
  char b[64];
  std::snprintf(b, sizeof b, "%-16s %4zu", std::string(DisciplineName(c.disciplines[d])).c_str(),
                r + 1);
  return b;
}

std::string RunsText(const ExperimentResult& c) {
  std::string out = "\neach replication's run (the whole run, warm-up included)\n";
  char line[320];
  std::snprintf(line, sizeof line, "%-16s %4s %20s %9s %9s %10s %10s %9s %9s %7s %7s %9s\n",
                "discipline", "rep", "seed", "messages", "copies", "events", "end", "addressed",
                "delivered", "other", "undeliv", "in flight");
  out += line;
  EachRun(c, [&](std::size_t d, std::size_t r, const ReplicationResult& run) {
    const Conservation& k = run.conservation;
    const RunFigures f = run.figures.value_or(RunFigures{});
    std::snprintf(
        line, sizeof line, "%s %20llu %9llu %9llu %10llu %10s %9llu %9llu %7llu %7llu %9llu\n",
        Lead(c, d, r).c_str(), static_cast<unsigned long long>(run.seed),
        static_cast<unsigned long long>(f.messages), static_cast<unsigned long long>(f.copies),
        static_cast<unsigned long long>(f.events), FormatSecondsCompact(f.span.seconds()).c_str(),
        static_cast<unsigned long long>(k.addressed), static_cast<unsigned long long>(k.delivered),
        static_cast<unsigned long long>(k.other_means),
        static_cast<unsigned long long>(k.undeliverable),
        static_cast<unsigned long long>(k.in_flight));
    out += line;
    for (const auto& [reason, n] : ReasonsByWord(f.undeliverable_reasons)) {
      out += std::string(22, ' ') + "undeliverable: " + std::to_string(n) + " " +
             std::string(reason) + "\n";
    }
  });
  return out;
}

std::string PrecedencesText(const ExperimentResult& c) {
  std::string out =
      "\neach replication by precedence (after the warm-up; quantiles with '>' are lower "
      "bounds)\n";
  char line[320];
  std::snprintf(line, sizeof line,
                "%-16s %4s %-10s %9s %9s %7s %7s %9s %10s %10s %10s %10s %10s %8s\n", "discipline",
                "rep", "precedence", "addressed", "delivered", "other", "undeliv", "in flight",
                "mean", "p50", "p95", "p99", "max", "in obj.");
  out += line;
  EachRun(c, [&](std::size_t d, std::size_t r, const ReplicationResult& run) {
    for (Precedence p : kReportOrder) {
      const PrecedenceSummary& x = Of(run, p);
      if (!x.addressed) continue;
      std::snprintf(
          line, sizeof line,
          "%s %-10s %9llu %9llu %7llu %7llu %9llu %10s %10s %10s %10s %10s %8s\n",
          Lead(c, d, r).c_str(), std::string(PrecedenceName(p)).substr(0, 10).c_str(),
          static_cast<unsigned long long>(x.addressed),
          static_cast<unsigned long long>(x.delivered),
          static_cast<unsigned long long>(x.other_means),
          static_cast<unsigned long long>(x.undeliverable),
          static_cast<unsigned long long>(x.in_flight),
          x.delivered ? (FormatSecondsCompact(x.mean_s) + (x.in_flight ? "*" : "")).c_str() : "-",
          QuantileCell(x, x.p50).c_str(), QuantileCell(x, x.p95).c_str(),
          QuantileCell(x, x.p99).c_str(), QuantileCell(x, x.max).c_str(),
          x.Resolved() ? PercentText(x.WithinObjective()).c_str() : "-");
      out += line;
    }
  });
  return out;
}

std::string AnatomiesText(const ExperimentResult& c) {
  std::string out =
      "\neach replication's delivery time by part (mean per delivered addressee; the parts add "
      "up to the mean)\n";
  char cell[64];
  std::snprintf(cell, sizeof cell, "%-16s %4s %-10s %9s", "discipline", "rep", "precedence",
                "delivered");
  out += cell;
  for (DelayPart part : kDelayParts) {
    std::snprintf(cell, sizeof cell, " %11s", std::string(DelayPartInfo(part).short_name).c_str());
    out += cell;
  }
  out += "\n";
  EachRun(c, [&](std::size_t d, std::size_t r, const ReplicationResult& run) {
    for (Precedence p : kReportOrder) {
      const AnatomyMeans m = MeansOf(run.anatomy[static_cast<std::size_t>(p)]);
      if (m.deliveries == 0) continue;
      std::snprintf(cell, sizeof cell, "%s %-10s %9llu", Lead(c, d, r).c_str(),
                    std::string(PrecedenceName(p)).substr(0, 10).c_str(),
                    static_cast<unsigned long long>(m.deliveries));
      out += cell;
      for (DelayPart part : kDelayParts) {
        std::snprintf(cell, sizeof cell, " %11s", FormatSecondsCompact(m[part]).c_str());
        out += cell;
      }
      out += "\n";
    }
  });
  return out;
}

std::string LinksText(const ExperimentResult& c) {
  std::string out =
      "\neach replication's link directions (those that carried or queued anything; the "
      "whole run)\n";
  char line[320];
  std::snprintf(line, sizeof line,
                "%-16s %4s %-17s %6s %10s %7s %6s %10s %6s %5s %7s %6s %7s %5s\n", "discipline",
                "rep", "link", "util.", "busy", "copies", "queue", "backlogged", "intr.", "lost",
                "garbled", "reruns", "service", "corr.");
  out += line;
  EachRun(c, [&](std::size_t d, std::size_t r, const ReplicationResult& run) {
    if (!run.figures) return;
    for (const LinkFigures& l : run.figures->links) {
      if (!DidAnything(l)) continue;
      std::snprintf(
          line, sizeof line,
          "%s %-17s %6s %10s %7llu %6zu %10s %6llu %5llu %7llu %6llu %7llu %5llu\n",
          Lead(c, d, r).c_str(), LinkName(c.network, l.channel).c_str(),
          PercentText(l.utilisation).c_str(), FormatSecondsCompact(l.busy.seconds()).c_str(),
          static_cast<unsigned long long>(l.copies), l.max_queue,
          FormatSecondsCompact(l.backlogged.seconds()).c_str(),
          static_cast<unsigned long long>(l.interruptions), static_cast<unsigned long long>(l.lost),
          static_cast<unsigned long long>(l.garbled), static_cast<unsigned long long>(l.reruns),
          static_cast<unsigned long long>(l.service_messages),
          static_cast<unsigned long long>(l.corrections));
      out += line;
    }
  });
  return out;
}

std::string StationsText(const ExperimentResult& c) {
  std::string out =
      "\neach replication's stations (those that sent or delivered anything or have an "
      "operator limit;\nthe operators' figures where there is one)\n";
  char line[320];
  std::snprintf(line, sizeof line, "%-16s %4s %-10s %7s %9s %9s %6s %9s %7s %10s\n", "discipline",
                "rep", "station", "sent", "delivered", "operators", "util.", "processed", "waiting",
                "mean wait");
  out += line;
  EachRun(c, [&](std::size_t d, std::size_t r, const ReplicationResult& run) {
    if (!run.figures) return;
    for (const StationFigures& st : run.figures->stations) {
      if (!DidAnything(st)) continue;
      const bool limited = st.operators > 0;
      std::snprintf(line, sizeof line, "%s %-10s %7llu %9llu %9s %6s %9s %7s %10s\n",
                    Lead(c, d, r).c_str(), StationName(c.network, st.station).c_str(),
                    static_cast<unsigned long long>(st.copies_sent),
                    static_cast<unsigned long long>(st.delivered_here),
                    limited ? std::to_string(st.operators).c_str() : "-",
                    limited ? PercentText(st.utilisation).c_str() : "-",
                    limited ? std::to_string(st.copies).c_str() : "-",
                    limited ? std::to_string(st.max_waiting).c_str() : "-",
                    limited ? FormatSecondsCompact(st.mean_wait_s).c_str() : "-");
      out += line;
    }
  });
  return out;
}

}  // namespace

std::string PerReplicationText(const ExperimentResult& c) {
  return RunsText(c) + PrecedencesText(c) + AnatomiesText(c) + LinksText(c) + StationsText(c);
}

void WritePerReplicationJson(const ExperimentResult& c, std::size_t d, JsonWriter* w) {
  w->Key("replications").BeginArray();
  for (std::size_t r = 0; r < c.Runs(0, d).size(); ++r) {
    const ReplicationResult& run = c.Runs(0, d)[r];
    const RunFigures f = run.figures.value_or(RunFigures{});
    w->BeginObject().Key("replication").Uint(r + 1).Key("seed").Uint(run.seed);
    w->Key("messages").Uint(f.messages).Key("copies").Uint(f.copies).Key("events").Uint(f.events);
    w->Key("end_s").Double(f.span.seconds());
    w->Key("conservation").BeginObject();
    WriteConservationKeys(run.conservation, w);
    w->Key("undeliverable_reasons").BeginObject();
    for (const auto& [reason, n] : ReasonsByWord(f.undeliverable_reasons)) w->Key(reason).Uint(n);
    w->EndObject().EndObject();
    w->Key("by_precedence").BeginObject();
    for (Precedence p : kReportOrder) {
      if (!Of(run, p).addressed) continue;
      w->Key(PrecedenceName(p)).BeginObject();
      WriteSummaryKeys(Of(run, p), c.objectives[static_cast<std::size_t>(p)], w);
      w->Key("within").Uint(Of(run, p).within);
      w->Key("anatomy").BeginObject();
      WriteAnatomyKeys(MeansOf(run.anatomy[static_cast<std::size_t>(p)]), w);
      w->EndObject().EndObject();
    }
    w->EndObject();
    w->Key("links").BeginArray();
    for (const LinkFigures& l : f.links) {
      w->BeginObject();
      if (c.network) WriteLinkKeys(*c.network, l, w);
      w->Key("busy_s").Double(l.busy.seconds());
      w->EndObject();
    }
    w->EndArray().Key("stations").BeginArray();
    for (const StationFigures& st : f.stations) {
      w->BeginObject();
      if (c.network) WriteStationKeys(*c.network, st, w);
      w->Key("copies_sent").Uint(st.copies_sent).Key("delivered_here").Uint(st.delivered_here);
      w->EndObject();
    }
    w->EndArray().EndObject();
  }
  w->EndArray();
}

std::string CompareCsvLine(const ExperimentResult& c, const CompareCsvRow& row) {
  std::string lo, hi;
  if (row.ci) {
    lo = FixedDecimals(row.ci->first, 6);
    hi = FixedDecimals(row.ci->second, 6);
  }
  // Each row starts with the experiment's identity, so that files of many compares concatenate.
  return CsvField(c.scenario) + "," + std::to_string(c.seed) + "," +
         std::string(DisciplineName(c.disciplines[row.discipline])) + "," +
         std::string(row.precedence) + "," + std::string(row.metric) + "," +
         FixedDecimals(row.value, 6) + "," + lo + "," + hi + "," +
         std::to_string(row.replications) + "," + (row.at_least ? "at_least" : "") + "," +
         row.replication + "," + CsvField(row.element) + "\n";
}

std::string PerReplicationCsv(const ExperimentResult& c, std::size_t d) {
  std::string out;
  for (std::size_t r = 0; r < c.Runs(0, d).size(); ++r) {
    const ReplicationResult& run = c.Runs(0, d)[r];
    const RunFigures f = run.figures.value_or(RunFigures{});
    const std::string rep = std::to_string(r + 1);
    // A figure of the run (no precedence), of a precedence, or of an element of the network.
    auto row = [&](std::string_view precedence, std::string_view metric, double value,
                   bool at_least = false, const std::string& element = "") {
      out += CompareCsvLine(
          c, {d, precedence, metric, value, std::nullopt, 1, at_least, rep, element});
    };
    auto count = [](std::uint64_t n) { return static_cast<double>(n); };
    row("", "seed", count(run.seed));
    for (const auto& [metric, v] : {std::pair{"messages", f.messages},
                                    std::pair{"copies", f.copies}, std::pair{"events", f.events}}) {
      row("", metric, count(v));
    }
    row("", "end_s", f.span.seconds());
    const Conservation& k = run.conservation;
    for (const auto& [metric, v] : {std::pair{"conservation_addressed", k.addressed},
                                    std::pair{"conservation_delivered", k.delivered},
                                    std::pair{"conservation_other_means", k.other_means},
                                    std::pair{"conservation_undeliverable", k.undeliverable},
                                    std::pair{"conservation_in_flight", k.in_flight}}) {
      row("", metric, count(v));
    }
    for (const auto& [reason, n] : ReasonsByWord(f.undeliverable_reasons)) {
      row("", "undeliverable_reason", count(n), false, std::string(reason));
    }
    for (Precedence p : kReportOrder) {
      const PrecedenceSummary& x = Of(run, p);
      if (!x.addressed) continue;
      const std::string_view name = PrecedenceName(p);
      for (const auto& [metric, v] :
           {std::pair{"addressed", x.addressed}, std::pair{"delivered", x.delivered},
            std::pair{"other_means", x.other_means}, std::pair{"undeliverable", x.undeliverable},
            std::pair{"in_flight", x.in_flight}, std::pair{"unresolved", x.unresolved},
            std::pair{"within", x.within}}) {
        row(name, metric, count(v));
      }
      if (x.delivered) row(name, "mean_s", x.mean_s);
      if (x.delivered + x.in_flight) {
        for (const auto& [metric, q] : {std::pair{"p50_s", &x.p50}, std::pair{"p95_s", &x.p95},
                                        std::pair{"p99_s", &x.p99}, std::pair{"max_s", &x.max}}) {
          row(name, metric, q->s, q->at_least);
        }
      }
      if (x.Resolved()) row(name, "within_objective", x.WithinObjective());
      const AnatomyMeans anatomy = MeansOf(run.anatomy[static_cast<std::size_t>(p)]);
      if (anatomy.deliveries > 0) {
        for (DelayPart part : kDelayParts) {
          row(name, "anatomy_" + std::string(DelayPartSecondsKey(part)), anatomy[part]);
        }
      }
    }
    for (const LinkFigures& l : f.links) {
      const std::string link = LinkName(c.network, l.channel);
      row("", "link_utilisation", l.utilisation, false, link);
      row("", "link_busy_s", l.busy.seconds(), false, link);
      row("", "link_backlogged_s", l.backlogged.seconds(), false, link);
      for (const auto& [metric, v] :
           {std::pair{"link_copies", l.copies},
            std::pair{"link_max_queue", static_cast<std::uint64_t>(l.max_queue)},
            std::pair{"link_interruptions", l.interruptions}, std::pair{"link_lost", l.lost},
            std::pair{"link_garbled", l.garbled}, std::pair{"link_reruns", l.reruns},
            std::pair{"link_service_messages", l.service_messages},
            std::pair{"link_corrections", l.corrections}}) {
        row("", metric, count(v), false, link);
      }
    }
    for (const StationFigures& st : f.stations) {
      const std::string station = StationName(c.network, st.station);
      row("", "station_copies_sent", count(st.copies_sent), false, station);
      row("", "station_delivered_here", count(st.delivered_here), false, station);
      if (st.operators == 0) continue;  // no limit: nothing waits for an operator
      row("", "station_operators", count(st.operators), false, station);
      row("", "station_operator_utilisation", st.utilisation, false, station);
      row("", "station_copies_processed", count(st.copies), false, station);
      row("", "station_max_waiting", count(st.max_waiting), false, station);
      row("", "station_mean_wait_s", st.mean_wait_s, false, station);
    }
  }
  return out;
}

}  // namespace cablesim
