// The run's report for a person (run_report.h WriteRunText), section by section: the head,
// the summary table and anatomy, the scenario's cables addressee by addressee, the lists
// (slowest, oldest in flight, links, the procedure, queues, stations), warnings and the
// conservation. Every figure is the summary's; this file only lays them out.
#include <cstdio>
#include <ostream>
#include <sstream>
#include <variant>

#include "sim/report/anatomy_report.h"
#include "sim/report/outcome_words.h"
#include "sim/report/route_dot.h"
#include "sim/report/run_report.h"
#include "sim/report/summary_text.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

// "\nTITLE (N)\n  line\n..." with the first 20 lines; nothing for none.
void WriteList(std::ostream& out, const std::string& title, const std::vector<std::string>& lines) {
  if (lines.empty()) return;
  out << "\n" << title << " (" << lines.size() << ")\n";
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) out << "  " << lines[i] << "\n";
  if (lines.size() > kShown) {
    out << "  ... and " << lines.size() - kShown << " more (every one is in the JSON report)\n";
  }
}

void WriteHead(std::ostream& out, const RunView& sim, const Scenario& s, const RunSummary& r) {
  out << "scenario   " << s.name << (s.description.empty() ? "" : ": " + s.description) << "\n";
  out << "simulated  " << UtcTime(s, SimTime()) << " to " << UtcTime(s, r.end) << " ("
      << FormatDuration(r.end) << ")\n";
  if (r.completion.drained && r.arrivals_end) out << "drain      " << DrainText(r, s) << "\n";
  out << "run        seed " << r.seed << ", discipline " << DisciplineName(r.discipline) << ", "
      << r.messages << " messages, " << r.copies << " copies, " << r.events << " events\n";
  for (const Fault& f : s.faults) {
    const std::string what = (std::holds_alternative<StationFault>(f.what) ? "station " : "link ") +
                             FaultWhere(sim.network(), f);
    out << "fault      " << what << " out of service from " << UtcTime(s, f.at) << " for "
        << FormatDuration(f.length) << "\n";
  }
}

// A delivery subject to correction: when the corrected copy came, if it did.
std::string CorrectionText(const RunView& sim, const Scenario& s, const AddresseeRecord& a) {
  if (!a.subject_to_correction) return "";
  if (a.corrected == SimTime::Max()) return ", subject to correction (no corrected copy)";
  return ", subject to correction; corrected " + UtcTime(s, a.corrected) + " after " +
         FormatSeconds(CorrectedLatencySeconds(sim, a));
}

// What became of an addressee, for the cables' listing.
std::string OutcomeText(const RunView& sim, const Scenario& s, const AddresseeRecord& a) {
  switch (a.outcome) {
    case Outcome::kDelivered:
      return "delivered " + UtcTime(s, a.delivered) + " after " +
             FormatSeconds(LatencySeconds(sim, a)) + CorrectionText(sim, s, a);
    case Outcome::kOtherMeans:
      return OtherMeansText(a);
    case Outcome::kUndeliverable:
      return "undeliverable: " + std::string(UndeliverableReason(a.reason));
    case Outcome::kInFlight:
      break;
  }
  return "in flight at the end of the run";
}

// The cables of the scenario, addressee by addressee (the first few, for a person).
void WriteCables(std::ostream& out, const RunView& sim, const Scenario& s) {
  char line[256];
  int cables_shown = 0;
  for (const auto& m : sim.messages()) {
    if (!m.cable || ++cables_shown > 3) continue;
    out << "\ncable " << m.id << " (" << m.cable->reference << "), filed " << UtcTime(s, m.filed)
        << "\n";
    for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
      const auto& a = sim.addressees()[m.first_addressee + k];
      const std::string what = OutcomeText(sim, s, a);
      const std::string via = a.collective != kNone ? " [" + sim.name(a.collective) + "]" : "";
      std::snprintf(line, sizeof line, "  %-4s %-8s %-9s %-28s %s%s\n", a.info ? "INFO" : "TO",
                    a.station == kNoStation ? "-" : sim.network().station(a.station).ri.c_str(),
                    std::string(PrecedenceName(a.precedence)).c_str(),
                    sim.name(a.address).substr(0, 28).c_str(), what.c_str(), via.c_str());
      out << line;
      if (a.way_count > 1) out << "       also via " << AlsoVia(sim, a) << "\n";
    }
  }
}

// The slowest deliveries and the oldest addressees still in flight.
void WriteExtremes(std::ostream& out, const RunView& sim, const RunSummary& r) {
  char line[256];
  auto row = [&](std::uint32_t id, const std::string& time) {
    const auto& a = sim.addressees()[id];
    const auto& m = sim.messages()[a.message];
    std::snprintf(line, sizeof line, "  %-22s %-10s %-9s %10s  %s\n", m.id.c_str(),
                  sim.network().station(a.station).ri.c_str(),
                  std::string(PrecedenceName(a.precedence)).c_str(), time.c_str(),
                  sim.name(a.address).c_str());
    out << line;
  };
  if (!r.slowest.empty()) {
    out << "\nslowest deliveries\n";
    for (auto id : r.slowest) row(id, FormatSeconds(LatencySeconds(sim, sim.addressees()[id])));
  }
  if (!r.oldest_in_flight.empty()) {
    out << "\noldest still in flight at the end\n";
    for (auto id : r.oldest_in_flight) {
      const SimTime filed = sim.messages()[sim.addressees()[id].message].filed;
      row(id, "> " + FormatSeconds((r.end - filed).seconds()));
    }
  }
}

