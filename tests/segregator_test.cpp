// Segregator (sim/relay/segregator.h) on its own: the plan for a copy handled at a station:
// deliveries and refusals in the order met, and one group of targets per outgoing channel,
// channels in order and targets in the order met (ACP 127 §310-314).
#include "sim/relay/segregator.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/addressing.h"
#include "tests/part_support.h"

using cablesim::Addressing;
using cablesim::Classification;
using cablesim::CopyRecord;
using cablesim::Duration;
using cablesim::MessageSpec;
using cablesim::Network;
using cablesim::Precedence;
using cablesim::SimTime;
using cablesim::Station;
using cablesim::StationId;
using cablesim::relay::Segregator;
using cablesim::testing::Bench;
using cablesim::testing::Spec;
using cablesim::testing::StationWith;

namespace {

using Names = std::vector<std::string>;

// RHUB (0) with, in this order, a link to RCCC (channel 0: RHUB -> RCCC) and to RBBB
// (channel 2); `leaves` stations RBnn behind RBBB and RCnn behind RCCC (RBnn's links come
// in order). RB01 is cleared for CONFIDENTIAL only.
Network Hub(int leaves, const std::vector<cablesim::Collective>& collectives = {}) {
  Network net;
  auto station = [&](const std::string& ri,
                     std::uint8_t clearance = cablesim::Clearance::kNoLimit) {
    Station s = StationWith(ri, Duration());
    s.clearance.level = clearance;
    return net.AddStation(s);
  };
  auto link = [&](StationId a, StationId b) {
    cablesim::Link l;
    l.a = a;
    l.b = b;
    net.AddLink(l);
  };
  const StationId hub = station("RHUB"), c = station("RCCC"), b = station("RBBB");
  link(hub, c);
  link(hub, b);
  for (int k = 1; k <= leaves; ++k) {
    const std::string n = (k < 10 ? "0" : "") + std::to_string(k);
    link(b, station("RB" + n, k == 1 ? 1 : cablesim::Clearance::kNoLimit));
    link(c, station("RC" + n));
  }
  for (const auto& col : collectives) net.AddCollective(col);
  REQUIRE(net.Finalize().ok());
  return net;
}

// A message resolved, its first copy planned at `at`.
struct SegregatorBench {
  explicit SegregatorBench(const Network& net)
      : b(net),
        tx(net, b.options, b.sim, b.copies),
        router(net, tx),
        addressing(net),
        segregator(addressing, router) {}

  /// Plans the first copy of a message from `from` to `to` (RIs), handled at `at`.
  void Plan(const std::string& from, const Names& to, StationId at,
            Classification cls = Classification::kUnclassified) {
    MessageSpec spec = Spec("M", SimTime(), from, to, Precedence::kRoutine);
    spec.classification = cls;
    Plan(spec, at);
  }
  void Plan(const MessageSpec& spec, StationId at) {
    std::vector<std::uint32_t> root;
    addressing.Resolve(spec, 0, *b.net.FindStation(spec.origin_ri), &root);
    CopyRecord in;
    in.targets.assign(root);
    segregator.Plan(in, at, spec.classification);
  }
  std::string Ri(StationId st) const { return b.net.station(st).ri; }
  /// "deliver RHUB" or "refuse RB01" per action, in order.
  Names Actions() const {
    Names out;
    for (const Segregator::Action& a : segregator.actions()) {
      out.push_back(a.deliver ? "deliver " + Ri(addressing.addressees()[a.id].station)
                              : "refuse " + Ri(addressing.targets()[a.id].station));
    }
    return out;
  }
  /// Per group: "RHUB->RBBB: RB02 RB03".
  Names Groups() const {
    Names out;
    for (std::size_t first = 0; first < segregator.sent_on();) {
      const Segregator::Group group = segregator.GroupFrom(first);
      first += group.targets.size();
      const cablesim::ChannelId c = group.channel;
      std::string line = Ri(b.net.ChannelFrom(c)) + "->" + Ri(b.net.ChannelTo(c)) + ":";
      for (const std::uint32_t t : group.targets) {
        line += " " + Ri(addressing.targets()[t].station);
      }
      out.push_back(line);
    }
    return out;
  }

