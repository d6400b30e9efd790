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
