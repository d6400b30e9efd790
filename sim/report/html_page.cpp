#include "sim/report/html_page.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace cablesim {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1d2329; --soft: #5b6670; --line: #d5dbe0; --band: #f3f5f7; --warn: #a33c00; }
* { box-sizing: border-box; }
body { font: 15px/1.45 "DejaVu Sans", Helvetica, Arial, sans-serif; color: var(--ink);
  margin: 0 auto; max-width: 1180px; padding: 18px 28px 60px; }
h1 { font-size: 24px; margin: 8px 0 2px; }
h2 { font-size: 19px; margin: 34px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
p.subtitle { color: var(--soft); margin: 0 0 14px; }
nav { background: var(--band); padding: 8px 14px; border-radius: 6px; margin: 10px 0 6px; }
nav a { margin-right: 16px; color: #1f5fa8; text-decoration: none; white-space: nowrap; }
nav a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 6px 0 4px; font-size: 13.5px; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--band); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.warn { color: var(--warn); font-weight: 600; }
table.kv th { background: none; text-align: left; padding-left: 0; color: var(--soft); font-weight: normal; }
table.kv td.code { font-family: "DejaVu Sans Mono", monospace; font-size: 12.5px; word-break: break-all; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 6px 0; }
p.note { color: var(--soft); font-size: 13px; margin: 2px 0; }
p.warn { color: var(--warn); }
p.answer { font-size: 15.5px; margin: 6px 0; }
pre { background: var(--band); padding: 10px 12px; overflow-x: auto; font-size: 12.5px; }
figure { margin: 12px 0 18px; }
figure svg { max-width: 100%; height: auto; display: block; }
figure.wide div { overflow: auto; max-height: 85vh; border: 1px solid var(--line); }
figure.wide svg { max-width: none; }
figure.wide.fit div { max-height: none; overflow: visible; }
figure.wide.fit svg { max-width: 100%; }
button.zoom { font: inherit; font-size: 13px; margin: 0 0 4px; padding: 2px 8px; cursor: pointer; }
figcaption { color: var(--soft); font-size: 13px; margin-top: 4px; }
.missing { border: 1px dashed var(--line); padding: 10px; color: var(--soft); }
.scroll { max-height: 70vh; overflow: auto; border: 1px solid var(--line); }
.scroll th { position: sticky; top: 0; }
th.sortable { cursor: pointer; }
th.sortable::after { content: " \2195"; color: var(--soft); font-weight: normal; }
input.filter { margin: 6px 0; padding: 4px 8px; width: 340px; font: inherit; }
@media print {
  nav, input.filter, button.zoom { display: none; }
  .scroll { max-height: none; overflow: visible; border: none; }
  figure.wide div { max-height: none; overflow: visible; border: none; }
  figure.wide svg { max-width: 100%; }
  tr.print-hidden { display: none; }
  h2 { break-after: avoid; }
  figure, table { break-inside: avoid; }
}
)css";

// Sorting by a heading (numbers by data-v, else text) and filtering rows by their text;
// only for tables marked data-interactive. The page is whole without it.
constexpr const char* kScript = R"js(
document.querySelectorAll('table[data-interactive]').forEach(function (table) {
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var input = document.createElement('input');
  input.className = 'filter';
  input.placeholder = 'filter rows (e.g. RUEHFR, FLASH, in flight)';
  input.setAttribute('aria-label', 'filter rows');
  table.parentNode.parentNode.insertBefore(input, table.parentNode);
  input.addEventListener('input', function () {
    var q = input.value.toLowerCase();
    rows.forEach(function (r) {
      r.style.display = r.textContent.toLowerCase().indexOf(q) < 0 ? 'none' : '';
    });
  });
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.classList.add('sortable');
    var up = true;
    th.addEventListener('click', function () {
      function key(r) {
        var c = r.cells[col];
        var v = c.getAttribute('data-v');
        return v === null ? c.textContent : parseFloat(v);
      }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var d = (typeof x === 'number' && typeof y === 'number') ? x - y
              : String(x).localeCompare(String(y));
        return up ? d : -d;
      });
      up = !up;
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
)js";

// A picture too wide for the page starts fitted to its width (class "fit", the whole of it
// in view); a button shows it at full size in a box that scrolls (to pan) and back.
constexpr const char* kFigureScript = R"js(
document.querySelectorAll('figure.wide').forEach(function (figure) {
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'zoom';
  function label() {
    button.textContent = figure.classList.contains('fit')
        ? 'show at full size (scroll to pan)' : 'fit to the page width';
  }
  button.addEventListener('click', function () { figure.classList.toggle('fit'); label(); });
  label();
  figure.insertBefore(button, figure.firstChild);
});
)js";