  Bench b;
  cablesim::relay::Transmitters tx;
  cablesim::relay::Router router;
  Addressing addressing;
  Segregator segregator;
};

}  // namespace

TEST_CASE("deliveries and refusals come in the order their targets are met") {
  const Network net = Hub(3);
  SegregatorBench t(net);
  // SECRET: RB01 is not cleared for it; RHUB is where the copy is.
  t.Plan("RHUB", {"RB01", "RHUB", "RC02", "RB02"}, 0, Classification::kSecret);
  CHECK(t.Actions() == Names{"refuse RB01", "deliver RHUB"});
  CHECK(t.Groups() == Names{"RHUB->RCCC: RC02", "RHUB->RBBB: RB02"});
  t.Plan("RHUB", {"RB01", "RHUB", "RC02", "RB02"}, 0, Classification::kConfidential);
  CHECK(t.Actions() == Names{"deliver RHUB"});
}

TEST_CASE("one group per outgoing channel, in channel order, targets in the order met") {
  const Network net = Hub(3);
  SegregatorBench t(net);
  t.Plan("RHUB", {"RB03", "RC01", "RB01", "RC03", "RB02"}, 0);
  CHECK(t.Actions().empty());
  CHECK(t.Groups() == Names{"RHUB->RCCC: RC01 RC03", "RHUB->RBBB: RB03 RB01 RB02"});
  t.Plan("RHUB", {"RHUB"}, 0);  // nothing sent on
  CHECK(t.Groups().empty());
  // At RBBB the copy for its leaves splits one per leaf, in channel order.
  t.Plan("RHUB", {"RB03", "RB01", "RB02", "RBBB"}, 2);
  CHECK(t.Actions() == Names{"deliver RBBB"});
  CHECK(t.Groups() == Names{"RBBB->RB01: RB01", "RBBB->RB02: RB02", "RBBB->RB03: RB03"});
}

TEST_CASE("more than 32 targets sent on are grouped the same way") {
  const Network net = Hub(20);
  SegregatorBench t(net);
  Names to;
  std::string behind_b = "RHUB->RBBB:", behind_c = "RHUB->RCCC:";
  for (int k = 20; k >= 1; --k) {  // interleaved, each side in falling order
    const std::string n = (k < 10 ? "0" : "") + std::to_string(k);
    to.push_back("RB" + n);
    to.push_back("RC" + n);
    behind_b += " RB" + n;
    behind_c += " RC" + n;
  }
  t.Plan("RHUB", to, 0);
  CHECK(t.Groups() == Names{behind_c, behind_b});
  // Planning again reuses the buffers and gives the same plan.
  t.Plan("RHUB", to, 0);
  CHECK(t.Groups() == Names{behind_c, behind_b});
}

TEST_CASE("a collective expanded here has its members visited in turn") {
  cablesim::Collective col;
  col.name = "B SIDE";
  col.members = {"RB02", "RBBB", "RB03"};
  col.expand_at = "RBBB";
  const Network net = Hub(3, {col});
  SegregatorBench t(net);
  MessageSpec spec = Spec("M", SimTime(), "RHUB", {"RC01"}, Precedence::kRoutine);
  cablesim::AddresseeSpec a;
  a.address = "B SIDE";
  a.collective = true;
  spec.addressees.push_back(a);
  // At the origin: the collective's target goes to RBBB whole.
  t.Plan(spec, 0);
  CHECK(t.Groups() == Names{"RHUB->RCCC: RC01", "RHUB->RBBB: RBBB"});
  // At RBBB it is expanded: RBBB delivered, the members sent on.
  t.Plan(spec, 2);
  CHECK(t.Actions() == Names{"deliver RBBB"});
  CHECK(t.Groups() == Names{"RBBB->RHUB: RC01", "RBBB->RB02: RB02", "RBBB->RB03: RB03"});
}

