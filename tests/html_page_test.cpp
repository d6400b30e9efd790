// The HTML page writer: inline SVG made safe to put several on one page, tables
// (numeric columns, sort keys only when interactive, rows hidden in print), and a page that
// fetches nothing.
#include "sim/report/html_page.h"

#include <doctest/doctest.h>

#include "cli_support.h"

using cablesim::HtmlCell;
using cablesim::HtmlPage;
using cablesim::HtmlTable;
using cablesim::testing::CountOf;

TEST_CASE("a paragraph wrapped for a terminal becomes one line") {
  CHECK(cablesim::OneParagraph("* a mean of the delivered\n  only: some\nin flight\n\n") ==
        "* a mean of the delivered only: some in flight");
}

TEST_CASE("inline SVG drops the prolog and scopes ids and their references") {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- made by dot -->\n"
      "<svg width=\"10pt\"><defs><clipPath id=\"c1\"/><path id='p1'/></defs>"
      "<g clip-path=\"url(#c1)\"><use xlink:href='#p1'/><use href=\"#p1\"/>"
      "<a href=\"#elsewhere\">#c1 in text</a></g></svg>\n";
  const std::string out = cablesim::InlineSvg(svg, "fig2");
  CHECK(out.rfind("<svg width=\"10pt\">", 0) == 0);
  CHECK(out.find("<?xml") == std::string::npos);
  CHECK(out.find("DOCTYPE") == std::string::npos);
  CHECK(out.find("id=\"fig2-c1\"") != std::string::npos);
  CHECK(out.find("id='fig2-p1'") != std::string::npos);
  CHECK(out.find("url(#fig2-c1)") != std::string::npos);
  CHECK(out.find("xlink:href='#fig2-p1'") != std::string::npos);
  CHECK(out.find("href=\"#fig2-p1\"") != std::string::npos);
  // Only declared ids are references; text that merely starts with '#' stays.
  CHECK(out.find("href=\"#elsewhere\"") != std::string::npos);
  CHECK(out.find(">#c1 in text<") != std::string::npos);
  CHECK(cablesim::InlineSvg("not a picture", "x").empty());
}

TEST_CASE("tables: numeric columns, sort keys and print limits") {
  HtmlTable t;
  t.caption = "links <busy>";
  t.columns = {"link", "copies"};
  t.rows = {{HtmlCell("RUEH>RUDKC"), HtmlCell("12", 12)}, {HtmlCell("A&B"), HtmlCell("3", 3)}};
  t.rows[1][1].css_class = "warn";
  t.notes = {"a note"};
  {
    HtmlPage page("t", "s");
    page.Table(t);
    const std::string html = page.Finish();
    CHECK(html.find("<caption>links &lt;busy&gt;</caption>") != std::string::npos);
    CHECK(html.find("<th>link</th><th class=\"num\">copies</th>") != std::string::npos);
    CHECK(html.find("<td>A&amp;B</td><td class=\"num warn\">3</td>") != std::string::npos);
    CHECK(html.find("<p class=\"note\">a note</p>") != std::string::npos);
    CHECK(html.find("data-v") == std::string::npos);   // static tables carry no sort keys
    CHECK(html.find("<script") == std::string::npos);  // and need no script
  }
  t.interactive = true;
  t.print_rows = 1;
  HtmlPage page("t", "s");
  page.Table(t);
  const std::string html = page.Finish();
  CHECK(html.find("<table data-interactive>") != std::string::npos);
  CHECK(html.find("<td class=\"num\" data-v=\"12\">12</td>") != std::string::npos);
  CHECK(CountOf(html, "<tr class=\"print-hidden\">") == 1);
  CHECK(html.find("printed: the first 1 of 2 rows") != std::string::npos);
  CHECK(CountOf(html, "<script>") == 1);
}

TEST_CASE("a page: contents, figures with their own scopes, nothing fetched") {
  HtmlPage page("cablesim run: x", "about <x>");
  page.Section("run", "What was run");
  page.KeyValues({{"command", "cablesim run 'a b.yaml'"}}, true);
  page.Section("pictures", "Pictures");
  const std::string svg = "<svg width=\"1100pt\"><g id=\"a\"/><use href=\"#a\"/></svg>";
  page.Figure(svg, "first");  // 1467 px: shrunk to the page
  page.Figure("<svg width=\"1300pt\"><g id=\"a\"/></svg>", "second");  // too wide to shrink
  page.Picture({"network", "", "graphviz's 'dot' is not installed", ""});
  const std::string html = page.Finish();
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<title>cablesim run: x</title>") != std::string::npos);
  CHECK(
      html.find("<nav><a href=\"#run\">What was run</a><a href=\"#pictures\">Pictures</a></nav>") !=
      std::string::npos);
  CHECK(html.find("<td class=\"code\">cablesim run &#39;a b.yaml&#39;</td>") != std::string::npos);
  CHECK(html.find("id=\"fig1-a\"") != std::string::npos);
  CHECK(html.find("id=\"fig2-a\"") != std::string::npos);
  CHECK(html.find("<figure><div><svg width=\"1100pt\">") != std::string::npos);
  CHECK(html.find("<figure class=\"wide fit\"><div><svg width=\"1300pt\">") != std::string::npos);
  CHECK(html.find("second (fitted to the page width: 'show at full size' to read the small "
                  "print, then scroll to pan)") != std::string::npos);
  CHECK(html.find("figure.classList.toggle('fit')") != std::string::npos);
  CHECK(html.find("network: not drawn (graphviz&#39;s &#39;dot&#39; is not installed)") !=
        std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
}
