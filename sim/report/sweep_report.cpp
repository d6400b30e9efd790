#include "sim/report/sweep_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "sim/report/capacity_report.h"
#include "sim/report/compare.h"
#include "sim/report/csv_field.h"
#include "sim/report/json_writer.h"
#include "sim/report/palette.h"
#include "sim/report/summary_text.h"

namespace cablesim {
namespace {

// The figures of one row: a grid point, a discipline, a precedence.
struct Row {
  std::size_t point, discipline;
  Precedence precedence;
  PrecedenceSummary totals;
  Figure mean, p95;
  Share within;
  std::optional<ResourceLoad> bottleneck;  // the busiest link direction or operators
  /// With a previous load: this mean minus the mean there, paired by replication.
  std::optional<double> previous_load;
  Figure step;
};

bool AnyPreviousLoad(const ExperimentResult& r) {
  for (std::size_t p = 0; p < r.points.size(); ++p) {
    if (PreviousLoad(r, p)) return true;
  }
  return false;
}

std::vector<Row> Rows(const ExperimentResult& r) {
  std::vector<Row> rows;
  for (std::size_t p = 0; p < r.points.size(); ++p) {
    const auto previous = PreviousLoad(r, p);  // the step column (sweep_report.h)
    for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
      const auto& runs = r.runs[p][d];
      const auto busiest = BusiestResource(runs);
      for (Precedence prec : kReportOrder) {
        const PrecedenceSummary t = TotalsOver(runs, prec);
        if (t.addressed == 0) continue;
        Row row{p,
                d,
                prec,
                t,
                FigureOver(runs, prec, Metric::kMean),
                FigureOver(runs, prec, Metric::kP95),
                WithinOver(runs, prec),
                busiest,
                {},
                {}};
        if (previous) {
          row.previous_load = r.points[*previous].load;
          row.step = LoadStep(r, p, d, prec);
        }
        rows.push_back(row);
      }
    }
  }
  return rows;
}

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A difference: signed.
std::string StepCell(const Figure& f) {
  const std::string cell = FigureCell(f);
  return f.e.n > 0 && f.e.mean > 0 ? "+" + cell : cell;
}

// Pads by what a terminal shows: "±" is two bytes but one column.
std::string Pad(const std::string& cell, std::size_t width) {
  std::size_t shown = 0;
  for (char ch : cell) shown += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return cell + std::string(shown < width ? width - shown : 1, ' ');
}

void WriteInterval(const Estimate& e, JsonWriter* w) { w->IntervalIf(e.n >= 2, e.lo, e.hi); }

// The non-load keys that take several values.
std::vector<std::size_t> VariedKeys(const ExperimentResult& r) {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < r.keys.size(); ++k) {
    std::set<std::string> values;
    for (const auto& p : r.points) values.insert(p.values[k]);
    if (values.size() > 1) out.push_back(k);
  }
  return out;
}

std::set<double> Loads(const ExperimentResult& r) {
  std::set<double> out;
  for (const auto& p : r.points) out.insert(p.load);
  return out;
}

}  // namespace

std::optional<std::size_t> PreviousLoad(const ExperimentResult& r, std::size_t p) {
  if (p == 0 || p >= r.points.size()) return std::nullopt;
  const auto& a = r.points[p - 1];
  const auto& b = r.points[p];
  if (a.values != b.values || a.load == b.load) return std::nullopt;
  return p - 1;
}

Figure LoadStep(const ExperimentResult& r, std::size_t p, std::size_t d, Precedence prec) {
  const auto previous = PreviousLoad(r, p);
  if (!previous) return Figure{};
  const auto& runs = r.runs[p][d];
  const auto& before = r.runs[*previous][d];
  return Figure{EstimateOf(PairedDifferences(runs, prec, before, prec)), false,
                FigureOver(runs, prec, Metric::kMean).partial ||
                    FigureOver(before, prec, Metric::kMean).partial};
}

