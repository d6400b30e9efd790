#include "sim/report/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "sim/report/anatomy_report.h"
#include "sim/report/cdf_plot.h"
#include "sim/report/csv_field.h"
#include "sim/report/delay_parts.h"
#include "sim/report/json_writer.h"
#include "sim/report/per_replication.h"
#include "sim/report/run_report.h"
#include "sim/report/summary_text.h"

namespace cablesim {
namespace {

const PrecedenceSummary& Of(const ReplicationResult& r, Precedence p) {
  return r.by_precedence[static_cast<std::size_t>(p)];
}

// A compare is an experiment of one point: discipline d's replications.
const std::vector<ReplicationResult>& RunsOf(const ExperimentResult& c, std::size_t d) {
  return c.Runs(0, d);
}

Figure FigureOf(const ExperimentResult& c, std::size_t d, Precedence p, Metric m) {
  return FigureOver(RunsOf(c, d), p, m);
}

Share WithinOf(const ExperimentResult& c, std::size_t d, Precedence p) {
  return WithinOver(RunsOf(c, d), p);
}

PrecedenceSummary Totals(const ExperimentResult& c, std::size_t d, Precedence p) {
  return TotalsOver(RunsOf(c, d), p);
}

Conservation ConservationOf(const ExperimentResult& c, std::size_t d) {
  return ConservationOver(RunsOf(c, d));
}

/// A precedence against the next higher one present: (lower, higher), highest pair first.
std::vector<std::pair<Precedence, Precedence>> AdjacentPrecedences(const ExperimentResult& c) {
  std::vector<std::pair<Precedence, Precedence>> out;
  std::optional<Precedence> above;
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    if (above) out.emplace_back(p, *above);
    above = p;
  }
  return out;
}

/// Discipline d's mean of `lower` minus its mean of `higher`, replication by replication
/// (the same runs, so paired); of the delivered only when either mean is.
Figure PrecedenceDifference(const ExperimentResult& c, std::size_t d, Precedence lower,
                            Precedence higher) {
  const bool partial =
      FigureOf(c, d, lower, Metric::kMean).partial || FigureOf(c, d, higher, Metric::kMean).partial;
  return Figure{EstimateOf(PairedDifferences(RunsOf(c, d), lower, RunsOf(c, d), higher)), false,
                partial};
}

// "ROUTINE-PRIORITY"; the longer names shortened to keep within 16 columns
// ("PRIORITY-IMMED.", "FLASH-EMERG."). JSON and CSV name them in full.
std::string PairLabel(Precedence lower, Precedence higher) {
  auto name = [](Precedence p) -> std::string {
    if (p == Precedence::kImmediate) return "IMMED.";
    if (p == Precedence::kEmergencyCommand) return "EMERG.";
    return std::string(PrecedenceName(p));
  };
  const std::string full =
      std::string(PrecedenceName(lower)) + "-" + std::string(PrecedenceName(higher));
  return full.size() <= 16 ? full : name(lower) + "-" + name(higher);
}

std::optional<double> AnalyticFor(const ExperimentResult& c, Discipline d, Precedence p) {
  if (!c.analytic) return std::nullopt;
  auto values = AnalyticTimeInSystem(*c.analytic, d);
  if (!values) return std::nullopt;
  for (std::size_t k = 0; k < c.analytic->precedences.size(); ++k) {
    if (c.analytic->precedences[k] == p) return (*values)[k];
  }
  return std::nullopt;
}

// The columns a cell takes on a terminal: "±" is two bytes but one column.
std::size_t ShownWidth(const std::string& cell) {
  std::size_t shown = 0;
  for (char ch : cell) shown += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return shown;
}

// The widest cell of every table, so that TextTable's columns hold the widest (counts of a
// large study: 143830 / 72111 / 67828 / 1550).
class WidestCell : public TableSink {
 public:
  void Header(const std::string&, const std::vector<std::string>& columns) override {
    Row("", columns);
  }
  void Note(const std::string&) override {}
  void Row(const std::string&, const std::vector<std::string>& cells) override {
    for (const auto& cell : cells) widest = std::max(widest, ShownWidth(cell));
  }
  std::size_t widest = 0;
};

// Text tables: a label column, then one column per discipline, each `column` wide (at
// least 21: every report is read alike unless a cell needs more).
class TextTable : public TableSink {
 public:
  TextTable(std::string* out, std::size_t column) : out_(out), col_(std::max(kCol, column)) {}
  void Header(const std::string& title, const std::vector<std::string>& columns) override {
    *out_ += "\n" + title + "\n";
    Row("", columns);
  }
  void Note(const std::string& text) override { *out_ += text; }
  void Row(const std::string& label, const std::vector<std::string>& cells) override {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%-*s", kLabel, label.substr(0, kLabel - 1).c_str());
    *out_ += buf;
    for (const auto& cell : cells) {
      const std::size_t shown = ShownWidth(cell);
      *out_ += cell + std::string(shown < col_ ? col_ - shown : 1, ' ');
    }
    while (!out_->empty() && out_->back() == ' ') out_->pop_back();
    *out_ += "\n";
  }

