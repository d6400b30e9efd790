// Where a report's tables go, so one function lays out the figures and each writer (text,
// HTML) sets them: titled tables of a label column then cells, and notes between them.
#pragma once

#include <string>
#include <vector>

namespace cablesim {

class TableSink {
 public:
  virtual ~TableSink() = default;
  /// Starts a table titled `title` whose cell columns are headed `columns`.
  virtual void Header(const std::string& title, const std::vector<std::string>& columns) = 0;
  /// A row of the current table: its label, then one cell per column.
  virtual void Row(const std::string& label, const std::vector<std::string>& cells) = 0;
  /// A footnote after the current table; lines end in '\n', continuation lines indented.
  virtual void Note(const std::string& text) = 0;
};

}  // namespace cablesim
