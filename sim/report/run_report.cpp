#include "sim/report/run_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "sim/message/acp127_formatter.h"
#include "sim/message/dtg.h"
#include "sim/report/json_writer.h"

namespace cablesim {
namespace {

constexpr Precedence kReportOrder[] = {Precedence::kEmergencyCommand, Precedence::kFlash,
                                       Precedence::kImmediate, Precedence::kPriority,
                                       Precedence::kRoutine};

bool Counted(const RelaySimulation& sim, const Scenario& s, const AddresseeRecord& a) {
  return a.outcome == Outcome::kDelivered &&
         sim.messages()[a.message].filed >= SimTime() + s.warmup;
}

double LatencySeconds(const RelaySimulation& sim, const AddresseeRecord& a) {
  return (a.delivered - sim.messages()[a.message].filed).seconds();
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Human(double seconds) { return FormatDuration(Duration::FromSecondsRounded(seconds)); }

struct LinkRow {
  ChannelId channel;
  double utilisation;
};

std::vector<LinkRow> LinksByUtilisation(const RelaySimulation& sim) {
  const double span = sim.now().seconds();
  std::vector<LinkRow> rows;
  for (ChannelId c = 0; c < sim.channel_stats().size(); ++c) {
    const auto& st = sim.channel_stats()[c];
    if (st.copies_sent == 0 && st.busy == Duration() && st.max_queue == 0) continue;
    rows.push_back({c, span > 0 ? st.busy.seconds() / span : 0});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const LinkRow& a, const LinkRow& b) {
    return a.utilisation > b.utilisation;
  });
  return rows;
}

std::string ChannelName(const RelaySimulation& sim, ChannelId c) {
  const Network& net = sim.network();
  return net.station(net.ChannelFrom(c)).ri + ">" + net.station(net.ChannelTo(c)).ri;
}

/// Stations with an operator limit, in station order.
std::vector<StationId> StationsWithOperators(const RelaySimulation& sim) {
  std::vector<StationId> out;
  for (StationId st = 0; st < sim.network().station_count(); ++st) {
    if (sim.network().station(st).operators > 0) out.push_back(st);
  }
  return out;
}

/// The share of the operators' time spent on copies since the start of the run.
double OperatorUtilisation(const RelaySimulation& sim, StationId id) {
  const double capacity =
      sim.now().seconds() * static_cast<double>(sim.network().station(id).operators);
  return capacity > 0 ? sim.station_stats()[id].busy.seconds() / capacity : 0;
}

double MeanWaitSeconds(const StationStats& st) {
  return st.processed > 0 ? st.waited.seconds() / static_cast<double>(st.processed) : 0;
}

std::map<std::string, std::uint64_t> UndeliverableReasons(const RelaySimulation& sim) {
  std::map<std::string, std::uint64_t> out;
  for (const auto& a : sim.addressees()) {
    if (a.outcome == Outcome::kUndeliverable) ++out[std::string(UndeliverableReason(a.reason))];
  }
  return out;
}

std::vector<std::uint32_t> SlowestDeliveries(const RelaySimulation& sim, const Scenario& s,
                                             std::size_t n) {
  std::vector<std::uint32_t> ids;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    if (Counted(sim, s, sim.addressees()[i])) ids.push_back(i);
  }
  std::stable_sort(ids.begin(), ids.end(), [&](std::uint32_t x, std::uint32_t y) {
    return LatencySeconds(sim, sim.addressees()[x]) > LatencySeconds(sim, sim.addressees()[y]);
  });
  if (ids.size() > n) ids.resize(n);
  return ids;
}

}  // namespace

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  if (rank < 1) rank = 1;
  return sorted[std::min(rank, sorted.size()) - 1];
}

std::array<std::vector<double>, kPrecedenceCount> LatenciesByPrecedence(const RelaySimulation& sim,
                                                                        const Scenario& s) {
  std::array<std::vector<double>, kPrecedenceCount> out;
  for (const auto& a : sim.addressees()) {
    if (Counted(sim, s, a)) out[static_cast<int>(a.precedence)].push_back(LatencySeconds(sim, a));
  }
  for (auto& v : out) std::sort(v.begin(), v.end());
  return out;
}

std::array<LatencySummary, kPrecedenceCount> SummarizeLatency(const RelaySimulation& sim,
                                                              const Scenario& s) {
  const auto lat = LatenciesByPrecedence(sim, s);
  std::array<LatencySummary, kPrecedenceCount> out;
  for (int p = 0; p < kPrecedenceCount; ++p) {
    const auto& v = lat[static_cast<std::size_t>(p)];
    LatencySummary& r = out[static_cast<std::size_t>(p)];
    r.count = v.size();
    if (v.empty()) continue;
    r.mean_s = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    r.p50_s = Percentile(v, 50);
    r.p95_s = Percentile(v, 95);
    r.p99_s = Percentile(v, 99);
    r.max_s = v.back();
    const double objective = s.objectives[static_cast<std::size_t>(p)].seconds();
    const auto within = std::upper_bound(v.begin(), v.end(), objective) - v.begin();
    r.within_objective = static_cast<double>(within) / static_cast<double>(v.size());
  }
  return out;
}

