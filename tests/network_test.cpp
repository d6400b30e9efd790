#include "topology/network.h"

#include <doctest/doctest.h>

#include <type_traits>

#include "topology/network_yaml.h"

using cablesim::Duration;
using cablesim::Network;
using cablesim::StationId;

namespace {

Network Small() {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/tests/data/small-network.yaml");
  REQUIRE_MESSAGE(net.ok(), (net.ok() ? "" : net.error().ToString()));
  return std::move(net).value();
}

std::vector<std::string> Ris(const Network& net, const std::vector<StationId>& ids) {
  std::vector<std::string> out;
  for (auto id : ids) out.push_back(net.station(id).ri);
  return out;
}

StationId Id(const Network& net, const char* ri) { return *net.FindStation(ri); }

// Stations with these RIs and default properties, in order (ids 0, 1, ...).
void AddStations(Network& net, std::initializer_list<const char*> ris) {
  for (const char* ri : ris) {
    cablesim::Station s;
    s.ri = ri;
    net.AddStation(s);
  }
}

}  // namespace

TEST_CASE("stations, links and defaults are read") {
  Network net = Small();
  CHECK(net.station_count() == 5);
  CHECK(net.link_count() == 4);
  CHECK(net.station(Id(net, "RUEHC")).processing == Duration::Seconds(30));
  CHECK(net.station(Id(net, "RUDKC")).processing == Duration::Seconds(10));
  CHECK(net.station(Id(net, "RUEH")).kind == cablesim::StationKind::kRelay);
  CHECK(net.link(2).rate == 2400);
  CHECK(net.link(3).rate == 9600);
  CHECK(net.link(0).framing == cablesim::Framing::kSyncAscii);
  // Default cost: 1,000 characters on the wire plus propagation.
  CHECK(net.LinkCost(2) == cablesim::WireTime(1000, 2400, cablesim::Framing::kAsyncAscii).ns() +
                               Duration::Milliseconds(250).ns());
}

TEST_CASE("routes follow the least cost through the relays") {
  Network net = Small();
  CHECK(Ris(net, net.Path(Id(net, "RUEHC"), Id(net, "RUEHFR"))) ==
        std::vector<std::string>{"RUEHC", "RUEH", "RUDKC", "RUEHFR"});
  CHECK(Ris(net, net.Path(Id(net, "RUEHLO"), Id(net, "RUEHFR"))) ==
        std::vector<std::string>{"RUEHLO", "RUDKC", "RUEHFR"});
  CHECK(net.NextHop(Id(net, "RUEH"), Id(net, "RUEHLO")) == Id(net, "RUDKC"));
  CHECK(net.Distance(Id(net, "RUEHC"), Id(net, "RUEHC")) == 0);
  CHECK(net.Distance(Id(net, "RUEHC"), Id(net, "RUEHFR")) ==
        net.LinkCost(0) + net.LinkCost(1) + net.LinkCost(2));
}

TEST_CASE("an RI no station owns goes to the owner of its longest prefix") {
  Network net = Small();
  CHECK(*net.ResolveRi("RUEHFR") == Id(net, "RUEHFR"));
  CHECK(*net.ResolveRi("RUEHXX") == Id(net, "RUEH"));
  CHECK(*net.ResolveRi("RUDKCA") == Id(net, "RUDKC"));
  auto none = net.ResolveRi("RXYZ");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message ==
        "routing indicator RXYZ is not served by any station (no station owns it or a prefix "
        "of it)");
}

TEST_CASE("collectives expand, nested, without exemptions, each station once") {
  Network net = Small();
  const auto* all = net.FindCollective("ALL COLLECTIVE");
  REQUIRE(all);
  CHECK(Ris(net, *net.ExpandCollective(*all, {})) ==
        std::vector<std::string>{"RUEHFR", "RUEHLO", "RUEHC"});
  CHECK(Ris(net, *net.ExpandCollective(*all, {Id(net, "RUEHLO")})) ==
        std::vector<std::string>{"RUEHFR", "RUEHC"});
  CHECK(net.FindCollective("RUEHZZ") == net.FindCollective("EUROPE COLLECTIVE"));
}

TEST_CASE("equal-cost ties are broken by RI, whatever the input order" * doctest::timeout(120)) {
  for (bool reversed : {false, true}) {
    Network net;
    AddStations(net, {"RAAA", "RZZZ", "RMMM", "RBBB"});
    // RAAA - RZZZ - RBBB and RAAA - RMMM - RBBB, equal costs.
    std::vector<std::pair<StationId, StationId>> pairs = {{0, 1}, {1, 3}, {0, 2}, {2, 3}};
    if (reversed) std::reverse(pairs.begin(), pairs.end());
    for (auto [a, b] : pairs) net.AddLink(cablesim::Link{a, b});
    REQUIRE(net.Finalize().ok());
    CHECK(net.station(net.NextHop(0, 3)).ri == "RMMM");
  }
}

