// sim/report/results_db.h: runs appended to one database, never overwritten, every
// (message, addressee) and figure there, and errors that name the file.
#include "sim/report/results_db.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "sim/relay/relay_simulation.h"
#include "sim/report/delay_parts.h"
#include "sim/report/run_report.h"
#include "tests/cli_support.h"
#include "tests/relay_support.h"

using cablesim::SimTime;

namespace {

std::int64_t Count(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const std::int64_t n = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// The one value `sql` selects, as text ("NULL" for NULL).
std::string Text(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  const std::string value = text == nullptr ? "NULL" : text;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return value;
}

}  // namespace

TEST_CASE("runs append to one results database, each with every addressee and figure" *
          doctest::timeout(120)) {
  const std::string path = cablesim::testing::TempPath("results.sqlite");
  std::remove(path.c_str());
  auto s =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/relay-outage.yaml");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const cablesim::RunSummary summary = cablesim::SummarizeRun(
      *sim, *s, cablesim::SummaryOptions::Of(s->seed, s->options.discipline));
  const cablesim::DbProvenance provenance{"run", "cablesim run scenarios/relay-outage.yaml",
                                          "test"};
  for (int k = 0; k < 2; ++k)
    CHECK(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance) == "");
  CHECK(Count(path, "SELECT count(*) FROM runs") == 2);
  CHECK(Count(path, "SELECT max(run_id) FROM runs") == 2);
  // Every (message, addressee) of each run, by outcome as the conservation counts them.
  CHECK(Count(path, "SELECT count(*) FROM addressees WHERE run_id = 2") ==
        static_cast<std::int64_t>(summary.conservation.addressed));
  CHECK(Count(path, "SELECT count(*) FROM addressees WHERE run_id = 2 AND outcome = 'delivered'") ==
        static_cast<std::int64_t>(summary.conservation.delivered));
  // One row per precedence addressed; the anatomy adds up to the mean.
  CHECK(Count(path, "SELECT count(*) FROM precedence WHERE run_id = 1") == 3);
  CHECK(Count(path,
              "SELECT count(*) FROM precedence WHERE abs(operator_wait_s + processing_s + queued_s "
              "+ transmitting_s + preemption_s + outage_s + propagation_s - mean_s) > 1e-6") == 0);
  CHECK(Count(path, "SELECT count(*) FROM links WHERE run_id = 1") ==
        static_cast<std::int64_t>(s->network->channel_count()));
  CHECK(Count(path,
              "SELECT count(*) FROM runs WHERE seed = '7' AND discipline = 'priority' AND "
              "replication IS NULL AND command_line LIKE 'cablesim run %'") == 2);
  std::remove(path.c_str());
}

TEST_CASE("the database has a column for every delay part, and they add up to the mean" *
          doctest::timeout(120)) {
  const std::string path = cablesim::testing::TempPath("parts.sqlite");
  std::remove(path.c_str());
  auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) +
                                  "/tests/data/all-parts-scenario.yaml");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const cablesim::RunSummary summary = cablesim::SummarizeRun(
      *sim, *s, cablesim::SummaryOptions::Of(s->seed, s->options.discipline));
  REQUIRE(cablesim::WriteRunToDb(path, *sim, *s, summary, {"run", "cablesim run", "test"}) == "");
  std::string sum = "0";
  for (const cablesim::DelayPartRow& row : cablesim::kDelayPartRows) {
    const std::string column = std::string(row.key) + "_s";
    CAPTURE(column);
    // Every part is spent by some precedence of this scenario (MINIMIZE and reruns too).
    CHECK(Count(path, "SELECT count(*) FROM precedence WHERE " + column + " > 0") > 0);
    sum += " + " + column;
  }
  CHECK(Count(path, "SELECT count(*) FROM precedence") == 4);
  CHECK(Count(path, "SELECT count(*) FROM precedence WHERE abs(" + sum + " - mean_s) > 1e-6") == 0);
  std::remove(path.c_str());
}

