#include "sim/report/results_db.h"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>
#include <variant>
#include <vector>

#include "sim/report/delay_parts.h"
#include "sim/report/json_writer.h"
#include "sim/report/outcome_words.h"
#include "sim/report/run_report.h"
#include "sim/stats/run_lists.h"

namespace cablesim {
namespace {

// The tables; the precedence table's anatomy columns (one per delay part) follow it.
constexpr const char* kSchemaStart = R"sql(
CREATE TABLE IF NOT EXISTS runs (
  run_id INTEGER PRIMARY KEY, command TEXT NOT NULL, scenario TEXT NOT NULL, seed TEXT NOT NULL,
  discipline TEXT NOT NULL, replication INTEGER, load REAL NOT NULL, vary TEXT NOT NULL,
  version TEXT NOT NULL, command_line TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS precedence (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), precedence TEXT NOT NULL,
  addressed INTEGER, delivered INTEGER, other_means INTEGER, undeliverable INTEGER,
  in_flight INTEGER, unresolved INTEGER, within INTEGER, mean_s REAL,
  p50_s REAL, p50_at_least INTEGER, p95_s REAL, p95_at_least INTEGER,
  p99_s REAL, p99_at_least INTEGER, max_s REAL, max_at_least INTEGER, objective_s REAL)sql";
constexpr const char* kSchemaRest = R"sql();
CREATE TABLE IF NOT EXISTS addressees (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), message TEXT, addressee TEXT, ri TEXT,
  precedence TEXT, info INTEGER, filed TEXT, outcome TEXT, reason TEXT, delivered TEXT,
  latency_s REAL, age_s REAL, classification TEXT, subject_to_correction INTEGER,
  corrected TEXT, corrected_latency_s REAL);
CREATE TABLE IF NOT EXISTS links (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), from_ri TEXT, to_ri TEXT, utilisation REAL,
  busy_s REAL, copies INTEGER, max_queue INTEGER, backlogged_s REAL, interruptions INTEGER,
  lost INTEGER, garbled INTEGER, reruns INTEGER, service_messages INTEGER, corrections INTEGER);
CREATE TABLE IF NOT EXISTS stations (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), ri TEXT, name TEXT, operators INTEGER,
  utilisation REAL, copies_processed INTEGER, max_waiting INTEGER, mean_wait_s REAL);
CREATE TABLE IF NOT EXISTS timeseries (
  run_id INTEGER NOT NULL REFERENCES runs(run_id), t_s REAL, series TEXT, key TEXT,
  precedence TEXT, value REAL);
)sql";

/// Every CREATE statement, the anatomy columns read from kDelayPartRows.
std::string Schema() {
  std::string schema = kSchemaStart;
  std::string separator = ",\n  ";
  for (DelayPart part : kDelayParts) {
    schema += separator + std::string(DelayPartSecondsKey(part)) + " REAL";
    separator = ", ";
  }
  return schema + kSchemaRest;
}

/// Columns added since a table was first written: a database made by an earlier cablesim
/// gains them (empty in its earlier rows), so that it can take new rows.
struct AddedColumn {
  const char* table;
  const char* column;
  const char* type;
};
constexpr AddedColumn kAddedColumns[] = {
    {"links", "lost", "INTEGER"},        {"links", "garbled", "INTEGER"},
    {"links", "reruns", "INTEGER"},      {"links", "service_messages", "INTEGER"},
    {"links", "corrections", "INTEGER"}, {"precedence", "minimized_s", "REAL"},
    {"precedence", "rerun_s", "REAL"},   {"addressees", "subject_to_correction", "INTEGER"},
    {"addressees", "corrected", "TEXT"}, {"addressees", "corrected_latency_s", "REAL"},
};

/// A value of a row: NULL, an integer, a real or text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

/// A file next to `path` for results that could not go there: "results.sqlite" ->
/// "results.unwritten-1.sqlite", the first number whose file does not exist, created empty
/// here (so that no other writer takes it). "" when none could be created.
std::string SideFile(const std::string& path) {
  const std::filesystem::path wanted(path);
  for (int n = 1; n <= 1000; ++n) {
    std::filesystem::path side = wanted;
    side.replace_filename(wanted.stem().string() + ".unwritten-" + std::to_string(n) +
                          wanted.extension().string());
    errno = 0;
    if (std::FILE* f = std::fopen(side.c_str(), "wx")) {  // x: only when it does not exist
      std::fclose(f);
      return side.string();
    }
    if (errno != EEXIST) return "";
  }
  return "";
}

