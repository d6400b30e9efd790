#include "sim/report/answer_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report/compare.h"
#include "sim/report/html_page.h"
#include "sim/report/palette.h"
#include "sim/report/plot_format.h"
#include "sim/report/sweep_report.h"

namespace cablesim {
namespace {

constexpr double kLeft = 78, kTop = 30, kPlotHeight = 260, kSlot = 16, kGap = 40;
constexpr const char* kGrid = "#dddddd";
constexpr const char* kInk = "#333333";

std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

bool Drawn(const Figure& f) { return f.e.n > 0; }

// The log scale shared by every panel: from below the smallest value to above the largest.
struct Scale {
  double lo = 1, hi = 10;
  double Y(double v) const {
    const double c = std::clamp(v, lo, hi);
    return kTop + kPlotHeight * (std::log(hi) - std::log(c)) / (std::log(hi) - std::log(lo));
  }
};

Scale ScaleOf(const std::vector<ChartPanel>& panels) {
  double lo = 1e300, hi = 0;
  auto take = [&](double v) {
    if (v > 0) {
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  };
  for (const auto& panel : panels) {
    for (const auto& s : panel.series) {
      for (const auto& pt : s.points) {
        for (const Figure* f : {&pt.mean, &pt.p95}) {
          if (!Drawn(*f)) continue;
          take(f->e.mean);
          if (f->e.n >= 2 && !f->at_least) take(f->e.hi);
        }
      }
    }
  }
  if (hi <= 0) return Scale{};
  if (hi / lo < 10) {  // at least a decade, centred on what is there
    const double mid = std::sqrt(lo * hi);
    lo = std::min(lo, mid / std::sqrt(10.0));
    hi = std::max(hi, mid * std::sqrt(10.0));
  }
  return Scale{lo / 1.5, hi * 1.5};
}

// Room for every series side by side, and a panel at least its min_width wide.
double CategoryWidth(const ChartPanel& p) {
  const double n = static_cast<double>(std::max<std::size_t>(p.categories.size(), 1));
  return std::max({64.0, kSlot * static_cast<double>(p.series.size()) + 28, p.min_width / n});
}

double PanelWidth(const ChartPanel& p) {
  return CategoryWidth(p) * static_cast<double>(std::max<std::size_t>(p.categories.size(), 1));
}

bool Rotated(const ChartPanel& p) {
  for (const auto& c : p.categories) {
    if (static_cast<double>(c.size()) * 7 > CategoryWidth(p) - 6) return true;
  }
  return false;
}

// A vertical 95% interval with caps, or nothing without one.
std::string Interval(const Figure& f, double x, const Scale& s, const std::string& colour) {
  if (f.e.n < 2 || f.at_least) return "";
  const double y1 = s.Y(std::max(f.e.lo, s.lo)), y2 = s.Y(f.e.hi);
  return "<path d=\"M" + Num(x) + " " + Num(y1) + "V" + Num(y2) + "M" + Num(x - 3) + " " + Num(y1) +
         "h6M" + Num(x - 3) + " " + Num(y2) + "h6\" stroke=\"" + colour +
         "\" stroke-width=\"1.3\" fill=\"none\"/>";
}

std::string Tooltip(const std::string& what, const Figure& f) {
  return "<title>" + HtmlEscape(what + ": " + FigureCell(f)) + "</title>";
}

// A series' marks in one panel: intervals, means (circles), p95s (diamonds), lines.
std::string SeriesMarks(const ChartPanel& panel, std::size_t k, double left, const Scale& s) {
  const ChartSeries& series = panel.series[k];
  const std::string colour(PrecedenceColour(series.precedence));
  const std::string name(PrecedenceName(series.precedence));
  const double cw = CategoryWidth(panel);
  const double offset =
      (static_cast<double>(k) - (static_cast<double>(panel.series.size()) - 1) / 2) * kSlot;
  std::string out, mean_line, p95_line;
  bool mean_pen = false, p95_pen = false;  // a missing point breaks the line
  for (std::size_t i = 0; i < series.points.size() && i < panel.categories.size(); ++i) {
    const ChartPoint& pt = series.points[i];
    const bool join = i < panel.joined.size() && panel.joined[i];
    mean_pen = mean_pen && join;
    p95_pen = p95_pen && join;
    const double x = left + cw * (static_cast<double>(i) + 0.5) + offset;
    const std::string where = name + ", " + panel.categories[i];
    if (Drawn(pt.mean)) {
      const double y = s.Y(pt.mean.e.mean);
      out += Interval(pt.mean, x - 3, s, colour) + "<circle cx=\"" + Num(x - 3) + "\" cy=\"" +
             Num(y) + "\" r=\"4\" fill=\"" + colour + "\">" + Tooltip(where + ", mean", pt.mean) +
             "</circle>\n";
      mean_line += (mean_pen ? "L" : "M") + Num(x - 3) + " " + Num(y);
    }
    mean_pen = Drawn(pt.mean);
    if (Drawn(pt.p95)) {
      const double y = s.Y(pt.p95.e.mean);
      out += Interval(pt.p95, x + 4, s, colour) + "<path d=\"M" + Num(x + 4) + " " + Num(y - 5) +
             "l4 5l-4 5l-4 -5z\" fill=\"white\" stroke=\"" + colour + "\" stroke-width=\"1.5\">" +
             Tooltip(where + ", p95", pt.p95) + "</path>\n";
      if (pt.p95.at_least) {  // a lower bound: an arrow up
        out += "<path d=\"M" + Num(x + 4) + " " + Num(y - 6) + "v-12m-3 4l3 -4l3 4\" stroke=\"" +
               colour + "\" stroke-width=\"1.3\" fill=\"none\"/>\n";
      }
      p95_line += (p95_pen ? "L" : "M") + Num(x + 4) + " " + Num(y);
    }
    p95_pen = Drawn(pt.p95);
  }
  if (!panel.joined.empty()) {
    if (mean_line.find('L') != std::string::npos) {
      out += "<path d=\"" + mean_line + "\" stroke=\"" + colour +
             "\" stroke-width=\"1.5\" fill=\"none\"/>\n";
    }
    if (p95_line.find('L') != std::string::npos) {
      out += "<path d=\"" + p95_line + "\" stroke=\"" + colour +
             "\" stroke-width=\"1\" stroke-dasharray=\"4 3\" fill=\"none\"/>\n";
    }
  }
  return out;
}

// A panel's frame, grid, axis labels and marks, its plot area starting at `left`.
std::string Panel(const ChartPanel& panel, double left, const Scale& s, bool first) {
  const double w = PanelWidth(panel), bottom = kTop + kPlotHeight;
  std::string out = "<g>\n";
  for (const auto& [label, v] : LogTimeMarks(s.lo, s.hi)) {
    const double y = s.Y(v);
    out += "<line x1=\"" + Num(left) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(left + w) +
           "\" y2=\"" + Num(y) + "\" stroke=\"" + kGrid + "\"/>";
    if (first) {
      out += "<text x=\"" + Num(left - 6) + "\" y=\"" + Num(y + 4) + "\" text-anchor=\"end\">" +
             HtmlEscape(label) + "</text>";
    }
    out += "\n";
  }
  out += "<rect x=\"" + Num(left) + "\" y=\"" + Num(kTop) + "\" width=\"" + Num(w) +
         "\" height=\"" + Num(kPlotHeight) + "\" fill=\"none\" stroke=\"" + kInk + "\"/>\n";
  if (!panel.title.empty()) {
    out += "<text x=\"" + Num(left + w / 2) + "\" y=\"" + Num(kTop - 10) +
           "\" text-anchor=\"middle\" font-weight=\"bold\">" + HtmlEscape(panel.title) +
           "</text>\n";
  }
  const double cw = CategoryWidth(panel);
  const bool rotated = Rotated(panel);
  for (std::size_t i = 0; i < panel.categories.size(); ++i) {
    const double x = left + cw * (static_cast<double>(i) + 0.5);
    out += "<text x=\"" + Num(x) + "\" y=\"" + Num(bottom + 16) + "\"" +
           (rotated ? " text-anchor=\"end\" transform=\"rotate(-35 " + Num(x) + " " +
                          Num(bottom + 16) + ")\""
                    : " text-anchor=\"middle\"") +
           ">" + HtmlEscape(panel.categories[i]) + "</text>\n";
  }
  for (std::size_t k = 0; k < panel.series.size(); ++k) out += SeriesMarks(panel, k, left, s);
  return out + "</g>\n";
}

// The legend: each precedence drawn, then what the marks mean.
std::string Legend(const std::vector<ChartPanel>& panels, double y) {
  std::vector<Precedence> shown;
  bool bounds = false;  // some p95 is only a lower bound
  for (const auto& panel : panels) {
    for (const auto& s : panel.series) {
      if (std::find(shown.begin(), shown.end(), s.precedence) == shown.end())
        shown.push_back(s.precedence);
      for (const auto& pt : s.points) bounds |= Drawn(pt.p95) && pt.p95.at_least;
    }
  }
  std::sort(shown.begin(), shown.end(), [](Precedence a, Precedence b) { return a > b; });
  std::string out;
  double x = kLeft;
  for (Precedence p : shown) {
    const std::string name(PrecedenceName(p));
    out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y - 10) +
           "\" width=\"12\" height=\"12\" fill=\"" + std::string(PrecedenceColour(p)) +
           "\"/><text x=\"" + Num(x + 17) + "\" y=\"" + Num(y) + "\">" + HtmlEscape(name) +
           "</text>\n";
    x += 30 + 8.0 * static_cast<double>(name.size());
  }
  const double y2 = y + 22;
  out += "<circle cx=\"" + Num(kLeft + 6) + "\" cy=\"" + Num(y2 - 4) + "\" r=\"4\" fill=\"" + kInk +
         "\"/><text x=\"" + Num(kLeft + 17) + "\" y=\"" + Num(y2) + "\">mean</text>\n<path d=\"M" +
         Num(kLeft + 70) + " " + Num(y2 - 9) + "l4 5l-4 5l-4 -5z\" fill=\"white\" stroke=\"" +
         kInk + "\" stroke-width=\"1.5\"/><text x=\"" + Num(kLeft + 80) + "\" y=\"" + Num(y2) +
         "\">p95 (mean over replications)</text>\n<path d=\"M" + Num(kLeft + 300) + " " +
         Num(y2 - 11) + "v12m-3 0h6m-6 -12h6\" stroke=\"" + kInk + "\" fill=\"none\"/><text x=\"" +
         Num(kLeft + 310) + "\" y=\"" + Num(y2) + "\">95% interval</text>\n";
  if (bounds) {
    out += "<path d=\"M" + Num(kLeft + 420) + " " + Num(y2 + 1) + "v-12m-3 4l3 -4l3 4\" stroke=\"" +
           kInk + "\" fill=\"none\"/><text x=\"" + Num(kLeft + 430) + "\" y=\"" + Num(y2) +
           "\">p95 only a lower bound</text>\n";
  }
  return out;
}

}  // namespace

std::string AnswerChartSvg(const std::vector<ChartPanel>& panels, const std::string& x_label) {
  bool any = false;
  for (const auto& panel : panels) {
    for (const auto& s : panel.series) {
      for (const auto& pt : s.points) any |= Drawn(pt.mean) || Drawn(pt.p95);
    }
  }
  if (!any) return "";
  const Scale scale = ScaleOf(panels);
  double label_room = 26;
  for (const auto& panel : panels) {
    if (!Rotated(panel)) continue;
    for (const auto& c : panel.categories) {
      label_room = std::max(label_room, 20 + 0.6 * 7 * static_cast<double>(c.size()));
    }
  }
  double right = kLeft;
  std::string marks;
  for (std::size_t i = 0; i < panels.size(); ++i) {
    marks += Panel(panels[i], right, scale, i == 0);
    right += PanelWidth(panels[i]) + kGap;
  }
  right -= kGap;
  const double axis_y = kTop + kPlotHeight + label_room + 14;
  const double width = std::max(right + 20, kLeft + 580);
  const double height = axis_y + 56;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(width) +
                    "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " +
                    Num(height) + "\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" + kInk +
                    "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  svg += "<text x=\"16\" y=\"" + Num(kTop + kPlotHeight / 2) + "\" text-anchor=\"middle\" " +
         "transform=\"rotate(-90 16 " + Num(kTop + kPlotHeight / 2) +
         ")\">filing to delivery (log scale)</text>\n";
  svg += marks;
  svg += "<text x=\"" + Num(kLeft + (right - kLeft) / 2) + "\" y=\"" + Num(axis_y) +
         "\" text-anchor=\"middle\">" + HtmlEscape(x_label) + "</text>\n";
  svg += Legend(panels, axis_y + 24);
  return svg + "</svg>\n";
}

std::vector<ChartPanel> CompareChartPanels(const ExperimentResult& c) {
  ChartPanel panel;
  panel.min_width = 560;  // the page's one chart: wide enough to read
  for (Discipline d : c.disciplines) panel.categories.emplace_back(DisciplineName(d));
  if (c.runs.empty()) return {panel};
  for (Precedence p : kReportOrder) {
    if (!Present(c, p)) continue;
    ChartSeries s{p, {}};
    for (std::size_t d = 0; d < c.disciplines.size(); ++d) {
      s.points.push_back(
          {FigureOver(c.Runs(0, d), p, Metric::kMean), FigureOver(c.Runs(0, d), p, Metric::kP95)});
    }
    panel.series.push_back(std::move(s));
  }
  return {panel};
}

std::vector<ChartPanel> SweepChartPanels(const ExperimentResult& r) {
  // Label each point by what varies across the grid.
  bool loads_vary = false;
  std::vector<bool> key_varies(r.keys.size(), false);
  for (const auto& pt : r.points) {
    loads_vary |= pt.load != r.points.front().load;
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
      key_varies[k] = key_varies[k] || pt.values[k] != r.points.front().values[k];
    }
  }
  std::vector<std::string> labels;
  for (const auto& pt : r.points) {
    std::string label;
    if (loads_vary || r.keys.empty()) {
      char b[32];
      std::snprintf(b, sizeof b, "%g", pt.load);
      label = b;
    }
    for (std::size_t k = 0; k < r.keys.size(); ++k) {
      if (!key_varies[k]) continue;
      label += (label.empty() ? "" : " ") + r.keys[k] + "=" + pt.values[k];
    }
    labels.push_back(label);
  }
  std::vector<ChartPanel> panels;
  for (std::size_t d = 0; d < r.disciplines.size(); ++d) {
    ChartPanel panel{std::string(DisciplineName(r.disciplines[d])), labels, {}, {}, 300};
    for (std::size_t pt = 0; pt < r.points.size(); ++pt) {
      panel.joined.push_back(PreviousLoad(r, pt).has_value());
    }
    for (Precedence p : kReportOrder) {
      ChartSeries s{p, {}};
      bool any = false;
      for (std::size_t pt = 0; pt < r.points.size() && pt < r.runs.size(); ++pt) {
        s.points.push_back({FigureOver(r.runs[pt][d], p, Metric::kMean),
                            FigureOver(r.runs[pt][d], p, Metric::kP95)});
        any |= TotalsOver(r.runs[pt][d], p).addressed > 0;
      }
      if (any) panel.series.push_back(std::move(s));
    }
    panels.push_back(std::move(panel));
  }
  return panels;
}

}  // namespace cablesim