 private:
  static constexpr int kLabel = 17;  // "ROUTINE-PRIORITY" and a space: 100 columns in all
  static constexpr std::size_t kCol = 21;
  std::string* out_;
  std::size_t col_;
};

std::vector<std::string> DisciplineNames(const ExperimentResult& c) {
  std::vector<std::string> out;
  for (Discipline d : c.disciplines) out.emplace_back(DisciplineName(d));
  return out;
}

void WriteInterval(const Estimate& e, JsonWriter* w) { w->IntervalIf(e.n >= 2, e.lo, e.hi); }

// NAME_s with NAME_ci_s, or NAME_s null and NAME_at_least_s for a lower bound.
void WriteFigure(const std::string& name, const Figure& f, JsonWriter* w) {
  if (f.e.n == 0) {  // no replication had such a figure: null, never 0
    w->Key(name + "_s").Null();
    w->Key(name + "_ci_s").Null();
    return;
  }
  if (f.at_least) {
    w->Key(name + "_s").Null();
    w->Key(name + "_at_least_s").Double(f.e.mean);
    w->Key(name + "_ci_s").Null();
    return;
  }
  w->Key(name + "_s").Double(f.e.mean);
  w->Key(name + "_ci_s");
  WriteInterval(f.e, w);
}

void WriteConservation(const Conservation& c, JsonWriter* w) {
  w->BeginObject();
  WriteConservationKeys(c, w);
  w->EndObject();
}

}  // namespace

Figure DisciplineDifference(const ExperimentResult& c, std::size_t d, Precedence p) {
  const bool partial =
      FigureOf(c, d, p, Metric::kMean).partial || FigureOf(c, 0, p, Metric::kMean).partial;
  return Figure{EstimateOf(PairedDifferences(RunsOf(c, d), RunsOf(c, 0), p)), false, partial};
}

bool Present(const ExperimentResult& c, Precedence p) {
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    for (const auto& r : RunsOf(c, d)) {
      if (Of(r, p).addressed) return true;
    }
  }
  return false;
}

std::string FigureCell(const Figure& f) {
  if (f.e.n == 0) return "-";
  if (f.at_least) return "> " + FormatSecondsCompact(f.e.mean);
  return IntervalText(f.e, f.partial ? "*" : "");
}

std::string ShareCell(const Share& s, std::uint64_t eligible) {
  if (eligible == 0) return "-";
  if (!s.has_interval) return PercentText(s.value);
  char b[48];
  std::snprintf(b, sizeof b, " [%.1f,%.1f]", 100 * s.lo, 100 * s.hi);
  return PercentText(s.value) + b;
}

std::string PrecisionText(const ExperimentResult& c) {
  if (!c.precision) return "";
  const auto& p = *c.precision;
  const std::string what = p.goal.find('=') == std::string::npos
                               ? "every mean's 95% half-width within " + p.goal + " of it"
                               : p.goal + " (95% half-width within that share)";
  if (p.met)
    return "precision: " + what + ": met with " + std::to_string(c.replications) +
           " replications\n";
  return "precision: " + what + ": not met after " + std::to_string(c.replications) +
         " replications (--max-replications " + std::to_string(p.max_replications) +
         "); furthest: " + p.worst_figure + "\n";
}

std::vector<AnatomyRow> CompareAnatomyRows(const ExperimentResult& c) {
  std::vector<AnatomyRow> rows;
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      rows.push_back({std::string(PrecedenceName(p)), std::string(DisciplineName(c.disciplines[d])),
                      AnatomyOver(RunsOf(c, d), p), FigureOf(c, d, p, Metric::kMean).partial});
    }
  }
  return rows;
}

