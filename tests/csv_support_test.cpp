// tests/csv_support.h, the tests' CSV reader: it reads back every field as
// sim/report/csv_field.h writes it, and refuses text that is not a table.
#include "tests/csv_support.h"

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/report/csv_field.h"

using cablesim::CsvField;
using cablesim::testing::CsvRecords;
using cablesim::testing::ParseCsv;

TEST_CASE("the CSV reader reads back every field as CsvField writes it") {
  const std::vector<std::string> awkward = {"plain", "a,b", "say \"hi\"", "two\nlines",
                                            "",      "\"",  ",",          "RUEHC>RUEHGB"};
  std::string text = "name,value\n";
  for (const std::string& v : awkward) text += CsvField("k") + "," + CsvField(v) + "\n";
  const auto table = ParseCsv(text);
  CHECK(table.header == std::vector<std::string>{"name", "value"});
  REQUIRE(table.rows.size() == awkward.size());
  for (std::size_t i = 0; i < awkward.size(); ++i) {
    CAPTURE(awkward[i]);
    CHECK(table.rows[i]["name"] == "k");
    CHECK(table.rows[i]["value"] == awkward[i]);
  }
  CHECK(table.Where({{"value", "a,b"}}).size() == 1);
  CHECK(table.Where({{"name", "k"}, {"value", "nothing"}}).empty());
  CHECK(table.One({{"value", "two\nlines"}})["name"] == "k");
  CHECK_THROWS_WITH_AS(table.One({{"name", "k"}}), "CSV: 8 rows with name=k", std::runtime_error);
  CHECK(table.rows[0].Mismatches({{"name", "k"}, {"value", "plain"}}).empty());
  CHECK(table.rows[0].Mismatches({{"name", "j"}, {"nme", "k"}}) ==
        "name: want 'j', got 'k'\nnme: no such column\n");
  CHECK_THROWS_WITH_AS(table.rows[0]["valeu"], "CSV: no column 'valeu'", std::out_of_range);
}

TEST_CASE("the CSV reader keeps empty fields and a last record without its newline") {
  CHECK(CsvRecords("a,,b\n,\n") == std::vector<std::vector<std::string>>{{"a", "", "b"}, {"", ""}});
  CHECK(CsvRecords("a,b") == std::vector<std::vector<std::string>>{{"a", "b"}});
  CHECK(CsvRecords("").empty());
}

TEST_CASE("the CSV reader refuses what is not a table, saying where") {
  CHECK_THROWS_WITH_AS(ParseCsv("a,b\n1\n"), "CSV record 2: 1 fields, the header has 2",
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(ParseCsv("a,a\n1,2\n"), "CSV: column 'a' twice in the header",
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(CsvRecords("a\n\"open\n"), "CSV record 2: a quote left open",
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(CsvRecords("a\"b\n"), "CSV record 1: a quote inside a field",
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(CsvRecords("\"a\"b\n"), "CSV record 1: a character after a closing quote",
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(ParseCsv(""), "CSV: no header", std::runtime_error);
}
