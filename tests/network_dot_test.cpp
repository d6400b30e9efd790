#include "topology/network_dot.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "tests/cli_support.h"
#include "topology/network_yaml.h"

TEST_CASE("the network as DOT: shapes, clusters, rate labels") {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/tests/data/small-network.yaml");
  REQUIRE(net.ok());
  const std::string dot = cablesim::NetworkToDot(*net);
  CHECK(dot.rfind("graph network {", 0) == 0);
  CHECK(dot.find("\"RUEH\" [shape=box, label=\"RUEH\\nRELAY BELTSVILLE\"];") != std::string::npos);
  CHECK(dot.find("\"RUEHFR\" [shape=ellipse") != std::string::npos);
  CHECK(dot.find("label=\"Europe\"") != std::string::npos);
  CHECK(dot.find("\"RUDKC\" -- \"RUEHLO\" [label=\"9.6 kbit/s\"];") != std::string::npos);
  CHECK(cablesim::DotQuote("a\"b\\c") == "\"a\\\"b\\\\c\"");

  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("graphviz not installed: rendering not checked");
    return;
  }
  const std::string path = cablesim::testing::TempPath("network.dot");
  {
    std::ofstream f(path);
    f << dot;
  }
  CHECK(std::system(("dot -Tsvg " + path + " -o " + path + ".svg").c_str()) == 0);
  CHECK(cablesim::testing::ReadFile(path + ".svg").find("<svg") != std::string::npos);
  std::remove(path.c_str());
  std::remove((path + ".svg").c_str());
}

TEST_CASE("the overview: posts as circles coloured by region, trunks and marked links labelled") {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/tests/data/small-network.yaml");
  REQUIRE(net.ok());
  CHECK(cablesim::NetworkToDot(*net) ==
        cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kDetailed));
  std::vector<bool> marked(net->link_count(), false);
  marked[3] = true;  // RUDKC - RUEHLO
  const std::string_view fills[] = {"#101010", "#202020"};
  const std::string dot =
      cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kOverview, {}, marked, fills);
  CHECK(dot.find("layout=sfdp") != std::string::npos);
  // The legend: one cell per region, in name order, with the fill given for it.
  CHECK(dot.find("<td bgcolor=\"#101010\">Europe</td><td bgcolor=\"#202020\">Washington</td>") !=
        std::string::npos);
  CHECK(dot.find("\"RUEHFR\" [shape=circle") != std::string::npos);
  CHECK(dot.find("fillcolor=\"#101010\", label=\"RUEHFR\"") != std::string::npos);
  // One fill for two regions: taken in turn, round again. None: unfilled.
  const std::string one = cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kOverview, {},
                                                 marked, std::span(fills, 1));
  CHECK(one.find("<td bgcolor=\"#101010\">Europe</td><td bgcolor=\"#101010\">Washington</td>") !=
        std::string::npos);
  CHECK(cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kOverview)
            .find("<td bgcolor=\"#ffffff\">Europe</td>") != std::string::npos);
  // The trunk and the marked link are labelled through a node in their middle; the others not.
  CHECK(dot.find("\"RUEH\" -- \"link 1\" [penwidth=2];") != std::string::npos);
  CHECK(dot.find("\"link 1\" -- \"RUDKC\" [penwidth=2];") != std::string::npos);
  CHECK(dot.find("\"link 3\" [shape=plaintext") != std::string::npos);
  CHECK(dot.find("fontcolor=red, label=\"9.6 kbit/s\"") != std::string::npos);
  CHECK(dot.find("\"RUDKC\" -- \"RUEHFR\";") != std::string::npos);
  CHECK(dot.find("link 2") == std::string::npos);
  CHECK(cablesim::ParseDotLayout("overview") == cablesim::DotLayout::kOverview);
  CHECK_FALSE(cablesim::ParseDotLayout("twopi"));
}

TEST_CASE("the overview keeps a relay's whole name, wrapped at spaces") {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/scenarios/networks/dts-2008.yaml");
  REQUIRE(net.ok());
  const std::string dot = cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kOverview);
  // 'RGN RELAY FACILITY DEPARTMENT OF STATE WASHINGTON DC' was cut to 24 characters.
  CHECK(dot.find("label=\"RUCN\\nRGN RELAY FACILITY\\nDEPARTMENT OF STATE\\nWASHINGTON DC\"") !=
        std::string::npos);
}

TEST_CASE("names that are markup or quoting are drawn as written, in both layouts") {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/tests/data/awkward-names-network.yaml");
  REQUIRE(net.ok());
  const std::string overview = cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kOverview);
  // The legend is an HTML-like label: entities there, as written in quoted labels.
  CHECK(overview.find(">Europe &amp; Africa</td>") != std::string::npos);
  CHECK(overview.find(">&lt;img src=x onerror=&quot;window.pwned=2&quot;&gt;&lt;script&gt;"
                      "window.pwned=3&lt;/script&gt;</td>") != std::string::npos);
  CHECK(overview.find(">Washington &amp; &quot;DC&quot;</td>") != std::string::npos);
  // Quoted labels: \" and \\, so that \l or \N is shown, not taken as Graphviz's escape.
  CHECK(overview.find("label=\"RUDKC\\nRELAY CROUGHTON \\\\l\"") != std::string::npos);
  const std::string detailed = cablesim::NetworkToDot(*net, {}, {}, cablesim::DotLayout::kDetailed);
  CHECK(detailed.find("label=\"RUEHC\\nSECSTATE \\\"WASHDC\\\" \\\\N \\\\\"") != std::string::npos);
  CHECK(detailed.find("label=\"Europe & Africa\"") != std::string::npos);
  if (std::system("command -v dot >/dev/null 2>&1") != 0) {
    MESSAGE("graphviz not installed: rendering not checked");
    return;
  }
  for (const std::string* dot : {&overview, &detailed}) {
    const std::string path = cablesim::testing::TempPath("awkward.dot");
    {
      std::ofstream f(path);
      f << *dot;
    }
    // Graphviz reads it without a complaint, and places every station (the live page's
    // layout reads these node lines).
    REQUIRE(std::system(
                ("dot -Tplain " + path + " -o " + path + ".txt 2>" + path + ".err").c_str()) == 0);
    CHECK(cablesim::testing::ReadFile(path + ".err") == "");
    const std::string plain = cablesim::testing::ReadFile(path + ".txt");
    for (const char* ri : {"RUEHC", "RUEH", "RUDKC", "RUEHFR", "RUEHLO"}) {
      CHECK(plain.find(std::string("node ") + ri + " ") != std::string::npos);
    }
    std::remove(path.c_str());
    std::remove((path + ".txt").c_str());
    std::remove((path + ".err").c_str());
  }
}