/// "5 minutes", "1 minute", "30 seconds".
std::string WaitText(std::chrono::milliseconds wait) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait).count();
  if (seconds >= 60 && seconds % 60 == 0) {
    const auto minutes = seconds / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
  }
  return std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

/// One database, open for one write: every statement in one transaction, committed by
/// Commit (a write that fails half way leaves the file as it was). The transaction takes
/// the file's exclusive lock before anything is written, waiting for another process that
/// holds it up to DbWait::wait; if it is still held then, the write goes to a side file
/// (SideFile) instead, a results database of its own, and Commit says where.
class Db {
 public:
  Db(const std::string& path, const DbWait& wait) : wait_(wait) {
    Begin(path);
    if (!locked_) return;
    Close();
    const std::string side = SideFile(path);
    error_ = path + ": still locked by another process after waiting " + WaitText(wait_.wait);
    if (side.empty()) {
      error_ += ", and no file next to it could be created to keep the results: not written";
      return;
    }
    locked_out_ = error_;
    error_.clear();
    Begin(side);
  }
  ~Db() { Close(); }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  const std::string& error() const { return error_; }

  /// Inserts a row into `table` (columns in order) and returns its rowid.
  std::int64_t Insert(const std::string& table, const std::vector<std::string>& columns,
                      const std::vector<Value>& values) {
    if (!error_.empty()) return 0;
    std::string sql = "INSERT INTO " + table + " (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
    sql += ") VALUES (";
    for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ",?" : "?";
    sql += ")";
    sqlite3_stmt* st = Prepare(sql);
    if (st == nullptr) return 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const int k = static_cast<int>(i) + 1;
      const Value& v = values[i];
      if (std::holds_alternative<std::int64_t>(v)) {
        sqlite3_bind_int64(st, k, std::get<std::int64_t>(v));
      } else if (std::holds_alternative<double>(v)) {
        sqlite3_bind_double(st, k, std::get<double>(v));
      } else if (std::holds_alternative<std::string>(v)) {
        const std::string& text = std::get<std::string>(v);
        sqlite3_bind_text(st, k, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_null(st, k);
      }
    }
    if (sqlite3_step(st) != SQLITE_DONE) Fail("cannot write");
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return sqlite3_last_insert_rowid(db_);
  }

  /// kAddedColumns missing from a table made by an earlier cablesim are added.
  void AddMissingColumns() {
    for (const AddedColumn& added : kAddedColumns) {
      if (!error_.empty()) return;
      const auto columns = Columns(added.table);
      if (!error_.empty()) return;
      const bool present = std::any_of(columns.begin(), columns.end(),
                                       [&](const Column& c) { return c.name == added.column; });
      if (present) continue;
      const std::string alter = std::string("ALTER TABLE ") + added.table + " ADD COLUMN " +
                                added.column + " " + added.type;
      Exec(alter.c_str());
    }
  }

  /// After a run's row is inserted as `rowid`: its run_id is that rowid. A column declared
  /// INTEGER PRIMARY KEY DESC passes CheckRunKey but is no rowid (SQLite's exception), and
  /// its run_id would be NULL.
  void CheckRunRow(std::int64_t rowid) {
    if (!error_.empty()) return;
    sqlite3_stmt* st = Prepare("SELECT run_id IS rowid FROM runs WHERE rowid = ?");
    if (st == nullptr) return;
    sqlite3_bind_int64(st, 1, rowid);
    const bool ours = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
    sqlite3_reset(st);
    if (!ours) error_ = NotOurRuns();
  }
  /// "" when everything is in the file asked for; else why not, and where it is instead.
  std::string Commit() {
    Exec("COMMIT");
    if (locked_out_.empty()) return error_;
    Close();
    if (!error_.empty()) {  // the side file failed too: leave nothing half made
      std::remove(path_.c_str());
      return locked_out_ + "; " + error_;
    }
    return locked_out_ + ": the results are in " + path_ +
           " instead (a results database of its own)";
  }

