#include "sim/traffic/trace_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "base/input_file.h"
#include "sim/message/dtg.h"

namespace cablesim {
namespace {

std::vector<std::string> SplitOn(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

const std::vector<std::string> kTraceHeader = {"time", "from", "to", "info", "precedence", "chars"};

/// One row of a trace: its cells (trimmed), the 1-based column where each began and the
/// column of its first character after the blanks trimmed.
struct TraceRow {
  std::vector<std::string> cells;
  std::vector<int> column;
  std::vector<int> text_column;
};

TraceRow SplitRow(const std::string& line) {
  TraceRow row;
  row.cells = SplitOn(line, ',');
  int col = 1;
  for (auto& c : row.cells) {
    row.column.push_back(col);
    const auto lead = std::min(c.find_first_not_of(" \t\r"), c.size());
    row.text_column.push_back(col + static_cast<int>(lead));
    col += static_cast<int>(c.size()) + 1;
    c = Trim(c);
  }
  return row;
}

/// A precedence cell: a word (both action and info take it) or prosigns like 'O P'.
std::optional<std::pair<Precedence, Precedence>> TracePrecedence(const std::string& cell) {
  if (auto w = PrecedenceFromWord(cell)) return std::pair{*w, *w};
  auto pro = SplitOn(cell, ' ');
  pro.erase(std::remove(pro.begin(), pro.end(), ""), pro.end());
  auto a = pro.size() >= 1 && pro[0].size() == 1 ? PrecedenceFromProsign(pro[0][0]) : std::nullopt;
  auto i = pro.size() == 2 && pro[1].size() == 1 ? PrecedenceFromProsign(pro[1][0]) : a;
  if (!a || !i || pro.size() > 2) return std::nullopt;
  return std::pair{*a, *i};
}

/// A row after the header as a message (id: the file's name and the line's number), and
/// where its origin and addressees were written.
Result<MessageSpec> TraceMessage(const TraceRow& row, const std::string& path, int number,
                                 std::int64_t epoch_unix, TracePlace* place) {
  const auto& cells = row.cells;
  auto fail = [&](std::size_t k, const std::string& msg) -> Error {
    return Error{path, number, row.column[k], kTraceHeader[k], msg};
  };
  MessageSpec m;
  m.id = std::filesystem::path(path).filename().string() + "-" + std::to_string(number);
  std::string why;
  const auto filed = ParseTimePoint(cells[0], epoch_unix, &why);
  if (!filed) return fail(0, why);
  m.filed = SimTime() + *filed;
  if (cells[1].empty()) return fail(1, "the originating station is missing");
  m.origin_ri = cells[1];
  place->line = number;
  place->from_column = row.text_column[1];
  const auto precedence = TracePrecedence(cells[4]);
  if (!precedence) {
    return fail(4, "expected FLASH, IMMEDIATE, PRIORITY, ROUTINE or prosigns like 'O P', found '" +
                       cells[4] + "'");
  }
  const auto [action, info] = *precedence;
  for (const std::size_t k : {std::size_t{2}, std::size_t{3}}) {
    int column = row.text_column[k];
    for (const auto& written : SplitOn(cells[k], ';')) {
      const std::string ri = Trim(written);
      const auto lead = std::min(written.find_first_not_of(" \t\r"), written.size());
      const int at = column + static_cast<int>(lead);
      column += static_cast<int>(written.size()) + 1;
      if (ri.empty()) continue;
      AddresseeSpec a;
      a.ri = ri;
      a.info = k == 3;
      a.precedence = k == 3 ? info : action;
      m.addressees.push_back(a);
      place->addressee_columns.push_back(at);
    }
  }
  // As a YAML message's 'to' and a generator's draw: every message has an action addressee.
  const bool has_to = std::any_of(m.addressees.begin(), m.addressees.end(),
                                  [](const AddresseeSpec& a) { return !a.info; });
  if (!has_to) return fail(2, "a message needs a TO addressee (INFO alone is not a message)");
  try {
    std::size_t used = 0;
    const long long chars = std::stoll(cells[5], &used);
    if (used != cells[5].size() || chars <= 0 || chars > 100'000'000) throw std::out_of_range("");
    m.chars = chars;
  } catch (const std::exception&) {
    return fail(5, "expected a positive whole number of characters, found '" + cells[5] + "'");
  }
  return m;
}

}  // namespace

Result<Trace> ReadTrace(const std::string& path, std::int64_t epoch_unix) {
  auto text = ReadInputFile(path);
  if (!text) return text.error();
  std::istringstream in(std::string(WithoutByteOrderMark(*text)));
  Trace out;
  std::string line;
  int number = 0;
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    // No field needs quotes, and none is read through them: a quoted "RUEHFR;RUEHLO" was
    // read as the RIs '"RUEHFR' and 'RUEHLO"', each warned of and taken by a prefix.
    if (const auto quote = line.find('"'); quote != std::string::npos) {
      return Error{path, number, static_cast<int>(quote) + 1, "",
                   "a trace's fields are read without quotes: write them bare (RIs separated "
                   "by ';', as RUEHFR;RUEHLO)"};
    }
    const TraceRow row = SplitRow(line);
    if (!header_seen) {
      if (row.cells != kTraceHeader) {
        return Error{path, number, 1, "",
                     "expected the header line 'time,from,to,info,precedence,chars'"};
      }
      header_seen = true;
      continue;
    }
    if (row.cells.size() != kTraceHeader.size()) {
      return Error{path, number, 1, "",
                   "expected 6 comma-separated fields (time,from,to,info,precedence,chars), "
                   "found " +
                       std::to_string(row.cells.size())};
    }
    TracePlace place;
    auto m = TraceMessage(row, path, number, epoch_unix, &place);
    if (!m) return m.error();
    out.messages.push_back(std::move(m).value());
    out.places.push_back(std::move(place));
  }
  if (!header_seen) return Error{path, 1, 1, "", "the trace is empty (no header line)"};
  return out;
}

VectorSource::VectorSource(std::vector<MessageSpec> messages) : messages_(std::move(messages)) {
  std::stable_sort(messages_.begin(), messages_.end(),
                   [](const MessageSpec& a, const MessageSpec& b) { return a.filed < b.filed; });
}

bool VectorSource::Next(MessageSpec* out) {
  if (next_ >= messages_.size()) return false;
  *out = std::move(messages_[next_++]);
  return true;
}

}  // namespace cablesim
