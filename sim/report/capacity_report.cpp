#include "sim/report/capacity_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report/summary_text.h"

namespace cablesim {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A load factor as the sentences give it: three decimals at most.
std::string LoadText(double load) { return Num(std::round(load * 1000) / 1000); }

std::string Names(const std::vector<Precedence>& ps, const char* separator) {
  std::string out;
  for (Precedence p : ps) out += (out.empty() ? "" : separator) + std::string(PrecedenceName(p));
  return out;
}

std::string Objective(const ExperimentResult& r, Precedence p) {
  return FormatDuration(r.objectives[static_cast<std::size_t>(p)]);
}

// " 95.55%, lower bound 94.98%": two decimals, so that a bound of 94.98% never reads 95.0%.
std::string Shares(const CapacityTrial& t) {
  char shares[96];
  std::snprintf(shares, sizeof shares, "%.2f%%, lower bound %.2f%%", 100 * t.estimate,
                100 * t.lower_bound);
  return shares;
}

// The failing load failed only because too much of its limiting precedence was unresolved
// at the end: the share of the resolved still met 95% there.
bool UnresolvedOnly(const CapacityResult& c) {
  const CapacityTrial* failed = c.Failed();
  if (!failed || !c.limiting || failed->lower_bound < 0.95) return false;
  const auto& open = failed->undetermined;
  return std::find(open.begin(), open.end(), *c.limiting) != open.end();
}

// No load passed where the precedences that failed higher up were judged.
std::string UnjudgedSentence(const ExperimentResult& r, const CapacityResult& c) {
  std::string out = "no answer: ";
  const CapacityTrial* failed = c.Failed();
  if (failed && c.limiting) {
    const std::string name(PrecedenceName(*c.limiting));
    const auto& open = failed->undetermined;
    if (std::find(open.begin(), open.end(), *c.limiting) != open.end()) {
      // It failed because too much of it was unresolved, not because it fell short.
      out += "at " + LoadText(failed->load) + " x today's traffic more than 5% of " + name +
             " was still unresolved at the end (drain the run, drain: true, to judge it), and ";
    } else {
      out += "at " + LoadText(failed->load) + " x today's traffic " + name +
             " is below 95% within " + Objective(r, *c.limiting) + " (" + Shares(*failed) +
             "), and ";
    }
  }
  out += "no load that passed judged " + Names(c.unjudged, " and ") + ": at " +
         LoadText(*c.unjudged_at) + " x, the highest, too few of " +
         (c.unjudged.size() > 1 ? "their" : "its") +
         " addressees to judge; more replications would judge it";
  return out;
}

// "1.84 x today's traffic before ROUTINE drops below 95% within 6h 00m; bottleneck RUQA>RUQH
// (97% busy)".
std::string CapacitySentence(const ExperimentResult& r, const CapacityResult& c) {
  if (!c.load && c.refused_at) {
    return "not measured: at " + Num(*c.refused_at) + " x today's traffic " + c.refused_why;
  }
  if (!c.load && c.unjudged_at) return UnjudgedSentence(r, c);
  if (!c.load) {
    return "even at " + Num(c.fails_at.value_or(0)) + " x today's traffic " +
           (c.limiting ? std::string(PrecedenceName(*c.limiting)) : std::string("a precedence")) +
           " is below 95% within objective";
  }
  std::string out = LoadText(*c.load) + " x today's traffic";
  if (c.at_least && c.refused_at) {
    out = "at least " + out + " (" + Num(*c.refused_at) + " x was not run: " + c.refused_why + ")";
  } else if (c.at_least) {
    out = "at least " + out + " (the highest load tried)";
  } else if (c.limiting) {
    const std::string name(PrecedenceName(*c.limiting));
    if (UnresolvedOnly(c)) {
      // Its share still meets 95% there: what stops the load is how much is unresolved.
      out += " before more than 5% of " + name + " is still unresolved at the end";
    } else {
      out += " before " + name + " drops below 95% within " + Objective(r, *c.limiting);
    }
    if (const CapacityTrial* failed = c.Failed()) {
      out += " (met at " + LoadText(*c.load) + " x; at " + LoadText(failed->load) + " x " +
             Shares(*failed) + (UnresolvedOnly(c) ? " of the resolved" : "") + ")";
    }
  }
  if (c.unjudged_at) {
    out += "; " + LoadText(*c.unjudged_at) +
           " x passed too but is no evidence: " + Names(c.unjudged, " and ") +
           " had too few addressees there to judge (more replications would judge it)";
  }
  if (c.bottleneck) {
    char busy[32];
    std::snprintf(busy, sizeof busy, " (%.0f%% busy)", 100 * c.bottleneck->utilisation);
    out += "; bottleneck " + ResourceName(r, *c.bottleneck) + busy;
  }
  if (!c.too_few.empty()) {
    out += "; " + Names(c.too_few, ", ") + ": too few addressees to judge at " + LoadText(*c.load) +
           " x";
  }
  const CapacityTrial* failed = c.Failed();
  if (failed && !failed->undetermined.empty() && UnresolvedOnly(c)) {
    out += "; uncertain: drain the run (drain: true) to judge " +
           std::string(PrecedenceName(*c.limiting)) + " at " + LoadText(failed->load) + " x";
  } else if (failed && !failed->undetermined.empty()) {
    out += "; uncertain: at " + LoadText(failed->load) + " x more than 5% of " +
           std::string(PrecedenceName(failed->undetermined.front())) +
           " was still unresolved at the end: drain the run (drain: true) to judge it";
  } else if (c.uncertain) {
    out +=
        "; uncertain: at the failing load the estimate still meets 95%, only its interval "
        "does not: more replications would place the answer more exactly";
  }
  return out;
}

void WritePrecedences(const char* key, const std::vector<Precedence>& ps, JsonWriter* w) {
  w->Key(key).BeginArray();
  for (Precedence p : ps) w->String(PrecedenceName(p));
  w->EndArray();
}

void WriteOptional(const char* key, const std::optional<double>& v, JsonWriter* w) {
  w->Key(key).DoubleOrNull(v);
}

}  // namespace

