// OutcomeLedger (sim/relay/outcome_ledger.h) on its own: every (message, addressee) made
// final once (delivered, by other means, undeliverable) and counted, the anatomy of the
// deliveries it counts, who is told, and a done message's records given back when only what
// is in flight is kept.
#include "sim/relay/outcome_ledger.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/relay/relay_listener.h"
#include "sim/report/outcome_words.h"
#include "tests/relay_support.h"

using cablesim::AddresseeRecord;
using cablesim::Addressing;
using cablesim::Conservation;
using cablesim::DelayPart;
using cablesim::Duration;
using cablesim::MessageRecord;
using cablesim::MessageSpec;
using cablesim::Network;
using cablesim::Outcome;
using cablesim::Precedence;
using cablesim::Retention;
using cablesim::SimTime;
using cablesim::Undeliverable;
using cablesim::testing::Spec;

namespace {

// RAAA - RBBB - RCCC; the collective "B AND C" (RBBB, RCCC) is expanded at RBBB.
Network Chain() {
  Network net;
  for (const char* ri : {"RAAA", "RBBB", "RCCC"}) {
    net.AddStation(cablesim::testing::StationWith(ri, Duration()));
  }
  net.AddLink(cablesim::Link{.a = 0, .b = 1});
  net.AddLink(cablesim::Link{.a = 1, .b = 2});
  cablesim::Collective col;
  col.name = "B AND C";
  col.members = {"RBBB", "RCCC"};
  col.expand_at = "RBBB";
  net.AddCollective(col);
  REQUIRE(net.Finalize().ok());
  return net;
}

struct Heard final : cablesim::RelayListener {
  void OnOutcome(const MessageRecord& m, const AddresseeRecord& a, bool at_acceptance) override {
    outcomes.push_back(m.id + " " + std::string(cablesim::OutcomeKey(a.outcome)) +
                       (at_acceptance ? " at acceptance" : ""));
  }
  std::vector<std::string> outcomes;
};

// The records a ledger changes, filled as the runtime fills them.
struct LedgerBench {
  explicit LedgerBench(const Network& network, SimTime statistics_from = SimTime())
      : net(network),
        addressing(net),
        copies(false),
        ledger(messages, addressing, copies, statistics_from) {}

  /// Accepts a message as the runtime does (resolved, counted, told); returns its id.
  std::uint32_t Add(const MessageSpec& spec) {
    const auto id = static_cast<std::uint32_t>(messages.size());
    MessageRecord m;
    m.id = spec.id;
    m.filed = spec.filed;
    m.origin = *net.FindStation(spec.origin_ri);
    m.first_addressee = addressing.Resolve(spec, id, m.origin, &root);
    m.records = addressing.last();
    m.addressee_count = m.records.addressees;
    messages.push_back(std::move(m));
    ledger.Accept(id);
    ledger.Accepted(id);
    return id;
  }
  std::uint32_t Addressee(std::uint32_t message, std::uint32_t k) const {
    return messages[message].first_addressee + k;
  }
  const AddresseeRecord& Record(std::uint32_t message, std::uint32_t k) const {
    return addressing.addressees()[Addressee(message, k)];
  }
  /// A copy of the message whose path took `queued_s` queued and `sent_s` transmitting.
  std::uint32_t CopyWith(std::uint32_t message, std::int64_t queued_s, std::int64_t sent_s) {
    const std::uint32_t c =
        copies.Make(message, cablesim::kNone, 0, 0, {}, Precedence::kRoutine, 1000, SimTime());
    copies[c].so_far[DelayPart::kQueued] = queued_s * cablesim::testing::kS;
    copies[c].so_far[DelayPart::kTransmitting] = sent_s * cablesim::testing::kS;
    return c;
  }

  const Network& net;
  cablesim::RecordStore<MessageRecord> messages;
  Addressing addressing;
  cablesim::relay::Copies copies;
  cablesim::relay::OutcomeLedger ledger;
  std::vector<std::uint32_t> root;
};

bool Same(const Conservation& c, std::vector<std::uint64_t> want) {
  return std::vector<std::uint64_t>{c.addressed, c.delivered, c.other_means, c.undeliverable,
                                    c.in_flight} == want;
}

MessageSpec WithZenAndUnserved(const std::string& id, SimTime filed) {
  MessageSpec spec = Spec(id, filed, "RAAA", {"RBBB", "QQQQ"}, Precedence::kRoutine);
  cablesim::AddresseeSpec zen;
  zen.address = "FOREIGN OFFICE";
  zen.zen = true;
  zen.precedence = Precedence::kFlash;
  spec.addressees.push_back(zen);
  return spec;
}

}  // namespace