std::vector<Hop> HopsOf(const RelaySimulation& sim, const AddresseeRecord& a) {
  std::vector<Hop> hops;
  const Network& net = sim.network();
  for (std::uint32_t c = a.delivered_by; c != kNone; c = sim.copies()[c].parent) {
    const CopyRecord& r = sim.copies()[c];
    if (r.channel == kNone) continue;
    hops.push_back(
        {r.from, net.ChannelTo(r.channel), r.queued, r.tx_start, r.tx_end, r.interruptions, c});
  }
  std::reverse(hops.begin(), hops.end());
  return hops;
}

std::string HopPath(const RelaySimulation& sim, const AddresseeRecord& a) {
  const auto hops = HopsOf(sim, a);
  const Network& net = sim.network();
  std::string out = net.station(sim.messages()[a.message].origin).ri;
  for (const auto& h : hops) out += ">" + net.station(h.to).ri;
  return out;
}

std::string ConservationText(const RelaySimulation::Conservation& c) {
  return std::to_string(c.addressed) + " addressed = " + std::to_string(c.delivered) +
         " delivered + " + std::to_string(c.undeliverable) + " undeliverable + " +
         std::to_string(c.in_flight) + " in flight";
}

void WriteConservationKeys(const RelaySimulation::Conservation& c, JsonWriter* w) {
  w->Key("addressed").Uint(c.addressed);
  w->Key("delivered").Uint(c.delivered);
  w->Key("undeliverable").Uint(c.undeliverable);
  w->Key("in_flight").Uint(c.in_flight);
}

std::string UtcTime(const Scenario& s, SimTime t) {
  const std::int64_t ns = t.ns();
  const std::int64_t secs = s.start_unix + ns / Duration::kNsPerSecond;
  const Dtg d = DtgFromUnixSeconds(secs);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02lld.%03lldZ", d.year, d.month, d.day,
                d.hour, d.minute, static_cast<long long>(((secs % 60) + 60) % 60),
                static_cast<long long>(ns % Duration::kNsPerSecond / 1'000'000));
  return buf;
}

