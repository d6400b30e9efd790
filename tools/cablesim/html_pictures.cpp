#include "tools/cablesim/html_pictures.h"

#include "sim/report/cdf_plot.h"
#include "sim/report/route_dot.h"
#include "sim/stats/run_statistics.h"
#include "tools/cablesim/renderers.h"

namespace cablesim::cli {
namespace {

/// Characters a POSIX shell reads as themselves in a word.
bool PlainShellWord(const std::string& w) {
  if (w.empty()) return false;
  for (char c : w) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-_./:=,+@%").find(c) != std::string_view::npos;
    if (!plain) return false;
  }
  return true;
}

HtmlPicture FromDot(HtmlPicture p, const std::string& dot) {
  std::string error;
  p.svg = DotSvgText(dot, &error);
  if (p.svg.empty()) p.missing = error;
  return p;
}

HtmlPicture FromGnuplot(HtmlPicture p,
                        const std::function<std::string(const std::string&)>& script_for) {
  std::string error;
  p.svg = GnuplotSvgText(script_for, &error);
  if (p.svg.empty()) p.missing = error;
  return p;
}

}  // namespace

std::string CommandLine(const std::string& command, const std::vector<std::string>& words) {
  std::string out = "cablesim " + command;
  for (const std::string& w : words) {
    out += ' ' + (PlainShellWord(w) ? w : ShellQuote(w));
  }
  return out;
}

HtmlPicture RunCdfPicture(const RelaySimulation& sim, const Scenario& s) {
  HtmlPicture p;
  p.title = "delivery time CDF";
  p.caption =
      "Share of all addressees (after the warm-up) delivered by each time, per precedence, on "
      "a log time axis, each precedence's objective dashed in its colour; a curve ends below "
      "1 while some are still in flight.";
  const std::vector<CdfPanel> panels{{"", CdfsOf(GatherPopulation(sim, s))}};
  return FromGnuplot(std::move(p), [&](const std::string& path) {
    return CdfGnuplotScript(s.name + ": delivery time CDF by precedence", panels, s.objectives,
                            path, PlotFormat::kSvg);
  });
}

HtmlPicture NetworkPicture(const RelaySimulation& sim, const Scenario& s,
                           const RunSummary& summary) {
  HtmlPicture p;
  p.title = "network and link utilisation";
  p.caption =
      "Each link coloured from green (idle) to red (busy) by its busier direction over the "
      "run and labelled with its rate and utilisation; links and stations that were down are "
      "dashed with their window.";
  return FromDot(std::move(p), UtilisationDot(sim, s, summary));
}

HtmlPicture RoutePicture(const RelaySimulation& sim, const Scenario& s, std::uint32_t message) {
  const MessageRecord& m = sim.messages()[message];
  HtmlPicture p;
  p.title = "routing tree of " + m.id;
  p.caption = "How " + m.id +
              " travelled: an edge per transmitted copy with its precedence and transmission "
              "times (interrupted attempts dashed), the addressees with their latency.";
  return FromDot(std::move(p), MessageRouteDot(sim, s, message));
}

HtmlPicture CompareCdfPicture(const ExperimentResult& c) {
  HtmlPicture p;
  p.title = "delivery time CDF per discipline";
  p.caption =
      "Per discipline, the share of all addressees (after the warm-up, replications pooled) "
      "delivered by each time, a line per precedence with its objective dashed in its colour; "
      "below 1 at the end while some are in flight.";
  return FromGnuplot(std::move(p), [&](const std::string& path) {
    return CompareGnuplotScript(c, path, PlotFormat::kSvg);
  });
}

HtmlPicture SweepCurvesPicture(const ExperimentResult& r) {
  HtmlPicture p;
  p.title = "delivery time and share within objective against the swept value";
  p.caption =
      "Mean delivery time (log scale, 95% interval bars; objectives as horizontal lines) and "
      "share within objective, a column per discipline, a line per precedence.";
  std::string why;
  if (PlotAxis(r, &why).empty()) {
    p.missing = "the figure " + why.substr(why.find(' ') + 1);  // `why` begins "--plot ..."
    return p;
  }
  return FromGnuplot(std::move(p), [&](const std::string& path) {
    return SweepGnuplotScript(r, path, PlotFormat::kSvg);
  });
}

}  // namespace cablesim::cli
