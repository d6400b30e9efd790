#include "sim/report/compare.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/engine/random.h"
#include "sim/report/json_writer.h"
#include "sim/report/run_report.h"

namespace cablesim {
namespace {

constexpr Precedence kOrder[] = {Precedence::kEmergencyCommand, Precedence::kFlash,
                                 Precedence::kImmediate, Precedence::kPriority,
                                 Precedence::kRoutine};

enum class Metric { kMean, kP95, kMax, kWithin };

double Value(const ReplicationResult::PerPrecedence& r, Metric m) {
  switch (m) {
    case Metric::kMean:
      return r.mean_s;
    case Metric::kP95:
      return r.p95_s;
    case Metric::kMax:
      return r.max_s;
    case Metric::kWithin:
      return r.within;
  }
  return 0;
}

/// The metric over replications of discipline d (replications without such deliveries are
/// left out).
std::vector<double> Values(const CompareResult& c, std::size_t d, Precedence p, Metric m) {
  std::vector<double> out;
  for (const auto& r : c.runs[d]) {
    const auto& x = r.by_precedence[static_cast<std::size_t>(p)];
    if (x.count) out.push_back(Value(x, m));
  }
  return out;
}

/// Paired differences of the mean from the first discipline, over replications where both
/// have deliveries of p.
std::vector<double> Differences(const CompareResult& c, std::size_t d, Precedence p) {
  std::vector<double> out;
  for (std::size_t r = 0; r < c.runs[d].size(); ++r) {
    const auto& x = c.runs[d][r].by_precedence[static_cast<std::size_t>(p)];
    const auto& base = c.runs[0][r].by_precedence[static_cast<std::size_t>(p)];
    if (x.count && base.count) out.push_back(x.mean_s - base.mean_s);
  }
  return out;
}

bool Present(const CompareResult& c, Precedence p) {
  for (const auto& d : c.runs) {
    for (const auto& r : d) {
      if (r.by_precedence[static_cast<std::size_t>(p)].count) return true;
    }
  }
  return false;
}

// A compact duration for a table cell: 3 significant digits below a minute.
std::string Short(double seconds) {
  char buf[32];
  const double a = std::fabs(seconds);
  const char* sign = seconds < 0 ? "-" : "";
  if (a < 1)
    std::snprintf(buf, sizeof buf, "%s%.0fms", sign, a * 1000);
  else if (a < 10)
    std::snprintf(buf, sizeof buf, "%s%.2fs", sign, a);
  else if (a < 60)
    std::snprintf(buf, sizeof buf, "%s%.1fs", sign, a);
  else
    return std::string(sign) + FormatDuration(Duration::FromSecondsRounded(a));
  return buf;
}

std::string Cell(const Estimate& e, bool percent) {
  if (e.n == 0) return "-";
  std::string v = percent ? [&] {
    char b[16];
    std::snprintf(b, sizeof b, "%.1f%%", 100 * e.mean);
    return std::string(b);
  }()
                          : Short(e.mean);
  if (e.n < 2) return v;
  const double half = (e.hi - e.lo) / 2;
  if (percent) {
    char b[16];
    std::snprintf(b, sizeof b, " ±%.1f", 100 * half);
    return v + b;
  }
  return v + " ±" + Short(half);
}

std::optional<double> AnalyticFor(const CompareResult& c, Discipline d, Precedence p) {
  if (!c.analytic) return std::nullopt;
  auto values = AnalyticTimeInSystem(*c.analytic, d);
  if (!values) return std::nullopt;
  for (std::size_t k = 0; k < c.analytic->precedences.size(); ++k) {
    if (c.analytic->precedences[k] == p) return (*values)[k];
  }
  return std::nullopt;
}

}  // namespace

std::uint64_t ReplicationSeed(std::uint64_t seed, std::uint64_t r) {
  std::uint64_t state = seed ^ (r * 0xd1b54a32d192ed03ULL);
  return SplitMix64(&state);
}

ReplicationResult RunReplication(const Scenario& s, Discipline d, std::uint64_t r,
                                 bool keep_latencies) {
  auto sim = Instantiate(s, ReplicationSeed(s.seed, r), d);
  sim->set_keep_copies(false);
  sim->Run(RunEnd(s));
  ReplicationResult out;
  const auto c = sim->Count();
  out.addressed = c.addressed;
  out.delivered = c.delivered;
  out.undeliverable = c.undeliverable;
  out.in_flight = c.in_flight;
  const auto summary = SummarizeLatency(*sim, s);
  for (int p = 0; p < kPrecedenceCount; ++p) {
    const auto& x = summary[static_cast<std::size_t>(p)];
    out.by_precedence[static_cast<std::size_t>(p)] = {x.count, x.mean_s, x.p95_s, x.max_s,
                                                      x.within_objective};
  }
  if (keep_latencies) out.latencies = LatenciesByPrecedence(*sim, s);
  return out;
}

double StudentT975(int df) {
  static constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
                                      2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120,
                                      2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
                                      2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return 0;
  if (df <= 30) return kTable[df - 1];
  // Cornish-Fisher expansion around the normal quantile.
  const double z = 1.959964, v = df;
  return z + (z * z * z + z) / (4 * v) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * v * v);
}