std::string RunReportText(const RelaySimulation& sim, const Scenario& s, std::uint64_t seed,
                          Discipline discipline) {
  std::string out;
  const auto c = sim.Count();
  out += "scenario   " + s.name + (s.description.empty() ? "" : ": " + s.description) + "\n";
  out += "simulated  " + UtcTime(s, SimTime()) + " to " + UtcTime(s, sim.now()) + " (" +
         FormatDuration(sim.now()) + ")\n";
  out += "run        seed " + std::to_string(seed) + ", discipline " +
         std::string(DisciplineName(discipline)) + ", " + std::to_string(sim.messages().size()) +
         " messages, " + std::to_string(sim.copies_made()) + " copies, " +
         std::to_string(sim.events()) + " events\n";
  if (s.warmup > Duration()) {
    out += "warm-up    " + FormatDuration(s.warmup) +
           ": messages filed earlier are not in the "
           "latency table\n";
  }
  out += "\nfiling to delivery, by addressee precedence\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-18s %7s %10s %10s %10s %10s %10s %9s\n", "precedence",
                "count", "mean", "p50", "p95", "p99", "max", "in obj.");
  out += line;
  const auto summary = SummarizeLatency(sim, s);
  for (Precedence p : kReportOrder) {
    const auto& r = summary[static_cast<std::size_t>(p)];
    if (r.count == 0) continue;
    std::snprintf(line, sizeof line, "%-18s %7llu %10s %10s %10s %10s %10s %8.1f%%\n",
                  std::string(PrecedenceName(p)).c_str(), static_cast<unsigned long long>(r.count),
                  Human(r.mean_s).c_str(), Human(r.p50_s).c_str(), Human(r.p95_s).c_str(),
                  Human(r.p99_s).c_str(), Human(r.max_s).c_str(), 100 * r.within_objective);
    out += line;
  }
  out += "objectives";
  for (Precedence p : kReportOrder) {
    if (summary[static_cast<std::size_t>(p)].count) {
      out += " " + std::string(PrecedenceName(p)) + " " +
             FormatDuration(s.objectives[static_cast<std::size_t>(p)]);
    }
  }
  out += "\n";

  // The cables of the scenario, addressee by addressee (the first few, for a person).
  int cables_shown = 0;
  for (const auto& m : sim.messages()) {
    if (!m.cable || ++cables_shown > 3) continue;
    out += "\ncable " + m.id + " (" + m.cable->reference + "), filed " + UtcTime(s, m.filed) + "\n";
    for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
      const auto& a = sim.addressees()[m.first_addressee + k];
      std::string what;
      switch (a.outcome) {
        case Outcome::kDelivered:
          what = "delivered " + UtcTime(s, a.delivered) + " after " + Human(LatencySeconds(sim, a));
          break;
        case Outcome::kUndeliverable:
          what = "undeliverable: " + std::string(UndeliverableReason(a.reason));
          break;
        case Outcome::kInFlight:
          what = "in flight at the end of the run";
          break;
      }
      const std::string via = a.collective != kNone ? " [" + sim.name(a.collective) + "]" : "";
      std::snprintf(line, sizeof line, "  %-4s %-8s %-9s %-28s %s%s\n", a.info ? "INFO" : "TO",
                    a.station == kNoStation ? "-" : sim.network().station(a.station).ri.c_str(),
                    std::string(PrecedenceName(a.precedence)).c_str(),
                    sim.name(a.address).substr(0, 28).c_str(), what.c_str(), via.c_str());
      out += line;
    }
  }

  const auto slow = SlowestDeliveries(sim, s, 5);
  if (!slow.empty()) {
    out += "\nslowest deliveries\n";
    for (auto id : slow) {
      const auto& a = sim.addressees()[id];
      const auto& m = sim.messages()[a.message];
      std::snprintf(line, sizeof line, "  %-22s %-10s %-9s %10s  %s\n", m.id.c_str(),
                    sim.network().station(a.station).ri.c_str(),
                    std::string(PrecedenceName(a.precedence)).c_str(),
                    Human(LatencySeconds(sim, a)).c_str(), sim.name(a.address).c_str());
      out += line;
    }
  }
  const auto links = LinksByUtilisation(sim);
  if (!links.empty()) {
    out += "\nbusiest links (one direction each)\n";
    std::snprintf(line, sizeof line, "  %-17s %11s %7s %10s %13s\n", "link", "utilisation",
                  "copies", "max queue", "interruptions");
    out += line;
    for (std::size_t i = 0; i < links.size() && i < 8; ++i) {
      const auto& st = sim.channel_stats()[links[i].channel];
      std::snprintf(line, sizeof line, "  %-17s %10.1f%% %7llu %10zu %13llu\n",
                    ChannelName(sim, links[i].channel).c_str(), 100 * links[i].utilisation,
                    static_cast<unsigned long long>(st.copies_sent), st.max_queue,
                    static_cast<unsigned long long>(st.interruptions));
      out += line;
    }
  }
  const auto staffed = StationsWithOperators(sim);
  if (!staffed.empty()) {
    out += "\nstations with a limit on operators\n";
    std::snprintf(line, sizeof line, "  %-10s %9s %11s %7s %11s %10s\n", "station", "operators",
                  "utilisation", "copies", "max waiting", "mean wait");
    out += line;
    for (const StationId id : staffed) {
      const auto& st = sim.station_stats()[id];
      std::snprintf(line, sizeof line, "  %-10s %9u %10.1f%% %7llu %11zu %10s\n",
                    sim.network().station(id).ri.c_str(), sim.network().station(id).operators,
                    100 * OperatorUtilisation(sim, id),
                    static_cast<unsigned long long>(st.processed), st.max_waiting,
                    Human(MeanWaitSeconds(st)).c_str());
      out += line;
    }
  }
  out += "\nconservation: " + ConservationText(c) + "\n";
  for (const auto& [reason, n] : UndeliverableReasons(sim)) {
    out += "  undeliverable, " + reason + ": " + std::to_string(n) + "\n";
  }
  return out;
}