// Whether any row has undeliverable addressees: the text tables then show them.
bool AnyUndeliverable(const std::vector<Row>& rows) {
  return std::any_of(rows.begin(), rows.end(),
                     [](const Row& row) { return row.totals.undeliverable > 0; });
}

std::vector<SweepTable> SweepTables(const ExperimentResult& r) {
  std::vector<SweepTable> tables;
  const auto rows = Rows(r);
  const bool steps = AnyPreviousLoad(r);
  const bool undeliverable = AnyUndeliverable(rows);
  for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
    SweepTable t;
    t.discipline = r.disciplines[d];
    t.columns.push_back("load");
    for (const auto& k : r.keys) t.columns.push_back(k);
    for (const char* c : {"precedence", "addressed", "in flight", "unresolved"}) {
      t.columns.emplace_back(c);
    }
    if (undeliverable) t.columns.emplace_back("undeliverable");
    t.columns.emplace_back("mean");
    if (steps) t.columns.emplace_back(kStepColumn);
    for (const char* c : {"p95", "in obj."}) t.columns.emplace_back(c);
    t.columns.emplace_back("busiest");
    for (const Row& row : rows) {
      if (row.discipline != d) continue;
      const auto& point = r.points[row.point];
      std::vector<std::string> cells{Num(point.load)};
      for (std::size_t k = 0; k < r.keys.size(); ++k) cells.push_back(point.values[k]);
      cells.emplace_back(PrecedenceName(row.precedence));
      cells.push_back(std::to_string(row.totals.addressed));
      cells.push_back(std::to_string(row.totals.in_flight));
      cells.push_back(std::to_string(row.totals.unresolved));
      if (undeliverable) cells.push_back(std::to_string(row.totals.undeliverable));
      cells.push_back(FigureCell(row.mean));
      if (steps) cells.push_back(row.previous_load ? StepCell(row.step) : "");
      cells.push_back(FigureCell(row.p95));
      cells.push_back(ShareCell(row.within, row.totals.Resolved()));
      cells.push_back(row.bottleneck ? ResourceCell(r, *row.bottleneck) : "");
      t.rows.push_back(std::move(cells));
    }
    tables.push_back(std::move(t));
  }
  return tables;
}

std::string SweepText(const ExperimentResult& r) {
  std::string out = "sweep " + r.scenario + ": " + std::to_string(r.points.size()) +
                    " point(s) x " + std::to_string(r.disciplines.size()) + " discipline(s) x " +
                    std::to_string(r.replications) + " replications\n" + PrecisionText(r) +
                    "common random numbers, seeds derived from " + std::to_string(r.seed);
  if (r.warmup > Duration()) out += ", warm-up " + FormatDuration(r.warmup);
  out +=
      "\nfiling to delivery, messages filed after the warm-up; ± is the half-width of a 95% "
      "interval\n(Student t over replications); in obj. pooled with a Wilson interval [%]\n";
  // Column widths: load, each key, then precedence .. in obj.; the busiest unpadded.
  std::vector<std::size_t> widths{7};
  for (const auto& k : r.keys) widths.push_back(std::max<std::size_t>(k.size() + 2, 8));
  for (std::size_t w : {11u, 10u, 10u, 11u}) widths.push_back(w);
  const std::vector<SweepTable> tables = SweepTables(r);
  const bool undeliverable =  // the same column in every discipline's table
      !tables.empty() && std::find(tables[0].columns.begin(), tables[0].columns.end(),
                                   "undeliverable") != tables[0].columns.end();
  if (undeliverable) widths.push_back(14);
  widths.push_back(18);
  const bool steps = AnyPreviousLoad(r);
  if (steps) widths.push_back(20);
  for (std::size_t w : {18u, 22u}) widths.push_back(w);
  auto line_of = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      line += i < widths.size() ? Pad(cells[i], widths[i]) : cells[i];
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  for (const SweepTable& t : tables) {
    out += "\n" + std::string(DisciplineName(t.discipline)) + "\n";
    out += line_of(t.columns);
    for (const auto& row : t.rows) out += line_of(row);
  }
  out += kSweepFootnote;
  out += '\n';
  if (steps) out += std::string(kStepFootnote) + "\n";
  if (!r.capacity.empty()) {
    out +=
        "\ncapacity (every precedence at least 95% within objective, the interval's lower "
        "bound)\n";
    for (const std::string& line : CapacityLines(r)) out += line + "\n";
  }
  return out;
}

