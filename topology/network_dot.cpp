#include "topology/network_dot.h"

#include <map>
#include <vector>

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

std::string NetworkToDot(const Network& net, const std::vector<std::string>& link_label,
                         const std::vector<std::string>& link_style) {
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
      out += indent + DotQuote(st.ri) + " [shape=" + Shape(st.kind) +
             ", label=" + DotQuote(st.ri + "\n" + st.name) + "];\n";
    }
    if (clustered) out += "  }\n";
  }
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& link = net.link(l);
    const std::string label = l < link_label.size() ? link_label[l] : FormatRate(link.rate);
    const std::string style = l < link_style.size() ? ", " + link_style[l] : "";
    out += "  " + DotQuote(net.station(link.a).ri) + " -- " + DotQuote(net.station(link.b).ri) +
           " [label=" + DotQuote(label) + style + "];\n";
  }
  out += "}\n";
  return out;
}

}  // namespace cablesim
