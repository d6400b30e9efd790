#include "tools/cablesim/network_layout.h"

#include <sstream>

#include "sim/report/palette.h"
#include "tools/cablesim/renderers.h"
#include "topology/network_dot.h"

namespace cablesim::cli {
namespace {

// The words of one line of dot's plain output: a word, or a "quoted string" with \" inside.
std::vector<std::string> PlainWords(const std::string& line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size()) {
    if (line[i] == ' ') {
      ++i;
      continue;
    }
    std::string w;
    if (line[i] == '"') {
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\' && i + 1 < line.size()) ++i;
        w += line[i];
      }
      ++i;
    } else {
      while (i < line.size() && line[i] != ' ') w += line[i++];
    }
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

bool ReadPlainLayout(const std::string& plain, const Network& net, WebLayout* layout) {
  const std::size_t n = net.station_count();
  layout->x.assign(n, 0);
  layout->y.assign(n, 0);
  layout->fill.assign(n, "");
  std::vector<bool> seen(n, false);
  std::istringstream in(plain);
  std::string line;
  while (std::getline(in, line)) {
    const std::vector<std::string> w = PlainWords(line);
    if (w.size() < 4 || w[0] != "node") continue;
    const auto st = net.FindStation(w[1]);
    if (!st) continue;
    try {
      layout->x[*st] = std::stod(w[2]);
      layout->y[*st] = std::stod(w[3]);
    } catch (const std::exception&) {
      return false;
    }
    if (w.size() >= 11 && w.back().starts_with("#")) layout->fill[*st] = w.back();
    seen[*st] = true;
  }
  for (const bool s : seen) {
    if (!s) return false;
  }
  return true;
}

WebLayout LayoutForPage(const Network& net) {
  std::string error;
  const std::string plain =
      DotPlainText(NetworkToDot(net, {}, {}, DotLayout::kOverview, {}, {}, kRegionFills), &error);
  WebLayout layout;
  if (!plain.empty() && ReadPlainLayout(plain, net, &layout)) {
    layout.how = "graphviz sfdp";
    return layout;
  }
  return CircleLayout(net.station_count(),
                      "a circle (" + (error.empty() ? "graphviz gave no positions" : error) + ")");
}

}  // namespace cablesim::cli
