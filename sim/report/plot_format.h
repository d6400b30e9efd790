// The picture formats plots are written in, chosen by the file name's extension, and the
// gnuplot lines that select them.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace cablesim {

enum class PlotFormat { kSvg, kPng };

/// kSvg for "x.svg", kPng for "x.png" (any case); nullopt for anything else.
std::optional<PlotFormat> PlotFormatOf(const std::string& path);

/// "set terminal ...\nset output '...'\n" for a picture of `width` x `height` pixels.
std::string GnuplotTerminal(PlotFormat format, int width, int height, const std::string& path);

/// The marks of a log time axis over [lo, hi] seconds: (label, seconds), labelled for a
/// person ("30s", "5m", "2h", "1d"), at most about eight, always at least two.
std::vector<std::pair<std::string, double>> LogTimeMarks(double lo, double hi);

/// Tick marks for a log time axis over [lo, hi] seconds, labelled for a person ("30s",
/// "5m", "2h", "1d"): a gnuplot tics list such as `("1m" 60, "10m" 600)`, at most about
/// eight marks, always at least two.
std::string LogTimeTics(double lo, double hi);

}  // namespace cablesim
