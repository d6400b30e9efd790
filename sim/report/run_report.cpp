#include "sim/report/run_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <variant>

#include "sim/message/acp127_formatter.h"
#include "sim/message/dtg.h"
#include "sim/report/anatomy_report.h"
#include "sim/report/delay_parts.h"
#include "sim/report/json_writer.h"
#include "sim/report/route_dot.h"
#include "sim/report/summary_text.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

// "also": the ways the addressee was reached other than the winning one, when several.
void WriteAlsoKey(const RunView& sim, const AddresseeRecord& a, JsonWriter* w) {
  if (a.way_count < 2) return;
  w->Key("also").BeginArray();
  for (std::uint32_t k = 1; k < a.way_count; ++k) {
    const AddressedWay& way = sim.ways()[a.first_way + k];
    w->BeginObject().Key("addressee").String(sim.name(way.address));
    if (way.collective != kNone) w->Key("collective").String(sim.name(way.collective));
    w->Key("precedence").String(PrecedenceName(way.precedence)).Key("info").Bool(way.info);
    w->EndObject();
  }
  w->EndArray();
}

// "\nTITLE (N)\n  line\n..." with the first 20 lines; "" for none.
std::string ListText(const std::string& title, const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  std::string out = "\n" + title + " (" + std::to_string(lines.size()) + ")\n";
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) out += "  " + lines[i] + "\n";
  if (lines.size() > kShown) {
    out += "  ... and " + std::to_string(lines.size() - kShown) +
           " more (every one is in the JSON report)\n";
  }
  return out;
}

}  // namespace

