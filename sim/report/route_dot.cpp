#include "sim/report/route_dot.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <variant>

#include "sim/relay/delay_anatomy.h"
#include "sim/report/delay_parts.h"
#include "sim/report/outcome_words.h"
#include "sim/report/palette.h"
#include "sim/report/run_report.h"
#include "topology/network_dot.h"

namespace cablesim {
namespace {

// "21:34:01.007": the time of day of a simulated instant.
std::string Clock(const Scenario& s, SimTime t) { return UtcTime(s, t).substr(11, 12); }

// What the hop of copy c added to its time (its anatomy less its parent's): the waits at
// its station worth showing (a second or more: for an operator and in the queue together,
// outages, preemption, MINIMIZE, reruns, each by the delay-part table's short name), and a
// reroute. `marked` when it waited a minute or more, lost time to an outage, a hold or a
// rerun, or was rerouted.
std::string HopNotes(const RunView& sim, const CopyRecord& c, bool* marked) {
  DelayAnatomy hop = c.so_far;
  if (c.parent != kNone) {
    for (std::size_t k = 0; k < kDelayPartCount; ++k)
      hop.ns[k] -= sim.copies()[c.parent].so_far.ns[k];
  }
  const std::int64_t waited = hop[DelayPart::kOperatorWait] + hop[DelayPart::kQueued];
  const std::int64_t kShown = Duration::kNsPerSecond;
  std::string notes;
  if (waited >= kShown) notes += "\nwaited " + FormatDuration(Duration::Nanoseconds(waited));
  bool lost_time = false;  // an outage, a MINIMIZE hold or a rerun
  for (DelayPart p :
       {DelayPart::kOutage, DelayPart::kPreemption, DelayPart::kMinimized, DelayPart::kRerun}) {
    if (hop[p] >= kShown) {
      notes += "\n" + std::string(DelayPartInfo(p).short_name) + " " +
               FormatDuration(Duration::Nanoseconds(hop[p]));
    }
    if (p != DelayPart::kPreemption) lost_time = lost_time || hop[p] > 0;
  }
  if (c.rerouted) notes += "\nrerouted at " + sim.network().station(c.from).ri;
  *marked = waited >= 60 * kShown || lost_time || c.rerouted;
  return notes;
}

}  // namespace

std::string MessageRouteDot(const RunView& sim, const Scenario& s, std::uint32_t message) {
  const Network& net = sim.network();
  const MessageRecord& m = sim.messages()[message];
  std::string out = "digraph route {\n  graph [rankdir=LR, fontname=\"Helvetica\", label=" +
                    DotQuote("message " + m.id + ", filed " + UtcTime(s, m.filed)) +
                    ", labelloc=t];\n  node [fontname=\"Helvetica\", fontsize=10];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=8];\n";
  std::set<StationId> stations;
  if (m.origin != kNoStation) stations.insert(m.origin);
  std::string edges, held;  // held: a MINIMIZE hold at the origin, before any hop
  for (std::uint32_t id = 0; id < sim.copies().size(); ++id) {
    const CopyRecord& c = sim.copies()[id];
    if (c.message == message && c.parent == kNone &&
        c.so_far[DelayPart::kMinimized] >= Duration::kNsPerSecond) {
      held = "\n" + std::string(DelayPartInfo(DelayPart::kMinimized).short_name) + " " +
             FormatDuration(Duration::Nanoseconds(c.so_far[DelayPart::kMinimized]));
    }
    if (c.message != message || c.channel == kNone) continue;
    const StationId to = net.ChannelTo(c.channel);
    stations.insert(c.from);
    stations.insert(to);
    std::string label = std::string(PrecedenceName(c.precedence)) + "\n";
    if (c.state == CopyState::kSplit) {
      label += "rerouted before sending";
    } else if (c.state == CopyState::kQueued || c.state == CopyState::kSending) {
      label += "queued " + Clock(s, c.queued) + ", not sent";
    } else {
      label += Clock(s, c.tx_start) + " - " + Clock(s, c.tx_end);
    }
    bool marked = false;
    const std::string notes = HopNotes(sim, c, &marked);
    edges += "  " + DotQuote(net.station(c.from).ri) + " -> " + DotQuote(net.station(to).ri) +
             " [label=" + DotQuote(label + notes) +
             (marked ? ", color=\"#b00000\", fontcolor=\"#b00000\"" : "") + "];\n";
  }
  for (const Interruption& i : sim.interruptions()) {
    if (sim.copies()[i.copy].message != message) continue;
    edges += "  " + DotQuote(net.station(net.ChannelFrom(i.channel)).ri) + " -> " +
             DotQuote(net.station(net.ChannelTo(i.channel)).ri) +
             " [style=dashed, color=gray40, label=" +
             DotQuote(std::string(i.by_outage ? "cut by outage " : "preempted ") +
                      Clock(s, i.start) + " - " + Clock(s, i.end)) +
             "];\n";
  }
  for (StationId st : stations) {
    const Station& x = net.station(st);
    out += "  " + DotQuote(x.ri) + " [shape=" + (x.kind == StationKind::kPost ? "ellipse" : "box") +
           ", label=" + DotQuote(x.ri + "\n" + x.name + (st == m.origin ? held : "")) +
           (st == m.origin ? ", penwidth=2" : "") + "];\n";
  }
  out += edges;
  for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
    const AddresseeRecord& a = sim.addressees()[m.first_addressee + k];
    const std::string node = "addressee_" + std::to_string(k);
    std::string label = sim.name(a.address) + "\n" + std::string(PrecedenceName(a.precedence));
    std::string style = "shape=note";
    switch (a.outcome) {
      case Outcome::kDelivered:
        label += ' ';
        label += FormatDuration(a.delivered - m.filed);
        break;
      case Outcome::kOtherMeans:
        label += "\n" + OtherMeansText(a);
        style += ", color=gray50, fontcolor=gray30";
        break;
      case Outcome::kUndeliverable:
        label += '\n';
        label += UndeliverableReason(a.reason);
        style += ", color=red, fontcolor=red";
        break;
      case Outcome::kInFlight:
        label += "\nin flight";
        style += ", color=orange";
        break;
    }
    if (a.way_count > 1) label += "\nalso via " + AlsoVia(sim, a);
    out += "  " + node + " [" + style + ", fontsize=8, label=" + DotQuote(label) + "];\n";
    if (a.station != kNoStation) {
      out += "  " + DotQuote(net.station(a.station).ri) + " -> " + node +
             " [style=dotted, arrowhead=none];\n";
    }
  }
  out += "}\n";
  return out;
}

