// The parts of a delivery time (sim/relay/delay_anatomy.h) as files and people read them:
// one table, a row per part in DelayPart order, holding every word and colour any writer
// uses for a part (text, JSON, CSV, the results database, HTML and SVG). Its size and order
// are checked when it compiles, so a part added to the enum without its row does not build,
// and a writer that walks kDelayParts and reads the table cannot leave a part out.
#pragma once

#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

#include "sim/relay/delay_anatomy.h"

namespace cablesim {

/// One part: its words and its colour.
struct DelayPartRow {
  DelayPart part;
  std::string_view key;   ///< "operator_wait": JSON keys (with "_s"), CSV and database columns
  std::string_view name;  ///< "waiting for an operator": for people
  std::string_view short_name;  ///< "operator": at most 11 characters, for table headings
  std::string_view meaning;     ///< what the time is, for a page's note
  char letter;                  ///< 'O': the part in text bars
  std::string_view colour;      ///< "#e69f00": the part in pictures
};

/// Every part. Colours: Okabe and Ito's colour-blind-safe palette (its eight, and a grey).
inline constexpr DelayPartRow kDelayPartRows[] = {
    {DelayPart::kOperatorWait, "operator_wait", "waiting for an operator", "operator",
     "waiting for one, every operator busy", 'O', "#e69f00"},
    {DelayPart::kProcessing, "processing", "station processing", "processing",
     "being handled at the station", 'P', "#56b4e9"},
    {DelayPart::kQueued, "queued", "queued behind other traffic", "queued",
     "waiting at the transmitter behind other traffic", 'Q', "#d55e00"},
    {DelayPart::kTransmitting, "transmitting", "transmitting", "sending",
     "the attempt that got through; under preempt-resume also the pieces sent before an "
     "interruption",
     'T', "#009e73"},
    {DelayPart::kPreemption, "preemption", "lost to preemption", "preempted",
     "attempts thrown away by a higher precedence under preempt-restart", 'X', "#cc79a7"},
    {DelayPart::kOutage, "outage", "waiting out outages", "outage",
     "waiting one out, and attempts an outage cut short", 'D', "#000000"},
    {DelayPart::kPropagation, "propagation", "propagating", "propagation",
     "the links' propagation delay", 'W', "#999999"},
    {DelayPart::kMinimized, "minimized", "held under MINIMIZE", "minimized",
     "held at the originating station until a MINIMIZE order ended", 'M', "#0072b2"},
    {DelayPart::kRerun, "rerun", "lost or garbled, waiting for its rerun", "rerun",
     "transmissions lost or garbled, and the wait until the copy's rerun was queued", 'R',
     "#f0e442"},
};
static_assert(std::size(kDelayPartRows) == kDelayPartCount,
              "every DelayPart needs its row in kDelayPartRows");

namespace delay_parts_detail {
/// Each row in its part's place, every field filled, short names fit their column, and no
/// two parts share a key, a letter or a colour.
constexpr bool TableIsWhole() {
  for (std::size_t k = 0; k < kDelayPartCount; ++k) {
    const DelayPartRow& r = kDelayPartRows[k];
    if (static_cast<std::size_t>(r.part) != k || r.key.empty() || r.name.empty() ||
        r.short_name.empty() || r.short_name.size() > 11 || r.meaning.empty() || r.letter == 0 ||
        r.colour.size() != 7 || r.colour[0] != '#') {
      return false;
    }
    for (std::size_t j = 0; j < k; ++j) {
      const DelayPartRow& o = kDelayPartRows[j];
      if (o.key == r.key || o.letter == r.letter || o.colour == r.colour) return false;
    }
  }
  return true;
}
}  // namespace delay_parts_detail
static_assert(delay_parts_detail::TableIsWhole(),
              "kDelayPartRows: a row out of place, a field empty, or a key, letter or colour "
              "used twice");

/// The row of part p.
constexpr const DelayPartRow& DelayPartInfo(DelayPart p) {
  return kDelayPartRows[static_cast<std::size_t>(p)];
}

/// "operator_wait_s": the key of part p's seconds (JSON, CSV and database columns), made
/// once from the table's key rather than per row written.
inline std::string_view DelayPartSecondsKey(DelayPart p) {
  static const std::array<std::string, kDelayPartCount> keys = [] {
    std::array<std::string, kDelayPartCount> out;
    for (std::size_t k = 0; k < kDelayPartCount; ++k) {
      out[k] = std::string(kDelayPartRows[k].key) + "_s";
    }
    return out;
  }();
  return keys[static_cast<std::size_t>(p)];
}

}  // namespace cablesim
