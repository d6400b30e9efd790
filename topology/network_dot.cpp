#include "topology/network_dot.h"

#include <iterator>
#include <map>
#include <vector>

#include "base/html_escape.h"

namespace cablesim {

std::string DotQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

namespace {

/// `text` broken into lines of at most `width` characters at spaces (a longer word keeps its
/// line): a relay's whole name, never cut short.
std::string WrapWords(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    if (!word.empty()) line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  return out + line;
}

const char* Shape(StationKind k) {
  switch (k) {
    case StationKind::kRelay:
      return "box";
    case StationKind::kSwitch:
      return "diamond";
    case StationKind::kPost:
      return "ellipse";
  }
  return "ellipse";
}

}  // namespace

namespace {

std::string DetailedDot(const Network& net, const std::vector<std::string>& link_label,
                        const std::vector<std::string>& link_style,
                        const std::vector<std::string>& station_style,
                        const std::vector<bool>& link_marked) {
  std::string out =
      "graph network {\n"
      "  graph [overlap=false, splines=true, fontname=\"Helvetica\", rankdir=LR];\n"
      "  node [fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=8];\n";
  std::map<std::string, std::vector<StationId>> by_region;
  for (StationId s = 0; s < net.station_count(); ++s) by_region[net.station(s).region].push_back(s);
  int cluster = 0;
  for (const auto& [region, ids] : by_region) {
    const bool clustered = !region.empty();
    std::string indent = "  ";
    if (clustered) {
      out += "  subgraph cluster_" + std::to_string(cluster++) +
             " {\n    label=" + DotQuote(region) + ";\n    style=rounded;\n";
      indent = "    ";
    }
    for (StationId s : ids) {
      const Station& st = net.station(s);
      const std::string extra =
          s < station_style.size() && !station_style[s].empty() ? ", " + station_style[s] : "";
      out += indent + DotQuote(st.ri) + " [shape=" + Shape(st.kind) +
             ", label=" + DotQuote(st.ri + "\n" + st.name) + extra + "];\n";
    }
    if (clustered) out += "  }\n";
  }
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    const std::string label = l < link_label.size() ? link_label[l] : FormatRate(link.rate);
    std::string style = l < link_style.size() && !link_style[l].empty() ? ", " + link_style[l] : "";
    if (l < link_marked.size() && link_marked[l]) style += ", fontcolor=red";
    out += "  " + DotQuote(net.station(link.a).ri) + " -- " + DotQuote(net.station(link.b).ri) +
           " [label=" + DotQuote(label) + style + "];\n";
  }
  out += "}\n";
  return out;
}

std::string OverviewDot(const Network& net, const std::vector<std::string>& link_label,
                        const std::vector<std::string>& link_style,
                        const std::vector<std::string>& station_style,
                        const std::vector<bool>& link_marked,
                        std::span<const std::string_view> region_fills) {
  std::map<std::string, std::string> colour;  // region -> fill, in name order
  for (StationId s = 0; s < net.station_count(); ++s) colour[net.station(s).region];
  std::size_t k = 0;
  for (auto& [region, c] : colour) {
    c = region.empty() || region_fills.empty()
            ? "#ffffff"
            : std::string(region_fills[k++ % region_fills.size()]);
  }
  // sfdp's force-directed layout pulls each post next to the relay serving it, so relays
  // become hubs with their posts around them; overlap=false keeps every label readable.
  std::string out =
      "graph network {\n  graph [layout=sfdp, overlap=false, splines=false, "
      "fontname=\"Helvetica\", fontsize=18, labelloc=b, label=<";
  // The legend: a row of coloured cells, one per region.
  out += "<table border=\"0\" cellspacing=\"4\"><tr><td>regions:</td>";
  for (const auto& [region, c] : colour) {
    if (region.empty()) continue;
    out += "<td bgcolor=\"" + c + "\">" + HtmlEscape(region) + "</td>";
  }
  out +=
      "</tr></table>>];\n"
      "  node [fontname=\"Helvetica\", fontsize=9, style=filled];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#777777\"];\n";
  for (StationId s = 0; s < net.station_count(); ++s) {
    const Station& st = net.station(s);
    const std::string extra =
        s < station_style.size() && !station_style[s].empty() ? ", " + station_style[s] : "";
    if (st.kind == StationKind::kPost) {
      out += "  " + DotQuote(st.ri) + " [shape=circle, width=0.55, fixedsize=true, fontsize=7, " +
             "fillcolor=\"" + colour[st.region] + "\", label=" + DotQuote(st.ri) + extra + "];\n";
    } else {
      out += "  " + DotQuote(st.ri) + " [shape=" + Shape(st.kind) +
             ", fontsize=11, penwidth=2, fillcolor=\"" + colour[st.region] +
             "\", label=" + DotQuote(st.ri + "\n" + WrapWords(st.name, 20)) + extra + "];\n";
    }
  }
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    const bool trunk = net.station(link.a).kind != StationKind::kPost &&
                       net.station(link.b).kind != StationKind::kPost;
    const bool marked = l < link_marked.size() && link_marked[l];
    std::string attrs;
    if (l < link_style.size() && !link_style[l].empty()) {
      attrs = " [" + link_style[l] + "]";
    } else if (trunk) {
      attrs = " [penwidth=2]";
    }
    const std::string a = DotQuote(net.station(link.a).ri);
    const std::string b = DotQuote(net.station(link.b).ri);
    if (!trunk && !marked) {
      out += "  " + a + " -- " + b + attrs + ";\n";
      continue;
    }
    // The label as a node of its own in the middle of the link: the layout then keeps it
    // clear of the stations, which it does not do for edge labels.
    const std::string middle = DotQuote("link " + std::to_string(l));
    out += "  " + middle + " [shape=plaintext, style=filled, fillcolor=white, margin=0.02, " +
           "width=0, height=0, fontsize=" + (marked ? "10, fontcolor=red" : "8") +
           ", label=" + DotQuote(l < link_label.size() ? link_label[l] : FormatRate(link.rate)) +
           "];\n";
    out += "  " + a + " -- " + middle + attrs + ";\n";
    out += "  " + middle + " -- " + b + attrs + ";\n";
  }
  out += "}\n";
  return out;
}

}  // namespace

std::optional<DotLayout> ParseDotLayout(const std::string& name) {
  if (name == "auto") return DotLayout::kAuto;
  if (name == "detailed") return DotLayout::kDetailed;
  if (name == "overview") return DotLayout::kOverview;
  return std::nullopt;
}

std::string NetworkToDot(const Network& net, const std::vector<std::string>& link_label,
                         const std::vector<std::string>& link_style, DotLayout layout,
                         const std::vector<std::string>& station_style,
                         const std::vector<bool>& link_marked,
                         std::span<const std::string_view> region_fills) {
  if (layout == DotLayout::kAuto) {
    layout = net.station_count() > kOverviewFrom ? DotLayout::kOverview : DotLayout::kDetailed;
  }
  if (layout == DotLayout::kOverview && net.station_count() > 0) {
    return OverviewDot(net, link_label, link_style, station_style, link_marked, region_fills);
  }
  return DetailedDot(net, link_label, link_style, station_style, link_marked);
}

}  // namespace cablesim
