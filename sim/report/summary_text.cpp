#include "sim/report/summary_text.h"

#include <cstdio>

namespace cablesim {
namespace {

std::string Count(std::uint64_t n) { return std::to_string(n); }

// `text` right-aligned in `width` columns as a terminal shows it ("±" is two bytes, one column).
std::string RightAligned(const std::string& text, std::size_t width) {
  std::size_t shown = 0;
  for (char ch : text) shown += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  return std::string(shown < width ? width - shown : 0, ' ') + text;
}

}  // namespace

std::string PercentText(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * share);
  return buf;
}

std::string IntervalText(const Estimate& e, const std::string& mark) {
  if (e.n == 0) return "-";
  const std::string value = FormatSecondsCompact(e.mean) + mark;
  if (e.n < 2) return value;
  if (e.lo == 0 && e.mean - e.lo < e.hi - e.mean) {  // cut at 0: not symmetric
    return value + " [0," + FormatSecondsCompact(e.hi) + "]";
  }
  return value + " ±" + FormatSecondsCompact((e.hi - e.lo) / 2);
}

std::string QuantileText(const Quantile& q) {
  std::string out = FormatSeconds(q.s);
  if (q.at_least) out.insert(0, "> ");
  return out;
}

std::string SummaryTableText(const ByPrecedence& summary, const Scenario& s) {
  std::string out = "\nfiling to delivery, by addressee precedence";
  if (s.warmup > Duration()) {
    out += " (messages filed after the " + FormatDuration(s.warmup) + " warm-up)";
  }
  out += "\n";
  char line[320];
  std::snprintf(line, sizeof line, "%-10s %9s %9s %9s %10s %10s %10s %10s %10s %10s %8s\n",
                "precedence", "addressed", "delivered", "in flight", "unresolved", "mean", "p50",
                "p95", "p99", "max", "in obj.");
  out += line;
  bool any = false;
  for (Precedence p : kReportOrder) {
    const PrecedenceSummary& r = summary[static_cast<std::size_t>(p)];
    if (r.addressed == 0) continue;
    any = true;
    const SummaryCells cells = SummaryCellsOf(r);
    std::snprintf(line, sizeof line, "%-10s %9s %9s %9s %10s %10s %10s %10s %10s %10s %8s\n",
                  std::string(PrecedenceName(p)).substr(0, 10).c_str(), Count(r.addressed).c_str(),
                  Count(r.delivered).c_str(), Count(r.in_flight).c_str(),
                  Count(r.unresolved).c_str(), cells.mean.c_str(), cells.p50.c_str(),
                  cells.p95.c_str(), cells.p99.c_str(), cells.max.c_str(), cells.within.c_str());
    out += line;
  }
  if (!any) return out + "(no addressees in the measured period)\n";
  out += "objectives";
  for (Precedence p : kReportOrder) {
    if (summary[static_cast<std::size_t>(p)].addressed) {
      out += ' ';
      out += PrecedenceName(p);
      out += ' ';
      out += FormatDuration(s.objectives[static_cast<std::size_t>(p)]);
    }
  }
  out += "\n";
  for (const std::string& note : SummaryNotes(summary)) out += note;
  return out;
}

SummaryCells SummaryCellsOf(const PrecedenceSummary& r) {
  const bool some = r.delivered + r.in_flight > 0;
  auto q = [&](const Quantile& x) { return some ? QuantileText(x) : std::string("-"); };
  return {r.delivered ? FormatSeconds(r.mean_s) + (r.in_flight ? "*" : "") : std::string("-"),
          q(r.p50),
          q(r.p95),
          q(r.p99),
          q(r.max),
          r.Resolved() > 0 ? PercentText(r.WithinObjective()) : std::string("-")};
}

std::vector<std::string> SummaryNotes(const ByPrecedence& summary) {
  std::vector<std::string> notes;
  std::uint64_t in_flight = 0, unresolved = 0, undeliverable = 0, other_means = 0;
  bool censored_quantile = false;
  for (const PrecedenceSummary& r : summary) {
    in_flight += r.in_flight;
    unresolved += r.unresolved;
    undeliverable += r.undeliverable;
    other_means += r.other_means;
    censored_quantile |= r.p50.at_least || r.p95.at_least || r.p99.at_least || r.max.at_least;
  }
  notes.emplace_back(
      "in obj. = delivered within the objective / those whose fate is known (delivered, or\n"
      "  undeliverable or in flight longer than the objective: a miss); the unresolved, in\n"
      "  flight and younger than their objective, are left out of it\n");
  if (in_flight > 0) {
    notes.push_back("* mean of the delivered only: " + Count(in_flight) +
                    " addressees were still in flight at the end\n  (" + Count(unresolved) +
                    " of them younger than their objective)\n");
  }
  for (Precedence p : kReportOrder) {
    const PrecedenceSummary& r = summary[static_cast<std::size_t>(p)];
    if (r.Eligible() == 0 || r.in_flight * 20 <= r.Eligible()) continue;
    char note[256];
    std::snprintf(note, sizeof note,
                  "note: %.0f%% of %s addressees are still in flight: its quantiles are "
                  "Kaplan-Meier estimates,\n  which assume the unfinished fare like the "
                  "finished; read them with the share within objective\n",
                  100.0 * static_cast<double>(r.in_flight) / static_cast<double>(r.Eligible()),
                  std::string(PrecedenceName(p)).c_str());
    notes.emplace_back(note);
  }
  if (censored_quantile) {
    notes.emplace_back(
        "> X: the quantile falls among addressees still in flight: it is more than X "
        "(Kaplan-Meier)\n");
  }
  if (undeliverable + other_means > 0) {
    notes.push_back("not in the times: " + Count(undeliverable) +
                    " undeliverable (misses in obj.), " + Count(other_means) +
                    " sent by other means (ZEN, or refused under MINIMIZE)\n");
  }
  return notes;
}

