// The run's report as JSON (run_report.h WriteRunJson), streamed member by member: the head
// and drain, the summary by precedence with the anatomy, what was skipped and warned of, the
// conservation, every link direction that did anything and every staffed station, every
// delivery with its anatomy and hops, every undeliverable, by other means and in-flight
// addressee, and the time series when recorded. Every figure is the summary's.
#include <ostream>
#include <sstream>

#include "sim/report/anatomy_report.h"
#include "sim/report/delay_parts.h"
#include "sim/report/json_writer.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

// "also": the ways the addressee was reached other than the winning one, when several.
void WriteAlsoKey(const RunView& sim, const AddresseeRecord& a, JsonWriter* w) {
  if (a.way_count < 2) return;
  w->Key("also").BeginArray();
  for (std::uint32_t k = 0; k + 1 < a.way_count; ++k) {
    const AddressedWay& way = sim.ways()[a.first_also + k];
    w->BeginObject().Key("addressee").String(sim.name(way.address));
    if (way.collective != kNone) w->Key("collective").String(sim.name(way.collective));
    w->Key("precedence").String(PrecedenceName(way.precedence)).Key("info").Bool(way.info);
    w->EndObject();
  }
  w->EndArray();
}

void WriteHead(const Scenario& s, const RunSummary& r, JsonWriter& w) {
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
}

// A precedence's batch means, when the run was asked for them.
void WriteBatchKeys(const BatchSummary& b, JsonWriter& w) {
  // A figure that does not exist is null: no mean without a batch with deliveries, no
  // interval below two, no lag-1 correlation below three; a p95 that is a lower bound is
  // written as the quantiles' are ("batch_p95_s":null,"batch_p95_at_least_s":X).
  auto interval = [&](const Estimate& e) { w.IntervalIf(e.n >= 2, e.lo, e.hi); };
  w.Key("batches_with_deliveries").Int(b.mean.n);
  w.Key("batch_mean_s").DoubleIf(b.mean.n > 0, b.mean.mean);
  w.Key("mean_ci_s");
  interval(b.mean);
  w.Key("batch_p95_s").DoubleIf(b.p95.n > 0 && !b.p95_censored, b.p95.mean);
  if (b.p95_censored) w.Key("batch_p95_at_least_s").Double(b.p95.mean);
  w.Key("p95_ci_s");
  if (b.p95_censored)
    w.Null();
  else
    interval(b.p95);
  w.Key("lag1_autocorrelation").DoubleIf(LagOneKnown(b), b.lag1);
}

void WriteSummary(const Scenario& s, const RunSummary& r, JsonWriter& w) {
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
    w.Key("warmup_suggested_s")
        .DoubleIf(r.advice_given && r.advice[k].Enough() && !r.advice[k].at_edge,
                  r.advice[k].suggested_s);
    if (r.batches > 0) WriteBatchKeys(r.batch[k], w);
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
}

void WriteNotesAndConservation(const Scenario& s, const RunSummary& r, JsonWriter& w) {
  w.Key("skipped").BeginArray();
  for (const auto& skipped : s.skipped) w.String(skipped);
  w.EndArray();
  w.Key("warnings").BeginArray();
  for (const auto& warning : s.warnings) w.String(warning);
  w.EndArray();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(r.conservation, &w);
  w.Key("undeliverable_reasons").BeginObject();
  for (const auto& [reason, n] : ReasonsByWord(r.undeliverable_reasons)) w.Key(reason).Uint(n);
  w.EndObject().EndObject();
  w.Key("corrections").BeginObject();
  w.Key("made").Uint(r.corrections.made);
  w.Key("subject_to_correction").Uint(r.corrections.subject_to_correction);
  w.Key("corrected").Uint(r.corrections.corrected);
  w.EndObject();
}

void WriteLinksAndStations(const Network& net, const RunSummary& r, JsonWriter& w) {
  w.Key("backlog_threshold").Uint(kBacklogThreshold);
  w.Key("links").BeginArray();
  for (const LinkFigures& l : r.links) {
    w.BeginObject();
    WriteLinkKeys(net, l, &w);
    w.EndObject();
  }
  w.EndArray();
  w.Key("stations").BeginArray();
  for (const StationFigures& st : r.stations) {
    w.BeginObject();
    WriteStationKeys(net, st, &w);
    w.EndObject();
  }
  w.EndArray();
}

