#include "sim/report/message_trace.h"

#include <algorithm>
#include <cstdio>

#include "sim/message/acp127_formatter.h"
#include "sim/message/dtg.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"

namespace cablesim {

namespace {

// The heading a station sends for the message: the cable's own (or one made from the
// records), with FL4 for its classification; each hop then sets its transmission id and FL2.
Message BaseHeading(const RunView& sim, const Scenario& s, std::uint32_t message) {
  const MessageRecord& m = sim.messages()[message];
  const Network& net = sim.network();
  Message base;
  if (m.cable) {
    base = *m.cable;
  } else {
    base.station_ri = m.origin == kNoStation ? "" : net.station(m.origin).ri;
    base.station_serial = std::to_string(1000 + message % 9000);
    const Dtg filed = DtgFromUnixSeconds(s.start_unix + m.filed.ns() / Duration::kNsPerSecond);
    base.filed_julian_day = JulianDay(filed);
    char hhmm[8];
    std::snprintf(hhmm, sizeof hhmm, "%02d%02d", filed.hour, filed.minute);
    base.filed_time = hhmm;
    base.dtg = filed;
    base.action_precedence = base.info_precedence = m.precedence;
    base.from = m.origin == kNoStation ? "?" : net.station(m.origin).name;
    for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
      const auto& a = sim.addressees()[m.first_addressee + k];
      Addressee x;
      if (a.station != kNoStation) x.ri = net.station(a.station).ri;
      x.address = sim.name(a.address);
      x.precedence = a.precedence;
      x.word = a.precedence;
      (a.info ? base.info : base.to).push_back(x);
    }
  }
  // FL4: the cable's own; where there is none, the one for the classification the message
  // is routed as (ZNR UUUUU unclassified, else ZNY and its letter five times: ACP 127 §124).
  if (base.security_signal.empty()) {
    base.security_signal = m.classification == Classification::kUnclassified ? "ZNR" : "ZNY";
    base.security_group = std::string(5, ClassificationName(m.classification)[0]);
  }
  base.has_routing_line = true;
  return base;
}

// One hop of the message: its times at the sender and the heading the sender put on it.
std::string HopText(const RunView& sim, const Scenario& s, const CopyRecord& c,
                    const Message& base) {
  const Network& net = sim.network();
  std::string out;
  const std::string from = net.station(c.from).ri;
  const std::string to = net.station(net.ChannelTo(c.channel)).ri;
  out += "\nhop " + from + " -> " + to + ": ";
  if (c.parent != kNone) {
    const CopyRecord& in_hand = sim.copies()[c.parent];  // the copy processed at `from`
    if (in_hand.handled > in_hand.arrived) {
      out += "waited " + FormatDuration(in_hand.handled - in_hand.arrived) + " for an operator, ";
    }
  }
  out += "queued " + UtcTime(s, c.queued);
  if (c.state == CopyState::kSplit) {
    return out + ", rerouted before sending\n";
  }
  if (c.tx_end > SimTime() || c.state == CopyState::kDone || c.state == CopyState::kProcessing) {
    out += ", sent " + UtcTime(s, c.tx_start) + " to " + UtcTime(s, c.tx_end);
  } else {
    out += ", not sent by the end of the run";
  }
  if (c.interruptions) out += ", interrupted " + std::to_string(c.interruptions) + "x";
  out += "\n";
  Message copy = base;
  char tid[16];
  std::snprintf(tid, sizeof tid, "%s%04u",
                from.substr(from.size() >= 3 ? from.size() - 3 : 0).c_str(),
                c.transmission_serial % 10000);
  copy.transmission_id = tid;
  copy.routing_precedence = c.precedence;
  copy.routing_ris.clear();
  const IdList& work = c.targets;
  for (std::size_t i = 0; i < work.size(); ++i) {
    const Target& t = sim.targets()[work[i]];
    const std::string ri = net.station(t.station).ri;
    if (std::find(copy.routing_ris.begin(), copy.routing_ris.end(), ri) == copy.routing_ris.end()) {
      copy.routing_ris.push_back(ri);
    }
  }
  for (const auto& line : {FormatAcp127Heading(copy)}) {
    std::size_t pos = 0;
    while (pos < line.size()) {
      const auto nl = line.find('\n', pos);
      out += "    " + line.substr(pos, nl - pos) + "\n";
      pos = nl + 1;
    }
  }
  return out;
}

// The message's addressees and what became of each.
std::string DeliveriesText(const RunView& sim, const Scenario& s, const MessageRecord& m) {
  const Network& net = sim.network();
  std::string out;
  out += "\ndeliveries\n";
  for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
    const auto& a = sim.addressees()[m.first_addressee + k];
    out += "  " + sim.name(a.address) + " (" +
           (a.station == kNoStation ? std::string("-") : net.station(a.station).ri) + ", " +
           std::string(PrecedenceName(a.precedence)) + "): ";
    switch (a.outcome) {
      case Outcome::kDelivered:
        out += "delivered " + UtcTime(s, a.delivered) + " after " +
               FormatDuration(a.delivered - m.filed) + " via " + HopPath(sim, a) + "\n";
        if (a.subject_to_correction) {
          out += a.corrected == SimTime::Max()
                     ? "    subject to correction: no corrected copy delivered\n"
                     : "    subject to correction: corrected copy delivered " +
                           UtcTime(s, a.corrected) + " after " +
                           FormatDuration(a.corrected - m.filed) + "\n";
        }
        break;
      case Outcome::kOtherMeans:
        out += OtherMeansText(a) + "\n";
        break;
      case Outcome::kUndeliverable:
        out += "undeliverable: " + std::string(UndeliverableReason(a.reason)) + "\n";
        break;
      case Outcome::kInFlight:
        out += "in flight at the end of the run\n";
        break;
    }
    if (a.way_count > 1) out += "    also via " + AlsoVia(sim, a) + "\n";
  }
  return out;
}

}  // namespace

std::string MessageTrace(const RunView& sim, const Scenario& s, std::uint32_t message) {
  const MessageRecord& m = sim.messages()[message];
  const Network& net = sim.network();
  std::string out = "message " + m.id + ", filed " + UtcTime(s, m.filed) + " at " +
                    (m.origin == kNoStation ? std::string("?") : net.station(m.origin).ri) + ", " +
                    std::to_string(m.chars) + " characters on the wire, precedence " +
                    std::string(PrecedenceName(m.precedence)) + "\n";
  // The heading a station sends: the cable's own (or one made from the records), with the
  // circuit's transmission id and FL2 cut down to what this copy serves.
  const Message base = BaseHeading(sim, s, message);
  for (std::uint32_t id = 0; id < sim.copies().size(); ++id) {
    const CopyRecord& c = sim.copies()[id];
    if (c.message != message || c.channel == kNone) continue;
    out += HopText(sim, s, c, base);
  }
  out += DeliveriesText(sim, s, m);
  return out;
}

}  // namespace cablesim
