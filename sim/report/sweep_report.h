// The writers of `cablesim sweep`: tidy rows, one per (grid point, discipline, precedence)
// as text (a table per discipline), JSON and CSV, the capacity answers, and the gnuplot
// figure of delivery time and share within objective against the swept value.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/report/compare.h"
#include "sim/report/plot_format.h"
#include "topology/network.h"

namespace cablesim {

/// The capacity of one discipline (at one combination of the other swept values): the
/// largest load factor at which every precedence kept at least 95% of its addressees within
/// objective (the Wilson lower bound).
struct CapacityResult {
  std::optional<double> load;             ///< the largest load that passed; nullopt if none did
  bool at_least = false;                  ///< it passed at the highest load tried: more is possible
  std::optional<double> fails_at;         ///< the lowest load that failed
  std::optional<Precedence> limiting;     ///< what fell below 95% above `load`
  std::optional<ChannelLoad> bottleneck;  ///< the busiest channel at `load`
  std::vector<std::pair<double, bool>> tried;  ///< every load run, and whether it passed
  /// Precedences too rare to judge at some load tried (even all within objective would not
  /// show 95% on so few addressees): they did not limit the answer.
  std::vector<Precedence> too_few;
};

struct SweepResult {
  std::string scenario;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  Duration warmup;
  std::vector<Discipline> disciplines;
  std::vector<std::string> keys;  ///< the --vary keys, in order
  struct Point {
    double load = 1;
    std::vector<std::string> values;  ///< one per key
  };
  std::vector<Point> points;
  std::vector<std::vector<std::vector<ReplicationResult>>> runs;  ///< [point][discipline][r]
  std::array<Duration, kPrecedenceCount> objectives{};
  const Network* network = nullptr;  ///< names the bottleneck channels
  /// With --capacity: per combination of the non-load values (`capacity_values`, in grid
  /// order) and discipline: capacity[combination][discipline].
  std::vector<std::vector<std::string>> capacity_values;
  std::vector<std::vector<CapacityResult>> capacity;
};

std::string SweepText(const SweepResult& r);

/// SweepText's rows as cells, one table per discipline: load, each --vary key, precedence,
/// addressed, in flight, mean, p95, in obj., busiest link.
struct SweepTable {
  Discipline discipline;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
std::vector<SweepTable> SweepTables(const SweepResult& r);
/// What the cells' marks mean.
inline constexpr const char* kSweepFootnote =
    "* a mean of the delivered only: some were still in flight; > X: a lower bound (some "
    "replication's\n  p95 fell among addressees still in flight)";
/// One sentence per (combination of other swept values, discipline) with --capacity:
/// "priority: 1.84 x today's traffic before ROUTINE drops below 95% within 6h 00m; ...".
std::vector<std::string> CapacityLines(const SweepResult& r);
std::string SweepJson(const SweepResult& r);
/// Header: load, each --vary key, discipline, precedence, then the figures.
std::string SweepCsv(const SweepResult& r);

/// The axis a figure can be drawn against: the load when it takes several values, else the
/// one --vary key that does; "" (and *why) when more than one thing varies or nothing does.
std::string PlotAxis(const SweepResult& r, std::string* why);
/// Delivery time (log scale, interval bars, objectives as lines) and the share within
/// objective against the plot axis: a column per discipline, a line per precedence.
std::string SweepGnuplotScript(const SweepResult& r, const std::string& path, PlotFormat format);

}  // namespace cablesim