Estimate EstimateOf(const std::vector<double>& values) {
  Estimate e;
  e.n = static_cast<int>(values.size());
  if (values.empty()) return e;
  double sum = 0;
  for (double v : values) sum += v;
  e.mean = sum / e.n;
  e.lo = e.hi = e.mean;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : values) ss += (v - e.mean) * (v - e.mean);
  const double half = StudentT975(e.n - 1) * std::sqrt(ss / (e.n - 1)) / std::sqrt(e.n);
  e.lo = e.mean - half;
  e.hi = e.mean + half;
  return e;
}

std::string CompareText(const CompareResult& c) {
  std::string out = "compare " + c.scenario + ": " + std::to_string(c.replications) +
                    " replications per discipline\ncommon random numbers, seeds derived from " +
                    std::to_string(c.seed);
  if (c.warmup > Duration()) out += ", warm-up " + FormatDuration(c.warmup);
  out +=
      "\nfiling to delivery by addressee precedence; ± is the half-width of a 95% "
      "confidence\ninterval (Student t over replications)\n";
  constexpr int kLabel = 11;
  constexpr std::size_t kCol = 20;
  char buf[64];
  auto header = [&](const std::string& title) {
    out += "\n" + title + "\n";
    std::snprintf(buf, sizeof buf, "%-*s", kLabel, "");
    out += buf;
    for (Discipline d : c.disciplines) {
      std::snprintf(buf, sizeof buf, "%-*s", static_cast<int>(kCol),
                    std::string(DisciplineName(d)).c_str());
      out += buf;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  };
  auto row = [&](const std::string& label, const std::vector<std::string>& cells) {
    std::snprintf(buf, sizeof buf, "%-*s", kLabel, label.c_str());
    out += buf;
    for (const auto& cell : cells) {
      // Pad by what a terminal shows: "±" is two bytes but one column.
      std::size_t shown = 0;
      for (char ch : cell) shown += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
      out += cell + std::string(shown < kCol ? kCol - shown : 1, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  };
  auto block = [&](const std::string& title, Metric m) {
    header(title);
    for (Precedence p : kOrder) {
      if (!Present(c, p)) continue;
      std::vector<std::string> cells;
      for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
        cells.push_back(Cell(EstimateOf(Values(c, d, p, m)), m == Metric::kWithin));
      }
      row(std::string(PrecedenceName(p)).substr(0, kLabel - 1), cells);
      if (m == Metric::kMean && c.analytic) {
        std::vector<std::string> exact;
        bool any = false;
        for (Discipline d : c.disciplines) {
          auto v = AnalyticFor(c, d, p);
          any |= v.has_value();
          exact.push_back(v ? "exact " + Short(*v) : "-");
        }
        if (any) row("", exact);
      }
    }
  };
  block("mean", Metric::kMean);
  block("p95 (mean over replications)", Metric::kP95);
  block("max (mean over replications)", Metric::kMax);
  block("share within objective", Metric::kWithin);
  if (c.disciplines.size() > 1) {
    header("mean minus " + std::string(DisciplineName(c.disciplines[0])) + "'s (paired)");
    for (Precedence p : kOrder) {
      if (!Present(c, p)) continue;
      std::vector<std::string> cells;
      for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
        cells.push_back(d == 0 ? "-" : Cell(EstimateOf(Differences(c, d, p)), false));
      }
      row(std::string(PrecedenceName(p)).substr(0, kLabel - 1), cells);
    }
  }
  RelaySimulation::Conservation all;
  for (const auto& d : c.runs) {
    for (const auto& r : d) {
      all.addressed += r.addressed;
      all.delivered += r.delivered;
      all.undeliverable += r.undeliverable;
      all.in_flight += r.in_flight;
    }
  }
  out += "\nconservation over all runs: " + ConservationText(all) + "\n";
  return out;
}

std::string CompareJson(const CompareResult& c) {
  JsonWriter w;
  w.BeginObject();
  w.Key("scenario").String(c.scenario);
  w.Key("seed").Uint(c.seed);
  w.Key("replications").Uint(c.replications);
  w.Key("warmup_s").Double(c.warmup.seconds());
  w.Key("disciplines").BeginArray();
  for (Discipline d : c.disciplines) w.String(DisciplineName(d));
  w.EndArray();
  auto interval = [&](const Estimate& e) {
    if (e.n < 2) {
      w.Null();
      return;
    }
    w.BeginArray().Double(e.lo).Double(e.hi).EndArray();
  };
  w.Key("results").BeginObject();
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    w.Key(DisciplineName(c.disciplines[d])).BeginObject();
    for (Precedence p : kOrder) {
      if (!Present(c, p)) continue;
      const Estimate mean = EstimateOf(Values(c, d, p, Metric::kMean));
      const Estimate p95 = EstimateOf(Values(c, d, p, Metric::kP95));
      const Estimate max = EstimateOf(Values(c, d, p, Metric::kMax));
      const Estimate within = EstimateOf(Values(c, d, p, Metric::kWithin));
      w.Key(PrecedenceName(p)).BeginObject();
      w.Key("replications_with_deliveries").Int(mean.n);
      w.Key("mean_s").Double(mean.mean).Key("mean_ci_s");
      interval(mean);
      w.Key("p95_s").Double(p95.mean).Key("p95_ci_s");
      interval(p95);
      w.Key("max_s").Double(max.mean).Key("max_ci_s");
      interval(max);
      w.Key("within_objective").Double(within.mean).Key("within_objective_ci");
      interval(within);
      w.Key("objective_s").Double(c.objectives[static_cast<std::size_t>(p)].seconds());
      if (d > 0) {
        const Estimate diff = EstimateOf(Differences(c, d, p));
        w.Key("diff_mean_s").Double(diff.mean).Key("diff_mean_ci_s");
        interval(diff);
      }
      if (auto exact = AnalyticFor(c, c.disciplines[d], p)) w.Key("analytic_mean_s").Double(*exact);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndObject().EndObject();
  return w.str() + "\n";
}

std::string CompareCsv(const CompareResult& c) {
  std::string out = "discipline,precedence,metric,value,ci_low,ci_high,replications\n";
  auto line = [&](Discipline d, Precedence p, const char* metric, const Estimate& e) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "%s,%s,%s,%.6f,%.6f,%.6f,%d\n",
                  std::string(DisciplineName(d)).c_str(), std::string(PrecedenceName(p)).c_str(),
                  metric, e.mean, e.lo, e.hi, e.n);
    out += buf;
  };
  for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
    for (Precedence p : kOrder) {
      if (!Present(c, p)) continue;
      line(c.disciplines[d], p, "mean_s", EstimateOf(Values(c, d, p, Metric::kMean)));
      line(c.disciplines[d], p, "p95_s", EstimateOf(Values(c, d, p, Metric::kP95)));
      line(c.disciplines[d], p, "max_s", EstimateOf(Values(c, d, p, Metric::kMax)));
      line(c.disciplines[d], p, "within_objective", EstimateOf(Values(c, d, p, Metric::kWithin)));
      if (d > 0) line(c.disciplines[d], p, "diff_mean_s", EstimateOf(Differences(c, d, p)));
    }
  }
  return out;
}

