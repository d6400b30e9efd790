#include "sim/message/acp127_formatter.h"

#include <cstdio>

#include "sim/message/acp127_parser.h"

namespace cablesim {
namespace {

void AppendRoutingLine(const Message& m, std::string* out) {
  const char p = PrecedenceProsign(m.routing_precedence);
  std::string line = std::string{p, p};
  for (const auto& ri : m.routing_ris) {
    if (line.size() + 1 + ri.size() > kMaxLineChars) {
      *out += line + "\n";
      line = ri;
    } else {
      line += " " + ri;
    }
  }
  *out += line + "\n";
}

// Appends the addressee's line (without its keyword or line end) to *line.
void AppendAddresseeLine(const Addressee& a, std::string* line) {
  if (a.zen) {
    *line += "ZEN/";
  } else if (a.ri) {
    *line += *a.ri;
    *line += '/';
  }
  *line += a.address;
  if (a.niact) *line += " NIACT";
  if (a.word) {
    *line += ' ';
    *line += PrecedenceName(*a.word);
  }
  if (!a.serial.empty()) {
    *line += ' ';
    *line += a.serial;
  }
}

void AppendSection(std::string_view keyword, const std::vector<Addressee>& list, std::string* out) {
  std::string line;  // reused: one allocation at most for the whole list
  for (std::size_t k = 0; k < list.size(); ++k) {
    line.clear();
    AppendAddresseeLine(list[k], &line);
    // An addressee that would read as structure on its own line gets the keyword again.
    if (k == 0 || IsStructuralLine(line)) {
      *out += keyword;
      *out += ' ';
    }
    *out += line;
    *out += '\n';
  }
}

// Breaks a text line at spaces so that no piece is longer than kMaxLineChars (a word longer
// than that is cut).
void AppendWrapped(const std::string& line, std::string* out) {
  std::string_view rest = line;
  // A wrapped piece must not read as structure: a lone BT or NNNN, the start of a
  // transmission, a separator, or a classification line (which the reader looks for among
  // the first text lines).
  auto is_marker = [](std::string_view piece) {
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t')) piece.remove_suffix(1);
    return IsStructuralLine(std::string(piece));
  };
  // Neither the line it ends ("BT" of "BT RU...") nor the one it starts may read as one.
  auto bad_cut = [&](std::string_view text, std::size_t cut) {
    return is_marker(text.substr(0, cut)) || is_marker(text.substr(cut));
  };
  while (rest.size() > kMaxLineChars) {
    std::size_t cut = rest.rfind(' ', kMaxLineChars);
    while (cut != std::string_view::npos && cut > 0 && bad_cut(rest, cut)) {
      cut = rest.rfind(' ', cut - 1);
    }
    if (cut == std::string_view::npos || cut == 0) {
      // No usable space: cut inside a word, but not where a marker would stand alone.
      cut = kMaxLineChars;
      while (cut > 1 && bad_cut(rest, cut)) --cut;
      // Every cut would leave structure on a line of its own: keep the line whole (longer
      // than 69 characters) rather than change what the text says.
      if (bad_cut(rest, cut)) break;
    }
    std::string_view piece = rest.substr(0, cut);
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\t')) {
      piece.remove_suffix(1);
    }
    *out += piece;
    *out += '\n';
    rest.remove_prefix(cut);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  }
  *out += rest;
  *out += '\n';
}

}  // namespace

std::string FormatAcp127Heading(const Message& m) {
  std::string out;
  if (!m.transmission_id.empty()) out += "VZCZC" + m.transmission_id + "\n";
  if (m.has_routing_line) AppendRoutingLine(m, &out);
  if (!m.station_ri.empty()) {
    char filed[16];
    std::snprintf(filed, sizeof filed, "%03d", m.filed_julian_day);
    out += "DE " + m.station_ri + " #" + m.station_serial;
    if (!m.section.empty()) out += "/" + m.section;
    out += std::string(" ") + filed + m.filed_time + "\n";
  }
  if (!m.security_signal.empty()) {
    out += m.security_signal;
    if (!m.security_group.empty()) out += " " + m.security_group;
    for (const auto& s : m.operating_signals) out += " " + s;
    out += "\n";
  }
  out += PrecedenceProsign(m.action_precedence);
  if (m.dual_precedence) out += std::string(" ") + PrecedenceProsign(m.info_precedence);
  out += " " + FormatDtg(m.dtg);
  if (!m.dtg_signals.empty()) out += " " + m.dtg_signals;
  out += "\n";
  out += "FM " + m.from + "\n";
  AppendSection("TO", m.to, &out);
  AppendSection("INFO", m.info, &out);
  AppendSection("XMT", m.exempt, &out);
  return out;
}

std::string FormatAcp127(const Message& m) {
  std::string out = FormatAcp127Heading(m);
  out += "BT\n";
  // The classification line is never wrapped: its pieces could read as another line.
  if (!m.classification_line.empty()) {
    out += m.classification_line;
    out += '\n';
  }
  for (const auto& line : m.text) AppendWrapped(line, &out);
  out += "BT\n";
  out += "NNNN\n";
  return out;
}

std::size_t WireChars(const Message& m) {
  // Each "\n" of the formatted text is CR LF on the wire; NNNN's line is replaced by the full
  // end-of-message sequence: 2 CR + 8 LF + NNNN + 12 LTRS = 26 characters.
  const std::string text = FormatAcp127(m);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  const std::size_t without_eom = text.size() - 5 /* "NNNN\n" */;
  return without_eom + (lines - 1) /* CR per line */ + 26;
}

}  // namespace cablesim
