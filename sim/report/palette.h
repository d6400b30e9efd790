// The colours of every picture, in one table: each precedence keeps one colour everywhere
// (gnuplot's CDFs and sweep curves, the SVG charts of the HTML reports, the live page, which
// is sent them in its hello), and what is not a precedence (the regions of the network
// pictures, the links and stations of charts over time, the live page's marks) is drawn in
// colours chosen so that none can be taken for one: greys, or hues at least 30 degrees
// (CIELAB) from every precedence's and clearly apart from it (tests/palette_test.cpp checks
// both, and that each writer takes its colours from here).
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>

#include "sim/message/precedence.h"

namespace cablesim {

/// A precedence and its colour.
struct PrecedencePaint {
  Precedence precedence;
  std::string_view colour;  ///< "#d62728"
};

/// Every precedence, in Precedence order (ROUTINE first).
inline constexpr PrecedencePaint kPrecedencePalette[] = {
    {Precedence::kRoutine, "#2ca02c"},           // green
    {Precedence::kPriority, "#1f77b4"},          // blue
    {Precedence::kImmediate, "#ff7f0e"},         // orange
    {Precedence::kFlash, "#d62728"},             // red
    {Precedence::kEmergencyCommand, "#6a3d9a"},  // purple
};
static_assert(std::size(kPrecedencePalette) == kPrecedenceCount,
              "every precedence needs its colour in kPrecedencePalette");

namespace palette_detail {
constexpr bool InPrecedenceOrder() {
  for (std::size_t k = 0; k < std::size(kPrecedencePalette); ++k) {
    if (static_cast<std::size_t>(kPrecedencePalette[k].precedence) != k) return false;
  }
  return true;
}
}  // namespace palette_detail
static_assert(palette_detail::InPrecedenceOrder(), "kPrecedencePalette: a row out of place");

/// The colour of precedence p in every picture.
constexpr std::string_view PrecedenceColour(Precedence p) {
  return kPrecedencePalette[static_cast<std::size_t>(p)].colour;
}

/// Light fills for the regions of a network picture, in turn (a region's is its place in
/// name order, round again after the last): pale yellow, teal, pink, greys, khaki, pale cyan.
inline constexpr std::string_view kRegionFills[] = {"#fff2ae", "#8dd3c7", "#fccde5", "#d9d9d9",
                                                    "#d0c080", "#b0e0f0", "#a8a8a8"};

/// Lines for series that are not precedences (link directions, stations), in turn: black,
/// cyan, magenta, olive, dark teal, grey.
inline constexpr std::string_view kSeriesColours[] = {"#000000", "#17becf", "#c51b7d",
                                                      "#bcbd22", "#006d6f", "#7f7f7f"};

/// Marks on the live page that are not precedences (sim/live/web_page.html, checked by
/// tests/palette_test.cpp): a station or link out of service, and the ring round a station
/// whose copies wait for an operator. Red and orange there read as FLASH and IMMEDIATE.
inline constexpr std::string_view kDownColour = "#c51b7d";     // magenta
inline constexpr std::string_view kBacklogColour = "#006d6f";  // dark teal

}  // namespace cablesim