std::string ResourceName(const ExperimentResult& r, const ResourceLoad& load) {
  const std::string key = ResourceKey(r, load);
  return load.kind == ResourceLoad::Kind::kOperators ? key + " operators" : key;
}

std::string ResourceCell(const ExperimentResult& r, const ResourceLoad& load) {
  return ResourceName(r, load) + " " + PercentText(load.utilisation);
}

std::string ResourceKey(const ExperimentResult& r, const ResourceLoad& load) {
  const Network* net = r.network;
  if (load.kind == ResourceLoad::Kind::kOperators) {
    if (!net || load.station >= net->station_count()) return "?";
    return net->station(load.station).ri;
  }
  if (!net || load.channel >= net->channel_count()) return "?";
  return net->station(net->ChannelFrom(load.channel)).ri + ">" +
         net->station(net->ChannelTo(load.channel)).ri;
}

const char* ResourceKindKey(const ResourceLoad& load) {
  return load.kind == ResourceLoad::Kind::kOperators ? "operators" : "link";
}

std::vector<std::string> CapacityLines(const ExperimentResult& r) {
  std::vector<std::string> lines;
  for (std::size_t c = 0; c < r.capacity.size(); ++c) {
    std::string where;
    for (std::size_t k = 0; k < r.keys.size() && k < r.capacity_values[c].size(); ++k) {
      where += (where.empty() ? "" : ", ") + r.keys[k] + "=" + r.capacity_values[c][k];
    }
    for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
      lines.push_back(std::string(DisciplineName(r.disciplines[d])) +
                      (where.empty() ? "" : " (" + where + ")") + ": " +
                      CapacitySentence(r, r.capacity[c][d]));
    }
  }
  return lines;
}

void WriteCapacityJson(const ExperimentResult& r, const CapacityResult& c, JsonWriter* w) {
  WriteOptional("load", c.load, w);
  if (c.at_least) w->Key("at_least").Bool(true);
  WriteOptional("fails_at", c.fails_at, w);
  w->Key("limiting_precedence");
  if (c.limiting) {
    w->String(PrecedenceName(*c.limiting));
  } else {
    w->Null();
  }
  w->Key("bottleneck");
  if (c.bottleneck) {
    w->String(ResourceKey(r, *c.bottleneck));
    w->Key("bottleneck_kind").String(ResourceKindKey(*c.bottleneck));
    w->Key("utilisation").Double(c.bottleneck->utilisation);
  } else {
    w->Null().Key("bottleneck_kind").Null().Key("utilisation").Null();
  }
  WritePrecedences("too_few_to_judge", c.too_few, w);
  w->Key("uncertain").Bool(c.uncertain);
  w->Key("tried").BeginArray();
  for (const CapacityTrial& t : c.tried) {
    w->BeginObject().Key("load").Double(t.load).Key("passed").Bool(t.passed);
    w->Key("limiting");
    if (t.limiting) {
      w->String(PrecedenceName(*t.limiting));
    } else {
      w->Null();
    }
    w->Key("lower_bound").Double(t.lower_bound).Key("estimate").Double(t.estimate);
    WritePrecedences("too_few_to_judge", t.too_few, w);
    WritePrecedences("undetermined", t.undetermined, w);
    w->EndObject();
  }
  w->EndArray();
  if (c.refused_at) {
    w->Key("refused_at").Double(*c.refused_at).Key("refused_why").String(c.refused_why);
  }
  if (c.unjudged_at) {
    w->Key("unjudged_at").Double(*c.unjudged_at);
    WritePrecedences("unjudged", c.unjudged, w);
  }
}

}  // namespace cablesim