namespace {

// One row of "points": a (point, discipline, precedence) and its figures.
void WritePointRow(const ExperimentResult& r, const Row& row, JsonWriter* out) {
  JsonWriter& w = *out;
  const auto& point = r.points[row.point];
  w.BeginObject().Key("load").Double(point.load).Key("vary").BeginObject();
  for (std::size_t k = 0; k < r.keys.size(); ++k) w.Key(r.keys[k]).String(point.values[k]);
  w.EndObject();
  w.Key("discipline").String(DisciplineName(r.disciplines[row.discipline]));
  w.Key("precedence").String(PrecedenceName(row.precedence));
  w.Key("addressed").Uint(row.totals.addressed);
  w.Key("in_flight").Uint(row.totals.in_flight);
  w.Key("unresolved").Uint(row.totals.unresolved);
  w.Key("undeliverable").Uint(row.totals.undeliverable);
  w.Key("other_means").Uint(row.totals.other_means);
  // A figure no replication had is null, never 0.
  w.Key("mean_s").DoubleIf(row.mean.e.n > 0, row.mean.e.mean);
  w.Key("mean_ci_s");
  WriteInterval(row.mean.e, &w);
  if (row.mean.partial) w.Key("mean_excludes_in_flight").Bool(true);
  if (row.previous_load) {
    w.Key("previous_load").Double(*row.previous_load);
    w.Key("mean_minus_previous_load_s").DoubleIf(row.step.e.n > 0, row.step.e.mean);
    w.Key("mean_minus_previous_load_ci_s");
    WriteInterval(row.step.e, &w);
  }
  if (row.p95.e.n == 0) {
    w.Key("p95_s").Null().Key("p95_ci_s").Null();
  } else if (row.p95.at_least) {
    w.Key("p95_s").Null().Key("p95_at_least_s").Double(row.p95.e.mean).Key("p95_ci_s").Null();
  } else {
    w.Key("p95_s").Double(row.p95.e.mean).Key("p95_ci_s");
    WriteInterval(row.p95.e, &w);
  }
  w.Key("within_objective").DoubleIf(row.totals.Resolved() > 0, row.within.value);
  w.Key("within_objective_ci").IntervalIf(row.within.has_interval, row.within.lo, row.within.hi);
  w.Key("bottleneck");
  if (row.bottleneck) {
    w.String(ResourceKey(r, *row.bottleneck));
    w.Key("bottleneck_kind").String(ResourceKindKey(*row.bottleneck));
    w.Key("utilisation").Double(row.bottleneck->utilisation);
  } else {
    w.Null().Key("bottleneck_kind").Null().Key("utilisation").Null();
  }
}

// "capacity": null, or per discipline its answer (a list of them when other keys vary).
void WriteCapacityKey(const ExperimentResult& r, JsonWriter* out) {
  JsonWriter& w = *out;
  w.Key("capacity");
  if (r.capacity.empty()) {
    w.Null();
  } else {
    w.BeginObject();
    for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
      w.Key(DisciplineName(r.disciplines[d]));
      // One object; a list of them (each with its values) when other keys vary too.
      const bool list = r.capacity.size() > 1;
      if (list) w.BeginArray();
      for (std::size_t c = 0; c < r.capacity.size(); ++c) {
        w.BeginObject();
        if (list) {
          w.Key("vary").BeginObject();
          for (std::size_t k = 0; k < r.keys.size(); ++k) {
            w.Key(r.keys[k]).String(r.capacity_values[c][k]);
          }
          w.EndObject();
        }
        WriteCapacityJson(r, r.capacity[c][d], &w);
        w.EndObject();
      }
      if (list) w.EndArray();
    }
    w.EndObject();
  }
}

}  // namespace