std::string CompareText(const ExperimentResult& c) {
  std::string out = "compare " + c.scenario + ": " + std::to_string(c.replications) +
                    " replications per discipline\n" + PrecisionText(c) +
                    "common random numbers, seeds derived from " + std::to_string(c.seed);
  if (c.warmup > Duration()) out += ", warm-up " + FormatDuration(c.warmup);
  out +=
      "\nfiling to delivery by addressee precedence, messages filed after the warm-up;\n"
      "± is the half-width of a 95% interval (Student t over replications)\n";
  WidestCell widest;
  WriteCompareTables(c, &widest);
  TextTable table(&out, widest.widest + 1);
  WriteCompareTables(c, &table);
  out += AnatomyText(CompareAnatomyRows(c));
  if (c.per_replication) out += PerReplicationText(c);
  return out;
}

namespace {

// The notes under the tables: what a starred mean, a "> X" and "in obj." mean, and why a
// discipline has no exact result.
void WriteCompareNotes(const ExperimentResult& c, bool any_partial, bool any_at_least,
                       TableSink* sink) {
  if (any_partial) {
    sink->Note("* a mean of the delivered only: some addressees were still in flight at the end\n");
  }
  if (c.analytic) {
    for (Discipline d : c.disciplines) {
      const std::string why = AnalyticUnavailable(*c.analytic, d);
      if (!why.empty()) {
        sink->Note("exact: none for " + std::string(DisciplineName(d)) + ": " + why + "\n");
      }
    }
  }
  if (any_at_least) {
    sink->Note(
        "> X: in some replication the quantile fell among addressees still in flight,\n"
        "  so the average over replications is a lower bound\n");
  }
  sink->Note(
      "in obj. = delivered within the objective / those whose fate is known (delivered,\n"
      "  undeliverable, or in flight longer than the objective), pooled; the unresolved are\n"
      "  left out\n");
}

// Every message's fate summed over the replications, per discipline.
void WriteConservationTable(const ExperimentResult& c, const std::vector<std::string>& names,
                            TableSink* sink) {
  sink->Header("conservation, all replications (every message, warm-up included)", names);
  const char* rows[] = {"addressed", "delivered", "other means", "undeliverable", "in flight"};
  for (int k = 0; k < 5; ++k) {
    std::vector<std::string> cells;
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      const auto all = ConservationOf(c, d);
      const std::uint64_t v[] = {all.addressed, all.delivered, all.other_means, all.undeliverable,
                                 all.in_flight};
      cells.push_back(std::to_string(v[k]));
    }
    sink->Row(rows[k], cells);
  }
}

}  // namespace

void WriteCompareTables(const ExperimentResult& c, TableSink* sink) {
  const auto names = DisciplineNames(c);
  bool any_partial = false, any_at_least = false;
  auto block = [&](const std::string& title, Metric m) {
    sink->Header(title, names);
    for (Precedence p : kReportOrder) {
      if (!Present(c, p)) continue;
      std::vector<std::string> cells;
      for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
        const Figure f = FigureOf(c, d, p, m);
        any_partial |= f.partial;
        any_at_least |= f.at_least;
        cells.push_back(FigureCell(f));
      }
      sink->Row(std::string(PrecedenceName(p)), cells);
      if (m == Metric::kMean && c.analytic) {
        std::vector<std::string> exact;
        bool any = false;
        for (Discipline d : c.disciplines) {
          auto v = AnalyticFor(c, d, p);
          any |= v.has_value();
          exact.push_back(v ? "exact " + FormatSecondsCompact(*v) : "-");
        }
        if (any) sink->Row("", exact);
      }
    }
  };
  // The undeliverable are shown when there are any (they count as misses in the share).
  bool undeliverable = false;
  for (Precedence p : kReportOrder) {
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      undeliverable = undeliverable || (Present(c, p) && Totals(c, d, p).undeliverable > 0);
    }
  }
  sink->Header(undeliverable ? "addressed / undeliverable / in flight / unresolved at the end, all "
                               "replications"
                             : "addressed / in flight / unresolved at the end, all replications",
               names);
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    std::vector<std::string> cells;
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      const PrecedenceSummary t = Totals(c, d, p);
      cells.push_back(std::to_string(t.addressed) + " / " +
                      (undeliverable ? std::to_string(t.undeliverable) + " / " : "") +
                      std::to_string(t.in_flight) + " / " + std::to_string(t.unresolved));
    }
    sink->Row(std::string(PrecedenceName(p)), cells);
  }
  block("mean", Metric::kMean);
  block("p95 (mean over replications)", Metric::kP95);
  block("max (mean over replications)", Metric::kMax);
  sink->Header("share within objective [95% interval, %: Wilson on pooled counts]", names);
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    std::vector<std::string> cells;
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      cells.push_back(ShareCell(WithinOf(c, d, p), Totals(c, d, p).Resolved()));
    }
    sink->Row(std::string(PrecedenceName(p)), cells);
  }
  if (c.disciplines.size() > 1) {
    sink->Header("mean minus " + names[0] + "'s (paired)", names);
    for (Precedence p : kReportOrder) {
      if (!Present(c, p)) continue;
      std::vector<std::string> cells;
      for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
        if (d == 0) {
          cells.emplace_back("-");
          continue;
        }
        const Figure f = DisciplineDifference(c, d, p);
        any_partial |= f.partial;
        cells.push_back(FigureCell(f));
      }
      sink->Row(std::string(PrecedenceName(p)), cells);
    }
  }
  const auto pairs = AdjacentPrecedences(c);
  if (!pairs.empty()) {
    sink->Header("mean minus the next higher precedence's (paired, the same replications)", names);
    for (const auto& [lower, higher] : pairs) {
      std::vector<std::string> cells;
      for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
        const Figure f = PrecedenceDifference(c, d, lower, higher);
        any_partial |= f.partial;
        cells.push_back(FigureCell(f));
      }
      sink->Row(PairLabel(lower, higher), cells);
    }
  }
  WriteCompareNotes(c, any_partial, any_at_least, sink);
  WriteConservationTable(c, names, sink);
}

