// A self-contained HTML page for reports: inline CSS, inline SVG pictures (their ids scoped
// so several live on one page), tables that a small inline script makes sortable and
// filterable (the page reads and prints without it), and nothing fetched from anywhere.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/html_escape.h"

namespace cablesim {

/// Text wrapped for a terminal (line breaks, continuation lines indented by two spaces) as
/// one paragraph: every break becomes a space; trailing breaks are dropped.
std::string OneParagraph(std::string text);

/// An SVG file's text made ready to inline: everything before `<svg` (XML declaration,
/// doctype, comments) dropped, every id prefixed with `scope` + "-" and every reference to
/// one (`#id` in href and url()) rewritten to match, so two pictures never clash.
std::string InlineSvg(std::string_view svg, const std::string& scope);

/// A table cell: its text, and the value it sorts by (text order when none).
struct HtmlCell {
  std::string text;
  std::optional<double> sort;
  std::string css_class;  ///< e.g. "warn" for a figure to notice; "" for none
  HtmlCell(std::string t = "") : text(std::move(t)) {}  // NOLINT: cells are written as text
  HtmlCell(std::string t, double v) : text(std::move(t)), sort(v) {}
};

struct HtmlTable {
  std::vector<std::string> columns;
  std::vector<std::vector<HtmlCell>> rows;
  std::string caption;             ///< above the table; "" for none
  std::vector<std::string> notes;  ///< footnotes under it, one paragraph each
  bool interactive = false;        ///< sortable by clicking a heading, and a filter box
  /// Rows past this many are hidden when printing (a note says so); 0 prints every row.
  std::size_t print_rows = 0;
};

/// A picture for a page: SVG text, or why there is none.
struct HtmlPicture {
  std::string title;    ///< what it shows, e.g. "routing tree of RUEHC 0837"
  std::string svg;      ///< "" when not drawn
  std::string missing;  ///< why not, when svg is ""
  std::string caption;  ///< how to read it
};

/// Builds one page, section by section, then Finish() gives the document. Sections get a
/// table of contents at the top.
class HtmlPage {
 public:
  /// `title` in the <title> and the top heading; `subtitle` a line under it.
  HtmlPage(std::string title, std::string subtitle);

  /// Starts a section: an <h2> with anchor `id` (letters, digits and '-') in the contents.
  void Section(const std::string& id, const std::string& title);
  /// A paragraph of plain text (escaped).
  void Paragraph(const std::string& text, const std::string& css_class = "");
  /// Preformatted plain text (escaped), e.g. a part of the text report.
  void Preformatted(const std::string& text);
  /// Rows of (key, value) as a two-column table, values escaped; `code_values` sets them in
  /// a monospace font (a command line, a path).
  void KeyValues(const std::vector<std::pair<std::string, std::string>>& rows,
                 bool code_values = false);
  void Table(const HtmlTable& table);
  /// A picture from SVG text (InlineSvg is applied with a scope of its own) and its caption.
  /// It is shrunk to the page's width; one so wide that its small print would become
  /// unreadable starts so too, with a button to show it at full size in a box that scrolls.
  void Figure(std::string_view svg, const std::string& caption);
  /// Where a picture would be: the reason it is not (e.g. graphviz not installed).
  void MissingFigure(const std::string& what, const std::string& why);
  /// Figure(p.svg, p.caption), or MissingFigure(p.title, p.missing) when it was not drawn.
  void Picture(const HtmlPicture& p);

  std::string Finish() const;

 private:
  std::string title_, subtitle_;
  std::vector<std::pair<std::string, std::string>> contents_;  ///< (id, title)
  std::string body_;
  int figures_ = 0;
  int tables_ = 0;
  bool interactive_ = false;
  bool wide_figures_ = false;  // some picture is wider than the page: it gets a zoom button
};

}  // namespace cablesim