TEST_CASE("a copy's precedence is its parent's or the highest of its own addressees") {
  const Network net = Hub(3);
  SegregatorBench t(net);
  MessageSpec spec = Spec("M", SimTime(), "RHUB", {"RB01", "RC01"}, Precedence::kRoutine);
  spec.addressees[0].precedence = Precedence::kFlash;
  std::vector<std::uint32_t> root;
  t.addressing.Resolve(spec, 0, 0, &root);
  REQUIRE(root.size() == 2);
  const std::vector<std::uint32_t> to_c = {root[1]};
  CHECK(cablesim::relay::TargetsPrecedence(root, t.addressing) == Precedence::kFlash);
  CHECK(cablesim::relay::TargetsPrecedence(to_c, t.addressing) == Precedence::kRoutine);
  CHECK(cablesim::relay::TargetsPrecedence({}, t.addressing) == Precedence::kRoutine);
  CHECK(cablesim::relay::CopyPrecedenceFor(cablesim::CopyPrecedence::kKeep, Precedence::kFlash,
                                           to_c, t.addressing) == Precedence::kFlash);
  CHECK(cablesim::relay::CopyPrecedenceFor(cablesim::CopyPrecedence::kLower, Precedence::kFlash,
                                           to_c, t.addressing) == Precedence::kRoutine);
}

TEST_CASE("a copy whose targets all leave by one channel, none ending here, goes on whole") {
  cablesim::Collective col;
  col.name = "B SIDE";
  col.members = {"RB02", "RB03"};
  col.expand_at = "RBBB";
  const Network net = Hub(3, {col});
  SegregatorBench t(net);
  t.Plan("RHUB", {"RB02"}, 0);
  CHECK(t.segregator.SendsOnWhole());
  t.Plan("RHUB", {"RB03", "RB01", "RB02"}, 0);  // all by RHUB->RBBB
  CHECK(t.segregator.SendsOnWhole());
  CHECK(t.Groups() == Names{"RHUB->RBBB: RB03 RB01 RB02"});
  t.Plan("RHUB", {"RB03", "RC01"}, 0);  // two channels: a split
  CHECK_FALSE(t.segregator.SendsOnWhole());
  t.Plan("RHUB", {"RHUB", "RB01"}, 0);  // one delivered here
  CHECK_FALSE(t.segregator.SendsOnWhole());
  t.Plan("RHUB", {"RHUB"}, 0);  // nothing sent on
  CHECK_FALSE(t.segregator.SendsOnWhole());
  t.Plan("RHUB", {"RB01", "RB02"}, 0, Classification::kSecret);  // RB01 refused
  CHECK_FALSE(t.segregator.SendsOnWhole());
  // A collective expanded here: its members are sent on, by one channel each, not the copy.
  MessageSpec spec = Spec("M", SimTime(), "RHUB", {}, Precedence::kRoutine);
  cablesim::AddresseeSpec a;
  a.address = "B SIDE";
  a.collective = true;
  spec.addressees.push_back(a);
  t.Plan(spec, 0);
  CHECK(t.segregator.SendsOnWhole());  // at the origin it goes to RBBB whole
  t.Plan(spec, 2);
  CHECK_FALSE(t.segregator.SendsOnWhole());
  // Expanded here into one member that leaves by one channel: the member is sent on, in a
  // copy of its own, not the copy that held the collective.
  cablesim::Collective one;
  one.name = "ONE";
  one.members = {"RB02"};
  one.expand_at = "RHUB";
  const Network net_one = Hub(3, {one});
  SegregatorBench u(net_one);
  spec.addressees.back().address = "ONE";
  u.Plan(spec, 0);
  CHECK(u.Groups() == Names{"RHUB->RBBB: RB02"});
  CHECK_FALSE(u.segregator.SendsOnWhole());
}