void WritePrecisionKey(const ExperimentResult& r, JsonWriter* w) {
  if (!r.precision) return;
  w->Key("precision")
      .BeginObject()
      .Key("goal")
      .String(r.precision->goal)
      .Key("max_replications")
      .Uint(r.precision->max_replications)
      .Key("met")
      .Bool(r.precision->met)
      .Key("furthest")
      .String(r.precision->worst_figure)
      .EndObject();
}

std::string CompareJson(const ExperimentResult& c) {
  JsonWriter w;
  w.BeginObject();
  w.Key("scenario").String(c.scenario);
  w.Key("seed").Uint(c.seed);
  w.Key("replications").Uint(c.replications);
  w.Key("warmup_s").Double(c.warmup.seconds());
  WritePrecisionKey(c, &w);
  w.Key("disciplines").BeginArray();
  for (Discipline d : c.disciplines) w.String(DisciplineName(d));
  w.EndArray();
  w.Key("results").BeginObject();
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    w.Key(DisciplineName(c.disciplines[d])).BeginObject();
    w.Key("conservation");
    WriteConservation(ConservationOf(c, d), &w);
    for (Precedence p : kReportOrder) {
      if (!Present(c, p)) continue;
      const Figure mean = FigureOf(c, d, p, Metric::kMean);
      const PrecedenceSummary t = Totals(c, d, p);
      w.Key(PrecedenceName(p)).BeginObject();
      w.Key("replications_with_deliveries").Int(mean.e.n);
      w.Key("addressed").Uint(t.addressed);
      w.Key("delivered").Uint(t.delivered);
      w.Key("other_means").Uint(t.other_means);
      w.Key("undeliverable").Uint(t.undeliverable);
      w.Key("in_flight").Uint(t.in_flight);
      w.Key("unresolved").Uint(t.unresolved);
      WriteFigure("mean", mean, &w);
      if (mean.partial) w.Key("mean_excludes_in_flight").Bool(true);
      WriteFigure("p95", FigureOf(c, d, p, Metric::kP95), &w);
      WriteFigure("max", FigureOf(c, d, p, Metric::kMax), &w);
      const Share within = WithinOf(c, d, p);
      w.Key("within_objective").DoubleIf(t.Resolved() > 0, within.value);
      w.Key("within_objective_ci").IntervalIf(within.has_interval, within.lo, within.hi);
      w.Key("objective_s").Double(c.objectives[static_cast<std::size_t>(p)].seconds());
      if (d > 0) WriteFigure("diff_mean", DisciplineDifference(c, d, p), &w);
      if (auto exact = AnalyticFor(c, c.disciplines[d], p)) w.Key("analytic_mean_s").Double(*exact);
      w.Key("anatomy").BeginObject();
      WriteAnatomyKeys(AnatomyOver(RunsOf(c, d), p), &w);
      w.EndObject();
      w.EndObject();
    }
    w.Key("precedence_differences").BeginArray();
    for (const auto& [lower, higher] : AdjacentPrecedences(c)) {
      const Figure f = PrecedenceDifference(c, d, lower, higher);
      w.BeginObject().Key("precedence").String(PrecedenceName(lower));
      w.Key("minus").String(PrecedenceName(higher));
      w.Key("replications").Int(f.e.n);
      WriteFigure("mean_difference", f, &w);
      if (f.partial) w.Key("excludes_in_flight").Bool(true);
      w.EndObject();
    }
    w.EndArray();
    if (c.per_replication) WritePerReplicationJson(c, d, &w);
    w.EndObject();
  }
  w.EndObject().EndObject();
  return w.str() + "\n";
}

