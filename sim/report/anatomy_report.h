// Where the delivery time went (sim/relay/delay_anatomy.h), as people read it: a table of
// mean seconds per part with a stacked bar per row, in text, JSON, HTML and SVG. A row is a
// precedence of a run, or a (precedence, discipline) of a compare, so disciplines stand side
// by side. The parts of a row add up to its mean delivery time ("= mean").
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/relay/delay_anatomy.h"
#include "sim/report/html_page.h"
#include "sim/report/json_writer.h"
#include "sim/stats/run_statistics.h"

namespace cablesim {

struct AnatomyRow {
  std::string precedence;
  std::string discipline;  ///< "" in a run's table
  AnatomyMeans means;
  bool partial = false;  ///< some addressees were still in flight: a mean of the delivered only
};

/// A run's rows: each precedence with addressees after the warm-up, in report order.
std::vector<AnatomyRow> AnatomyRowsOf(const ByPrecedence& by_precedence,
                                      const std::array<AnatomyMeans, kPrecedenceCount>& anatomy);

/// "deliveries", then "<part>_s" for every part, then "total_s" (their sum), into an open
/// object.
void WriteAnatomyKeys(const AnatomyMeans& m, JsonWriter* w);

/// The table (parts that are zero in every row left out) and, under it, each row's stacked
/// bar to one scale with its legend; "" when no row has deliveries.
std::string AnatomyText(const std::vector<AnatomyRow>& rows);

/// The same table for an HTML page (every part, so columns line up across pages).
HtmlTable AnatomyHtmlTable(const std::vector<AnatomyRow>& rows);

/// Horizontal stacked bars, one per row with deliveries, to one time scale, with a legend
/// and an axis; "" when no row has deliveries.
std::string AnatomySvg(const std::vector<AnatomyRow>& rows);

}  // namespace cablesim
