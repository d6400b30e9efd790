// compare --per-replication: every figure of each replication, as `run`'s summary gives it
// for one run (stats/run_summary.h), so that replications can be analysed elsewhere. Per
// replication: its seed, messages, copies, events and end; conservation with the
// undeliverable's reasons; per precedence the counts, mean, p50, p95, p99, max, share within
// objective and where the mean's time went; every link direction (utilisation, busy time,
// queues, the ACP 127 procedure's counts); every station (copies sent, delivered there, and
// its operators' utilisation and waits where it has a limit). Text, JSON and CSV.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "sim/experiment/results.h"
#include "sim/report/json_writer.h"

namespace cablesim {

/// Each replication's figures as text tables: runs, precedences, where the time went, links
/// that did anything, stations that did anything.
std::string PerReplicationText(const ExperimentResult& c);

/// The key "replications" of discipline d's object in compare's JSON: one object per
/// replication with every figure.
void WritePerReplicationJson(const ExperimentResult& c, std::size_t d, JsonWriter* w);

/// compare's CSV header: scenario, seed, discipline, precedence, metric, value, ci_low,
/// ci_high, replications, bound, replication, element.
inline constexpr const char* kCompareCsvHeader =
    "scenario,seed,discipline,precedence,metric,value,ci_low,ci_high,replications,bound,"
    "replication,element\n";

/// One row of compare's CSV for discipline d: `precedence` "" for a figure of the whole run,
/// `replication` "" for one over replications, `element` the link direction ("RUEHC>RUEH"),
/// station ("RUEHC") or undeliverable reason a row is about ("" for none).
struct CompareCsvRow {
  std::size_t discipline = 0;
  std::string_view precedence;
  std::string_view metric;
  double value = 0;
  std::optional<std::pair<double, double>> ci;
  int replications = 1;
  bool at_least = false;
  std::string replication;
  std::string element;
};
std::string CompareCsvLine(const ExperimentResult& c, const CompareCsvRow& row);

/// Discipline d's per-replication rows of compare's CSV.
std::string PerReplicationCsv(const ExperimentResult& c, std::size_t d);

}  // namespace cablesim
