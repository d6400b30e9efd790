#include "sim/report/answer_sentences.h"

#include <cmath>
#include <cstdio>

#include "sim/report/compare.h"
#include "sim/report/sweep_report.h"

namespace cablesim {
namespace {

// "a", "a and b", "a, b and c".
std::string Listed(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string Joined(const std::vector<std::string>& clauses, const std::string& separator) {
  std::string out;
  for (const auto& clause : clauses) out += (out.empty() ? "" : separator) + clause;
  return out;
}

std::string Load(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

// One significant contrast. The first names the first discipline and both means ("under
// priority delivered 4.0x faster than under fifo (mean 12.0s against 48.0s)"); the next ones
// only their own ("under preempt-resume 4.2x faster (mean 11.4s)"). Faster by a ratio (at
// least 1.1) or by the time saved; slower by the time it pays.
std::string ContrastClause(const DisciplineContrast& o, const CompareAnswer& a, bool first) {
  const double diff = o.difference.e.mean;
  const std::string than = first ? " than under " + a.base : "";
  const std::string mean = "(mean " + FormatSecondsCompact(o.mean.e.mean) +
                           (first ? " against " + FormatSecondsCompact(a.base_mean.e.mean) : "") +
                           ")";
  const std::string under = "under " + o.discipline + " ";
  if (diff > 0) return under + "pays " + FormatSecondsCompact(diff) + " more" + than + " " + mean;
  const std::string delivered = first ? "delivered " : "";
  const double ratio = o.mean.e.mean > 0 ? a.base_mean.e.mean / o.mean.e.mean : 0;
  if (ratio >= 1.1) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1fx", ratio);
    return under + delivered + b + " faster" + than + " " + mean;
  }
  return under + delivered + FormatSecondsCompact(-diff) + " sooner" + than + " " + mean;
}

// "ROUTINE: ", or "ROUTINE (means of the delivered only): " when some figure is.
std::string Lead(Precedence p, bool partial) {
  return std::string(PrecedenceName(p)) + (partial ? " (means of the delivered only): " : ": ");
}

}  // namespace

bool Significant(const Figure& difference) {
  const Estimate& e = difference.e;
  return e.n >= 2 && !difference.at_least && (e.lo > 0 || e.hi < 0);
}

std::string CompareSentence(const CompareAnswer& a) {
  std::vector<std::string> clauses, quiet, too_few;
  bool partial = false;
  for (const DisciplineContrast& o : a.others) {
    if (o.difference.e.n < 2) {
      too_few.push_back(o.discipline);
    } else if (!Significant(o.difference)) {
      quiet.push_back(o.discipline);
    } else {
      clauses.push_back(ContrastClause(o, a, clauses.empty()));
      partial |= o.difference.partial;
    }
  }
  if (clauses.empty() && too_few.empty()) {
    return Lead(a.precedence, false) + "no discipline differs significantly from " + a.base +
           " (every paired 95% interval includes zero).";
  }
  if (!quiet.empty()) clauses.push_back("no significant difference under " + Listed(quiet));
  if (!too_few.empty()) {
    clauses.push_back("too few replications with deliveries to tell under " + Listed(too_few));
  }
  return Lead(a.precedence, partial) + Joined(clauses, "; ") + ".";
}

std::vector<CompareAnswer> CompareAnswers(const ExperimentResult& c) {
  std::vector<CompareAnswer> out;
  if (c.disciplines.size() < 2 || c.runs.empty()) return out;
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    CompareAnswer a;
    a.precedence = p;
    a.base = std::string(DisciplineName(c.disciplines[0]));
    a.base_mean = FigureOver(c.Runs(0, 0), p, Metric::kMean);
    for (std::size_t d = 1; d < c.disciplines.size(); ++d) {
      a.others.push_back({std::string(DisciplineName(c.disciplines[d])),
                          FigureOver(c.Runs(0, d), p, Metric::kMean),
                          DisciplineDifference(c, d, p)});
    }
    out.push_back(std::move(a));
  }
  return out;
}

std::string SweepSentence(const SweepAnswer& a) {
  // The significant steps grouped by where they were taken, in order of first appearance;
  // a step that moves the same way as the one before it in its group drops its verb.
  std::vector<std::string> wheres;
  std::vector<std::vector<std::string>> moves;
  std::vector<int> last_sign;
  std::size_t quiet = 0, too_few = 0;
  bool partial = false;
  for (const LoadStepAnswer& s : a.steps) {
    if (!Significant(s.difference)) {
      ++quiet;
      too_few += s.difference.e.n < 2;
      continue;
    }
    partial |= s.difference.partial;
    std::size_t k = 0;
    while (k < wheres.size() && wheres[k] != s.where) ++k;
    if (k == wheres.size()) {
      wheres.push_back(s.where);
      moves.emplace_back();
      last_sign.push_back(0);
    }
    const double diff = s.difference.e.mean;
    const int sign = diff > 0 ? 1 : -1;
    const bool again = sign == last_sign[k];
    last_sign[k] = sign;
    moves[k].push_back((again ? "" : std::string(diff > 0 ? "rises " : "falls ")) +
                       FormatSecondsCompact(std::fabs(diff)) + " from " +
                       (moves[k].empty() ? "load " : "") + Load(s.from) + " to " + Load(s.to));
  }
  const std::string few = too_few > 0 ? " (" + std::to_string(too_few) +
                                            " with too few replications with deliveries to tell)"
                                      : "";
  if (wheres.empty()) {
    return Lead(a.precedence, false) +
           "no step of load changes its mean significantly (no paired 95% interval excludes "
           "zero)" +
           few + ".";
  }
  std::vector<std::string> clauses;
  for (std::size_t k = 0; k < wheres.size(); ++k) {
    clauses.push_back("under " + wheres[k] + " its mean " + Joined(moves[k], " and "));
  }
  if (quiet > 0) {
    clauses.push_back((quiet == 1 ? std::string("the other step of load makes")
                                  : "the other " + std::to_string(quiet) + " steps of load make") +
                      " no significant difference" + few);
  }
  return Lead(a.precedence, partial) + Joined(clauses, "; ") + ".";
}

std::vector<SweepAnswer> SweepAnswers(const ExperimentResult& r) {
  std::vector<SweepAnswer> out;
  for (Precedence p : kReportOrder) {
    SweepAnswer a;
    a.precedence = p;
    for (std::size_t pt = 0; pt < r.points.size(); ++pt) {
      const auto previous = PreviousLoad(r, pt);
      if (!previous) continue;
      for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
        // A step where the precedence was addressed at both loads.
        if (TotalsOver(r.runs[pt][d], p).addressed == 0 ||
            TotalsOver(r.runs[*previous][d], p).addressed == 0) {
          continue;
        }
        std::string where(DisciplineName(r.disciplines[d]));
        for (std::size_t k = 0; k < r.keys.size(); ++k) {
          where += (k == 0 ? " at " : ", ") + r.keys[k] + "=" + r.points[pt].values[k];
        }
        a.steps.push_back(
            {where, r.points[*previous].load, r.points[pt].load, LoadStep(r, pt, d, p)});
      }
    }
    if (!a.steps.empty()) out.push_back(std::move(a));
  }
  return out;
}

}  // namespace cablesim