std::string SweepJson(const ExperimentResult& r) {
  JsonWriter w;
  w.BeginObject().Key("sweep").BeginObject();
  w.Key("scenario").String(r.scenario);
  w.Key("seed").Uint(r.seed);
  w.Key("replications").Uint(r.replications);
  w.Key("warmup_s").Double(r.warmup.seconds());
  WritePrecisionKey(r, &w);
  w.Key("disciplines").BeginArray();
  for (Discipline d : r.disciplines) w.String(DisciplineName(d));
  w.EndArray();
  w.Key("loads").BeginArray();
  for (double l : Loads(r)) w.Double(l);
  w.EndArray();
  w.Key("vary").BeginObject();
  for (std::size_t k = 0; k < r.keys.size(); ++k) {
    w.Key(r.keys[k]).BeginArray();
    std::vector<std::string> seen;
    for (const auto& p : r.points) {
      if (std::find(seen.begin(), seen.end(), p.values[k]) == seen.end()) {
        seen.push_back(p.values[k]);
        w.String(p.values[k]);
      }
    }
    w.EndArray();
  }
  w.EndObject().EndObject();
  w.Key("points").BeginArray();
  for (const Row& row : Rows(r)) {
    WritePointRow(r, row, &w);
    w.EndObject();
  }
  w.EndArray();
  WriteCapacityKey(r, &w);
  w.EndObject();
  return w.str() + "\n";
}

std::string SweepCsv(const ExperimentResult& r) {
  // Each row starts with the experiment's identity, so that files of many sweeps concatenate.
  const std::string identity = CsvField(r.scenario) + "," + std::to_string(r.seed) + ",";
  std::string out = "scenario,seed,load";
  for (const auto& k : r.keys) out += "," + CsvField(k);
  out +=
      ",discipline,precedence,addressed,in_flight,unresolved,undeliverable,other_means,mean_s,mean_"
      "ci_low,mean_ci_high,"
      "mean_minus_previous_load_s,mean_minus_previous_load_ci_low,mean_minus_previous_load_ci_high,"
      "p95_s,p95_bound,"
      "p95_ci_low,p95_ci_high,within_objective,within_ci_low,within_ci_high,bottleneck,"
      "utilisation,bottleneck_kind\n";
  auto num = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return std::string(buf);
  };
  for (const Row& row : Rows(r)) {
    const auto& point = r.points[row.point];
    std::string line = identity + Num(point.load);
    for (const auto& v : point.values) line += "," + CsvField(v);
    line += "," + std::string(DisciplineName(r.disciplines[row.discipline])) + "," +
            std::string(PrecedenceName(row.precedence)) + "," +
            std::to_string(row.totals.addressed) + "," + std::to_string(row.totals.in_flight) +
            "," + std::to_string(row.totals.unresolved) + "," +
            std::to_string(row.totals.undeliverable) + "," + std::to_string(row.totals.other_means);
    // An empty cell for a figure that does not exist, never 0.
    const bool mean_ci = row.mean.e.n >= 2;
    line += "," + (row.mean.e.n > 0 ? num(row.mean.e.mean) : "") + "," +
            (mean_ci ? num(row.mean.e.lo) : "") + "," + (mean_ci ? num(row.mean.e.hi) : "");
    const bool step = row.previous_load && row.step.e.n > 0;
    const bool step_ci = step && row.step.e.n >= 2;
    line += "," + (step ? num(row.step.e.mean) : "") + "," + (step_ci ? num(row.step.e.lo) : "") +
            "," + (step_ci ? num(row.step.e.hi) : "");
    const bool p95_ci = row.p95.e.n >= 2 && !row.p95.at_least;
    line += "," + (row.p95.e.n > 0 ? num(row.p95.e.mean) : "") + "," +
            (row.p95.at_least ? "at_least" : "") + "," + (p95_ci ? num(row.p95.e.lo) : "") + "," +
            (p95_ci ? num(row.p95.e.hi) : "");
    line += "," + (row.totals.Resolved() > 0 ? num(row.within.value) : "") + "," +
            (row.within.has_interval ? num(row.within.lo) : "") + "," +
            (row.within.has_interval ? num(row.within.hi) : "");
    line += "," + (row.bottleneck ? ResourceKey(r, *row.bottleneck) : "") + "," +
            (row.bottleneck ? num(row.bottleneck->utilisation) : "") + "," +
            (row.bottleneck ? ResourceKindKey(*row.bottleneck) : "");
    out += line + "\n";
  }
  return out;
}

