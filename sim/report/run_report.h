// The writers of `cablesim run` (text, JSON; the CSV files are in run_csv.h, the trace is in
// message_trace.h, the page in html_report.h): each renders the run's summary
// (stats/run_summary.h), computed once, and reads the relay's records for names and per-addressee
// rows. Never touches the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <vector>

#include "sim/relay/run_view.h"
#include "sim/report/json_writer.h"
#include "sim/scenario/scenario.h"
#include "sim/stats/run_statistics.h"
#include "sim/stats/run_summary.h"

namespace cablesim {

/// One hop of a delivered copy's way.
struct Hop {
  StationId from, to;
  SimTime queued, start, end;
  std::uint16_t interruptions;
  std::uint32_t copy;
};
/// The hops from the origin to the station that delivered addressee `a` (needs copies kept).
std::vector<Hop> HopsOf(const RunView& sim, const AddresseeRecord& a);
/// The way addressee `a` was reached, as "RUEHC>RUEH>RUDKC>RUEHFR" (needs copies kept).
std::string HopPath(const RunView& sim, const AddresseeRecord& a);

/// "N addressed = D delivered + Z by other means + U undeliverable + F in flight".
std::string ConservationText(const Conservation& c);
/// The keys addressed, delivered, other_means, undeliverable, in_flight into the open
/// object of `w`.
void WriteConservationKeys(const Conservation& c, JsonWriter* w);

/// For a draining run: "arrivals stopped at 18h 00m; drained in 1h 12m, nothing left in
/// flight" (or stopped at its limit, with how many were still in flight).
std::string DrainText(const RunSummary& r, const Scenario& s);

/// UtcTime's text, held in place (no allocation): for writers that print many times.
class UtcText {
 public:
  /// The first `size` characters of text (at most 48).
  UtcText(const char* text, std::size_t size) : size_(std::min(size, sizeof text_)) {
    std::memcpy(text_, text, size_);
  }
  std::string_view view() const { return {text_, size_}; }
  operator std::string_view() const { return view(); }  // NOLINT: used as text

 private:
  char text_[48];
  std::size_t size_;
};
/// UtcTime(s, t) as an UtcText: the same characters.
UtcText UtcTimeText(const Scenario& s, SimTime t);
/// "2008-06-05T21:35:12.250Z": simulated time as UTC, to the millisecond.
inline std::string UtcTime(const Scenario& s, SimTime t) {
  return std::string(UtcTimeText(s, t).view());
}

/// "RUEHFR ALL NATO POST COLLECTIVE (INFO PRIORITY)": the ways addressee `a` was addressed
/// other than the winning one, "" when there was one way.
std::string AlsoVia(const RunView& sim, const AddresseeRecord& a);

/// The keys NAME_s (null when a lower bound) and NAME_at_least_s (only then) into `w`.
void WriteQuantileKeys(const std::string& name, const Quantile& q, JsonWriter* w);
/// The per-precedence keys of a summary (addressed ... within_objective, objective_s).
void WriteSummaryKeys(const PrecedenceSummary& r, Duration objective, JsonWriter* w);

/// A link direction's figures (from, to, utilisation, copies, max_queue, backlogged_s,
/// interruptions and the ACP 127 procedure's counts) into the open object of `w`.
void WriteLinkKeys(const Network& net, const LinkFigures& l, JsonWriter* w);
/// A station's operator figures (ri, operators, utilisation, copies, max_waiting,
/// mean_wait_s) into the open object of `w`.
void WriteStationKeys(const Network& net, const StationFigures& st, JsonWriter* w);

/// The run's report for a person, written to `out` as it is made (run_text.cpp): its summary
/// (stats/run_summary.h) with the scenario's cables addressee by addressee.
void WriteRunText(std::ostream& out, const RunView& sim, const Scenario& s, const RunSummary& r);
/// The summary as JSON, written to `out` as it is made (run_json.cpp), with every delivery
/// and its hops, every undeliverable, by other means and in-flight addressee.
void WriteRunJson(std::ostream& out, const RunView& sim, const Scenario& s, const RunSummary& r);
/// The same, as a string (tests; small reports).
std::string RunReportText(const RunView& sim, const Scenario& s, const RunSummary& r);
std::string RunReportJson(const RunView& sim, const Scenario& s, const RunSummary& r);
/// The head (scenario, seed, discipline, start, end, counts, drain), "summary", "skipped",
/// "warnings" and "conservation" of WriteRunJson's report, written by the same code, as one
/// JSON object: the report without its links, stations and addressees (the Python module).
std::string RunFiguresJson(const Scenario& s, const RunSummary& r);

}  // namespace cablesim