// One delivery: who, when, how long, by what way, where its time went and its hops.
void WriteDelivery(const RunView& sim, const Scenario& s, const AddresseeRecord& a, JsonWriter& w) {
  const Network& net = sim.network();
  const auto& m = sim.messages()[a.message];
  w.BeginObject();
  w.Key("message").String(m.id);
  w.Key("addressee").String(sim.name(a.address));
  w.Key("ri").String(net.station(a.station).ri);
  w.Key("precedence").String(PrecedenceName(a.precedence));
  w.Key("info").Bool(a.info);
  w.Key("filed").PlainString(UtcTimeText(s, m.filed));
  w.Key("delivered").PlainString(UtcTimeText(s, a.delivered));
  w.Key("latency_s").Double(LatencySeconds(sim, a));
  if (a.subject_to_correction) {
    // Delivered first subject to correction: the corrected copy's time beside it (null
    // until it comes).
    w.Key("subject_to_correction").Bool(true);
    if (a.corrected == SimTime::Max()) {
      w.Key("corrected").Null();
      w.Key("corrected_latency_s").Null();
    } else {
      w.Key("corrected").PlainString(UtcTimeText(s, a.corrected));
      w.Key("corrected_latency_s").Double(CorrectedLatencySeconds(sim, a));
    }
  }
  if (a.collective != kNone) w.Key("collective").String(sim.name(a.collective));
  WriteAlsoKey(sim, a, &w);
  if (a.delivered_by != kNone) {
    const DelayAnatomy& parts = sim.copies()[a.delivered_by].so_far;
    w.Key("anatomy").BeginObject();
    for (DelayPart p : kDelayParts) {
      w.Key(DelayPartSecondsKey(p)).Double(Duration::Nanoseconds(parts[p]).seconds());
    }
    w.EndObject();
  }
  w.Key("hops").BeginArray();
  for (const auto& h : HopsOf(sim, a)) {
    w.BeginObject();
    w.Key("from").String(net.station(h.from).ri);
    w.Key("to").String(net.station(h.to).ri);
    w.Key("queued").PlainString(UtcTimeText(s, h.queued));
    w.Key("start").PlainString(UtcTimeText(s, h.start));
    w.Key("end").PlainString(UtcTimeText(s, h.end));
    w.Key("interruptions").Uint(h.interruptions);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

// Every addressee by its outcome: deliveries, undeliverable, by other means.
void WriteOutcomes(const RunView& sim, const Scenario& s, JsonWriter& w) {
  w.Key("deliveries").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome == Outcome::kDelivered) WriteDelivery(sim, s, a, w);
  }
  w.EndArray();
  w.Key("undeliverable").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kUndeliverable) continue;
    w.BeginObject();
    w.Key("message").String(sim.messages()[a.message].id);
    w.Key("addressee").String(sim.name(a.address));
    w.Key("reason").String(UndeliverableReason(a.reason));
    w.EndObject();
  }
  w.EndArray();
  w.Key("other_means").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kOtherMeans) continue;
    w.BeginObject();
    w.Key("message").String(sim.messages()[a.message].id);
    w.Key("addressee").String(sim.name(a.address));
    w.EndObject();
  }
  w.EndArray();
}

void WriteTimeSeries(const TimeSeries& ts, JsonWriter& w) {
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
      w.DoubleOrNull(v);
    }
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

void WriteInFlight(const RunView& sim, const RunSummary& r, JsonWriter& w) {
  w.Key("in_flight").BeginArray();
  for (const auto& a : sim.addressees()) {
    if (a.outcome != Outcome::kInFlight) continue;
    const MessageRecord& m = sim.messages()[a.message];
    w.BeginObject();
    w.Key("message").String(m.id);
    w.Key("addressee").String(sim.name(a.address));
    w.Key("precedence").String(PrecedenceName(a.precedence));
    w.Key("age_s").Double(r.end > m.filed ? (r.end - m.filed).seconds() : 0.0);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void WriteLinkKeys(const Network& net, const LinkFigures& l, JsonWriter* w) {
  w->Key("from").String(net.station(net.ChannelFrom(l.channel)).ri);
  w->Key("to").String(net.station(net.ChannelTo(l.channel)).ri);
  w->Key("utilisation").Double(l.utilisation);
  w->Key("copies").Uint(l.copies);
  w->Key("max_queue").Uint(l.max_queue);
  w->Key("backlogged_s").Double(l.backlogged.seconds());
  w->Key("interruptions").Uint(l.interruptions);
  w->Key("lost").Uint(l.lost);
  w->Key("garbled").Uint(l.garbled);
  w->Key("reruns").Uint(l.reruns);
  w->Key("service_messages").Uint(l.service_messages);
  w->Key("corrections").Uint(l.corrections);
}

void WriteStationKeys(const Network& net, const StationFigures& st, JsonWriter* w) {
  w->Key("ri").String(net.station(st.station).ri);
  w->Key("operators").Uint(st.operators);
  w->Key("utilisation").Double(st.utilisation);
  w->Key("copies").Uint(st.copies);
  w->Key("max_waiting").Uint(st.max_waiting);
  w->Key("mean_wait_s").Double(st.mean_wait_s);
}

void WriteRunJson(std::ostream& out, const RunView& sim, const Scenario& s, const RunSummary& r) {
  {
    JsonWriter w(out);
    w.BeginObject();
    WriteHead(s, r, w);
    WriteSummary(s, r, w);
    WriteNotesAndConservation(s, r, w);
    WriteLinksAndStations(sim.network(), r, w);
    WriteOutcomes(sim, s, w);
    if (r.timeseries) WriteTimeSeries(*r.timeseries, w);
    WriteInFlight(sim, r, w);
    w.EndObject();
  }  // written out
  out << "\n";
}

std::string RunFiguresJson(const Scenario& s, const RunSummary& r) {
  std::ostringstream out;
  {
    JsonWriter w(out);
    w.BeginObject();
    WriteHead(s, r, w);
    WriteSummary(s, r, w);
    WriteNotesAndConservation(s, r, w);
    w.EndObject();
  }  // written out
  return out.str();
}

std::string RunReportJson(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::ostringstream out;
  WriteRunJson(out, sim, s, r);
  return out.str();
}

}  // namespace cablesim