std::string RunReportJson(const RelaySimulation& sim, const Scenario& s, std::uint64_t seed,
                          Discipline discipline) {
  JsonWriter w;
  const auto c = sim.Count();
  w.BeginObject();
  w.Key("scenario").String(s.name);
  w.Key("seed").Uint(seed);
  w.Key("discipline").String(DisciplineName(discipline));
  w.Key("start").String(UtcTime(s, SimTime()));
  w.Key("end").String(UtcTime(s, sim.now()));
  w.Key("messages").Uint(sim.messages().size());
  w.Key("copies").Uint(sim.copies_made());
  w.Key("events").Uint(sim.events());
  w.Key("summary").BeginObject().Key("by_precedence").BeginObject();
  const auto summary = SummarizeLatency(sim, s);
  for (Precedence p : kReportOrder) {
    const auto& r = summary[static_cast<std::size_t>(p)];
    if (r.count == 0) continue;
    w.Key(PrecedenceName(p))
        .BeginObject()
        .Key("count")
        .Uint(r.count)
        .Key("mean_s")
        .Double(r.mean_s)
        .Key("p50_s")
        .Double(r.p50_s)
        .Key("p95_s")
        .Double(r.p95_s)
        .Key("p99_s")
        .Double(r.p99_s)
        .Key("max_s")
        .Double(r.max_s)
        .Key("within_objective")
        .Double(r.within_objective)
        .Key("objective_s")
        .Double(s.objectives[static_cast<std::size_t>(p)].seconds())
        .EndObject();
  }
  w.EndObject().EndObject();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(c, &w);
  w.Key("undeliverable_reasons").BeginObject();
  for (const auto& [reason, n] : UndeliverableReasons(sim)) w.Key(reason).Uint(n);
  w.EndObject().EndObject();
  w.Key("links").BeginArray();
  for (const auto& row : LinksByUtilisation(sim)) {
    const auto& st = sim.channel_stats()[row.channel];
    const Network& net = sim.network();
    w.BeginObject()
        .Key("from")
        .String(net.station(net.ChannelFrom(row.channel)).ri)
        .Key("to")
        .String(net.station(net.ChannelTo(row.channel)).ri)
        .Key("utilisation")
        .Double(row.utilisation)
        .Key("copies")
        .Uint(st.copies_sent)
        .Key("max_queue")
        .Uint(st.max_queue)
        .Key("interruptions")
        .Uint(st.interruptions)
        .EndObject();
  }
  w.EndArray();
  w.Key("stations").BeginArray();
  for (const StationId id : StationsWithOperators(sim)) {
    const auto& st = sim.station_stats()[id];
    w.BeginObject()
        .Key("ri")
        .String(sim.network().station(id).ri)
        .Key("operators")
        .Uint(sim.network().station(id).operators)
        .Key("utilisation")
        .Double(OperatorUtilisation(sim, id))
        .Key("copies")
        .Uint(st.processed)
        .Key("max_waiting")
        .Uint(st.max_waiting)
        .Key("mean_wait_s")
        .Double(MeanWaitSeconds(st))
        .EndObject();
  }
  w.EndArray();
  w.Key("deliveries").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered) continue;
    const auto& m = sim.messages()[a.message];
    const Network& net = sim.network();
    w.BeginObject()
        .Key("message")
        .String(m.id)
        .Key("addressee")
        .String(sim.name(a.address))
        .Key("ri")
        .String(net.station(a.station).ri)
        .Key("precedence")
        .String(PrecedenceName(a.precedence))
        .Key("info")
        .Bool(a.info)
        .Key("filed")
        .String(UtcTime(s, m.filed))
        .Key("delivered")
        .String(UtcTime(s, a.delivered))
        .Key("latency_s")
        .Double(LatencySeconds(sim, a));
    if (a.collective != kNone) w.Key("collective").String(sim.name(a.collective));
    w.Key("hops").BeginArray();
    for (const auto& h : HopsOf(sim, a)) {
      w.BeginObject()
          .Key("from")
          .String(net.station(h.from).ri)
          .Key("to")
          .String(net.station(h.to).ri)
          .Key("queued")
          .String(UtcTime(s, h.queued))
          .Key("start")
          .String(UtcTime(s, h.start))
          .Key("end")
          .String(UtcTime(s, h.end))
          .Key("interruptions")
          .Uint(h.interruptions)
          .EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
  w.Key("undeliverable").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kUndeliverable) continue;
    w.BeginObject()
        .Key("message")
        .String(sim.messages()[a.message].id)
        .Key("addressee")
        .String(sim.name(a.address))
        .Key("reason")
        .String(UndeliverableReason(a.reason))
        .EndObject();
  }
  w.EndArray();
  w.Key("in_flight").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kInFlight) continue;
    w.BeginObject()
        .Key("message")
        .String(sim.messages()[a.message].id)
        .Key("addressee")
        .String(sim.name(a.address))
        .EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

std::string DeliveriesCsv(const RelaySimulation& sim, const Scenario& s) {
  auto quote = [](const std::string& v) {
    if (v.find_first_of(",\"\n") == std::string::npos) return v;
    std::string out = "\"";
    for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return out + "\"";
  };
  std::string out = "message,addressee,ri,precedence,info,filed,delivered,latency_s,hops\n";
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered) continue;
    const auto& m = sim.messages()[a.message];
    out += quote(m.id) + "," + quote(sim.name(a.address)) + "," +
           sim.network().station(a.station).ri + "," + std::string(PrecedenceName(a.precedence)) +
           "," + (a.info ? "true" : "false") + "," + UtcTime(s, m.filed) + "," +
           UtcTime(s, a.delivered) + "," + Fixed(LatencySeconds(sim, a), 3) + "," +
           HopPath(sim, a) + "\n";
  }
  return out;
}

}  // namespace cablesim
