#include "sim/report/time_series_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <variant>
#include <vector>

#include "base/units.h"
#include "sim/report/html_page.h"
#include "sim/report/palette.h"
#include "sim/report/route_dot.h"

namespace cablesim {
namespace {

constexpr std::size_t kPictureWindows = 120;
constexpr double kLeft = 70, kRight = 190, kTop = 30, kBottom = 48, kPlotW = 640, kPlotH = 260;

std::string Num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

/// A polyline through the points of one series; a value missing breaks it.
struct Line {
  std::string label, colour;
  std::vector<std::vector<std::pair<double, double>>> runs;  // (t_s, value) pieces
};

/// Maps time (seconds from the start) and values to the plot's pixels.
struct Axes {
  double t_max = 1;
  double y_lo = 0, y_hi = 1;
  bool log_y = false;
  double X(double t) const { return kLeft + kPlotW * t / t_max; }
  double Y(double v) const {
    const double f =
        log_y ? (std::log10(v) - std::log10(y_lo)) / (std::log10(y_hi) - std::log10(y_lo))
              : (v - y_lo) / (y_hi - y_lo);
    return kTop + kPlotH * (1 - std::clamp(f, 0.0, 1.0));
  }
};

std::string Header(const std::string& title) {
  const double w = kLeft + kPlotW + kRight, h = kTop + kPlotH + kBottom;
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + Num(w) + "\" height=\"" + Num(h) +
         "\" viewBox=\"0 0 " + Num(w) + " " + Num(h) +
         "\" font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" "
         "fill=\"white\"/>\n<text x=\"" +
         Num(kLeft) + "\" y=\"18\" font-size=\"13\">" + HtmlEscape(title) + "</text>\n";
}

/// Fault windows as grey bands with their names, under everything else.
std::string FaultBands(const RunView& sim, const Scenario& s, const Axes& ax) {
  std::string out;
  const Network& net = sim.network();
  for (const Fault& f : s.faults) {
    const double a = std::min(f.at.seconds(), ax.t_max);
    const double b = std::min((f.at + f.length).seconds(), ax.t_max);
    if (b <= a) continue;
    const std::string name = FaultWhere(net, f) + " down";
    out += "<rect x=\"" + Num(ax.X(a)) + "\" y=\"" + Num(kTop) + "\" width=\"" +
           Num(std::max(1.0, ax.X(b) - ax.X(a))) + "\" height=\"" + Num(kPlotH) +
           "\" fill=\"#e6e6e6\"><title>" + HtmlEscape(name) + "</title></rect>\n<text x=\"" +
           Num(ax.X(a) + 3) + "\" y=\"" + Num(kTop + 12) + "\" fill=\"#555\">" + HtmlEscape(name) +
           "</text>\n";
  }
  return out;
}

/// The frame, the time axis in hours (or minutes for a short run) and the value axis.
std::string Frame(const Axes& ax, const std::vector<std::pair<double, std::string>>& y_ticks,
                  const std::string& y_label) {
  std::string out = "<rect x=\"" + Num(kLeft) + "\" y=\"" + Num(kTop) + "\" width=\"" +
                    Num(kPlotW) + "\" height=\"" + Num(kPlotH) +
                    "\" fill=\"none\" stroke=\"black\"/>\n";
  static constexpr double kSteps[] = {60,    300,   600,   900,   1800,   3600,  7200,
                                      10800, 21600, 43200, 86400, 172800, 604800};
  double step = kSteps[std::size(kSteps) - 1];
  for (double s : kSteps) {
    if (ax.t_max / s <= 8) {
      step = s;
      break;
    }
  }
  for (double t = 0; t <= ax.t_max + 1e-9; t += step) {
    const double x = ax.X(t);
    out +=
        "<line x1=\"" + Num(x) + "\" y1=\"" + Num(kTop + kPlotH) + "\" x2=\"" + Num(x) +
        "\" y2=\"" + Num(kTop + kPlotH + 4) + "\" stroke=\"black\"/><text x=\"" + Num(x) +
        "\" y=\"" + Num(kTop + kPlotH + 16) + "\" text-anchor=\"middle\">" +
        HtmlEscape(t > 0 ? FormatDuration(Duration::Seconds(static_cast<std::int64_t>(t))) : "0") +
        "</text>\n";
  }
  out += "<text x=\"" + Num(kLeft + kPlotW / 2) + "\" y=\"" + Num(kTop + kPlotH + 34) +
         "\" text-anchor=\"middle\">simulated time from the start</text>\n";
  for (const auto& [v, label] : y_ticks) {
    const double y = ax.Y(v);
    out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kLeft + kPlotW) +
           "\" y2=\"" + Num(y) + "\" stroke=\"#ddd\"/><text x=\"" + Num(kLeft - 4) + "\" y=\"" +
           Num(y + 4) + "\" text-anchor=\"end\">" + HtmlEscape(label) + "</text>\n";
  }
  out += "<text transform=\"translate(14 " + Num(kTop + kPlotH / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + HtmlEscape(y_label) + "</text>\n";
  return out;
}

std::string Polylines(const Line& line, const Axes& ax) {
  std::string out;
  for (const auto& run : line.runs) {
    if (run.size() == 1) {
      out += "<circle cx=\"" + Num(ax.X(run[0].first)) + "\" cy=\"" + Num(ax.Y(run[0].second)) +
             "\" r=\"2\" fill=\"" + line.colour + "\"/>\n";
      continue;
    }
    out += "<polyline fill=\"none\" stroke=\"" + line.colour + "\" stroke-width=\"1.5\" points=\"";
    for (const auto& [t, v] : run) out += Num(ax.X(t)) + "," + Num(ax.Y(v)) + " ";
    out += "\"/>\n";
  }
  return out;
}

std::string LegendEntry(std::size_t row, const std::string& colour, const std::string& text,
                        bool dashed = false) {
  const double x = kLeft + kPlotW + 12, y = kTop + 8 + 16 * static_cast<double>(row);
  return "<line x1=\"" + Num(x) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(x + 18) + "\" y2=\"" +
         Num(y) + "\" stroke=\"" + colour + "\" stroke-width=\"2\"" +
         (dashed ? " stroke-dasharray=\"5,3\"" : "") + "/><text x=\"" + Num(x + 22) + "\" y=\"" +
         Num(y + 4) + "\">" + HtmlEscape(text) + "</text>\n";
}

Line LineOf(const TimeSeries& ts, const std::vector<std::optional<double>>& values,
            std::string label, std::string colour) {
  Line line{std::move(label), std::move(colour), {}};
  bool open = false;
  for (std::size_t k = 0; k < ts.t.size(); ++k) {
    if (!values[k]) {
      open = false;
      continue;
    }
    if (!open) line.runs.emplace_back();
    open = true;
    line.runs.back().emplace_back(ts.t[k].seconds(), *values[k]);
  }
  return line;
}

double EndSeconds(const RunView& sim, const TimeSeries& ts) {
  return std::max({sim.now().seconds(), ts.t.empty() ? 0.0 : ts.t.back().seconds(), 1.0});
}

}  // namespace

std::string LatencyOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts) {
  Axes ax;
  ax.log_y = true;
  ax.t_max = EndSeconds(sim, ts);
  // Windows of filing time wide enough to hold a few addressees each: about 120 over the run
  // (never narrower than the samples').
  const Duration step =
      std::max(ts.step, StepFor(Duration::Nanoseconds(sim.now().ns()), kPictureWindows));
  const auto windows = static_cast<std::size_t>(sim.now().ns() / step.ns()) + 1;
  const WindowQuantiles p95 = QuantilesByFilingWindow(sim, step, windows, {0.95})[0];
  double lo = HUGE_VAL, hi = 0;
  std::vector<Precedence> present;
  for (Precedence p : kReportOrder) {
    bool any = false;
    for (const auto& q : p95[static_cast<std::size_t>(p)]) {
      if (!q) continue;
      any = true;
      if (q->s > 0) {
        lo = std::min(lo, q->s);
        hi = std::max(hi, q->s);
      }
    }
    if (any) present.push_back(p);
  }
  if (hi <= 0) return "";
  for (Precedence p : present)
    hi = std::max(hi, s.objectives[static_cast<std::size_t>(p)].seconds());
  // Decades of time, labelled as durations.
  static constexpr double kTicks[] = {0.1,  1,        10,    60,        600,
                                      3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400};
  ax.y_lo = 0.1;
  for (double t : kTicks) {
    if (t <= lo) ax.y_lo = t;
  }
  ax.y_hi = kTicks[std::size(kTicks) - 1];
  for (double t : kTicks) {
    if (t >= hi * 1.05) {
      ax.y_hi = t;
      break;
    }
  }
  std::vector<std::pair<double, std::string>> ticks;
  for (double t : kTicks) {
    if (t >= ax.y_lo && t <= ax.y_hi) {
      ticks.emplace_back(
          t, t < 1 ? "100ms" : FormatDuration(Duration::Seconds(static_cast<std::int64_t>(t))));
    }
  }
  std::string svg =
      Header("p95 of delivery time, by filing time (per window of " + FormatDuration(step) + ")");
  svg += FaultBands(sim, s, ax);
  svg += Frame(ax, ticks, "p95 from filing to delivery");
  std::size_t row = 0;
  bool any_bound = false;
  const double half = step.seconds() / 2;  // a window's value is drawn at its middle
  for (Precedence p : present) {
    const std::string colour(PrecedenceColour(p));
    const Duration objective = s.objectives[static_cast<std::size_t>(p)];
    const double y = ax.Y(objective.seconds());
    svg += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(y) + "\" x2=\"" + Num(kLeft + kPlotW) +
           "\" y2=\"" + Num(y) + "\" stroke=\"" + colour + "\" stroke-dasharray=\"6,4\"><title>" +
           HtmlEscape(std::string(PrecedenceName(p)) + " objective " + FormatDuration(objective)) +
           "</title></line>\n";
    Line line{"", colour, {}};
    bool open = false;
    for (std::size_t w = 0; w < windows; ++w) {
      const auto& q = p95[static_cast<std::size_t>(p)][w];
      const double t = std::min(static_cast<double>(w) * step.seconds() + half, ax.t_max);
      if (!q || q->at_least) {
        open = false;
        if (q) {  // only a lower bound: a hollow mark
          any_bound = true;
          const double x = ax.X(t), qy = ax.Y(q->s);
          svg += "<path d=\"M" + Num(x) + "," + Num(qy - 5) + " l4,7 l-8,0 z\" fill=\"white\" " +
                 "stroke=\"" + colour + "\"><title>at least " +
                 HtmlEscape(FormatSecondsCompact(q->s)) + "</title></path>\n";
        }
        continue;
      }
      if (!open) line.runs.emplace_back();
      open = true;
      line.runs.back().emplace_back(t, q->s);
    }
    svg += Polylines(line, ax);
    svg += LegendEntry(row++, colour, std::string(PrecedenceName(p)));
  }
  svg += LegendEntry(row++, "#555", "objective (dashed)", true);
  if (any_bound) svg += LegendEntry(row++, "#555", "\xE2\x96\xB3 at least (in flight)");
  if (!s.faults.empty()) {
    const double x = kLeft + kPlotW + 12, y = kTop + 4 + 16 * static_cast<double>(row);
    svg += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) +
           "\" width=\"18\" height=\"9\" fill=\"#e6e6e6\"/><text x=\"" + Num(x + 22) + "\" y=\"" +
           Num(y + 8) + "\">fault window</text>\n";
  }
  return svg + "</svg>\n";
}