TEST_CASE("a results database that cannot be written is an error naming the file") {
  auto s =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/flash-preemption.yaml");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const auto summary = cablesim::SummarizeRun(*sim, *s, {});
  const std::string missing_dir = "/nonexistent-dir/results.sqlite";
  const std::string e = cablesim::WriteRunToDb(missing_dir, *sim, *s, summary, {"run", "", ""});
  CHECK(e.rfind(missing_dir + ": cannot open the results database", 0) == 0);
  // A file that is not a database is left alone.
  const std::string text = cablesim::testing::TempPath("not-a-database.db");
  std::ofstream(text) << "a text file, not a database\n";
  const std::string e2 = cablesim::WriteRunToDb(text, *sim, *s, summary, {"run", "", ""});
  CHECK(e2.find(text + ": cannot write the results database: file is not a database") == 0);
  CHECK(cablesim::testing::ReadFile(text) == "a text file, not a database\n");
  std::remove(text.c_str());
  // A runs table of another shape: its run_id is no rowid, so every row's run_id was NULL.
  const std::string other = cablesim::testing::TempPath("other-runs.sqlite");
  std::remove(other.c_str());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(
              db,
              "CREATE TABLE runs(run_id TEXT, command, scenario, seed, discipline, replication, "
              "load, vary, version, command_line)",
              nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  const std::string e3 = cablesim::WriteRunToDb(other, *sim, *s, summary, {"run", "", ""});
  CHECK(e3 == other +
                  ": not a cablesim results database: its runs table has no run_id INTEGER "
                  "PRIMARY KEY, so rows could not name their run; give another file");
  CHECK(Count(other, "SELECT count(*) FROM runs") == 0);
  CHECK(Count(other, "SELECT count(*) FROM sqlite_master WHERE name = 'addressees'") == 0);
  std::remove(other.c_str());
  // INTEGER PRIMARY KEY DESC reads as a key but is no rowid (SQLite's exception): refused
  // too. RUN_ID is run_id (SQL names ignore case): taken.
  for (const char* column : {"run_id INTEGER PRIMARY KEY DESC", "RUN_ID INTEGER PRIMARY KEY"}) {
    INFO(column);
    REQUIRE(sqlite3_open(other.c_str(), &db) == SQLITE_OK);
    const std::string create = std::string("CREATE TABLE runs(") + column +
                               ", command, scenario, seed, discipline, replication, load, vary, "
                               "version, command_line)";
    REQUIRE(sqlite3_exec(db, create.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
    const bool descending = std::string(column).ends_with("DESC");
    CHECK(cablesim::WriteRunToDb(other, *sim, *s, summary, {"run", "", ""}) ==
          (descending ? e3 : ""));
    CHECK(Count(other, "SELECT count(*) FROM runs") == (descending ? 0 : 1));
    std::remove(other.c_str());
  }
  CHECK(cablesim::IsDatabasePath("x.sqlite"));
  CHECK(cablesim::IsDatabasePath("runs.db"));
  CHECK_FALSE(cablesim::IsDatabasePath("report.json"));
  CHECK_FALSE(cablesim::IsDatabasePath(".db"));
}

namespace {

// Another connection holding `path`'s lock (as another process would: SQLite's locks are
// the file's), until Release or the end of the scope.
class LockHolder {
 public:
  explicit LockHolder(const std::string& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db_) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  ~LockHolder() { Release(); }
  LockHolder(const LockHolder&) = delete;
  LockHolder& operator=(const LockHolder&) = delete;
  void Release() {
    if (db_ == nullptr) return;
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

TEST_CASE("a results database held by another writer keeps the run in a side file and says where" *
          doctest::timeout(120)) {
  const cablesim::testing::TempDir dir("locked");
  const std::string path = dir / "results.sqlite";
  auto s =
      cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/scenarios/flash-preemption.yaml");
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  const auto summary = cablesim::SummarizeRun(*sim, *s, {});
  const cablesim::DbProvenance provenance{"run", "cablesim run", "test"};
  REQUIRE(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance) == "");
  int told = 0;
  cablesim::DbWait no_wait{std::chrono::milliseconds(0), [&] { ++told; }};
  LockHolder holder(path);
  // Still locked after the wait: the run goes next to it, and the error says where.
  const std::string first = dir / "results.unwritten-1.sqlite";
  CHECK(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance, no_wait) ==
        path + ": still locked by another process after waiting 0 seconds: the results are in " +
            first + " instead (a results database of its own)");
  CHECK(told == 1);  // told before waiting
  CHECK(Count(first, "SELECT count(*) FROM runs") == 1);
  CHECK(Count(first, "SELECT count(*) FROM addressees") ==
        static_cast<std::int64_t>(summary.conservation.addressed));
  // A second one takes the next free name; the first side file is left as it is.
  const std::string second = dir / "results.unwritten-2.sqlite";
  CHECK(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance, no_wait).find(second) !=
        std::string::npos);
  CHECK(Count(second, "SELECT count(*) FROM runs") == 1);
  CHECK(Count(first, "SELECT count(*) FROM runs") == 1);
  // A lock that comes free while the write waits: the run goes where it was asked.
  told = 0;
  cablesim::DbWait patient{std::chrono::minutes(10), [&] {
                             ++told;
                             holder.Release();
                           }};
  CHECK(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance, patient) == "");
  CHECK(told == 1);
  CHECK(Count(path, "SELECT count(*) FROM runs") == 2);
  // Unlocked: no wait, nothing said, no side file.
  CHECK(cablesim::WriteRunToDb(path, *sim, *s, summary, provenance, no_wait) == "");
  CHECK(told == 1);
  CHECK(Count(path, "SELECT count(*) FROM runs") == 3);
  CHECK_FALSE(std::ifstream(dir / "results.unwritten-3.sqlite").good());
}

TEST_CASE(
    "a delivery subject to correction keeps its corrected time in the database, old ones too") {
  // As run_report_test's case: RAAA - RBBB, 1,000 characters in 8 s, a 100-character service
  // message in 0.8 s. The IMMEDIATE arrives garbled at 8 s and is delivered subject to
  // correction; the correction comes at 16.8 s. A ROUTINE filed at 60 s arrives clean.
  const cablesim::Network net = cablesim::testing::MakeNetwork(
      {"RAAA", "RBBB"}, {{0, 1}}, cablesim::Duration(), cablesim::Duration());
  cablesim::Scenario scenario;
  scenario.name = "corrected";
  cablesim::RelaySimulation sim(net, cablesim::RelayOptions{});
  sim.set_transmission_fate(cablesim::testing::GarbleFirstOn(0));
  sim.AddMessage(
      cablesim::testing::Spec("M1", SimTime(), "RAAA", {"RBBB"}, cablesim::Precedence::kImmediate));
  sim.AddMessage(cablesim::testing::Spec("M2", SimTime::Seconds(60), "RAAA", {"RBBB"},
                                         cablesim::Precedence::kRoutine));
  sim.Run(std::nullopt);
  const cablesim::RunSummary summary = cablesim::SummarizeRun(sim, scenario, {});

  // A database written before corrections were relayed: its addressees have none of the
  // three columns, and gain them (empty in its earlier row).
  const cablesim::testing::TempDir dir("corrected");
  const std::string path = dir / "results.sqlite";
  sqlite3* old = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &old) == SQLITE_OK);
  REQUIRE(sqlite3_exec(old,
                       "CREATE TABLE addressees (run_id INTEGER NOT NULL, message TEXT, "
                       "addressee TEXT, ri TEXT, precedence TEXT, info INTEGER, filed TEXT, "
                       "outcome TEXT, reason TEXT, delivered TEXT, latency_s REAL, age_s REAL, "
                       "classification TEXT); INSERT INTO addressees (run_id, message) "
                       "VALUES (0, 'OLD')",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(old);
  REQUIRE(cablesim::WriteRunToDb(path, sim, scenario, summary, {"run", "cablesim run", "test"}) ==
          "");
  const std::string m1 = " FROM addressees WHERE message = 'M1'";
  CHECK(Text(path, "SELECT subject_to_correction" + m1) == "1");
  CHECK(Text(path, "SELECT delivered" + m1) == cablesim::UtcTime(scenario, SimTime::Seconds(8)));
  CHECK(Text(path, "SELECT latency_s" + m1) == "8.0");
  CHECK(Text(path, "SELECT corrected" + m1) ==
        cablesim::UtcTime(scenario, SimTime::Milliseconds(16'800)));
  CHECK(Text(path, "SELECT corrected_latency_s" + m1) == "16.8");
  // Delivered clean: not subject to correction, no corrected time.
  const std::string m2 = " FROM addressees WHERE message = 'M2'";
  CHECK(Text(path, "SELECT outcome" + m2) == "delivered");
  CHECK(Text(path, "SELECT subject_to_correction" + m2) == "0");
  CHECK(Text(path, "SELECT corrected" + m2) == "NULL");
  CHECK(Text(path, "SELECT corrected_latency_s" + m2) == "NULL");
  CHECK(Text(path, "SELECT quote(corrected) FROM addressees WHERE message = 'OLD'") == "NULL");
}
