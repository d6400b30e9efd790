// The compare and sweep pages: the answer first (a chart of each precedence's mean and p95,
// and a sentence per precedence naming the significant differences), then what was run, the
// tables of the text report (the same layout functions, a different writer) and their figure.
#include <algorithm>
#include <cstdio>

#include "sim/report/answer_chart.h"
#include "sim/report/answer_sentences.h"
#include "sim/report/html_page.h"
#include "sim/report/html_report.h"
#include "sim/report/per_replication.h"

namespace cablesim {
namespace {

/// A TableSink writing HTML tables: each Header starts one, notes go under it.
class HtmlTableSink : public TableSink {
 public:
  explicit HtmlTableSink(HtmlPage* page) : page_(page) {}
  ~HtmlTableSink() override { Flush(); }
  HtmlTableSink(const HtmlTableSink&) = delete;
  HtmlTableSink& operator=(const HtmlTableSink&) = delete;

  void Header(const std::string& title, const std::vector<std::string>& columns) override {
    Flush();
    table_ = HtmlTable{};
    table_.caption = title;
    table_.columns = {""};
    table_.columns.insert(table_.columns.end(), columns.begin(), columns.end());
    open_ = true;
  }
  void Row(const std::string& label, const std::vector<std::string>& cells) override {
    std::vector<HtmlCell> row{HtmlCell(label)};
    for (const auto& cell : cells) row.emplace_back(cell);
    table_.rows.push_back(std::move(row));
  }
  void Note(const std::string& text) override { table_.notes.push_back(OneParagraph(text)); }

  /// Writes the table begun last, if any.
  void Flush() {
    if (open_) page_->Table(table_);
    open_ = false;
  }