namespace {

// The `most` keys of `total` with the highest peaks, drawn over time (fault windows shaded),
// each with its peak in the legend, and for a key in `dashed` that series too, dashed in the
// same colour (the staff on duty beside a station's backlog); "" when no value is above 0.
std::string TopSeriesSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts,
                         const std::map<std::string, std::vector<std::optional<double>>>& total,
                         const std::map<std::string, std::vector<std::optional<double>>>& dashed,
                         std::size_t most, const std::string& what, const std::string& whose,
                         const std::string& longest, const std::string& y_label,
                         const std::string& dashed_label) {
  std::vector<std::pair<double, std::string>> peaks;
  for (const auto& [key, values] : total) {
    double peak = 0;
    for (const auto& v : values) peak = std::max(peak, v.value_or(0));
    if (peak > 0) peaks.emplace_back(peak, key);
  }
  if (peaks.empty()) return "";
  std::sort(peaks.begin(), peaks.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (peaks.size() > most) peaks.resize(most);
  Axes ax;
  ax.t_max = EndSeconds(sim, ts);
  ax.y_lo = 0;
  // A round top: 1, 2 or 5 times a power of ten, above every line drawn.
  double peak = peaks.front().first;
  for (const auto& [p, key] : peaks) {
    if (auto it = dashed.find(key); it != dashed.end()) {
      for (const auto& v : it->second) peak = std::max(peak, v.value_or(0));
    }
  }
  double top = 1;
  while (top < peak) {
    const double d = std::pow(10.0, std::floor(std::log10(top)));
    top = top / d < 2 ? 2 * d : top / d < 5 ? 5 * d : 10 * d;
  }
  ax.y_hi = top;
  // Whole numbers: 1, 2 or 5 times a power of ten apart (top / 5, or 1).
  std::vector<std::pair<double, std::string>> ticks;
  const double tick = std::max(1.0, top / 5);
  for (double v = 0; v <= top + 1e-9; v += tick) {
    char b[32];
    std::snprintf(b, sizeof b, "%.0f", v);
    ticks.emplace_back(v, b);
  }
  std::string svg = Header(what + ": the " + std::to_string(peaks.size()) + " " + whose +
                           (peaks.size() > 1 ? "s" : "") + " with the longest " + longest +
                           " (sampled every " + FormatDuration(ts.step) + ")");
  svg += FaultBands(sim, s, ax);
  svg += Frame(ax, ticks, y_label);
  std::size_t row = 0;
  bool any_dashed = false;
  for (const auto& [p, key] : peaks) {
    const std::string colour(kSeriesColours[row % std::size(kSeriesColours)]);
    svg += Polylines(LineOf(ts, total.at(key), key, colour), ax);
    if (auto it = dashed.find(key); it != dashed.end()) {
      Line line = LineOf(ts, it->second, key, colour);
      std::string dash = Polylines(line, ax);
      for (auto at = dash.find("stroke-width=\"1.5\""); at != std::string::npos;
           at = dash.find("stroke-width=\"1.5\"", at + 1)) {
        dash.insert(at, "stroke-dasharray=\"5,3\" ");
        at += 25;
      }
      svg += dash;
      any_dashed = true;
    }
    char peak_text[32];
    std::snprintf(peak_text, sizeof peak_text, " (peak %.0f)", p);
    svg += LegendEntry(row++, colour, key + peak_text);
  }
  if (any_dashed) svg += LegendEntry(row, "#555", dashed_label, true);
  return svg + "</svg>\n";
}

}  // namespace

std::string QueuesOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts,
                              std::size_t most) {
  // The total waiting per link direction (all precedences).
  std::map<std::string, std::vector<std::optional<double>>> total;
  for (const auto& series : ts.series) {
    if (series.name != "queue") continue;
    auto& values = total[series.key];
    values.resize(ts.t.size(), 0.0);
    series.values.ForEach(
        [&](std::size_t k, std::optional<double> v) { *values[k] += v.value_or(0); });
  }
  return TopSeriesSvg(sim, s, ts, total, {}, most, "copies waiting to be sent", "link direction",
                      "queues", "copies waiting", "");
}

std::string OperatorsOverTimeSvg(const RunView& sim, const Scenario& s, const TimeSeries& ts,
                                 std::size_t most) {
  std::map<std::string, std::vector<std::optional<double>>> backlog, on_duty;
  for (const auto& series : ts.series) {
    if (series.name == "backlog") backlog[series.key] = series.values.Dense();
    if (series.name == "on_duty") on_duty[series.key] = series.values.Dense();
  }
  return TopSeriesSvg(sim, s, ts, backlog, on_duty, most, "copies waiting for an operator",
                      "station", "backlogs", "copies waiting, operators",
                      "operators on duty (dashed)");
}

}  // namespace cablesim
