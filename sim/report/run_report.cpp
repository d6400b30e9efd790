#include "sim/report/run_report.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstring>
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
  for (std::uint32_t k = 0; k + 1 < a.way_count; ++k) {
    const AddressedWay& w = sim.ways()[a.first_also + k];
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
  w->Key("mean_s").DoubleIf(r.delivered > 0, r.mean_s);
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
  w->Key("within_objective").DoubleIf(r.Resolved() > 0, r.WithinObjective());
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

namespace {

// "00" to "99": two digits at a time.
constexpr char kTwoDigits[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// v (0 <= v < 100) as two digits at p; returns the end.
char* TwoDigits(char* p, int v) {
  std::memcpy(p, kTwoDigits + 2 * v, 2);
  return p + 2;
}

}  // namespace

UtcText UtcTimeText(const Scenario& s, SimTime t) {
  const std::int64_t ns = t.ns();
  const std::int64_t secs = s.start_unix + ns / Duration::kNsPerSecond;
  const Dtg d = DtgFromUnixSeconds(secs);
  const std::int64_t second = ((secs % 60) + 60) % 60;
  const std::int64_t ms = ns % Duration::kNsPerSecond / 1'000'000;
  char buf[48];
  if (d.year < 0 || d.year > 9999 || ms < 0) {  // not the fixed width below: printf's forms
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02lld.%03lldZ", d.year, d.month,
                  d.day, d.hour, d.minute, static_cast<long long>(second),
                  static_cast<long long>(ms));
    return UtcText(buf, std::strlen(buf));
  }
  // Written by hand: this runs for every time a report shows (snprintf took 37% of a
  // corpus-replay run with JSON output). Always 24 characters.
  char* p = TwoDigits(buf, d.year / 100);
  p = TwoDigits(p, d.year % 100);
  *p++ = '-';
  p = TwoDigits(p, d.month);
  *p++ = '-';
  p = TwoDigits(p, d.day);
  *p++ = 'T';
  p = TwoDigits(p, d.hour);
  *p++ = ':';
  p = TwoDigits(p, d.minute);
  *p++ = ':';
  p = TwoDigits(p, static_cast<int>(second));
  *p++ = '.';
  *p++ = static_cast<char>('0' + ms / 100);
  p = TwoDigits(p, static_cast<int>(ms % 100));
  *p++ = 'Z';
  assert(p - buf == 24);
  return UtcText(buf, 24);
}

}  // namespace cablesim
