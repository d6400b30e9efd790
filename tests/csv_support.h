// Reads the CSV that cablesim writes (RFC 4180, as sim/report/csv_field.h quotes a field: in
// double quotes, doubled inside, when it holds a comma, a quote or a line break), so tests
// check fields by their column's name rather than match substrings of the text.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cablesim::testing {

/// (column, value) pairs: the fields a test expects of a row.
using CsvFields = std::vector<std::pair<std::string, std::string>>;

/// One data row of a CSV table: its fields by the header's column names.
class CsvRow {
 public:
  explicit CsvRow(std::map<std::string, std::string> fields) : fields_(std::move(fields)) {}
  /// The field under column `name`; throws std::out_of_range naming the column when the
  /// header has none of that name (a test then fails with that message).
  const std::string& operator[](const std::string& name) const {
    const auto at = fields_.find(name);
    if (at == fields_.end()) throw std::out_of_range("CSV: no column '" + name + "'");
    return at->second;
  }
  /// The fields of `want` this row holds otherwise, one "column: want X, got Y" line each;
  /// "" when it holds every one.
  std::string Mismatches(const CsvFields& want) const {
    std::string out;
    for (const auto& [name, value] : want) {
      const auto at = fields_.find(name);
      if (at == fields_.end()) {
        out += name + ": no such column\n";
      } else if (at->second != value) {
        out += name + ": want '" + value + "', got '" + at->second + "'\n";
      }
    }
    return out;
  }
  /// The row as "column=value" pairs, in the columns' alphabetical order (for messages).
  std::string ToString() const {
    std::string out;
    for (const auto& [name, value] : fields_) out += (out.empty() ? "" : ", ") + name + "=" + value;
    return out;
  }

 private:
  std::map<std::string, std::string> fields_;
};

/// A CSV document: its header row and its data rows.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;

  /// The rows whose fields equal every (column, value) given, in their order in the file.
  std::vector<CsvRow> Where(const CsvFields& equal) const {
    std::vector<CsvRow> out;
    for (const CsvRow& row : rows) {
      if (row.Mismatches(equal).empty()) out.push_back(row);
    }
    return out;
  }
  /// The one row whose fields equal every (column, value) given; throws std::runtime_error
  /// saying how many there are when there is not exactly one.
  CsvRow One(const CsvFields& equal) const {
    std::vector<CsvRow> found = Where(equal);
    if (found.size() != 1) {
      std::string what;
      for (const auto& [column, value] : equal) what += " " + column + "=" + value;
      throw std::runtime_error("CSV: " + std::to_string(found.size()) + " rows with" + what);
    }
    return found.front();
  }
};

/// The records of `text`, each a list of fields; a quoted field may hold commas, doubled
/// quotes and line breaks. Throws std::runtime_error (naming the record) on a quote left
/// open or a quote inside an unquoted field; every record ends with "\n" (the last may not).
inline std::vector<std::vector<std::string>> CsvRecords(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the field being read was quoted (only a separator may follow)
  bool any = false;         // the record being read has a character
  auto where = [&] { return "CSV record " + std::to_string(records.size() + 1); };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
      continue;
    }
    if (c == ',' || c == '\n') {
      record.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      if (c == '\n') {
        records.push_back(std::move(record));
        record.clear();
        any = false;
      } else {
        any = true;
      }
      continue;
    }
    if (was_quoted) throw std::runtime_error(where() + ": a character after a closing quote");
    if (c == '"') {
      if (!field.empty()) throw std::runtime_error(where() + ": a quote inside a field");
      quoted = was_quoted = true;
    } else {
      field += c;
    }
    any = true;
  }
  if (quoted) throw std::runtime_error(where() + ": a quote left open");
  if (any || !field.empty() || was_quoted) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

/// `text` as a table: the first record names the columns (each once), every other record
/// has as many fields. Throws std::runtime_error saying which record is wrong otherwise.
inline CsvTable ParseCsv(std::string_view text) {
  std::vector<std::vector<std::string>> records = CsvRecords(text);
  if (records.empty()) throw std::runtime_error("CSV: no header");
  CsvTable table;
  table.header = std::move(records.front());
  for (std::size_t k = 0; k < table.header.size(); ++k) {
    for (std::size_t j = 0; j < k; ++j) {
      if (table.header[j] == table.header[k]) {
        throw std::runtime_error("CSV: column '" + table.header[k] + "' twice in the header");
      }
    }
  }
  for (std::size_t i = 1; i < records.size(); ++i) {
    if (records[i].size() != table.header.size()) {
      throw std::runtime_error("CSV record " + std::to_string(i + 1) + ": " +
                               std::to_string(records[i].size()) + " fields, the header has " +
                               std::to_string(table.header.size()));
    }
    std::map<std::string, std::string> fields;
    for (std::size_t k = 0; k < table.header.size(); ++k) {
      fields.emplace(table.header[k], std::move(records[i][k]));
    }
    table.rows.emplace_back(std::move(fields));
  }
  return table;
}

}  // namespace cablesim::testing