// The busiest link directions and, when the ACP 127 procedure ran, what it did on each.
void WriteLinks(std::ostream& out, const RunView& sim, const RunSummary& r) {
  char line[256];
  if (!r.links.empty()) {
    out << "\nbusiest links (one direction each)\n";
    std::snprintf(line, sizeof line, "  %-17s %11s %7s %10s %13s\n", "link", "utilisation",
                  "copies", "max queue", "interruptions");
    out << line;
    for (std::size_t i = 0; i < r.links.size() && i < kListed; ++i) {
      const LinkFigures& l = r.links[i];
      std::snprintf(line, sizeof line, "  %-17s %10.1f%% %7llu %10zu %13llu\n",
                    ChannelName(sim, l.channel).c_str(), 100 * l.utilisation,
                    static_cast<unsigned long long>(l.copies), l.max_queue,
                    static_cast<unsigned long long>(l.interruptions));
      out << line;
    }
  }
  bool procedure = false;
  for (const LinkFigures& l : r.links)
    procedure = procedure || l.lost + l.garbled + l.service_messages > 0;
  if (!procedure) return;
  out << "\nlost and garbled transmissions (ACP 127 procedure; service messages counted on the\n"
         "direction that carried them, corrections where they arrived)\n";
  std::snprintf(line, sizeof line, "  %-17s %7s %8s %7s %8s %10s\n", "link", "lost", "garbled",
                "reruns", "service", "corrections");
  out << line;
  for (const LinkFigures& l : r.links) {
    if (l.lost + l.garbled + l.reruns + l.service_messages + l.corrections == 0) continue;
    std::snprintf(line, sizeof line, "  %-17s %7llu %8llu %7llu %8llu %10llu\n",
                  ChannelName(sim, l.channel).c_str(), static_cast<unsigned long long>(l.lost),
                  static_cast<unsigned long long>(l.garbled),
                  static_cast<unsigned long long>(l.reruns),
                  static_cast<unsigned long long>(l.service_messages),
                  static_cast<unsigned long long>(l.corrections));
    out << line;
  }
  const CorrectionCounts& c = r.corrections;
  if (c.made + c.subject_to_correction == 0) return;
  out << "  corrections made: " << c.made
      << " (garbled IMMEDIATE or higher relayed subject to correction)\n"
      << "  delivered subject to correction: " << c.subject_to_correction << " addressees, "
      << c.corrected << " of them corrected later\n";
}

// The longest queues and the stations with a limit on operators.
void WriteQueuesAndStations(std::ostream& out, const RunView& sim, const RunSummary& r) {
  char line[256];
  if (!r.backlogged.empty()) {
    out << "\nlongest queues (one direction each; copies waiting, not the one being sent)\n";
    std::snprintf(line, sizeof line, "  %-17s %9s %18s %11s\n", "link", "max queue",
                  ("time > " + std::to_string(kBacklogThreshold) + " queued").c_str(),
                  "utilisation");
    out << line;
    for (std::size_t i = 0; i < r.backlogged.size() && i < kListed; ++i) {
      const LinkFigures& l = r.backlogged[i];
      std::snprintf(line, sizeof line, "  %-17s %9zu %18s %10.1f%%\n",
                    ChannelName(sim, l.channel).c_str(), l.max_queue,
                    FormatSeconds(l.backlogged.seconds()).c_str(), 100 * l.utilisation);
      out << line;
    }
  }
  if (r.stations.empty()) return;
  out << "\nstations with a limit on operators\n";
  std::snprintf(line, sizeof line, "  %-10s %9s %11s %7s %11s %10s\n", "station", "operators",
                "utilisation", "copies", "max waiting", "mean wait");
  out << line;
  for (const StationFigures& st : r.stations) {
    std::snprintf(line, sizeof line, "  %-10s %9u %10.1f%% %7llu %11zu %10s\n",
                  sim.network().station(st.station).ri.c_str(), st.operators, 100 * st.utilisation,
                  static_cast<unsigned long long>(st.copies), st.max_waiting,
                  FormatSeconds(st.mean_wait_s).c_str());
    out << line;
  }
}

}  // namespace

void WriteRunText(std::ostream& out, const RunView& sim, const Scenario& s, const RunSummary& r) {
  WriteHead(out, sim, s, r);
  out << SummaryTableText(r.by_precedence, s);
  out << AnatomyText(AnatomyRowsOf(r.by_precedence, r.anatomy));
  if (r.batches > 0) out << BatchMeansText(r.batch, r.by_precedence, s, r.end);
  if (r.advice_given) out << WarmupAdviceText(r.advice, s);
  WriteCables(out, sim, s);
  WriteExtremes(out, sim, r);
  WriteLinks(out, sim, r);
  WriteQueuesAndStations(out, sim, r);
  WriteList(out, "cables skipped at load (on_error: skip), not in the run", s.skipped);
  WriteList(out, "warnings from reading the scenario", s.warnings);
  out << "\nconservation: " << ConservationText(r.conservation) << "\n";
  for (const auto& [reason, n] : ReasonsByWord(r.undeliverable_reasons)) {
    out << "  undeliverable, " << reason << ": " << n << "\n";
  }
}

std::string RunReportText(const RunView& sim, const Scenario& s, const RunSummary& r) {
  std::ostringstream out;
  WriteRunText(out, sim, s, r);
  return out.str();
}

}  // namespace cablesim