std::string CompareGnuplotScript(const CompareResult& c, const std::string& svg_path) {
  const std::size_t panels = c.disciplines.size();
  const std::size_t cols = panels <= 2 ? panels : 2;
  const std::size_t rows = (panels + cols - 1) / cols;
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "set terminal svg size %zu,%zu dynamic font 'Helvetica,12'\n",
                520 * cols, 380 * rows + 40);
  out += buf;
  std::string quoted;
  for (char ch : svg_path) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  out += "set output '" + quoted + "'\n";
  std::snprintf(buf, sizeof buf,
                "set multiplot layout %zu,%zu title '%s: latency CDF by precedence, %llu "
                "replications pooled'\n",
                rows, cols, c.scenario.c_str(), static_cast<unsigned long long>(c.replications));
  out += buf;
  // One time axis for every panel, so that the panels compare at a glance.
  double lo = 1e300, hi = 0;
  for (const auto& d : c.runs) {
    for (const auto& r : d) {
      for (const auto& v : r.latencies) {
        if (v.empty()) continue;
        lo = std::min(lo, v.front());
        hi = std::max(hi, v.back());
      }
    }
  }
  lo = std::max(lo, 1e-3);
  if (!(hi > lo)) hi = lo * 10;
  std::snprintf(buf, sizeof buf, "set xrange [%.6g:%.6g]\n", lo, hi * 1.5);
  out += buf;
  out +=
      "set logscale x\nset xlabel 'filing to delivery (s, log scale)'\nset ylabel 'share "
      "delivered'\n"
      "set yrange [0:1]\nset grid\nset key top left\n";
  for (std::size_t d = 0; d < panels; ++d) {
    out += "set title '" + std::string(DisciplineName(c.disciplines[d])) + "'\n";
    std::vector<std::string> blocks;
    std::string plot = "plot ";
    bool first = true;
    for (Precedence p : kOrder) {
      std::vector<double> all;
      for (const auto& r : c.runs[d]) {
        const auto& v = r.latencies[static_cast<std::size_t>(p)];
        all.insert(all.end(), v.begin(), v.end());
      }
      if (all.empty()) continue;
      std::sort(all.begin(), all.end());
      std::string block;
      const std::size_t points = std::min<std::size_t>(all.size(), 400);
      for (std::size_t k = 0; k < points; ++k) {
        const std::size_t i = points == 1 ? 0 : k * (all.size() - 1) / (points - 1);
        std::snprintf(buf, sizeof buf, "%.6g %.6g\n", std::max(all[i], 1e-3),
                      static_cast<double>(i + 1) / static_cast<double>(all.size()));
        block += buf;
      }
      block += "e\n";
      blocks.push_back(block);
      plot += (first ? "" : ", ") + std::string("'-' using 1:2 with steps lw 2 title '") +
              std::string(PrecedenceName(p)) + "'";
      first = false;
    }
    if (blocks.empty()) {
      out +=
          "set label 1 'no deliveries' at graph 0.4,0.5\nplot [1:10] NaN notitle\nunset label 1\n";
      continue;
    }
    out += plot + "\n";
    for (const auto& b : blocks) out += b;
  }
  out += "unset multiplot\n";
  return out;
}

}  // namespace cablesim
