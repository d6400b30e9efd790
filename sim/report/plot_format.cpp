#include "sim/report/plot_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

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
    std::snprintf(buf, sizeof buf, "set terminal svg size %d,%d dynamic font 'Helvetica,12'\n",
                  width, height);
  } else {
    std::snprintf(buf, sizeof buf, "set terminal pngcairo size %d,%d font 'Helvetica,10'\n", width,
                  height);
  }
  std::string quoted;
  for (char ch : path) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return std::string(buf) + "set output '" + quoted + "'\n";
}

}  // namespace cablesim