std::vector<Hop> HopsOf(const RunView& sim, const AddresseeRecord& a) {
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

std::string HopPath(const RunView& sim, const AddresseeRecord& a) {
  const auto hops = HopsOf(sim, a);
  const Network& net = sim.network();
  std::string out = net.station(sim.messages()[a.message].origin).ri;
  for (const auto& h : hops) out += ">" + net.station(h.to).ri;
  return out;
}

std::string ConservationText(const Conservation& c) {
  return std::to_string(c.addressed) + " addressed = " + std::to_string(c.delivered) +
         " delivered + " + std::to_string(c.other_means) + " by other means + " +
         std::to_string(c.undeliverable) + " undeliverable + " + std::to_string(c.in_flight) +
         " in flight";
}

void WriteConservationKeys(const Conservation& c, JsonWriter* w) {
  w->Key("addressed").Uint(c.addressed);
  w->Key("delivered").Uint(c.delivered);
  w->Key("other_means").Uint(c.other_means);
  w->Key("undeliverable").Uint(c.undeliverable);
  w->Key("in_flight").Uint(c.in_flight);
}

std::string AlsoVia(const RunView& sim, const AddresseeRecord& a) {
  std::string out;
  for (std::uint32_t k = 1; k < a.way_count; ++k) {
    const AddressedWay& w = sim.ways()[a.first_way + k];
    if (!out.empty()) out += ", ";
    out += sim.name(w.collective != kNone ? w.collective : w.address);
    out += std::string(" (") + (w.info ? "INFO " : "TO ") +
           std::string(PrecedenceName(w.precedence)) + ")";
  }
  return out;
}

void WriteQuantileKeys(const std::string& name, const Quantile& q, JsonWriter* w) {
  w->Key(name + "_s");
  if (q.at_least) {
    w->Null();
    w->Key(name + "_at_least_s").Double(q.s);
  } else {
    w->Double(q.s);
  }
}

void WriteSummaryKeys(const PrecedenceSummary& r, Duration objective, JsonWriter* w) {
  w->Key("addressed").Uint(r.addressed);
  w->Key("delivered").Uint(r.delivered);
  w->Key("other_means").Uint(r.other_means);
  w->Key("undeliverable").Uint(r.undeliverable);
  w->Key("in_flight").Uint(r.in_flight);
  w->Key("unresolved").Uint(r.unresolved);
  // A figure that does not exist is null, never 0: no mean without a delivery, no quantile
  // without a delivery or an addressee in flight, no share without an eligible addressee.
  w->Key("mean_s");
  if (r.delivered > 0)
    w->Double(r.mean_s);
  else
    w->Null();
  if (r.in_flight > 0) w->Key("mean_excludes_in_flight").Bool(true);
  const bool timed = r.delivered + r.in_flight > 0;
  for (const auto& [name, q] : {std::pair{"p50", &r.p50}, std::pair{"p95", &r.p95},
                                std::pair{"p99", &r.p99}, std::pair{"max", &r.max}}) {
    if (timed) {
      WriteQuantileKeys(name, *q, w);
    } else {
      w->Key(std::string(name) + "_s").Null();
    }
  }
  w->Key("within_objective");
  if (r.Resolved() > 0)
    w->Double(r.WithinObjective());
  else
    w->Null();
  w->Key("objective_s").Double(objective.seconds());
}

std::string DrainText(const RunSummary& r, const Scenario& s) {
  const Duration drained = r.end > *r.arrivals_end ? r.end - *r.arrivals_end : Duration();
  std::string out = "arrivals stopped at " + FormatDuration(*r.arrivals_end) + "; ";
  if (r.completion.idle) {
    return out + "drained in " + FormatDuration(drained) + ", nothing left in flight";
  }
  return out + "stopped at the drain's limit of " + FormatDuration(s.drain.value_or(Duration())) +
         " with " + std::to_string(r.conservation.in_flight) + " addressees still in flight";
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

std::string RunReportText(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::string out;
  out += "scenario   " + s.name + (s.description.empty() ? "" : ": " + s.description) + "\n";
  out += "simulated  " + UtcTime(s, SimTime()) + " to " + UtcTime(s, r.end) + " (" +
         FormatDuration(r.end) + ")\n";
  if (r.completion.drained && r.arrivals_end) out += "drain      " + DrainText(r, s) + "\n";
  out += "run        seed " + std::to_string(r.seed) + ", discipline " +
         std::string(DisciplineName(r.discipline)) + ", " + std::to_string(r.messages) +
         " messages, " + std::to_string(r.copies) + " copies, " + std::to_string(r.events) +
         " events\n";
  for (const Fault& f : s.faults) {
    const Network& net = sim.network();
    const std::string what =
        (std::holds_alternative<StationFault>(f.what) ? "station " : "link ") + FaultWhere(net, f);
    out += "fault      " + what + " out of service from " + UtcTime(s, f.at) + " for " +
           FormatDuration(f.length) + "\n";
  }
  char line[256];
  out += SummaryTableText(r.by_precedence, s);
  out += AnatomyText(AnatomyRowsOf(r.by_precedence, r.anatomy));
  if (r.batches > 0) out += BatchMeansText(r.batch, r.by_precedence, s, r.end);
  if (r.advice_given) out += WarmupAdviceText(r.advice, s);

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
          what = "delivered " + UtcTime(s, a.delivered) + " after " +
                 FormatSeconds(LatencySeconds(sim, a));
          break;
        case Outcome::kOtherMeans:
          what = OtherMeansText(a);
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
      if (a.way_count > 1) out += "       also via " + AlsoVia(sim, a) + "\n";
    }
  }

  if (!r.slowest.empty()) {
    out += "\nslowest deliveries\n";
    for (auto id : r.slowest) {
      const auto& a = sim.addressees()[id];
      const auto& m = sim.messages()[a.message];
      std::snprintf(line, sizeof line, "  %-22s %-10s %-9s %10s  %s\n", m.id.c_str(),
                    sim.network().station(a.station).ri.c_str(),
                    std::string(PrecedenceName(a.precedence)).c_str(),
                    FormatSeconds(LatencySeconds(sim, a)).c_str(), sim.name(a.address).c_str());
      out += line;
    }
  }
  if (!r.oldest_in_flight.empty()) {
    out += "\noldest still in flight at the end\n";
    for (auto id : r.oldest_in_flight) {
      const auto& a = sim.addressees()[id];
      const auto& m = sim.messages()[a.message];
      std::snprintf(line, sizeof line, "  %-22s %-10s %-9s %10s  %s\n", m.id.c_str(),
                    sim.network().station(a.station).ri.c_str(),
                    std::string(PrecedenceName(a.precedence)).c_str(),
                    ("> " + FormatSeconds((r.end - m.filed).seconds())).c_str(),
                    sim.name(a.address).c_str());
      out += line;
    }
  }
  if (!r.links.empty()) {
    out += "\nbusiest links (one direction each)\n";
    std::snprintf(line, sizeof line, "  %-17s %11s %7s %10s %13s\n", "link", "utilisation",
                  "copies", "max queue", "interruptions");
    out += line;
    for (std::size_t i = 0; i < r.links.size() && i < kListed; ++i) {
      const LinkFigures& l = r.links[i];
      std::snprintf(line, sizeof line, "  %-17s %10.1f%% %7llu %10zu %13llu\n",
                    ChannelName(sim, l.channel).c_str(), 100 * l.utilisation,
                    static_cast<unsigned long long>(l.copies), l.max_queue,
                    static_cast<unsigned long long>(l.interruptions));
      out += line;
    }
  }
  bool procedure = false;
  for (const LinkFigures& l : r.links)
    procedure = procedure || l.lost + l.garbled + l.service_messages > 0;
  if (procedure) {
    out +=
        "\nlost and garbled transmissions (ACP 127 procedure; service messages counted on the\n"
        "direction that carried them, duplicates where they were recognised)\n";
    std::snprintf(line, sizeof line, "  %-17s %7s %8s %7s %8s %10s\n", "link", "lost", "garbled",
                  "reruns", "service", "duplicates");
    out += line;
    for (const LinkFigures& l : r.links) {
      if (l.lost + l.garbled + l.reruns + l.service_messages + l.duplicates == 0) continue;
      std::snprintf(line, sizeof line, "  %-17s %7llu %8llu %7llu %8llu %10llu\n",
                    ChannelName(sim, l.channel).c_str(), static_cast<unsigned long long>(l.lost),
                    static_cast<unsigned long long>(l.garbled),
                    static_cast<unsigned long long>(l.reruns),
                    static_cast<unsigned long long>(l.service_messages),
                    static_cast<unsigned long long>(l.duplicates));
      out += line;
    }
  }
  if (!r.backlogged.empty()) {
    out += "\nlongest queues (one direction each; copies waiting, not the one being sent)\n";
    std::snprintf(line, sizeof line, "  %-17s %9s %18s %11s\n", "link", "max queue",
                  ("time > " + std::to_string(kBacklogThreshold) + " queued").c_str(),
                  "utilisation");
    out += line;
    for (std::size_t i = 0; i < r.backlogged.size() && i < kListed; ++i) {
      const LinkFigures& l = r.backlogged[i];
      std::snprintf(line, sizeof line, "  %-17s %9zu %18s %10.1f%%\n",
                    ChannelName(sim, l.channel).c_str(), l.max_queue,
                    FormatSeconds(l.backlogged.seconds()).c_str(), 100 * l.utilisation);
      out += line;
    }
  }
  if (!r.stations.empty()) {
    out += "\nstations with a limit on operators\n";
    std::snprintf(line, sizeof line, "  %-10s %9s %11s %7s %11s %10s\n", "station", "operators",
                  "utilisation", "copies", "max waiting", "mean wait");
    out += line;
    for (const StationFigures& st : r.stations) {
      std::snprintf(line, sizeof line, "  %-10s %9u %10.1f%% %7llu %11zu %10s\n",
                    sim.network().station(st.station).ri.c_str(), st.operators,
                    100 * st.utilisation, static_cast<unsigned long long>(st.copies),
                    st.max_waiting, FormatSeconds(st.mean_wait_s).c_str());
      out += line;
    }
  }
  out += ListText("cables skipped at load (on_error: skip), not in the run", s.skipped);
  out += ListText("warnings from reading the scenario", s.warnings);
  out += "\nconservation: " + ConservationText(r.conservation) + "\n";
  for (const auto& [reason, n] : r.undeliverable_reasons) {
    out += "  undeliverable, " + reason + ": " + std::to_string(n) + "\n";
  }
  return out;
}

