#include "sim/report/run_csv.h"

#include <charconv>
#include <vector>

#include "sim/relay/delay_anatomy.h"
#include "sim/report/csv_field.h"
#include "sim/report/delay_parts.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

constexpr const char* kIdentityHeader = "scenario,seed,discipline,replication,";

/// The shortest text that reads back as v (as JSON writes numbers).
std::string Shortest(double v) {
  char b[32];
  const auto res = std::to_chars(b, b + sizeof b, v);
  return std::string(b, res.ptr);
}

/// The first columns of every row. A single run is no replication of an experiment: its
/// replication column is empty.
std::string Identity(const Scenario& s, const RunSummary& r) {
  return CsvField(s.name) + "," + std::to_string(r.seed) + "," +
         std::string(DisciplineName(r.discipline)) + ",,";
}

}  // namespace

std::string AddresseesCsv(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::string out = std::string(kIdentityHeader) +
                    "message,addressee,ri,precedence,info,filed,outcome,reason,delivered,"
                    "latency_s,age_s,hops,also";
  for (DelayPart p : kDelayParts) {
    out += ',';
    out += DelayPartSecondsKey(p);
  }
  out += ",classification,subject_to_correction,corrected,corrected_latency_s\n";
  const std::string id = Identity(s, r);
  const Network& net = sim.network();
  for (const AddresseeRecord& a : sim.addressees()) {
    const MessageRecord& m = sim.messages()[a.message];
    out += id + CsvField(m.id) + "," + CsvField(sim.name(a.address)) + "," +
           (a.station == kNoStation ? "" : net.station(a.station).ri) + "," +
           std::string(PrecedenceName(a.precedence)) + "," + (a.info ? "true" : "false") + "," +
           UtcTime(s, m.filed) + "," + std::string(OutcomeKey(a.outcome)) + ",";
    const bool delivered = a.outcome == Outcome::kDelivered;
    out += CsvField(std::string(OutcomeReason(a)));
    out += ",";
    if (delivered)
      out += UtcTime(s, a.delivered) + "," + FixedDecimals(LatencySeconds(sim, a), 3);
    else
      out += ",";
    out += ",";
    if (a.outcome == Outcome::kInFlight) {
      out += FixedDecimals(r.end > m.filed ? (r.end - m.filed).seconds() : 0.0, 3);
    }
    out += ",";
    if (delivered && a.delivered_by != kNone) out += HopPath(sim, a);
    out += "," + CsvField(AlsoVia(sim, a));
    for (DelayPart p : kDelayParts) {
      out += ",";
      if (delivered && a.delivered_by != kNone) {
        out += FixedDecimals(
            Duration::Nanoseconds(sim.copies()[a.delivered_by].so_far[p]).seconds(), 3);
      }
    }
    out += "," + std::string(ClassificationName(m.classification)) + "," +
           (a.subject_to_correction ? "true" : "false") + ",";
    if (a.subject_to_correction && a.corrected != SimTime::Max()) {
      out += UtcTime(s, a.corrected) + "," + FixedDecimals(CorrectedLatencySeconds(sim, a), 3);
    } else {
      out += ",";
    }
    out += "\n";
  }
  return out;
}

std::string TimeSeriesCsv(const Scenario& s, const RunSummary& r) {
  if (!r.timeseries) return "";
  const TimeSeries& ts = *r.timeseries;
  std::string out = std::string(kIdentityHeader) + "t_s,series,key,precedence,value\n";
  const std::string id = Identity(s, r);
  for (const TimeSeries::Series& series : ts.series) {
    const std::string head =
        series.name + "," + series.key + "," +
        (series.precedence ? std::string(PrecedenceName(*series.precedence)) : std::string()) + ",";
    series.values.ForEach([&](std::size_t k, std::optional<double> v) {
      if (v) out += id + Shortest(ts.t[k].seconds()) + "," + head + Shortest(*v) + "\n";
    });
  }
  return out;
}

std::string LinksCsv(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::string out = std::string(kIdentityHeader) +
                    "from,to,utilisation,busy_s,copies,max_queue,backlogged_s,interruptions,"
                    "lost,garbled,reruns,service_messages,corrections\n";
  const std::string id = Identity(s, r);
  const Network& net = sim.network();
  for (const LinkFigures& l : r.all_links) {
    out += id + net.station(net.ChannelFrom(l.channel)).ri + "," +
           net.station(net.ChannelTo(l.channel)).ri + "," + FixedDecimals(l.utilisation, 6) + "," +
           FixedDecimals(l.busy.seconds(), 3) + "," + std::to_string(l.copies) + "," +
           std::to_string(l.max_queue) + "," + FixedDecimals(l.backlogged.seconds(), 3) + "," +
           std::to_string(l.interruptions) + "," + std::to_string(l.lost) + "," +
           std::to_string(l.garbled) + "," + std::to_string(l.reruns) + "," +
           std::to_string(l.service_messages) + "," + std::to_string(l.corrections) + "\n";
  }
  return out;
}

std::string StationsCsv(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::string out = std::string(kIdentityHeader) +
                    "ri,name,kind,operators,copies_sent,delivered_here,operator_utilisation,"
                    "copies_processed,max_waiting,mean_wait_s\n";
  const std::string id = Identity(s, r);
  const Network& net = sim.network();
  for (const StationFigures& f : r.all_stations) {
    const Station& station = net.station(f.station);
    out += id + station.ri + "," + CsvField(station.name) + "," +
           std::string(StationKindName(station.kind)) + ",";
    if (f.operators > 0) {
      out += std::to_string(f.operators) + "," + std::to_string(f.copies_sent) + "," +
             std::to_string(f.delivered_here) + "," + FixedDecimals(f.utilisation, 6) + "," +
             std::to_string(f.copies) + "," + std::to_string(f.max_waiting) + "," +
             FixedDecimals(f.mean_wait_s, 3) + "\n";
    } else {
      // No limit on operators: nothing waits for one, and there is no utilisation to give.
      out +=
          "," + std::to_string(f.copies_sent) + "," + std::to_string(f.delivered_here) + ",,,,\n";
    }
  }
  return out;
}

}  // namespace cablesim