bool IdChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.' || c == ':';
}

// The page's column is about 1120 px wide; a picture up to this wide is shrunk to fit,
// a wider one (its small print would become unreadable) keeps its size in a scrolling box.
constexpr double kFitWidthPx = 1600;

/// The width an SVG asks for in CSS pixels (pt = 4/3 px), 0 when it names none.
double SvgWidthPx(std::string_view svg) {
  const auto start = svg.find("<svg");
  if (start == std::string_view::npos) return 0;
  const auto end = svg.find('>', start);
  const std::string_view tag = svg.substr(start, end - start);
  const auto at = tag.find(" width=\"");
  if (at == std::string_view::npos) return 0;
  const std::string value(tag.substr(at + 8, tag.find('"', at + 8) - at - 8));
  char* rest = nullptr;
  const double v = std::strtod(value.c_str(), &rest);
  return std::string_view(rest) == "pt" ? v * 4 / 3 : v;
}

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

}  // namespace

std::string OneParagraph(std::string text) {
  for (std::size_t at; (at = text.find("\n  ")) != std::string::npos;) text.replace(at, 3, " ");
  while (!text.empty() && text.back() == '\n') text.pop_back();
  for (char& ch : text) {
    if (ch == '\n') ch = ' ';
  }
  return text;
}

std::string InlineSvg(std::string_view svg, const std::string& scope) {
  const auto start = svg.find("<svg");
  if (start == std::string_view::npos) return "";
  svg.remove_prefix(start);
  // The ids the picture declares (graphviz quotes with ", gnuplot often with '); only
  // references to them are rewritten.
  auto id_at = [&](std::size_t at) {
    return svg.compare(at, 5, " id=\"") == 0 || svg.compare(at, 5, " id='") == 0;
  };
  std::set<std::string, std::less<>> ids;
  for (std::size_t at = svg.find(" id="); at != std::string_view::npos;
       at = svg.find(" id=", at + 1)) {
    if (!id_at(at)) continue;
    const std::size_t from = at + 5;
    const std::size_t to = svg.find(svg[at + 4], from);
    if (to == std::string_view::npos) break;
    ids.emplace(svg.substr(from, to - from));
  }
  std::string out;
  out.reserve(svg.size() + ids.size() * (scope.size() + 1) * 2);
  std::size_t i = 0;
  while (i < svg.size()) {
    // id="X" -> id="scope-X"
    if (svg[i] == ' ' && id_at(i)) {
      out += svg.substr(i, 5);
      out += scope + "-";
      i += 5;
      continue;
    }
    // "#X", '#X' or (#X) naming a declared id -> #scope-X
    if (svg[i] == '#' && i > 0 && (svg[i - 1] == '"' || svg[i - 1] == '\'' || svg[i - 1] == '(')) {
      std::size_t end = i + 1;
      while (end < svg.size() && IdChar(svg[end])) ++end;
      const std::string_view name = svg.substr(i + 1, end - i - 1);
      if (ids.count(name) > 0) {
        out += "#" + scope + "-";
        out += name;
        i = end;
        continue;
      }
    }
    out += svg[i++];
  }
  return out;
}

HtmlPage::HtmlPage(std::string title, std::string subtitle)
    : title_(std::move(title)), subtitle_(std::move(subtitle)) {}

void HtmlPage::Section(const std::string& id, const std::string& title) {
  contents_.emplace_back(id, title);
  body_ += "<h2 id=\"" + HtmlEscape(id) + "\">" + HtmlEscape(title) + "</h2>\n";
}

void HtmlPage::Paragraph(const std::string& text, const std::string& css_class) {
  body_ += (css_class.empty() ? "<p>" : "<p class=\"" + HtmlEscape(css_class) + "\">") +
           HtmlEscape(text) + "</p>\n";
}

void HtmlPage::Preformatted(const std::string& text) {
  body_ += "<pre>" + HtmlEscape(text) + "</pre>\n";
}