std::string UtilisationDot(const RunView& sim, const Scenario& s, const RunSummary& summary,
                           DotLayout layout) {
  const Network& net = sim.network();
  std::vector<std::string> labels, styles, station_styles(net.station_count());
  std::vector<bool> marked(net.link_count(), false);
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const double u = std::max(summary.all_links.at(2 * l).utilisation,
                              summary.all_links.at(2 * l + 1).utilisation);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.0f%%", 100 * u);
    labels.push_back(FormatRate(net.link(l).rate) + "\n" + buf);
    // Hue 0.33 (green) at idle down to 0 (red) when always busy.
    std::snprintf(buf, sizeof buf, "color=\"%.3f 0.9 0.85\", penwidth=%.2f",
                  0.33 * (1 - std::min(u, 1.0)), 1 + 5 * std::min(u, 1.0));
    styles.push_back(buf);
  }
  std::vector<std::string> station_windows(net.station_count());
  for (const Fault& f : s.faults) {
    if (const auto* station = std::get_if<StationFault>(&f.what)) {
      station_windows[station->station] += "\n" + FaultWindow(s, f);
    } else {
      const LinkId l = std::get<LinkFault>(f.what).link;
      labels[l] += "\n" + FaultWindow(s, f);
      if (!marked[l]) styles[l] += ", style=dashed, penwidth=4";
      marked[l] = true;
    }
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (station_windows[st].empty()) continue;
    // Later attributes win in DOT: the label replaces the default one.
    // A pale fill and dark red text: the name stays readable (a red fill hid it).
    station_styles[st] =
        "style=\"filled,dashed\", color=red, penwidth=2, fillcolor=\"#fde0e0\", "
        "fontcolor=\"#b00000\", label=" +
        DotQuote(net.station(st).ri + station_windows[st]);
  }
  std::string dot = NetworkToDot(net, labels, styles, layout, station_styles, marked, kRegionFills);
  // The colour legend: the scale the links are drawn with, as a key in a corner.
  std::string legend =
      "  heat_legend [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"1\" "
      "cellspacing=\"0\" cellpadding=\"3\"><tr><td colspan=\"5\" border=\"0\">link colour and "
      "width: utilisation of its busier direction</td></tr><tr>";
  for (int pct : {0, 25, 50, 75, 100}) {
    char cell[160];
    std::snprintf(cell, sizeof cell,
                  "<td bgcolor=\"%.3f 0.9 0.85\"><font color=\"%s\">%d%%</font></td>",
                  0.33 * (1 - pct / 100.0), pct >= 75 ? "white" : "black", pct);
    legend += cell;
  }
  legend += "</tr></table>>];\n";
  dot.insert(dot.rfind('}'), legend);
  return dot;
}

std::string FaultWhere(const Network& net, const Fault& f) {
  if (const auto* station = std::get_if<StationFault>(&f.what)) {
    return net.station(station->station).ri;
  }
  const Link& link = net.link(std::get<LinkFault>(f.what).link);
  return net.station(link.a).ri + "-" + net.station(link.b).ri;
}

std::string FaultWindow(const Scenario& s, const Fault& f) {
  // "down 06-05 09:00 for 2h" (month-day and time of day, UTC).
  return "down " + UtcTime(s, f.at).substr(5, 11).replace(5, 1, " ") + " for " +
         FormatDuration(f.length);
}

}  // namespace cablesim