TEST_CASE("routes toward a station over the links still working" * doctest::timeout(120)) {
  Network net;
  AddStations(net, {"RAAA", "RBBB", "RCCC", "RDDD"});
  // A square: RAAA-RBBB-RDDD and RAAA-RCCC-RDDD, the second path slower.
  net.AddLink({0, 1, 9600});
  net.AddLink({1, 3, 9600});
  net.AddLink({0, 2, 2400});
  net.AddLink({2, 3, 2400});
  REQUIRE(net.Finalize().ok());
  CHECK(net.NextHop(0, 3) == 1);
  const auto all = net.RoutesToward(3, [](cablesim::ChannelId) { return true; });
  CHECK(all.next_hop[0] == 1);
  CHECK(all.distance[0] == net.Distance(0, 3));
  CHECK(all.next_hop[3] == cablesim::kNoStation);
  // RAAA-RBBB out of use (either direction is enough): RAAA goes by RCCC, RBBB still direct.
  const auto cut = *net.ChannelBetween(1, 0);
  const auto around = net.RoutesToward(3, [&](cablesim::ChannelId c) { return c != cut; });
  CHECK(around.next_hop[0] == 2);
  CHECK(around.next_hop[1] == 3);
  CHECK(around.distance[0] == net.LinkCost(2) + net.LinkCost(3));
  // RDDD cut off entirely: nothing reaches it.
  const auto l13 = net.ChannelLink(*net.ChannelBetween(1, 3));
  const auto l23 = net.ChannelLink(*net.ChannelBetween(2, 3));
  const auto none = net.RoutesToward(3, [&](cablesim::ChannelId c) {
    return net.ChannelLink(c) != l13 && net.ChannelLink(c) != l23;
  });
  for (cablesim::StationId s = 0; s < 3; ++s) CHECK(none.next_hop[s] == cablesim::kNoStation);
}

TEST_CASE("static routes override and loops are refused") {
  Network net;
  AddStations(net, {"RAAA", "RBBB", "RCCC"});
  net.AddLink({0, 1});
  net.AddLink({1, 2});
  net.AddLink({0, 2});
  SUBCASE("override") {
    net.AddStaticRoute({0, 2, 1});
    REQUIRE(net.Finalize().ok());
    CHECK(net.Path(0, 2) == std::vector<StationId>{0, 1, 2});
  }
  SUBCASE("loop") {
    net.AddStaticRoute({0, 2, 1});
    net.AddStaticRoute({1, 2, 0});
    auto r = net.Finalize();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message ==
          "static routes make a loop on the way from RAAA to RCCC (through RAAA)");
  }
}

TEST_CASE("a disconnected network is an error naming the stations") {
  Network net;
  AddStations(net, {"RAAA", "RBBB", "RCCC"});
  net.AddLink({0, 1});
  auto r = net.Finalize();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "station RAAA cannot reach RCCC: the network is not connected");
}

TEST_CASE("the DTS 2008 network loads, with every post routed through a relay" *
          doctest::timeout(120)) {
  auto net = cablesim::LoadNetworkFile(std::string(CABLESIM_SOURCE_DIR) +
                                       "/scenarios/networks/dts-2008.yaml");
  REQUIRE_MESSAGE(net.ok(), (net.ok() ? "" : net.error().ToString()));
  CHECK(net->station_count() > 280);
  CHECK(Ris(*net, net->Path(Id(*net, "RUEHC"), Id(*net, "RUEHFR"))) ==
        std::vector<std::string>{"RUEHC", "RUEH", "RUDKC", "RUEHFR"});
  const auto* nato = net->FindCollective("ALL NATO POST COLLECTIVE");
  REQUIRE(nato);
  auto members = Ris(*net, *net->ExpandCollective(*nato, {}));
  CHECK(members.size() == 26);  // 25 countries with a US embassy, and USNATO
  CHECK(std::find(members.begin(), members.end(), "RUEHNO") != members.end());
  for (const char* c : {"EUROPEAN POLITICAL COLLECTIVE", "RUEHZL", "RUCNMEM", "RUEHEE"}) {
    CHECK_MESSAGE(net->FindCollective(c), c);
  }
}

TEST_CASE("a moved network keeps its graph, and moving it copies nothing that can throw") {
  // Boost's adjacency_list has no move constructor: a Network whose defaulted move copied
  // its graph would be neither cheap nor noexcept (every loaded network is moved).
  static_assert(std::is_nothrow_move_constructible_v<Network>);
  static_assert(std::is_nothrow_move_assignable_v<Network>);
  Network from = Small();
  Network net(std::move(from));
  CHECK(net.ChannelBetween(Id(net, "RUEH"), Id(net, "RUDKC")).has_value());
  CHECK(Ris(net, net.Path(Id(net, "RUEHC"), Id(net, "RUEHFR"))) ==
        std::vector<std::string>{"RUEHC", "RUEH", "RUDKC", "RUEHFR"});
  Network assigned;
  assigned = std::move(net);
  const auto all =
      assigned.RoutesToward(Id(assigned, "RUEHFR"), [](cablesim::ChannelId) { return true; });
  CHECK(all.next_hop[Id(assigned, "RUEHC")] == Id(assigned, "RUEH"));
}
