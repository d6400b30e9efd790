// One figure, one place (issue 32.8): a link direction's utilisation and its ACP 127
// procedure counts are computed once, in the run's summary, and every output shows that one
// figure: the text report, JSON, the links CSV and the results database.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli_support.h"

using cablesim::testing::ReadFile;
using cablesim::testing::RunCli;
using cablesim::testing::TempPath;

namespace {

// A CSV file's rows as name -> value (no quoted fields in the links table).
std::vector<std::map<std::string, std::string>> CsvRows(const std::string& text) {
  std::vector<std::map<std::string, std::string>> rows;
  std::istringstream in(text);
  std::string line;
  std::vector<std::string> header;
  auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::stringstream ss(l);
    for (std::string cell; std::getline(ss, cell, ',');) out.push_back(cell);
    if (!l.empty() && l.back() == ',') out.emplace_back();
    return out;
  };
  while (std::getline(in, line)) {
    if (header.empty()) {
      header = split(line);
      continue;
    }
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t k = 0; k < header.size() && k < cells.size(); ++k) row[header[k]] = cells[k];
    rows.push_back(row);
  }
  return rows;
}

// A number that follows `key` in the JSON object that holds "from":FROM,"to":TO.
double JsonLinkField(const std::string& json, const std::string& from, const std::string& to,
                     const std::string& key) {
  const std::string head = "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"";
  const std::size_t at = json.find(head);
  REQUIRE(at != std::string::npos);
  const std::size_t k = json.find("\"" + key + "\":", at);
  REQUIRE(k != std::string::npos);
  REQUIRE(k < json.find('}', at));
  return std::stod(json.substr(k + key.size() + 3));
}

}  // namespace

TEST_CASE("a link's utilisation and procedure counts are one figure in every output" *
          doctest::timeout(120)) {
  const std::string dir = TempPath("link-figures/");
  const std::string db = TempPath("link-figures.sqlite");
  std::filesystem::remove_all(dir);
  std::remove(db.c_str());
  REQUIRE(RunCli("run tests/data/lossy-scenario.yaml --out " + dir).exit_code == 0);
  REQUIRE(RunCli("run tests/data/lossy-scenario.yaml --out " + db).exit_code == 0);
  const std::string text = ReadFile(dir + "report.txt");
  const std::string json = ReadFile(dir + "report.json");
  const auto csv = CsvRows(ReadFile(dir + "links.csv"));

  sqlite3* conn = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  int links_checked = 0;
  for (const auto& row : csv) {
    const std::string from = row.at("from"), to = row.at("to");
    CAPTURE(from + ">" + to);
    const double u = JsonLinkField(json, from, to, "utilisation");
    // CSV: the JSON figure to 6 decimals.
    char six[32];
    std::snprintf(six, sizeof six, "%.6f", u);
    CHECK(row.at("utilisation") == six);
    // Text: the JSON figure as a percentage to one decimal.
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.1f%%", 100 * u);
    CHECK(text.find(from + ">" + to) != std::string::npos);
    CHECK(text.find(std::string(percent)) != std::string::npos);
    // The database: the JSON figure itself, and the procedure's counts.
    sqlite3_stmt* st = nullptr;
    const std::string sql =
        "SELECT utilisation, lost, garbled, reruns, service_messages, corrections FROM links "
        "WHERE from_ri = '" +
        from + "' AND to_ri = '" + to + "'";
    REQUIRE(sqlite3_prepare_v2(conn, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    CHECK(sqlite3_column_double(st, 0) == doctest::Approx(u).epsilon(1e-12));
    int column = 1;
    for (const char* key : {"lost", "garbled", "reruns", "service_messages", "corrections"}) {
      CAPTURE(key);
      const auto n = static_cast<std::int64_t>(JsonLinkField(json, from, to, key));
      CHECK(sqlite3_column_int64(st, column++) == n);
      CHECK(std::stoll(row.at(key)) == n);
    }
    sqlite3_finalize(st);
    ++links_checked;
  }
  sqlite3_close(conn);
  CHECK(links_checked == 4);  // both directions of both links of the lossy chain
  std::filesystem::remove_all(dir);
  std::remove(db.c_str());
}
