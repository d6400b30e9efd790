#include "sim/traffic/trace_source.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

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

}  // namespace

Result<std::vector<MessageSpec>> ReadTrace(const std::string& path, std::int64_t epoch_unix) {
  auto text = ReadInputFile(path);
  if (!text) return text.error();
  std::istringstream in(*text);
  const std::string base = std::filesystem::path(path).filename().string();
  std::vector<MessageSpec> out;
  std::string line;
  int number = 0;
  const std::vector<std::string> kHeader = {"time", "from", "to", "info", "precedence", "chars"};
  bool header_seen = false;
  while (std::getline(in, line)) {
    ++number;
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    auto cells = SplitOn(line, ',');
    // Column of each cell, 1-based, for messages.
    std::vector<int> column;
    int col = 1;
    for (const auto& c : cells) {
      column.push_back(col);
      col += static_cast<int>(c.size()) + 1;
    }
    for (auto& c : cells) c = Trim(c);
    if (!header_seen) {
      if (cells != kHeader) {
        return Error{path, number, 1, "",
                     "expected the header line 'time,from,to,info,precedence,chars'"};
      }
      header_seen = true;
      continue;
    }
    if (cells.size() != kHeader.size()) {
      return Error{path, number, 1, "",
                   "expected 6 comma-separated fields (time,from,to,info,precedence,chars), "
                   "found " +
                       std::to_string(cells.size())};
    }
    auto fail = [&](std::size_t k, const std::string& msg) -> Error {
      return Error{path, number, column[k], kHeader[k], msg};
    };
    MessageSpec m;
    m.id = base + "-" + std::to_string(number);
    std::string err;
    if (auto d = ParseDuration(cells[0], &err)) {
      m.filed = *d;
    } else if (auto iso = ParseIso(cells[0], &err)) {
      const std::int64_t t = DtgToUnixSeconds(*iso);
      if (t < epoch_unix) return fail(0, "time " + cells[0] + " is before the scenario start");
      const auto offset = Duration::SecondsInRange(t - epoch_unix);
      if (!offset) {
        return fail(0, "time out of range: " + cells[0] +
                           " is more than 292 years from the scenario's start");
      }
      m.filed = SimTime() + *offset;
    } else {
      return fail(0,
                  "expected an offset like 90s or a UTC time like 2008-06-05T21:33:00Z, "
                  "found '" +
                      cells[0] + "'");
    }
    if (cells[1].empty()) return fail(1, "the originating station is missing");
    m.origin_ri = cells[1];
    Precedence action, info;
    if (auto w = PrecedenceFromWord(cells[4])) {
      action = info = *w;
    } else {
      auto pro = SplitOn(cells[4], ' ');
      pro.erase(std::remove(pro.begin(), pro.end(), ""), pro.end());
      auto a =
          pro.size() >= 1 && pro[0].size() == 1 ? PrecedenceFromProsign(pro[0][0]) : std::nullopt;
      auto i = pro.size() == 2 && pro[1].size() == 1 ? PrecedenceFromProsign(pro[1][0]) : a;
      if (!a || !i || pro.size() > 2) {
        return fail(4,
                    "expected FLASH, IMMEDIATE, PRIORITY, ROUTINE or prosigns like 'O P', "
                    "found '" +
                        cells[4] + "'");
      }
      action = *a;
      info = *i;
    }
    for (int k : {2, 3}) {
      for (auto ri : SplitOn(cells[static_cast<std::size_t>(k)], ';')) {
        ri = Trim(ri);
        if (ri.empty()) continue;
        AddresseeSpec a;
        a.ri = ri;
        a.info = k == 3;
        a.precedence = k == 3 ? info : action;
        m.addressees.push_back(a);
      }
    }
    if (m.addressees.empty()) return fail(2, "a message needs at least one addressee");
    try {
      std::size_t used = 0;
      const long long chars = std::stoll(cells[5], &used);
      if (used != cells[5].size() || chars <= 0 || chars > 100'000'000) throw std::out_of_range("");
      m.chars = chars;
    } catch (const std::exception&) {
      return fail(5, "expected a positive whole number of characters, found '" + cells[5] + "'");
    }
    out.push_back(std::move(m));
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