std::string RunReportJson(const RunView& sim, const Scenario& s, const RunSummary& r) {
  JsonWriter w;
  w.BeginObject();
  w.Key("scenario").String(s.name);
  w.Key("seed").Uint(r.seed);
  w.Key("discipline").String(DisciplineName(r.discipline));
  w.Key("start").String(UtcTime(s, SimTime()));
  w.Key("end").String(UtcTime(s, r.end));
  w.Key("messages").Uint(r.messages);
  w.Key("copies").Uint(r.copies);
  w.Key("events").Uint(r.events);
  w.Key("drain");
  if (r.completion.drained && r.arrivals_end) {
    w.BeginObject()
        .Key("arrivals_end")
        .String(UtcTime(s, *r.arrivals_end))
        .Key("limit_s")
        .Double(s.drain.value_or(Duration()).seconds())
        .Key("complete")
        .Bool(r.completion.idle)
        .EndObject();
  } else {
    w.Null();
  }
  w.Key("summary").BeginObject();
  w.Key("warmup_s").Double(s.warmup.seconds());
  if (r.batches > 0) w.Key("batches").Int(r.batches);
  w.Key("by_precedence").BeginObject();
  for (Precedence p : kReportOrder) {
    const auto k = static_cast<std::size_t>(p);
    const PrecedenceSummary& x = r.by_precedence[k];
    if (x.addressed == 0) continue;
    w.Key(PrecedenceName(p)).BeginObject();
    WriteSummaryKeys(x, s.objectives[k], &w);
    w.Key("warmup_suggested_s");
    if (r.advice_given && r.advice[k].Enough() && !r.advice[k].at_edge)
      w.Double(r.advice[k].suggested_s);
    else
      w.Null();
    if (r.batches > 0) {
      const BatchSummary& b = r.batch[k];
      auto interval = [&](const Estimate& e) {
        if (e.n < 2)
          w.Null();
        else
          w.BeginArray().Double(e.lo).Double(e.hi).EndArray();
      };
      w.Key("batches_with_deliveries").Int(b.mean.n);
      w.Key("batch_mean_s").Double(b.mean.mean);
      w.Key("mean_ci_s");
      interval(b.mean);
      w.Key("batch_p95_s").Double(b.p95.mean);
      w.Key("p95_ci_s");
      if (b.p95_censored)
        w.Null();
      else
        interval(b.p95);
      w.Key("lag1_autocorrelation").Double(b.lag1);
    }
    w.EndObject();
  }
  w.EndObject();
  w.Key("anatomy").BeginObject();
  for (Precedence p : kReportOrder) {
    const auto k = static_cast<std::size_t>(p);
    if (r.by_precedence[k].addressed == 0) continue;
    w.Key(PrecedenceName(p)).BeginObject();
    WriteAnatomyKeys(r.anatomy[k], &w);
    w.EndObject();
  }
  w.EndObject().EndObject();
  w.Key("skipped").BeginArray();
  for (const auto& skipped : s.skipped) w.String(skipped);
  w.EndArray();
  w.Key("warnings").BeginArray();
  for (const auto& warning : s.warnings) w.String(warning);
  w.EndArray();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(r.conservation, &w);
  w.Key("undeliverable_reasons").BeginObject();
  for (const auto& [reason, n] : r.undeliverable_reasons) w.Key(reason).Uint(n);
  w.EndObject().EndObject();
  w.Key("backlog_threshold").Uint(kBacklogThreshold);
  w.Key("links").BeginArray();
  const Network& net = sim.network();
  for (const LinkFigures& l : r.links) {
    w.BeginObject()
        .Key("from")
        .String(net.station(net.ChannelFrom(l.channel)).ri)
        .Key("to")
        .String(net.station(net.ChannelTo(l.channel)).ri)
        .Key("utilisation")
        .Double(l.utilisation)
        .Key("copies")
        .Uint(l.copies)
        .Key("max_queue")
        .Uint(l.max_queue)
        .Key("backlogged_s")
        .Double(l.backlogged.seconds())
        .Key("interruptions")
        .Uint(l.interruptions)
        .Key("lost")
        .Uint(l.lost)
        .Key("garbled")
        .Uint(l.garbled)
        .Key("reruns")
        .Uint(l.reruns)
        .Key("service_messages")
        .Uint(l.service_messages)
        .Key("duplicates")
        .Uint(l.duplicates)
        .EndObject();
  }
  w.EndArray();
  w.Key("stations").BeginArray();
  for (const StationFigures& st : r.stations) {
    w.BeginObject()
        .Key("ri")
        .String(net.station(st.station).ri)
        .Key("operators")
        .Uint(st.operators)
        .Key("utilisation")
        .Double(st.utilisation)
        .Key("copies")
        .Uint(st.copies)
        .Key("max_waiting")
        .Uint(st.max_waiting)
        .Key("mean_wait_s")
        .Double(st.mean_wait_s)
        .EndObject();
  }
  w.EndArray();
  w.Key("deliveries").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered) continue;
    const auto& m = sim.messages()[a.message];
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
    WriteAlsoKey(sim, a, &w);
    if (a.delivered_by != kNone) {
      const DelayAnatomy& parts = sim.copies()[a.delivered_by].so_far;
      w.Key("anatomy").BeginObject();
      for (DelayPart p : kDelayParts) {
        w.Key(std::string(DelayPartInfo(p).key) + "_s")
            .Double(Duration::Nanoseconds(parts[p]).seconds());
      }
      w.EndObject();
    }
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
  w.Key("other_means").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kOtherMeans) continue;
    w.BeginObject()
        .Key("message")
        .String(sim.messages()[a.message].id)
        .Key("addressee")
        .String(sim.name(a.address))
        .EndObject();
  }
  w.EndArray();
  if (r.timeseries) {
    const TimeSeries& ts = *r.timeseries;
    w.Key("timeseries").BeginObject().Key("step_s").Double(ts.step.seconds());
    w.Key("t_s").BeginArray();
    for (SimTime t : ts.t) w.Double(t.seconds());
    w.EndArray().Key("series").BeginArray();
    for (const TimeSeries::Series& series : ts.series) {
      w.BeginObject().Key("series").String(series.name).Key("key").String(series.key);
      w.Key("precedence");
      if (series.precedence)
        w.String(PrecedenceName(*series.precedence));
      else
        w.Null();
      w.Key("values").BeginArray();
      for (const auto& v : series.values) {
        if (v)
          w.Double(*v);
        else
          w.Null();
      }
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
  }
  w.Key("in_flight").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kInFlight) continue;
    const MessageRecord& m = sim.messages()[a.message];
    w.BeginObject()
        .Key("message")
        .String(m.id)
        .Key("addressee")
        .String(sim.name(a.address))
        .Key("precedence")
        .String(PrecedenceName(a.precedence))
        .Key("age_s")
        .Double(r.end > m.filed ? (r.end - m.filed).seconds() : 0.0)
        .EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str() + "\n";
}

}  // namespace cablesim