 private:
  HtmlPage* page_;
  HtmlTable table_;
  bool open_ = false;
};

std::string DisciplineList(const std::vector<Discipline>& ds) {
  std::string out;
  for (Discipline d : ds) out += (out.empty() ? "" : ", ") + std::string(DisciplineName(d));
  return out;
}

// The section a page opens with: the chart, then one sentence per precedence (or why there
// is none).
void AnswerSection(HtmlPage* page, const std::string& chart, const std::string& caption,
                   const std::vector<std::string>& sentences, const std::string& none) {
  page->Section("answer", "The answer");
  if (!chart.empty()) page->Figure(chart, caption);
  for (const std::string& sentence : sentences) page->Paragraph(sentence, "answer");
  if (sentences.empty()) page->Paragraph(none, "note");
}

}  // namespace

std::string CompareReportHtml(const ExperimentResult& c, const std::string& command_line,
                              const HtmlPicture& cdf) {
  HtmlPage page(
      "cablesim compare: " + c.scenario,
      DisciplineList(c.disciplines) + ", " + std::to_string(c.replications) + " replications each");
  std::vector<std::string> sentences;
  for (const CompareAnswer& a : CompareAnswers(c)) sentences.push_back(CompareSentence(a));
  AnswerSection(&page, AnswerChartSvg(CompareChartPanels(c), "discipline"),
                "Each precedence's mean delivery time (circles) and p95 (diamonds) under each "
                "discipline, with 95% intervals over replications; log time scale.",
                sentences,
                c.disciplines.size() < 2
                    ? "One discipline: no differences to name."
                    : "Nothing was addressed after the warm-up: no differences to name.");
  page.Section("run", "What was run");
  page.KeyValues({
      {"scenario", c.scenario},
      {"disciplines", DisciplineList(c.disciplines)},
      {"replications", std::to_string(c.replications) +
                           " per discipline, common random numbers (replication r draws the "
                           "same traffic under every discipline)"},
      {"seed", std::to_string(c.seed) + " (each replication's seed is derived from it)"},
      {"warm-up", c.warmup > Duration() ? FormatDuration(c.warmup) : "none"},
  });
  page.KeyValues({{"command", command_line}}, /*code_values=*/true);
  page.Section("figures", "Delivery times");
  page.Paragraph(
      "Filing to delivery by addressee precedence, messages filed after the warm-up. ± is the "
      "half-width of a 95% interval (Student t over replications); shares within objective "
      "carry a Wilson interval on the pooled counts.",
      "note");
  {
    HtmlTableSink sink(&page);
    WriteCompareTables(c, &sink);
  }
  const std::vector<AnatomyRow> anatomy = CompareAnatomyRows(c);
  const std::string bars = AnatomySvg(anatomy);
  if (!bars.empty()) {
    page.Section("anatomy", "Where the time went");
    page.Table(AnatomyHtmlTable(anatomy));
    page.Figure(bars,
                "Each discipline's mean delivery time per precedence, cut into its parts (means "
                "over replications, as the mean above); hover a part for its value.");
  }
  page.Section("cdf", "Delivery time CDF");
  page.Picture(cdf);
  if (c.per_replication) {
    page.Section("replications", "Each replication");
    page.Preformatted(PerReplicationText(c));
  }
  return page.Finish();
}

std::string SweepReportHtml(const ExperimentResult& r, const std::string& command_line,
                            const HtmlPicture& curves) {
  std::string keys;
  for (const auto& k : r.keys) keys += (keys.empty() ? "" : ", ") + k;
  HtmlPage page("cablesim sweep: " + r.scenario,
                std::to_string(r.points.size()) + " point(s) x " +
                    std::to_string(r.disciplines.size()) + " discipline(s) x " +
                    std::to_string(r.replications) + " replications");
  {
    std::vector<std::string> sentences;
    for (const SweepAnswer& a : SweepAnswers(r)) sentences.push_back(SweepSentence(a));
    bool loads_vary = false;
    for (const auto& p : r.points) loads_vary |= p.load != r.points.front().load;
    const std::string x_label = !loads_vary      ? "grid point (--vary values)"
                                : r.keys.empty() ? "load (x the scenario's traffic)"
                                                 : "grid point (load, --vary values)";
    AnswerSection(&page, AnswerChartSvg(SweepChartPanels(r), x_label),
                  "Each precedence's mean delivery time (circles, solid lines) and p95 "
                  "(diamonds, dashed) at each point of the grid, a panel per discipline, with 95% "
                  "intervals over replications; log time scale. The sentences name each step of "
                  "load whose paired difference (the column 'mean - prev. load') excludes zero.",
                  sentences, "One load only: no steps of load to compare.");
  }
  page.Section("run", "What was run");
  std::string loads;
  std::vector<double> seen;
  for (const auto& p : r.points) {
    if (std::find(seen.begin(), seen.end(), p.load) != seen.end()) continue;
    seen.push_back(p.load);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", p.load);
    loads += (loads.empty() ? "" : ", ") + std::string(buf);
  }
  page.KeyValues({
      {"scenario", r.scenario},
      {"load factors", loads + " (x every generator's arrival rate)"},
      {"varied keys", keys.empty() ? "none" : keys},
      {"disciplines", DisciplineList(r.disciplines)},
      {"replications", std::to_string(r.replications) +
                           " per point and discipline, common random numbers across them"},
      {"seed", std::to_string(r.seed)},
      {"warm-up", r.warmup > Duration() ? FormatDuration(r.warmup) : "none"},
  });
  page.KeyValues({{"command", command_line}}, /*code_values=*/true);
  if (!r.capacity.empty()) {
    page.Section("capacity", "Capacity");
    page.Paragraph(
        "The largest load factor at which every precedence kept at least 95% of its addressees "
        "within objective (the Wilson interval's lower bound, not just the mean).");
    for (const std::string& line : CapacityLines(r)) page.Paragraph(line);
  }
  page.Section("curves", "Curves");
  page.Picture(curves);
  page.Section("points", "Every point");
  page.Paragraph(
      "Filing to delivery, messages filed after the warm-up; ± is the half-width of a 95% "
      "interval (Student t over replications); in obj. pooled with a Wilson interval [%].",
      "note");
  const auto tables = SweepTables(r);
  for (const SweepTable& t : tables) {
    HtmlTable table;
    table.caption = std::string(DisciplineName(t.discipline));
    table.columns = t.columns;
    for (const auto& row : t.rows) table.rows.emplace_back(row.begin(), row.end());
    page.Table(table);
  }
  page.Paragraph(OneParagraph(kSweepFootnote), "note");
  if (!tables.empty() && std::find(tables[0].columns.begin(), tables[0].columns.end(),
                                   std::string(kStepColumn)) != tables[0].columns.end()) {
    page.Paragraph(OneParagraph(kStepFootnote), "note");
  }
  return page.Finish();
}

}  // namespace cablesim