 private:
  // Opens `path` and begins the write's transaction there, waiting for a lock another
  // process holds (locked_ when it is still held after the wait).
  void Begin(const std::string& path) {
    path_ = path;
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      Fail("cannot open");
      return;
    }
    sqlite3_busy_handler(db_, &Db::OnBusy, this);
    // EXCLUSIVE: every lock the write needs is taken here, before any row, so that nothing
    // later waits (COMMIT included) and a file still locked is known before anything is written.
    if (sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) != SQLITE_OK) {
      locked_ = (sqlite3_errcode(db_) & 0xff) == SQLITE_BUSY;
      Fail("cannot write");
      return;
    }
    Exec(Schema().c_str());
    CheckRunKey();
    AddMissingColumns();
  }
  // Every row names its run by runs.run_id, which must be the table's rowid (INTEGER PRIMARY
  // KEY): a runs table of another shape (run_id TEXT, made by hand or another program) would
  // take the rows and leave their run_id NULL.
  void CheckRunKey() {
    if (!error_.empty()) return;
    const auto columns = Columns("runs");
    if (!error_.empty()) return;
    bool run_id_key = false;  // run_id INTEGER, first of the primary key
    int key_columns = 0;      // a key of more columns than one is no rowid
    for (const Column& c : columns) {
      key_columns += c.key > 0;
      // SQL names and type names ignore case.
      if (sqlite3_stricmp(c.name.c_str(), "run_id") != 0) continue;
      run_id_key = sqlite3_stricmp(c.type.c_str(), "INTEGER") == 0 && c.key == 1;
    }
    if (!run_id_key || key_columns != 1) error_ = NotOurRuns();
  }
  struct Column {
    std::string name, type;
    int key = 0;  // its place in the primary key from 1, 0 when not in it
  };
  // The columns of `table` as PRAGMA table_info gives them (none when it does not exist);
  // error_ is set when they cannot be read.
  std::vector<Column> Columns(const std::string& table) {
    std::vector<Column> out;
    sqlite3_stmt* st = nullptr;
    const std::string info = "PRAGMA table_info(" + table + ")";
    if (sqlite3_prepare_v2(db_, info.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      Fail("cannot read");
      return out;
    }
    const auto text = [&](int i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      return std::string(t == nullptr ? "" : t);
    };
    while (sqlite3_step(st) == SQLITE_ROW)
      out.push_back({text(1), text(2), sqlite3_column_int(st, 5)});
    sqlite3_finalize(st);
    return out;
  }
  std::string NotOurRuns() const {
    return path_ +
           ": not a cablesim results database: its runs table has no run_id INTEGER PRIMARY "
           "KEY, so rows could not name their run; give another file";
  }
  void Close() {
    if (db_ == nullptr) return;
    if (!error_.empty()) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    for (auto& [sql, st] : statements_) sqlite3_finalize(st);
    statements_.clear();
    sqlite3_close(db_);
    db_ = nullptr;
  }
  // SQLite's busy handler: another connection holds the lock. Waits in short steps until
  // the lock comes free (SQLite then retries) or wait_.wait has passed since the first call.
  static int OnBusy(void* self, int /*tries*/) {
    auto* db = static_cast<Db*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (!db->waiting_since_) {
      db->waiting_since_ = now;
      if (db->wait_.on_locked) db->wait_.on_locked();
      return db->wait_.wait.count() > 0 ? 1 : 0;  // at once: it may have come free meanwhile
    }
    const auto left = *db->waiting_since_ + db->wait_.wait - now;
    if (left <= std::chrono::steady_clock::duration::zero()) return 0;
    std::this_thread::sleep_for(
        std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
    return 1;
  }
  void Exec(const char* sql) {
    if (!error_.empty()) return;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail("cannot write");
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    for (auto& [text, st] : statements_) {
      if (text == sql) return st;
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      Fail("cannot write");
      return nullptr;
    }
    statements_.emplace_back(sql, st);
    return st;
  }
  void Fail(const char* what) {
    if (!error_.empty()) return;
    error_ = path_ + ": " + what +
             " the results database: " + (db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory");
  }

  std::string path_;  // the file written: the one asked for, or a side file when it stayed locked
  DbWait wait_;
  sqlite3* db_ = nullptr;
  std::string error_;
  bool locked_ = false;     // the lock of path_ was still held after the wait
  std::string locked_out_;  // why the results are not in wanted_ (they are in path_)
  std::optional<std::chrono::steady_clock::time_point> waiting_since_;
  std::vector<std::pair<std::string, sqlite3_stmt*>> statements_;
};

const std::vector<std::string> kRunColumns = {"command",    "scenario",    "seed",
                                              "discipline", "replication", "load",
                                              "vary",       "version",     "command_line"};

Value Quantity(const Quantile& q, bool exists) { return exists ? Value(q.s) : Value(); }
Value Bound(const Quantile& q, bool exists) {
  return exists ? Value(std::int64_t{q.at_least}) : Value();
}

void AddPrecedence(Db* db, std::int64_t run, Precedence p, const PrecedenceSummary& x,
                   Duration objective, const AnatomyMeans& anatomy) {
  if (x.addressed == 0) return;
  const bool times = x.delivered + x.in_flight > 0;
  std::vector<std::string> columns = {"run_id",      "precedence",    "addressed",  "delivered",
                                      "other_means", "undeliverable", "in_flight",  "unresolved",
                                      "within",      "mean_s",        "p50_s",      "p50_at_least",
                                      "p95_s",       "p95_at_least",  "p99_s",      "p99_at_least",
                                      "max_s",       "max_at_least",  "objective_s"};
  std::vector<Value> values = {run,
                               std::string(PrecedenceName(p)),
                               static_cast<std::int64_t>(x.addressed),
                               static_cast<std::int64_t>(x.delivered),
                               static_cast<std::int64_t>(x.other_means),
                               static_cast<std::int64_t>(x.undeliverable),
                               static_cast<std::int64_t>(x.in_flight),
                               static_cast<std::int64_t>(x.unresolved),
                               static_cast<std::int64_t>(x.within),
                               x.delivered ? Value(x.mean_s) : Value(),
                               Quantity(x.p50, times),
                               Bound(x.p50, times),
                               Quantity(x.p95, times),
                               Bound(x.p95, times),
                               Quantity(x.p99, times),
                               Bound(x.p99, times),
                               Quantity(x.max, times),
                               Bound(x.max, times),
                               objective.seconds()};
  for (DelayPart part : kDelayParts) {
    columns.emplace_back(DelayPartSecondsKey(part));
    values.push_back(anatomy.deliveries ? Value(anatomy[part]) : Value());
  }
  db->Insert("precedence", columns, values);
}

std::string VaryJson(const ExperimentResult& e, std::size_t point) {
  JsonWriter w;
  w.BeginObject();
  for (std::size_t k = 0; k < e.keys.size(); ++k)
    w.Key(e.keys[k]).String(e.points[point].values[k]);
  w.EndObject();
  return w.str();
}

}  // namespace

bool IsDatabasePath(const std::string& path) {
  for (const char* ext : {".sqlite", ".sqlite3", ".db"}) {
    const std::string e = ext;
    if (path.size() > e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0)
      return true;
  }
  return false;
}

std::string WriteRunToDb(const std::string& path, const RunView& sim, const Scenario& s,
                         const RunSummary& r, const DbProvenance& p, const DbWait& wait) {
  Db db(path, wait);
  const std::int64_t run = db.Insert(
      "runs", kRunColumns,
      {p.command, s.name, std::to_string(r.seed), std::string(DisciplineName(r.discipline)),
       Value(), 1.0, std::string("{}"), p.version, p.command_line});
  db.CheckRunRow(run);
  for (Precedence prec : kReportOrder) {
    const auto k = static_cast<std::size_t>(prec);
    AddPrecedence(&db, run, prec, r.by_precedence[k], s.objectives[k], r.anatomy[k]);
  }
  const Network& net = sim.network();
  for (const AddresseeRecord& a : sim.addressees()) {
    const MessageRecord& m = sim.messages()[a.message];
    const bool delivered = a.outcome == Outcome::kDelivered;
    const bool corrected = a.subject_to_correction && a.corrected != SimTime::Max();
    db.Insert(
        "addressees",
        {"run_id", "message", "addressee", "ri", "precedence", "info", "filed", "outcome", "reason",
         "delivered", "latency_s", "age_s", "classification", "subject_to_correction", "corrected",
         "corrected_latency_s"},
        {run, m.id, sim.name(a.address),
         a.station == kNoStation ? Value() : Value(net.station(a.station).ri),
         std::string(PrecedenceName(a.precedence)), std::int64_t{a.info}, UtcTime(s, m.filed),
         std::string(OutcomeKey(a.outcome)),
         OutcomeReason(a).empty() ? Value() : Value(std::string(OutcomeReason(a))),
         delivered ? Value(UtcTime(s, a.delivered)) : Value(),
         delivered ? Value(LatencySeconds(sim, a)) : Value(),
         a.outcome == Outcome::kInFlight
             ? Value(r.end > m.filed ? (r.end - m.filed).seconds() : 0.0)
             : Value(),
         std::string(ClassificationName(m.classification)), std::int64_t{a.subject_to_correction},
         corrected ? Value(UtcTime(s, a.corrected)) : Value(),
         corrected ? Value(CorrectedLatencySeconds(sim, a)) : Value()});
  }
  for (const LinkFigures& l : r.all_links) {
    const auto n = [](std::uint64_t v) { return Value(static_cast<std::int64_t>(v)); };
    db.Insert("links",
              {"run_id", "from_ri", "to_ri", "utilisation", "busy_s", "copies", "max_queue",
               "backlogged_s", "interruptions", "lost", "garbled", "reruns", "service_messages",
               "corrections"},
              {run, net.station(net.ChannelFrom(l.channel)).ri,
               net.station(net.ChannelTo(l.channel)).ri, l.utilisation, l.busy.seconds(),
               n(l.copies), n(l.max_queue), l.backlogged.seconds(), n(l.interruptions), n(l.lost),
               n(l.garbled), n(l.reruns), n(l.service_messages), n(l.corrections)});
  }
  for (const StationFigures& st : r.stations) {
    db.Insert("stations",
              {"run_id", "ri", "name", "operators", "utilisation", "copies_processed",
               "max_waiting", "mean_wait_s"},
              {run, net.station(st.station).ri, net.station(st.station).name,
               static_cast<std::int64_t>(st.operators), st.utilisation,
               static_cast<std::int64_t>(st.copies), static_cast<std::int64_t>(st.max_waiting),
               st.mean_wait_s});
  }
  if (r.timeseries) {
    const TimeSeries& ts = *r.timeseries;
    for (const TimeSeries::Series& series : ts.series) {
      series.values.ForEach([&](std::size_t k, std::optional<double> v) {
        if (!v) return;
        db.Insert(
            "timeseries", {"run_id", "t_s", "series", "key", "precedence", "value"},
            {run, ts.t[k].seconds(), series.name, series.key,
             series.precedence ? Value(std::string(PrecedenceName(*series.precedence))) : Value(),
             *v});
      });
    }
  }
  return db.Commit();
}

std::string WriteExperimentToDb(const std::string& path, const ExperimentResult& e,
                                const DbProvenance& p, const DbWait& wait) {
  Db db(path, wait);
  for (std::size_t point = 0; point < e.points.size(); ++point) {
    const std::string vary = VaryJson(e, point);
    for (std::size_t d = 0; d < e.disciplines.size(); ++d) {
      const auto& runs = e.Runs(point, d);
      for (std::size_t rep = 0; rep < runs.size(); ++rep) {
        const ReplicationResult& result = runs[rep];
        const std::int64_t run = db.Insert(
            "runs", kRunColumns,
            {p.command, e.scenario, std::to_string(result.seed),
             std::string(DisciplineName(e.disciplines[d])), static_cast<std::int64_t>(rep + 1),
             e.points[point].load, vary, p.version, p.command_line});
        db.CheckRunRow(run);
        for (Precedence prec : kReportOrder) {
          const auto k = static_cast<std::size_t>(prec);
          AddPrecedence(&db, run, prec, result.by_precedence[k], e.objectives[k],
                        MeansOf(result.anatomy[k]));
        }
        if (e.network == nullptr) continue;
        for (ChannelId c = 0; c < result.channel_utilisation.size(); ++c) {
          if (result.channel_utilisation[c] == 0) continue;  // idle: nothing to say
          db.Insert(
              "links", {"run_id", "from_ri", "to_ri", "utilisation"},
              {run, e.network->station(e.network->ChannelFrom(c)).ri,
               e.network->station(e.network->ChannelTo(c)).ri, result.channel_utilisation[c]});
        }
      }
    }
  }
  return db.Commit();
}

}  // namespace cablesim
