#include "sim/report/plot_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>
#include <vector>

namespace cablesim {

std::optional<PlotFormat> PlotFormatOf(const std::string& path) {
  const auto dot = path.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  std::string ext = path.substr(dot + 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == "svg") return PlotFormat::kSvg;
  if (ext == "png") return PlotFormat::kPng;
  return std::nullopt;
}

std::string GnuplotTerminal(PlotFormat format, int width, int height, const std::string& path) {
  char buf[128];
  if (format == PlotFormat::kSvg) {
    std::snprintf(buf, sizeof buf, "set terminal svg size %d,%d fixed font 'Helvetica,12'\n", width,
                  height);
  } else {
    std::snprintf(buf, sizeof buf, "set terminal pngcairo size %d,%d font 'Helvetica,10'\n", width,
                  height);
  }
  std::string quoted;
  for (char ch : path) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return std::string(buf) + "set output '" + quoted + "'\n";
}

std::vector<std::pair<std::string, double>> LogTimeMarks(double lo, double hi) {
  struct Mark {
    double s;
    const char* label;
  };
  // Coarse marks first; the fine ones join when too few coarse ones fall in the range.
  static constexpr Mark kCoarse[] = {{0.001, "1ms"},      {0.01, "10ms"},       {0.1, "0.1s"},
                                     {1, "1s"},           {10, "10s"},          {60, "1m"},
                                     {300, "5m"},         {900, "15m"},         {3600, "1h"},
                                     {3 * 3600, "3h"},    {6 * 3600, "6h"},     {12 * 3600, "12h"},
                                     {86400, "1d"},       {3 * 86400, "3d"},    {7 * 86400, "7d"},
                                     {30 * 86400, "30d"}, {365 * 86400.0, "1y"}};
  static constexpr Mark kFine[] = {
      {0.002, "2ms"}, {0.005, "5ms"}, {0.02, "20ms"}, {0.05, "50ms"},   {0.2, "0.2s"},
      {0.5, "0.5s"},  {2, "2s"},      {5, "5s"},      {20, "20s"},      {30, "30s"},
      {120, "2m"},    {600, "10m"},   {1800, "30m"},  {2 * 3600, "2h"}, {2 * 86400, "2d"}};
  std::vector<Mark> marks;
  for (const Mark& m : kCoarse) {
    if (m.s >= lo && m.s <= hi) marks.push_back(m);
  }
  if (marks.size() < 4) {
    for (const Mark& m : kFine) {
      if (m.s >= lo && m.s <= hi) marks.push_back(m);
    }
    std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) { return a.s < b.s; });
  }
  std::vector<std::pair<std::string, double>> tics;
  for (const Mark& m : marks) tics.emplace_back(m.label, m.s);
  if (tics.size() < 2) {  // a range narrower than any two marks: its ends
    char label[32];
    tics.clear();
    for (double v : {lo, hi}) {
      std::snprintf(label, sizeof label, "%.3gs", v);
      tics.emplace_back(label, v);
    }
  }
  return tics;
}

std::string LogTimeTics(double lo, double hi) {
  const auto tics = LogTimeMarks(lo, hi);
  std::string out = "(";
  char buf[64];
  for (std::size_t i = 0; i < tics.size(); ++i) {
    std::snprintf(buf, sizeof buf, "%s\"%s\" %.6g", i ? ", " : "", tics[i].first.c_str(),
                  tics[i].second);
    out += buf;
  }
  return out + ")";
}

}  // namespace cablesim