std::string PlotAxis(const ExperimentResult& r, std::string* why) {
  const auto varied = VariedKeys(r);
  const bool loads = Loads(r).size() > 1;
  if (loads && varied.empty()) return "load";
  if (!loads && varied.size() == 1) return r.keys[varied[0]];
  *why = loads || varied.size() > 1
             ? "--plot draws against one swept value; here the load and --vary, or several "
               "--vary, change together (fix all but one)"
             : "--plot needs a swept value: give --load with several factors or a --vary";
  return "";
}

std::string SweepGnuplotScript(const ExperimentResult& r, const std::string& path,
                               PlotFormat format) {
  std::string why;
  const std::string axis = PlotAxis(r, &why);
  const bool by_load = axis == "load";
  std::size_t key = 0;
  for (std::size_t k = 0; k < r.keys.size(); ++k) {
    if (r.keys[k] == axis) key = k;
  }
  // x of each point: its load, or the position of its value (categorical, labelled).
  std::vector<std::string> categories;
  auto x_of = [&](std::size_t p) -> double {
    if (by_load) return r.points[p].load;
    const auto& v = r.points[p].values[key];
    auto it = std::find(categories.begin(), categories.end(), v);
    if (it == categories.end()) {
      categories.push_back(v);
      return static_cast<double>(categories.size());
    }
    return static_cast<double>(it - categories.begin() + 1);
  };
  for (std::size_t p = 0; p < r.points.size(); ++p) x_of(p);
  const std::size_t cols = r.disciplines.size();
  std::string out = GnuplotTerminal(format, static_cast<int>(460 * cols + 40), 760, path);
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "set multiplot layout 2,%zu title '%s: delivery time and share within objective "
                "against %s (%llu replications)'\n",
                cols, r.scenario.c_str(), axis.c_str(),
                static_cast<unsigned long long>(r.replications));
  out += buf;
  out += "set grid\nset key top left\nset bars small\n";
  std::string xlabel = by_load ? "load (x the scenario's traffic)" : axis;
  out += "set xlabel \"" + xlabel + "\"\n";
  if (!by_load) {
    out += "set xtics (";
    for (std::size_t i = 0; i < categories.size(); ++i) {
      out += (i ? ", " : "") + std::string("'") + categories[i] + "' " + std::to_string(i + 1);
    }
    out += ")\nset xrange [0.5:" + std::to_string(categories.size()) + ".5]\n";
  } else {
    out += "set autoscale x\nset offsets graph 0.03, graph 0.03, 0, 0\n";
  }
  const auto rows = Rows(r);
  std::set<Precedence> present;
  for (const Row& row : rows) present.insert(row.precedence);
  // Top row: mean delivery time with its interval, log scale; objectives as dashed lines.
  // The y range spans the means and the objectives; an interval cut at 0 runs off the bottom.
  double lowest = 1e300, highest = 0;
  for (const Row& row : rows) {
    if (row.mean.e.n == 0) continue;
    lowest = std::min(lowest, std::max(row.mean.e.mean, 1e-3));
    highest = std::max(
        {highest, row.mean.e.hi, r.objectives[static_cast<std::size_t>(row.precedence)].seconds()});
  }
  if (!(highest > lowest)) highest = lowest * 10;
  std::snprintf(buf, sizeof buf, "set yrange [%.6g:%.6g]\n", lowest / 3, highest * 3);
  const std::string time_range = buf + ("set ytics " + LogTimeTics(lowest / 3, highest * 3) + "\n");
  for (std::size_t d = 0; d < cols; ++d) {
    out += "set title '" + std::string(DisciplineName(r.disciplines[d])) + "'\n";
    out +=
        "set logscale y\nset ylabel 'mean filing to delivery (log; dashed: objectives)'\nset "
        "key top left opaque\n" +
        time_range;
    std::string plot = "plot ";
    std::string data;
    for (Precedence p : kReportOrder) {
      if (!present.count(p)) continue;
      std::string block;
      for (const Row& row : rows) {
        if (row.discipline != d || row.precedence != p || row.mean.e.n == 0) continue;
        const double mean = std::max(row.mean.e.mean, 1e-3);
        std::snprintf(buf, sizeof buf, "%.6g %.6g %.6g %.6g\n", x_of(row.point), mean,
                      std::max(row.mean.e.lo, 1e-6), std::max(row.mean.e.hi, 1e-3));
        block += buf;
      }
      if (block.empty()) continue;
      const double objective = r.objectives[static_cast<std::size_t>(p)].seconds();
      const std::string colour(PrecedenceColour(p));
      std::snprintf(buf, sizeof buf,
                    "%s'-' using 1:2:3:4 with yerrorlines lc rgb '%s' lw 2 title '%s', %.6g with "
                    "lines lc rgb '%s' dt 2 notitle",
                    plot == "plot " ? "" : ", ", colour.c_str(),
                    std::string(PrecedenceName(p)).c_str(), objective, colour.c_str());
      plot += buf;
      data += block + "e\n";
    }
    out += (data.empty() ? "plot NaN notitle\n" : plot + "\n" + data);
  }
  // Bottom row: the share within objective with its Wilson interval. The axis starts a little
  // below the lowest interval (at most at 80%, in steps of 5%), so that 95% against 100% is
  // plain to see; the same for every panel.
  double lowest_share = 0.8;
  for (const Row& row : rows) {
    if (row.totals.Resolved() == 0) continue;
    lowest_share =
        std::min(lowest_share, row.within.has_interval ? row.within.lo : row.within.value);
  }
  const double share_floor = std::max(0.0, std::floor((lowest_share - 0.02) * 20) / 20);
  // In percent (gnuplot's format only prints the value).
  std::snprintf(buf, sizeof buf,
                "unset logscale y\nset yrange [%.0f:100.5]\nset ytics %d\nset format y "
                "'%%.0f%%%%'\n",
                100 * share_floor, share_floor >= 0.6 ? 5 : 10);
  const std::string share_axis = buf;
  for (std::size_t d = 0; d < cols; ++d) {
    out += "set title '" + std::string(DisciplineName(r.disciplines[d])) + "'\n";
    out += share_axis +
           "set ylabel 'share within objective'\n"
           "set key bottom left noopaque\n";
    std::string plot = "plot 95 with lines lc rgb '#555555' dt 2 lw 1.5 title '95%'";
    std::string data;
    for (Precedence p : kReportOrder) {
      if (!present.count(p)) continue;
      std::string block;
      for (const Row& row : rows) {
        if (row.discipline != d || row.precedence != p || row.totals.Resolved() == 0) continue;
        const double lo = row.within.has_interval ? row.within.lo : row.within.value;
        const double hi = row.within.has_interval ? row.within.hi : row.within.value;
        std::snprintf(buf, sizeof buf, "%.6g %.6g %.6g %.6g\n", x_of(row.point),
                      100 * row.within.value, 100 * lo, 100 * hi);
        block += buf;
      }
      if (block.empty()) continue;
      std::snprintf(
          buf, sizeof buf, ", '-' using 1:2:3:4 with yerrorlines lc rgb '%s' lw 2 title '%s'",
          std::string(PrecedenceColour(p)).c_str(), std::string(PrecedenceName(p)).c_str());
      plot += buf;
      data += block + "e\n";
    }
    out += plot + "\n" + data;
    out += "set autoscale y\nset format y '%g'\n";
  }
  out += "unset multiplot\n";
  return out;
}

}  // namespace cablesim
