// Addressing (sim/relay/addressing.h) on its own: a message's addressees resolved into
// records, ways and targets. Generators hand over addressees as stations already resolved;
// those are resolved without expanding and grouping when each station is named once, and must
// give exactly what the general path gives the same addressees written as routing indicators.
#include "sim/relay/addressing.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "tests/part_support.h"

using cablesim::AddresseeSpec;
using cablesim::Addressing;
using cablesim::Duration;
using cablesim::MessageSpec;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::StationId;
using cablesim::testing::StationWith;

namespace {

// RORG - RHUB - RAAA, RHUB - RBBB.
Network Star() {
  Network net;
  const StationId org = net.AddStation(StationWith("RORG", Duration()));
  const StationId hub = net.AddStation(StationWith("RHUB", Duration()));
  const StationId a = net.AddStation(StationWith("RAAA", Duration()));
  const StationId b = net.AddStation(StationWith("RBBB", Duration()));
  for (auto [x, y] : {std::pair{org, hub}, std::pair{hub, a}, std::pair{hub, b}}) {
    cablesim::Link l;
    l.a = x;
    l.b = y;
    net.AddLink(l);
  }
  REQUIRE(net.Finalize().ok());
  return net;
}

struct Line {
  std::string ri;
  Precedence precedence;
  bool info;
};

// The message to `lines`, its addressees given by RI (general path) or by station.
MessageSpec Message(const Network& net, const std::vector<Line>& lines, bool by_station) {
  MessageSpec m;
  m.id = "M";
  m.origin = *net.FindStation("RORG");
  for (const Line& l : lines) {
    AddresseeSpec& a = m.addressees.emplace_back();
    a.precedence = l.precedence;
    a.info = l.info;
    if (by_station)
      a.station = *net.FindStation(l.ri);
    else
      a.ri = l.ri;
  }
  return m;
}

// Resolves two messages (so that the second's records do not start at 0) and compares every
// record, way and target, the root targets and the ranges of the two ways.
void ExpectSameAsByRi(const std::vector<Line>& lines) {
  const Network net = Star();
  Addressing by_ri(net), by_station(net);
  for (std::uint32_t message = 0; message < 2; ++message) {
    std::vector<std::uint32_t> root_ri, root_station;
    const StationId origin = *net.FindStation("RORG");
    const std::uint32_t first_ri =
        by_ri.Resolve(Message(net, lines, false), message, origin, &root_ri);
    const std::uint32_t first_station =
        by_station.Resolve(Message(net, lines, true), message, origin, &root_station);
    CHECK(first_ri == first_station);
    CHECK(root_ri == root_station);
    const Addressing::Ranges& r = by_ri.last();
    const Addressing::Ranges& s = by_station.last();
    CHECK(r.first_addressee == s.first_addressee);
    CHECK(r.addressees == s.addressees);
    CHECK(r.first_also == s.first_also);
    CHECK(r.also == s.also);
    CHECK(r.first_target == s.first_target);
    CHECK(r.targets == s.targets);
    for (std::uint32_t i = r.first_addressee; i < r.first_addressee + r.addressees; ++i) {
      const auto& x = by_ri.addressees()[i];
      const auto& y = by_station.addressees()[i];
      CHECK(x.message == y.message);
      CHECK(by_ri.name(x.address) == by_station.name(y.address));
      CHECK(x.collective == y.collective);
      CHECK(x.station == y.station);
      CHECK(x.precedence == y.precedence);
      CHECK(x.info == y.info);
      CHECK(x.outcome == y.outcome);
      CHECK(x.reason == y.reason);
      CHECK(x.first_also == y.first_also);
      CHECK(x.way_count == y.way_count);
    }
    for (std::uint32_t i = r.first_also; i < r.first_also + r.also; ++i) {
      CHECK(by_ri.name(by_ri.ways()[i].address) == by_station.name(by_station.ways()[i].address));
      CHECK(by_ri.ways()[i].precedence == by_station.ways()[i].precedence);
      CHECK(by_ri.ways()[i].info == by_station.ways()[i].info);
    }
    for (std::uint32_t i = r.first_target; i < r.first_target + r.targets; ++i) {
      CHECK(by_ri.targets()[i].station == by_station.targets()[i].station);
      CHECK(by_ri.targets()[i].addressee == by_station.targets()[i].addressee);
      CHECK(by_ri.targets()[i].precedence == by_station.targets()[i].precedence);
      CHECK(by_ri.targets()[i].children == by_station.targets()[i].children);
    }
  }
}

}  // namespace

TEST_CASE("stations a source resolved, each named once, resolve as their routing indicators do") {
  ExpectSameAsByRi({{"RAAA", Precedence::kPriority, false}});
  ExpectSameAsByRi({{"RBBB", Precedence::kImmediate, false},
                    {"RHUB", Precedence::kRoutine, true},
                    {"RAAA", Precedence::kFlash, true}});
  ExpectSameAsByRi({});
}

TEST_CASE("a station named twice by a source is merged as its routing indicator is") {
  // One record for RAAA: the action line wins over the info line, at the higher precedence.
  ExpectSameAsByRi({{"RAAA", Precedence::kRoutine, true},
                    {"RBBB", Precedence::kPriority, false},
                    {"RAAA", Precedence::kImmediate, false}});
}