TEST_CASE("accepting a message counts its addressees, those final already included") {
  const Network net = Chain();
  LedgerBench t(net);
  const auto m = t.Add(WithZenAndUnserved("M", SimTime()));
  // RBBB in flight, QQQQ served by no station, FOREIGN OFFICE by other means.
  CHECK(Same(t.ledger.Count(), {3, 0, 1, 1, 1}));
  CHECK(t.messages[m].in_flight == 1);
  CHECK(t.messages[m].precedence == Precedence::kFlash);  // the highest of its addressees
}

TEST_CASE("a delivery is counted, and tallied only for messages filed from statistics_from") {
  const Network net = Chain();
  LedgerBench t(net, SimTime::Seconds(100));
  const auto early =
      t.Add(Spec("E", SimTime::Seconds(99), "RAAA", {"RBBB"}, Precedence::kPriority));
  const auto late =
      t.Add(Spec("L", SimTime::Seconds(100), "RAAA", {"RBBB"}, Precedence::kPriority));
  t.ledger.Deliver(t.Addressee(early, 0), t.CopyWith(early, 1, 8), SimTime::Seconds(120));
  const std::uint32_t copy = t.CopyWith(late, 3, 8);
  t.ledger.Deliver(t.Addressee(late, 0), copy, SimTime::Seconds(130));
  CHECK(Same(t.ledger.Count(), {2, 2, 0, 0, 0}));
  const AddresseeRecord& a = t.Record(late, 0);
  CHECK(a.outcome == Outcome::kDelivered);
  CHECK(a.delivered == SimTime::Seconds(130));
  CHECK(a.delivered_by == copy);
  CHECK(t.messages[late].in_flight == 0);
  const cablesim::AnatomyTally& tally =
      t.ledger.anatomy()[static_cast<std::size_t>(Precedence::kPriority)];
  CHECK(tally.deliveries == 1);  // only L
  CHECK(tally.sum_ns[static_cast<std::size_t>(DelayPart::kQueued)] == 3 * cablesim::testing::kS);
  CHECK(tally.sum_ns[static_cast<std::size_t>(DelayPart::kTransmitting)] ==
        8 * cablesim::testing::kS);
  CHECK(t.ledger.anatomy()[static_cast<std::size_t>(Precedence::kRoutine)].deliveries == 0);
}