std::string CompareCsv(const ExperimentResult& c) {
  std::string out = kCompareCsvHeader;
  auto line = [&](std::size_t d, Precedence p, const std::string& metric, double value,
                  std::optional<std::pair<double, double>> ci, int n) {
    out += CompareCsvLine(c, {d, PrecedenceName(p), metric, value, ci, n, false, "", ""});
  };
  auto figure = [&](std::size_t d, Precedence p, const std::string& metric, const Figure& f) {
    if (f.e.n == 0) return;  // no replication had it: no row (its count is 0 elsewhere)
    std::optional<std::pair<double, double>> ci;
    if (f.e.n >= 2 && !f.at_least) ci = std::make_pair(f.e.lo, f.e.hi);
    out +=
        CompareCsvLine(c, {d, PrecedenceName(p), metric, f.e.mean, ci, f.e.n, f.at_least, "", ""});
  };
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    for (Precedence p : kReportOrder) {
      if (!Present(c, p)) continue;
      const int reps = static_cast<int>(RunsOf(c, d).size());
      const PrecedenceSummary t = Totals(c, d, p);
      line(d, p, "addressed", static_cast<double>(t.addressed), std::nullopt, reps);
      line(d, p, "in_flight", static_cast<double>(t.in_flight), std::nullopt, reps);
      line(d, p, "unresolved", static_cast<double>(t.unresolved), std::nullopt, reps);
      line(d, p, "undeliverable", static_cast<double>(t.undeliverable), std::nullopt, reps);
      line(d, p, "other_means", static_cast<double>(t.other_means), std::nullopt, reps);
      figure(d, p, "mean_s", FigureOf(c, d, p, Metric::kMean));
      figure(d, p, "p95_s", FigureOf(c, d, p, Metric::kP95));
      figure(d, p, "max_s", FigureOf(c, d, p, Metric::kMax));
      const Share within = WithinOf(c, d, p);
      std::optional<std::pair<double, double>> ci;
      if (within.has_interval) ci = std::make_pair(within.lo, within.hi);
      if (t.Resolved() > 0) line(d, p, "within_objective", within.value, ci, reps);
      if (d > 0) figure(d, p, "diff_mean_s", DisciplineDifference(c, d, p));
      const AnatomyMeans anatomy = AnatomyOver(RunsOf(c, d), p);
      if (anatomy.deliveries > 0) {
        const int with = FigureOf(c, d, p, Metric::kMean).e.n;
        for (DelayPart part : kDelayParts) {
          const std::string metric = "anatomy_" + std::string(DelayPartSecondsKey(part));
          line(d, p, metric, anatomy[part], std::nullopt, with);
        }
      }
    }
    for (const auto& [lower, higher] : AdjacentPrecedences(c)) {
      const std::string metric = "mean_minus_" + std::string(PrecedenceName(higher)) + "_s";
      figure(d, lower, metric, PrecedenceDifference(c, d, lower, higher));
    }
    if (c.per_replication) out += PerReplicationCsv(c, d);
  }
  return out;
}

std::string CompareGnuplotScript(const ExperimentResult& c, const std::string& path,
                                 PlotFormat format) {
  std::vector<CdfPanel> panels;
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    panels.push_back({std::string(DisciplineName(c.disciplines[d])), c.cdfs.at(0).at(d)});
  }
  return CdfGnuplotScript(c.scenario + ": delivery time CDF by precedence, " +
                              std::to_string(c.replications) + " replications pooled",
                          panels, c.objectives, path, format);
}

}  // namespace cablesim