void HtmlPage::KeyValues(const std::vector<std::pair<std::string, std::string>>& rows,
                         bool code_values) {
  body_ += "<table class=\"kv\"><tbody>\n";
  for (const auto& [k, v] : rows) {
    body_ += "<tr><th>" + HtmlEscape(k) + "</th><td" + (code_values ? " class=\"code\"" : "") +
             ">" + HtmlEscape(v) + "</td></tr>\n";
  }
  body_ += "</tbody></table>\n";
}

void HtmlPage::Table(const HtmlTable& table) {
  ++tables_;
  interactive_ |= table.interactive;
  // Columns whose cells all sort as numbers and read as figures ("12", "4m 11s", "> 6h")
  // are set right-aligned.
  std::vector<bool> numeric(table.columns.size(), !table.rows.empty());
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < row.size() && c < numeric.size(); ++c) {
      const std::string& t = row[c].text;
      const bool reads_as_number = !t.empty() && (std::isdigit(static_cast<unsigned char>(t[0])) ||
                                                  t[0] == '>' || t[0] == '-' || t[0] == '<');
      if (!row[c].sort || !reads_as_number) numeric[c] = false;
    }
  }
  body_ += "<div>";
  if (table.interactive) body_ += "<div class=\"scroll\">";
  body_ += std::string("<table") + (table.interactive ? " data-interactive" : "") + ">";
  if (!table.caption.empty()) body_ += "<caption>" + HtmlEscape(table.caption) + "</caption>";
  body_ += "\n<thead><tr>";
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    body_ += std::string(numeric[c] ? "<th class=\"num\">" : "<th>") +
             HtmlEscape(table.columns[c]) + "</th>";
  }
  body_ += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const bool hidden = table.print_rows > 0 && r >= table.print_rows;
    body_ += hidden ? "<tr class=\"print-hidden\">" : "<tr>";
    const auto& row = table.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      std::string cls = c < numeric.size() && numeric[c] ? "num" : "";
      if (!row[c].css_class.empty()) cls += (cls.empty() ? "" : " ") + row[c].css_class;
      body_ += "<td";
      if (!cls.empty()) body_ += " class=\"" + cls + "\"";
      if (row[c].sort && table.interactive) body_ += " data-v=\"" + Number(*row[c].sort) + "\"";
      body_ += ">" + HtmlEscape(row[c].text) + "</td>";
    }
    body_ += "</tr>\n";
  }
  body_ += "</tbody></table>";
  if (table.interactive) body_ += "</div>";
  body_ += "</div>\n";
  for (const auto& note : table.notes) Paragraph(note, "note");
  if (table.print_rows > 0 && table.rows.size() > table.print_rows) {
    Paragraph("printed: the first " + std::to_string(table.print_rows) + " of " +
                  std::to_string(table.rows.size()) + " rows",
              "note");
  }
}

void HtmlPage::Figure(std::string_view svg, const std::string& caption) {
  const std::string scope = "fig" + std::to_string(++figures_);
  const bool wide = SvgWidthPx(svg) > kFitWidthPx;
  wide_figures_ |= wide;
  body_ += std::string(wide ? "<figure class=\"wide fit\"><div>" : "<figure><div>") +
           InlineSvg(svg, scope) + "</div>\n<figcaption>" + HtmlEscape(caption) +
           (wide ? " (fitted to the page width: 'show at full size' to read the small print, "
                   "then scroll to pan)"
                 : "") +
           "</figcaption></figure>\n";
}

void HtmlPage::MissingFigure(const std::string& what, const std::string& why) {
  body_ += "<div class=\"missing\">" + HtmlEscape(what) + ": not drawn (" + HtmlEscape(why) +
           ")</div>\n";
}

void HtmlPage::Picture(const HtmlPicture& p) {
  if (p.svg.empty()) {
    MissingFigure(p.title, p.missing);
  } else {
    Figure(p.svg, p.caption);
  }
}

std::string HtmlPage::Finish() const {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"cablesim\">\n<title>" +
      HtmlEscape(title_) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n<h1>" +
      HtmlEscape(title_) + "</h1>\n<p class=\"subtitle\">" + HtmlEscape(subtitle_) + "</p>\n";
  if (!contents_.empty()) {
    out += "<nav>";
    for (const auto& [id, title] : contents_) {
      out += "<a href=\"#" + HtmlEscape(id) + "\">" + HtmlEscape(title) + "</a>";
    }
    out += "</nav>\n";
  }
  out += body_;
  if (interactive_) out += std::string("<script>") + kScript + "</script>\n";
  if (wide_figures_) out += std::string("<script>") + kFigureScript + "</script>\n";
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace cablesim