TEST_CASE("without kept copies a delivery does not name its copy") {
  const Network net = Chain();
  LedgerBench t(net);
  t.copies.set_keep(false);
  const auto m = t.Add(Spec("M", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
  t.ledger.Deliver(t.Addressee(m, 0), t.CopyWith(m, 0, 8), SimTime::Seconds(9));
  CHECK(t.Record(m, 0).delivered_by == cablesim::kNone);
}

TEST_CASE("an addressee is made final by other means or undeliverable once") {
  const Network net = Chain();
  LedgerBench t(net);
  const auto m = t.Add(Spec("M", SimTime(), "RAAA", {"RBBB", "RCCC"}, Precedence::kRoutine));
  CHECK(t.ledger.End(m, t.Addressee(m, 0), Outcome::kOtherMeans, Undeliverable::kMinimized));
  CHECK_FALSE(
      t.ledger.End(m, t.Addressee(m, 0), Outcome::kUndeliverable, Undeliverable::kRerunLimit));
  CHECK(t.Record(m, 0).outcome == Outcome::kOtherMeans);
  CHECK(t.Record(m, 0).reason == Undeliverable::kMinimized);
  CHECK(Same(t.ledger.Count(), {2, 0, 1, 0, 1}));
  t.ledger.Deliver(t.Addressee(m, 1), t.CopyWith(m, 0, 8), SimTime::Seconds(9));
  // Delivered already: ending it again changes nothing.
  CHECK_FALSE(
      t.ledger.End(m, t.Addressee(m, 1), Outcome::kUndeliverable, Undeliverable::kRerunLimit));
  CHECK(Same(t.ledger.Count(), {2, 1, 1, 0, 0}));
  CHECK(t.messages[m].in_flight == 0);
}

TEST_CASE("ending all of a message ends only those still in flight") {
  const Network net = Chain();
  LedgerBench t(net);
  const auto m = t.Add(Spec("M", SimTime(), "RAAA", {"RBBB", "RCCC"}, Precedence::kRoutine));
  t.ledger.Deliver(t.Addressee(m, 0), t.CopyWith(m, 0, 8), SimTime::Seconds(9));
  t.ledger.EndAll(m, Outcome::kOtherMeans, Undeliverable::kMinimized);
  CHECK(t.Record(m, 0).outcome == Outcome::kDelivered);
  CHECK(t.Record(m, 1).outcome == Outcome::kOtherMeans);
  CHECK(Same(t.ledger.Count(), {2, 1, 1, 0, 0}));
}

TEST_CASE("a refusal makes the addressees of a target and of every target below it undeliverable") {
  const Network net = Chain();
  LedgerBench t(net);
  MessageSpec spec = Spec("M", SimTime(), "RAAA", {"RCCC"}, Precedence::kRoutine);
  cablesim::AddresseeSpec col;
  col.address = "B AND C";
  col.collective = true;
  spec.addressees.push_back(col);
  const cablesim::AddresseeSpec again = spec.addressees[0];
  spec.addressees.push_back(again);  // RCCC twice: one addressee
  const auto m = t.Add(spec);
  // Targets: RCCC from the origin, then the collective's at RBBB holding RBBB (RCCC is
  // served directly).
  REQUIRE(t.root.size() == 2);
  REQUIRE(t.messages[m].addressee_count == 2);
  const cablesim::Target& expansion = t.addressing.targets()[t.root[1]];
  CHECK(expansion.children == 1);
  CHECK(t.ledger.Refuse(t.root[1], m, Undeliverable::kNotClearedSecret));
  CHECK(t.Record(m, 1).outcome == Outcome::kUndeliverable);  // RBBB
  CHECK(t.Record(m, 1).reason == Undeliverable::kNotClearedSecret);
  CHECK(t.Record(m, 0).outcome == Outcome::kInFlight);  // RCCC, another target
  CHECK_FALSE(t.ledger.Refuse(t.root[1], m, Undeliverable::kNotClearedSecret));  // once
  CHECK(t.ledger.Refuse(t.root[0], m, Undeliverable::kNotClearedTopSecret));
  CHECK(Same(t.ledger.Count(), {2, 0, 0, 2, 0}));
}

TEST_CASE("the listener hears outcomes final at acceptance, then each one as it is made") {
  const Network net = Chain();
  LedgerBench t(net);
  Heard heard;
  t.ledger.set_listener(&heard);
  const auto m = t.Add(WithZenAndUnserved("M", SimTime()));
  CHECK(heard.outcomes ==
        std::vector<std::string>{"M undeliverable at acceptance", "M other_means at acceptance"});
  t.ledger.Deliver(t.Addressee(m, 0), t.CopyWith(m, 0, 8), SimTime::Seconds(9));
  const auto n = t.Add(Spec("N", SimTime(), "RAAA", {"RCCC"}, Precedence::kRoutine));
  t.ledger.End(n, t.Addressee(n, 0), Outcome::kOtherMeans, Undeliverable::kMinimized);
  CHECK(heard.outcomes == std::vector<std::string>{"M undeliverable at acceptance",
                                                   "M other_means at acceptance", "M delivered",
                                                   "N other_means"});
}

TEST_CASE("done messages' records are given back only when the run keeps what is in flight") {
  const Network net = Chain();
  // A block of records is 1,024: give back a whole block of messages and addressees.
  constexpr int kMessages = 1024;
  for (const Retention retention : {Retention::kAll, Retention::kInFlight}) {
    CAPTURE(static_cast<int>(retention));
    LedgerBench t(net);
    t.ledger.set_retention(retention);
    for (int k = 0; k < kMessages; ++k) {
      t.Add(Spec("M" + std::to_string(k), SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine));
    }
    const auto last = static_cast<std::uint32_t>(kMessages - 1);
    for (std::uint32_t m = 0; m < last; ++m) {
      t.ledger.Deliver(t.Addressee(m, 0), t.CopyWith(m, 0, 8), SimTime::Seconds(9));
      t.ledger.ReleaseIfDone(m);
    }
    t.ledger.ReleaseIfDone(last);  // still in flight: kept
    CHECK(t.messages.blocks_alive() == 1);
    CHECK(t.messages.alive(last));
    t.ledger.Deliver(t.Addressee(last, 0), t.CopyWith(last, 0, 8), SimTime::Seconds(9));
    t.ledger.ReleaseIfDone(last);
    const std::size_t left = retention == Retention::kAll ? 1 : 0;
    CHECK(t.messages.blocks_alive() == left);
    CHECK(t.addressing.addressees().blocks_alive() == left);
    CHECK(Same(t.ledger.Count(), {kMessages, kMessages, 0, 0, 0}));
  }
}

TEST_CASE("a message with nothing in flight at acceptance is given back at once") {
  const Network net = Chain();
  LedgerBench t(net);
  t.ledger.set_retention(Retention::kInFlight);
  MessageSpec spec = Spec("Z", SimTime(), "RAAA", {}, Precedence::kRoutine);
  cablesim::AddresseeSpec zen;
  zen.address = "FOREIGN OFFICE";
  zen.zen = true;
  spec.addressees.push_back(zen);
  for (int k = 0; k < 1024; ++k) t.Add(spec);  // a whole block of messages
  CHECK(t.messages.blocks_alive() == 0);
  CHECK(Same(t.ledger.Count(), {1024, 0, 1024, 0, 0}));
}