std::string BatchMeansText(const std::array<BatchSummary, kPrecedenceCount>& batches,
                           const ByPrecedence& summary, const Scenario& s, SimTime end) {
  const int n = batches[0].batches;
  const SimTime from = SimTime() + s.warmup;
  if (s.drain && ArrivalsEnd(s)) end = std::min(end, *ArrivalsEnd(s));  // batches by filing
  if (end <= from) {
    return "\nbatch means: none: the run ended at " + FormatDuration(end) + ", before its " +
           FormatDuration(s.warmup) + " warm-up did\n";
  }
  const Duration each = Duration::Nanoseconds((end - from).ns() / n);
  std::string out = "\nbatch means: " + std::to_string(n) + " batches of " + FormatDuration(each) +
                    " by filing time, from " + FormatDuration(s.warmup) + " to " +
                    FormatDuration(end) + "; ± is the half-width of a 95% interval\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-10s %8s %22s %22s %7s\n", "precedence", "batches", "mean",
                "p95", "lag-1");
  out += line;
  std::string warnings;
  bool any_partial = false, any_censored = false;
  for (Precedence p : kReportOrder) {
    const BatchSummary& b = batches[static_cast<std::size_t>(p)];
    if (summary[static_cast<std::size_t>(p)].addressed == 0) continue;
    any_partial |= b.in_flight > 0 && b.mean.n > 0;
    any_censored |= b.p95_censored;
    const std::string mean = IntervalText(b.mean, b.in_flight ? "*" : "");
    const std::string p95 =
        b.p95_censored ? "> " + FormatSecondsCompact(b.p95.mean) : IntervalText(b.p95);
    char lag[32] = "-";
    if (LagOneKnown(b)) std::snprintf(lag, sizeof lag, "%.2f", b.lag1);
    std::snprintf(line, sizeof line, "%-10s %8d %s %s %7s\n",
                  std::string(PrecedenceName(p)).substr(0, 10).c_str(), b.mean.n,
                  RightAligned(mean, 22).c_str(), RightAligned(p95, 22).c_str(), lag);
    out += line;
    if (LagOneKnown(b) && b.lag1 > kBatchCorrelationLimit) {
      char w[256];
      std::snprintf(w, sizeof w,
                    "warning: %s batch means are correlated (lag-1 %.2f > %.1f): the interval "
                    "is too narrow;\n  use fewer, longer batches or a longer run\n",
                    std::string(PrecedenceName(p)).c_str(), b.lag1, kBatchCorrelationLimit);
      warnings += w;
    }
    if (b.mean.n < b.batches) {
      warnings += std::string(PrecedenceName(p)) + ": " + std::to_string(b.batches - b.mean.n) +
                  " of " + std::to_string(b.batches) +
                  " batches had no deliveries and are left out\n";
    }
  }
  out += warnings;
  if (any_partial) {
    out += "* a batch's mean covers its delivered addressees only (some were still in flight)\n";
  }
  if (any_censored) out += "> X: some batch's p95 is only a lower bound\n";
  return out;
}

std::string WarmupAdviceText(const std::array<WarmupAdvice, kPrecedenceCount>& advice,
                             const Scenario& s) {
  std::string out, drifting;
  for (Precedence p : kReportOrder) {
    const WarmupAdvice& a = advice[static_cast<std::size_t>(p)];
    if (!a.Enough()) continue;
    const std::string name(PrecedenceName(p));
    if (a.at_edge) {
      drifting += (drifting.empty() ? "" : ", ") + name;
    } else if (a.suggested_s > s.warmup.seconds()) {
      out += "warning: " + name + ": MSER-5 suggests a warm-up of " + FormatSeconds(a.suggested_s) +
             "; the scenario's is " + FormatDuration(s.warmup) + "\n";
    }
  }
  if (!drifting.empty()) {
    out += "warning: MSER-5 finds no steady state in the first half of the run for " + drifting +
           "\n  (delivery times still drifting: a fault, an overload, or too short a run)\n";
  }
  return out;
}

}  // namespace cablesim
