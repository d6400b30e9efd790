#include "sim/report/anatomy_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "base/units.h"
#include "sim/report/delay_parts.h"

namespace cablesim {
namespace {

constexpr int kTextBarWidth = 50;

bool AnyDeliveries(const std::vector<AnatomyRow>& rows) {
  return std::any_of(rows.begin(), rows.end(),
                     [](const AnatomyRow& r) { return r.means.deliveries > 0; });
}

double LongestTotal(const std::vector<AnatomyRow>& rows) {
  double longest = 0;
  for (const AnatomyRow& r : rows) longest = std::max(longest, r.means.Total());
  return longest;
}

bool HasDiscipline(const std::vector<AnatomyRow>& rows) {
  return std::any_of(rows.begin(), rows.end(),
                     [](const AnatomyRow& r) { return !r.discipline.empty(); });
}

/// The parts some row spends time in, in order.
std::vector<DelayPart> UsedParts(const std::vector<AnatomyRow>& rows) {
  std::vector<DelayPart> used;
  for (DelayPart p : kDelayParts) {
    for (const AnatomyRow& r : rows) {
      if (r.means[p] > 0) {
        used.push_back(p);
        break;
      }
    }
  }
  return used;
}

std::string Cell(double seconds) { return seconds > 0 ? FormatSecondsCompact(seconds) : "0"; }

/// Where each part of a bar `length` characters long for `total` ends, so that rounding
/// never loses or gains a character: part k ends at round(cumulative_k * scale).
std::string TextBar(const AnatomyMeans& m, double scale) {
  std::string bar;
  double cumulative = 0;
  for (DelayPart p : kDelayParts) {
    cumulative += m[p];
    const auto end = static_cast<std::size_t>(std::lround(cumulative * scale));
    if (end > bar.size()) bar.append(end - bar.size(), DelayPartInfo(p).letter);
  }
  return bar;
}

/// A step of 1, 2 or 5 times a power of ten seconds, or of whole minutes and hours, so that
/// about four ticks cover `span`.
double TickStep(double span) {
  static constexpr double kSteps[] = {1e-3, 2e-3, 5e-3, 0.01, 0.02, 0.05,  0.1,   0.2,   0.5,
                                      1,    2,    5,    10,   15,   30,    60,    120,   300,
                                      600,  900,  1800, 3600, 7200, 10800, 21600, 43200, 86400};
  for (double step : kSteps) {
    if (span / step <= 5) return step;
  }
  return std::pow(10.0, std::ceil(std::log10(span / 5)));
}

std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

}  // namespace

std::vector<AnatomyRow> AnatomyRowsOf(const ByPrecedence& by_precedence,
                                      const std::array<AnatomyMeans, kPrecedenceCount>& anatomy) {
  std::vector<AnatomyRow> rows;
  for (Precedence p : kReportOrder) {
    const auto k = static_cast<std::size_t>(p);
    if (by_precedence[k].addressed == 0) continue;
    rows.push_back(
        {std::string(PrecedenceName(p)), "", anatomy[k], by_precedence[k].in_flight > 0});
  }
  return rows;
}

void WriteAnatomyKeys(const AnatomyMeans& m, JsonWriter* w) {
  // Means per delivery: none without a delivery (null, not 0).
  const bool known = m.deliveries > 0;
  w->Key("deliveries").Uint(m.deliveries);
  for (DelayPart p : kDelayParts) w->Key(DelayPartSecondsKey(p)).DoubleIf(known, m[p]);
  w->Key("total_s").DoubleIf(known, m.Total());
}

std::string AnatomyText(const std::vector<AnatomyRow>& rows) {
  if (!AnyDeliveries(rows)) return "";
  const bool with_discipline = HasDiscipline(rows);
  const std::vector<DelayPart> used = UsedParts(rows);
  char buf[64];
  std::string out =
      "\nwhere the delivery time went (mean per delivered addressee; the parts add up to the "
      "mean)\n";
  auto labels = [&](const std::string& precedence, const std::string& discipline) {
    std::snprintf(buf, sizeof buf, "  %-10s", precedence.c_str());
    std::string s = buf;
    if (with_discipline) {
      std::snprintf(buf, sizeof buf, " %-16s", discipline.substr(0, 16).c_str());
      s += buf;
    }
    return s;
  };
  out += labels("precedence", "discipline");
  std::snprintf(buf, sizeof buf, " %9s", "delivered");
  out += buf;
  for (DelayPart p : used) {
    std::snprintf(buf, sizeof buf, " %11s", std::string(DelayPartInfo(p).short_name).c_str());
    out += buf;
  }
  out += "      = mean\n";
  bool any_partial = false;
  for (const AnatomyRow& r : rows) {
    out += labels(r.precedence, r.discipline);
    std::snprintf(buf, sizeof buf, " %9llu", static_cast<unsigned long long>(r.means.deliveries));
    out += buf;
    for (DelayPart p : used) {
      std::snprintf(buf, sizeof buf, " %11s", r.means.deliveries ? Cell(r.means[p]).c_str() : "-");
      out += buf;
    }
    const std::string mean = r.means.deliveries ? FormatSecondsCompact(r.means.Total()) : "-";
    std::snprintf(buf, sizeof buf, " %10s%s\n", mean.c_str(), r.partial ? "*" : "");
    out += buf;
    any_partial |= r.partial;
  }
  if (any_partial) {
    out += "  * of the delivered only: some addressees were still in flight at the end\n";
  }
  const double longest = LongestTotal(rows);
  const double scale = longest > 0 ? kTextBarWidth / longest : 0;
  out += "\n  the same as bars, to one scale (" + std::to_string(kTextBarWidth) +
         " characters = " + FormatSecondsCompact(longest) + ")\n";
  for (const AnatomyRow& r : rows) {
    if (r.means.deliveries == 0) continue;
    out += labels(r.precedence, r.discipline) + " |" + TextBar(r.means, scale) + "\n";
  }
  std::string line = " ";
  for (std::size_t i = 0; i < used.size(); ++i) {
    const std::string item = std::string(" ") + DelayPartInfo(used[i]).letter + " " +
                             std::string(DelayPartInfo(used[i]).name) +
                             (i + 1 < used.size() ? ";" : "");
    if (line.size() + item.size() > 88) {
      out += line + "\n";
      line = " ";
    }
    line += item;
  }
  return out + line + "\n";
}

HtmlTable AnatomyHtmlTable(const std::vector<AnatomyRow>& rows) {
  HtmlTable t;
  const bool with_discipline = HasDiscipline(rows);
  t.caption = "where the delivery time went: mean per delivered addressee, by part";
  t.columns = {"precedence"};
  if (with_discipline) t.columns.emplace_back("discipline");
  t.columns.emplace_back("delivered");
  for (DelayPart p : kDelayParts) t.columns.emplace_back(DelayPartInfo(p).short_name);
  t.columns.emplace_back("= mean");
  bool any_partial = false;
  for (const AnatomyRow& r : rows) {
    std::vector<HtmlCell> row = {HtmlCell(r.precedence)};
    if (with_discipline) row.emplace_back(r.discipline);
    row.emplace_back(std::to_string(r.means.deliveries), static_cast<double>(r.means.deliveries));
    for (DelayPart p : kDelayParts) {
      row.emplace_back(r.means.deliveries ? Cell(r.means[p]) : "-", r.means[p]);
    }
    row.emplace_back(
        r.means.deliveries ? FormatSecondsCompact(r.means.Total()) + (r.partial ? "*" : "") : "-",
        r.means.Total());
    t.rows.push_back(std::move(row));
    any_partial |= r.partial;
  }
  std::string parts;
  for (DelayPart p : kDelayParts) {
    const DelayPartRow& row = DelayPartInfo(p);
    parts += (parts.empty() ? "" : "; ") + std::string(row.short_name) + " (" +
             std::string(row.meaning) + ")";
  }
  t.notes.push_back(
      "Each copy's time at each station is cut into these parts as it happens: " + parts +
      ". For each delivered addressee they add up exactly to its delivery time; "
      "the table gives their means.");
  if (any_partial) {
    t.notes.push_back("* of the delivered only: some addressees were still in flight at the end.");
  }
  return t;
}

std::string AnatomySvg(const std::vector<AnatomyRow>& rows) {
  if (!AnyDeliveries(rows)) return "";
  const bool with_discipline = HasDiscipline(rows);
  const double label_w = with_discipline ? 250 : 110, bar_w = 560, row_h = 24, top = 10;
  const double longest = LongestTotal(rows);
  std::vector<const AnatomyRow*> shown;
  for (const AnatomyRow& r : rows) {
    if (r.means.deliveries > 0) shown.push_back(&r);
  }
  // Row tops; with disciplines side by side, a gap between precedences.
  std::vector<double> row_y;
  double next_y = top;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (with_discipline && i > 0 && shown[i]->precedence != shown[i - 1]->precedence) next_y += 10;
    row_y.push_back(next_y);
    next_y += row_h;
  }
  const double axis_y = next_y + 4;
  const std::vector<DelayPart> used = UsedParts(rows);
  const double legend_y = axis_y + 44;
  const double width = label_w + bar_w + 90;
  const double height = legend_y + 20 * std::ceil(static_cast<double>(used.size()) / 3.0) + 6;
  const double scale = longest > 0 ? bar_w / longest : 0;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(width) +
                    "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " +
                    Num(height) +
                    "\" font-family=\"sans-serif\" font-size=\"12\">\n"
                    "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  for (std::size_t i = 0; i < shown.size(); ++i) {
    const AnatomyRow* r = shown[i];
    const double y = row_y[i];
    std::string label = r->precedence;
    if (with_discipline) label += "  " + r->discipline;
    svg += "<text x=\"" + Num(label_w - 8) + "\" y=\"" + Num(y + 16) + "\" text-anchor=\"end\">" +
           HtmlEscape(label) + "</text>\n";
    double x = label_w;
    for (DelayPart p : kDelayParts) {
      const double w = r->means[p] * scale;
      if (w <= 0) continue;
      svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y + 3) + "\" width=\"" + Num(w) +
             "\" height=\"" + Num(row_h - 6) + "\" fill=\"" + std::string(DelayPartInfo(p).colour) +
             "\"><title>" +
             HtmlEscape(std::string(DelayPartInfo(p).name) + ": " +
                        FormatSecondsCompact(r->means[p])) +
             "</title></rect>\n";
      x += w;
    }
    svg += "<text x=\"" + Num(x + 6) + "\" y=\"" + Num(y + 16) + "\">" +
           HtmlEscape(FormatSecondsCompact(r->means.Total()) + (r->partial ? "*" : "")) +
           "</text>\n";
  }
  // The time axis.
  svg += "<line x1=\"" + Num(label_w) + "\" y1=\"" + Num(axis_y) + "\" x2=\"" +
         Num(label_w + bar_w) + "\" y2=\"" + Num(axis_y) + "\" stroke=\"black\"/>\n";
  if (longest > 0) {
    const double step = TickStep(longest);
    for (double t = 0; t <= longest * (1 + 1e-9); t += step) {
      const double x = label_w + t * scale;
      svg += "<line x1=\"" + Num(x) + "\" y1=\"" + Num(axis_y) + "\" x2=\"" + Num(x) + "\" y2=\"" +
             Num(axis_y + 5) + "\" stroke=\"black\"/><text x=\"" + Num(x) + "\" y=\"" +
             Num(axis_y + 18) + "\" text-anchor=\"middle\">" +
             HtmlEscape(t > 0 ? FormatSecondsCompact(t) : "0") + "</text>\n";
    }
  }
  svg += "<text x=\"" + Num(label_w + bar_w / 2) + "\" y=\"" + Num(axis_y + 32) +
         "\" text-anchor=\"middle\">mean time from filing to delivery</text>\n";
  for (std::size_t i = 0; i < used.size(); ++i) {
    const double x = label_w + static_cast<double>(i % 3) * 190;
    const double ly = legend_y + 20 * static_cast<double>(i / 3);
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(ly) + "\" width=\"12\" height=\"12\" fill=\"" +
           std::string(DelayPartInfo(used[i]).colour) + "\"/><text x=\"" + Num(x + 16) + "\" y=\"" +
           Num(ly + 11) + "\">" + HtmlEscape(std::string(DelayPartInfo(used[i]).name)) +
           "</text>\n";
  }
  return svg + "</svg>\n";
}

}  // namespace cablesim
