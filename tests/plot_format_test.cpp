// Picture formats by extension, and the labelled tick marks of log time axes.
#include "sim/report/plot_format.h"

#include <doctest/doctest.h>

TEST_CASE("the format follows the extension, in any case") {
  CHECK(cablesim::PlotFormatOf("a.svg") == cablesim::PlotFormat::kSvg);
  CHECK(cablesim::PlotFormatOf("dir.x/A.PNG") == cablesim::PlotFormat::kPng);
  CHECK_FALSE(cablesim::PlotFormatOf("a.pdf"));
  CHECK_FALSE(cablesim::PlotFormatOf("svg"));
}

TEST_CASE("log time axes are marked in units a person reads") {
  // Minutes to hours: the coarse marks alone (at least four of them).
  CHECK(cablesim::LogTimeTics(100, 30000) ==
        "(\"5m\" 300, \"15m\" 900, \"1h\" 3600, \"3h\" 10800, "
        "\"6h\" 21600)");
  // Two minutes to twenty-five: too few coarse marks, the fine ones join in order.
  CHECK(cablesim::LogTimeTics(110, 1500) == "(\"2m\" 120, \"5m\" 300, \"10m\" 600, \"15m\" 900)");
  // Narrower than any two marks: the ends of the range.
  CHECK(cablesim::LogTimeTics(61, 62) == "(\"61s\" 61, \"62s\" 62)");
}
