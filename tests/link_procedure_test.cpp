// LinkProcedure (sim/relay/link_procedure.h) on its own, its fate seam deciding each
// transmission: RAAA - RBBB, 1 s of propagation, 1,000 characters in 8 s and a 100-character
// service message in 0.8 s. A lost transmission is found by the next number or by the
// no-traffic check, a garbled one on arrival; the receiver asks for a rerun by a service
// message; the procedure gives up after max_reruns reruns or max_requests requests.
#include "sim/relay/link_procedure.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/relay/addressing.h"
#include "tests/part_support.h"

using cablesim::AddresseeRecord;
using cablesim::ChannelId;
using cablesim::CopyState;
using cablesim::DelayPart;
using cablesim::Duration;
using cablesim::Event;
using cablesim::MessageRecord;
using cablesim::Network;
using cablesim::Outcome;
using cablesim::Precedence;
using cablesim::RelayOptions;
using cablesim::SimTime;
using cablesim::TransmissionFate;
using cablesim::Undeliverable;
using cablesim::testing::Bench;
using cablesim::testing::kTestEnqueue;
using cablesim::testing::RecordingFlow;

namespace {

constexpr TransmissionFate kLost = TransmissionFate::kLost;
constexpr TransmissionFate kGarbled = TransmissionFate::kGarbled;
constexpr TransmissionFate kArrived = TransmissionFate::kArrived;

constexpr std::int64_t kMs = 1'000'000;

// One message from RAAA to RBBB, accepted; the procedure over the transmitters of the link;
// the fates of each channel's transmissions in order (then all arrive).
struct ProcedureBench {
  explicit ProcedureBench(const Network& net, RelayOptions o = {})
      : b(net, std::move(o)),
        tx(net, b.options, b.sim, b.copies),
        addressing(net),
        ledger(messages, addressing, b.copies, SimTime()),
        flow(tx),
        procedure(net, b.options, b.sim, b.copies, tx, ledger, flow) {
    MessageRecord m;
    m.origin = 0;
    m.first_addressee = addressing.Resolve(
        cablesim::testing::Spec("M", SimTime(), "RAAA", {"RBBB"}, Precedence::kRoutine), 0, 0,
        &targets);
    m.records = addressing.last();
    m.addressee_count = m.records.addressees;
    messages.push_back(std::move(m));
    ledger.Accept(0);
    procedure.set_fate([this](ChannelId c, std::uint32_t) {
      std::vector<TransmissionFate>& script = fates[c];
      if (script.empty()) return kArrived;
      const TransmissionFate f = script.front();
      script.erase(script.begin());
      return f;
    });
  }
  /// A copy of the message handed to channel 0 at `s` seconds.
  std::uint32_t At(int s, Precedence p = Precedence::kRoutine) {
    return b.EnqueueAt(SimTime::Seconds(s), 0, p, 1000, targets);
  }
  void Run() {
    b.sim.Run([this](const Event& e) {
      switch (e.kind) {
        case kTestEnqueue:
          tx.Enqueue(e.a);
          break;
        case cablesim::relay::kTxEnd:
          TxEnd(e.a, e.b);
          break;
        case cablesim::relay::kServiceArrived:
          procedure.OnServiceArrived(e.a);
          break;
        case cablesim::relay::kNoTrafficCheck:
          procedure.OnNoTrafficCheck(e.a);
          break;
        case cablesim::relay::kRequestTimeout:
          procedure.OnRequestTimeout(e.a, e.b);
          break;
        default:
          FAIL("unexpected event kind ", int{e.kind});
      }
    });
  }
  // The runtime's OnTxEnd, without the stations: a copy that goes on arrives.
  void TxEnd(ChannelId channel, std::uint32_t copy) {
    tx.Complete(channel, copy);
    if (procedure.AtTxEnd(channel, copy)) {
      cablesim::relay::Charge(b.copies[copy], DelayPart::kTransmitting, b.sim.Now());
      cablesim::relay::ChargeAhead(b.copies[copy], DelayPart::kPropagation,
                                   tx.Propagation(channel));
      arrived.emplace_back(copy, b.copies[copy].mark.ns() / kMs);
    }
    tx.StartNext(channel);
  }
  const AddresseeRecord& Addressee() const { return addressing.addressees()[0]; }
  std::int64_t Part(std::uint32_t copy, DelayPart p) const {
    return b.copies[copy].so_far[p] / kMs;
  }

  Bench b;
  cablesim::relay::Transmitters tx;
  cablesim::RecordStore<MessageRecord> messages;
  cablesim::Addressing addressing;
  cablesim::relay::OutcomeLedger ledger;
  RecordingFlow flow;
  cablesim::relay::LinkProcedure procedure;
  std::vector<std::uint32_t> targets;
  std::map<ChannelId, std::vector<TransmissionFate>> fates;
  std::vector<std::pair<std::uint32_t, std::int64_t>> arrived;  // (copy, at the far end, ms)
};

using Arrivals = std::vector<std::pair<std::uint32_t, std::int64_t>>;

Network OneLink() {
  return cablesim::testing::MakeNetwork({"RAAA", "RBBB"}, {{0, 1}}, Duration(),
                                        Duration::Seconds(1));
}

}  // namespace

TEST_CASE("a lost transmission is found when the next number arrives, and rerun") {
  const Network net = OneLink();
  ProcedureBench t(net);
  t.fates[0] = {kLost};
  const auto lost = t.At(0);  // 0-8 s, never arrives
  const auto next = t.At(0);  // 8-16 s, arrives 17 s: number 2 shows number 1 open
  t.Run();
  // The request (IMMEDIATE) leaves RBBB at 17 s, arrives 18.8 s; the rerun 18.8-26.8 s.
  REQUIRE(t.flow.sent.size() == 2);
  const std::uint32_t service = t.flow.sent[0];
  CHECK(t.flow.sent[1] == lost);
  CHECK(t.b.copies[service].service);
  CHECK(t.b.copies[service].channel == 1);
  CHECK(t.b.copies[service].precedence == Precedence::kImmediate);
  CHECK(t.b.copies[service].rerun_of == 1);
  CHECK(t.arrived == Arrivals{{next, 17'000}, {lost, 27'800}});
  // The lost attempt and the wait until the rerun was queued are the rerun's.
  CHECK(t.Part(lost, DelayPart::kRerun) == 18'800);
  CHECK(t.Part(lost, DelayPart::kTransmitting) == 8'000);
  CHECK(t.b.copies[lost].reruns == 1);
  CHECK(t.tx.stats()[0].lost == 1);
  CHECK(t.tx.stats()[0].reruns == 1);
  CHECK(t.tx.stats()[1].service_messages == 1);
  CHECK(t.procedure.copies_alive() == 0);
  // The no-traffic check and the request's repeat were cancelled: nothing after the rerun.
  CHECK(t.b.sim.Now() == SimTime::Milliseconds(26'800));
}

TEST_CASE("a lost transmission with nothing after it is found by the no-traffic check") {
  const Network net = OneLink();
  RelayOptions o;
  o.procedure.no_traffic_check = Duration::Minutes(30);
  ProcedureBench t(net, o);
  t.fates[0] = {kLost};
  const auto lost = t.At(0);
  t.Run();
  // Lost at 8 s; RBBB has received nothing since the start, so its check is due at 30 min =
  // 1,800 s: a PRIORITY request 1,800-1,800.8 s, there at 1,801.8 s; the rerun
  // 1,801.8-1,809.8 s, there at 1,810.8 s.
  REQUIRE(t.flow.sent.size() == 2);
  CHECK(t.b.copies[t.flow.sent[0]].precedence == Precedence::kPriority);
  CHECK(t.arrived == Arrivals{{lost, 1'810'800}});
  CHECK(t.Part(lost, DelayPart::kRerun) == 1'801'800);
}

TEST_CASE("the no-traffic check runs from the last transmission received, per circuit") {
  // §412b: no traffic for 30 minutes after the last number received, not after the loss
  // (which the receiver cannot see).
  const Network net = OneLink();
  ProcedureBench t(net);
  t.fates[0] = {kArrived, kLost};
  const auto first = t.At(0);  // 0-8 s, there 9 s: the last number RBBB receives
  const auto lost = t.At(0);   // 8-16 s, never arrives (it would have at 17 s)
  t.Run();
  // Checked at 9 s + 30 min = 1,809 s; request 1,809-1,809.8 s, there 1,810.8 s; rerun
  // 1,810.8-1,818.8 s, there 1,819.8 s.
  CHECK(t.arrived == Arrivals{{first, 9'000}, {lost, 1'819'800}});
  SUBCASE("a link's own procedure.no_traffic_check") {
    Network slow;
    for (const char* ri : {"RAAA", "RBBB"}) {
      slow.AddStation(cablesim::testing::StationWith(ri, Duration()));
    }
    slow.AddLink(cablesim::Link{.a = 0,
                                .b = 1,
                                .rate = 1000,
                                .framing = cablesim::Framing::kSyncAscii,
                                .propagation = Duration::Seconds(1),
                                .no_traffic_check = Duration::Hours(1)});
    REQUIRE(slow.Finalize().ok());
    ProcedureBench u(slow);
    u.fates[0] = {kArrived, kLost};
    const auto a = u.At(0);
    const auto b = u.At(0);
    u.Run();
    // Checked at 9 s + 1 h = 3,609 s; the rerun there at 3,619.8 s.
    CHECK(u.arrived == Arrivals{{a, 9'000}, {b, 3'619'800}});
  }
}

TEST_CASE("a lost service message is found by the next number on its direction") {
  const Network net = OneLink();
  ProcedureBench t(net);
  t.fates[0] = {kGarbled};
  t.fates[1] = {kLost};
  const auto copy = t.At(0);
  // A copy the other way, RBBB to RAAA, handed over at 10 s.
  const auto back = t.b.EnqueueAt(SimTime::Seconds(10), 1, Precedence::kRoutine, 1000, {});
  t.Run();
  // Garbled 0-8 s, seen at RBBB 9 s; its request (number 1 of RBBB>RAAA) 9-9.8 s is lost.
  // The copy the other way 10-18 s (number 2) arrives 19 s: number 1 is open. RAAA asks for
  // it (IMMEDIATE) 19-19.8 s, there 20.8 s; RBBB reruns its request 20.8-21.6 s, there
  // 22.6 s; RAAA reruns the copy 22.6-30.6 s, there 31.6 s.
  CHECK(t.arrived == Arrivals{{back, 19'000}, {copy, 31'600}});
  REQUIRE(t.flow.sent.size() == 4);
  const std::uint32_t request = t.flow.sent[0];
  const std::uint32_t query = t.flow.sent[1];
  CHECK(t.flow.sent[2] == request);  // rerun under a new number
  CHECK(t.flow.sent[3] == copy);
  CHECK(t.b.copies[query].service);
  CHECK(t.b.copies[query].about_service);
  CHECK(t.b.copies[query].channel == 0);
  CHECK(t.b.copies[query].precedence == Precedence::kImmediate);
  CHECK(t.b.copies[query].rerun_of == 1);
  CHECK(t.tx.stats()[1].lost == 1);
  CHECK(t.tx.stats()[1].reruns == 1);
  CHECK(t.tx.stats()[1].service_messages == 1);
  CHECK(t.tx.stats()[0].service_messages == 1);
  CHECK(t.tx.stats()[0].reruns == 1);
  CHECK(t.procedure.copies_alive() == 0);
  // The checks and repeats were cancelled: nothing after the rerun.
  CHECK(t.b.sim.Now() == SimTime::Milliseconds(30'600));
}

TEST_CASE("numbers found open at once are asked for by one service message") {
  const Network net = OneLink();
  ProcedureBench t(net);
  t.fates[0] = {kLost, kLost};
  const auto one = t.At(0);    // 0-8 s, lost
  const auto two = t.At(0);    // 8-16 s, lost
  const auto three = t.At(0);  // 16-24 s, there 25 s: numbers 1 and 2 are open
  t.Run();
  // One IMMEDIATE request for 1 to 2, 25-25.8 s, there 26.8 s; the reruns 26.8-34.8 s and
  // 34.8-42.8 s.
  CHECK(t.arrived == Arrivals{{three, 25'000}, {one, 35'800}, {two, 43'800}});
  REQUIRE(t.flow.sent.size() == 3);
  CHECK(t.b.copies[t.flow.sent[0]].rerun_of == 1);
  CHECK(t.b.copies[t.flow.sent[0]].rerun_through == 2);
  CHECK(t.tx.stats()[1].service_messages == 1);
  CHECK(t.tx.stats()[0].reruns == 2);
  CHECK(t.procedure.copies_alive() == 0);
}

TEST_CASE("a garbled ROUTINE is asked for on arrival and given up after max_reruns reruns") {
  const Network net = OneLink();
  RelayOptions o;
  o.procedure.max_reruns = 1;
  ProcedureBench t(net, o);
  t.fates[0] = {kGarbled, kGarbled};
  const auto copy = t.At(0);
  t.Run();
  // Garbled 0-8 s, seen 9 s; request 9-9.8 s, there 10.8 s; rerun 10.8-18.8 s garbled, seen
  // 19.8 s; request 19.8-20.6 s, there 21.6 s: one rerun made already, the copy is given up.
  CHECK(t.arrived.empty());
  CHECK(t.Addressee().outcome == Outcome::kUndeliverable);
  CHECK(t.Addressee().reason == Undeliverable::kRerunLimit);
  CHECK(t.b.copies[copy].state == CopyState::kDone);
  CHECK(t.b.copies[copy].reruns == 1);
  CHECK(t.tx.stats()[0].garbled == 2);
  CHECK(t.tx.stats()[0].reruns == 1);
  CHECK(t.tx.stats()[1].service_messages == 2);
  CHECK(t.ledger.Count().undeliverable == 1);
  CHECK(t.procedure.copies_alive() == 0);
  CHECK(t.b.sim.Now() == SimTime::Milliseconds(21'600));
}

TEST_CASE("a garbled IMMEDIATE goes on subject to correction and its correction follows it") {
  const Network net = OneLink();
  ProcedureBench t(net);
  t.fates[0] = {kGarbled};
  const auto copy = t.At(0, Precedence::kImmediate);
  t.Run();
  // Relayed at once (there 9 s); the correction asked for at 9 s, there 10.8 s; sent
  // 10.8-18.8 s toward the same targets, and goes on like any copy (there 19.8 s).
  REQUIRE(t.flow.sent.size() == 2);
  const std::uint32_t correction = t.flow.sent[1];
  CHECK(t.arrived == Arrivals{{copy, 9'000}, {correction, 19'800}});
  CHECK(t.b.copies[copy].subject_to_correction);
  CHECK(t.b.copies[correction].correction);
  CHECK_FALSE(t.b.copies[correction].subject_to_correction);
  CHECK(std::vector<std::uint32_t>(t.b.copies[correction].targets.begin(),
                                   t.b.copies[correction].targets.end()) == t.targets);
  CHECK(t.procedure.corrections_made() == 1);
  CHECK(t.tx.stats()[0].garbled == 1);
  CHECK(t.tx.stats()[0].reruns == 1);
  CHECK(t.tx.stats()[0].corrections == 1);
  CHECK(t.tx.stats()[0].copies_sent == 2);
  CHECK(t.procedure.copies_alive() == 0);
  CHECK(t.b.sim.Now() == SimTime::Milliseconds(18'800));  // its transmission's end
}

TEST_CASE("requests that never get through are repeated, then the copy is given up") {
  const Network net = OneLink();
  RelayOptions o;
  o.procedure.repeat_after.fill(Duration::Seconds(100));
  ProcedureBench t(net, o);
  t.fates[0] = {kGarbled};
  t.fates[1] = {kLost, kLost, kLost};  // every service message
  t.At(0);
  t.Run();
  // Requests at 9, 109.8 and 210.6 s, each lost: each repeat 100 s after the request before
  // it was sent (9-9.8, 109.8-110.6 s); 100 s after the third was sent (210.6-211.4 s), at
  // 311.4 s, it went unanswered.
  CHECK(t.tx.stats()[1].service_messages == 3);
  CHECK(t.tx.stats()[1].lost == 3);
  CHECK(t.Addressee().outcome == Outcome::kUndeliverable);
  CHECK(t.Addressee().reason == Undeliverable::kRequestsUnanswered);
  CHECK(t.procedure.copies_alive() == 0);
  CHECK(t.b.sim.Now() == SimTime::Milliseconds(311'400));
}

TEST_CASE("the third request goes to the major relay serving the calling station") {
  // RAAA - RBBB as above, and RAA, the relay whose RI is RAAA's prefix, linked to both:
  // channels 0 RAAA>RBBB, 1 RBBB>RAAA, 2 RAAA>RAA, 3 RAA>RAAA, 4 RBBB>RAA, 5 RAA>RBBB.
  cablesim::Station relay = cablesim::testing::StationWith("RAA", Duration());
  relay.kind = cablesim::StationKind::kRelay;
  const Network net =
      cablesim::testing::BuildNetwork({cablesim::testing::StationWith("RAAA", Duration()),
                                       cablesim::testing::StationWith("RBBB", Duration()), relay},
                                      {{0, 1}, {0, 2}, {1, 2}}, Duration::Seconds(1));
  RelayOptions o;
  o.procedure.repeat_after.fill(Duration::Seconds(100));
  SUBCASE("by ACP 127: the third goes by RAA, which asks RAAA") {
    ProcedureBench t(net, o);
    t.fates[0] = {kGarbled};
    t.fates[1] = {kLost, kLost, kLost};  // the direct way back loses every request
    const auto copy = t.At(0);
    t.Run();
    // Garbled 0-8 s, seen 9 s; requests sent 9-9.8 and 109.8-110.6 s lost on RBBB>RAAA; the
    // third at 210.6 s goes RBBB>RAA (210.6-211.4 s, there 212.4 s), RAA sends it on
    // RAA>RAAA (212.4-213.2 s, there 214.2 s); rerun 214.2-222.2 s, at RBBB 223.2 s.
    CHECK(t.arrived == Arrivals{{copy, 223'200}});
    CHECK(t.tx.stats()[1].service_messages == 2);
    CHECK(t.tx.stats()[1].lost == 2);
    CHECK(t.tx.stats()[4].service_messages == 1);
    CHECK(t.tx.stats()[3].service_messages == 1);
    CHECK(t.tx.stats()[0].reruns == 1);
    CHECK(t.procedure.copies_alive() == 0);  // the two lost requests were moot once rerun
    CHECK(t.b.sim.Now() == SimTime::Milliseconds(222'200));
  }
  SUBCASE("third_request: calling_station: the third is lost too, and the copy given up") {
    o.procedure.third_request_to_major_relay = false;
    ProcedureBench t(net, o);
    t.fates[0] = {kGarbled};
    t.fates[1] = {kLost, kLost, kLost};
    t.At(0);
    t.Run();
    CHECK(t.arrived.empty());
    CHECK(t.tx.stats()[1].service_messages == 3);
    CHECK(t.tx.stats()[4].service_messages == 0);
    CHECK(t.Addressee().reason == Undeliverable::kRequestsUnanswered);
    CHECK(t.b.sim.Now() == SimTime::Milliseconds(311'400));
  }
}

TEST_CASE("service precedences and repeat times are the options', ACP 127's by default") {
  const Network net = OneLink();
  SUBCASE("a garbled ROUTINE is asked for at ROUTINE, again after the repeat time") {
    RelayOptions o;
    o.procedure.repeat_after[static_cast<std::size_t>(Precedence::kRoutine)] =
        Duration::Seconds(100);
    ProcedureBench t(net, o);
    t.fates[0] = {kGarbled};
    t.fates[1] = {kLost};
    const auto copy = t.At(0);
    t.Run();
    // Garbled 0-8 s, seen 9 s; the request (ROUTINE, as the §419 examples) 9-9.8 s is lost;
    // repeated 100 s after it was sent, at 109.8 s (ROUTINE again, 109.8-110.6 s), there
    // 111.6 s. Its number shows RAAA the first request's open: RAAA asks for it (IMMEDIATE,
    // 111.6-112.4 s) before it reads the repeat; the rerun follows it, 112.4-120.4 s, there
    // 121.4 s. The first request, rerun
    // by then, is dropped as moot: the query about it finds nothing to rerun.
    REQUIRE(t.flow.sent.size() == 4);
    CHECK(t.b.copies[t.flow.sent[0]].precedence == Precedence::kRoutine);
    CHECK(t.b.copies[t.flow.sent[1]].precedence == Precedence::kRoutine);
    CHECK(t.b.copies[t.flow.sent[2]].about_service);
    CHECK(t.flow.sent[3] == copy);
    CHECK(t.arrived == Arrivals{{copy, 121'400}});
    CHECK(t.tx.stats()[1].reruns == 0);
    CHECK(t.procedure.copies_alive() == 0);
    CHECK(t.b.sim.Now() == SimTime::Milliseconds(120'400));
  }
  SUBCASE("open numbers at the traffic's own precedence, the check at IMMEDIATE") {
    RelayOptions o;
    o.procedure.open_precedence.reset();
    o.procedure.check_precedence = Precedence::kImmediate;
    ProcedureBench t(net, o);
    // A PRIORITY copy is lost (0-8 s) and found when the next arrives (8-16 s, there 17 s);
    // its rerun (18.8-26.8 s) is lost too, with nothing after it: found by the check.
    t.fates[0] = {kLost, kArrived, kLost};
    const auto copy = t.At(0, Precedence::kPriority);
    t.At(0);
    t.Run();
    REQUIRE(t.flow.sent.size() == 4);
    CHECK(t.b.copies[t.flow.sent[0]].precedence == Precedence::kPriority);
    CHECK(t.b.copies[t.flow.sent[2]].precedence == Precedence::kImmediate);
    CHECK(t.flow.sent[3] == copy);
  }
}

TEST_CASE("without a fate seam each link's loss decides") {
  // RAAA - RBBB never loses a transmission, RAAA - RCCC always does.
  Network net;
  for (const char* ri : {"RAAA", "RBBB", "RCCC"}) {
    net.AddStation(cablesim::testing::StationWith(ri, Duration()));
  }
  net.AddLink(cablesim::Link{.a = 0, .b = 1, .rate = 1000});
  net.AddLink(cablesim::Link{.a = 0, .b = 2, .rate = 1000, .loss = 1.0});
  REQUIRE(net.Finalize().ok());
  Bench b(net);
  cablesim::relay::Transmitters tx(net, b.options, b.sim, b.copies);
  cablesim::RecordStore<MessageRecord> messages;
  cablesim::Addressing addressing(net);
  cablesim::relay::OutcomeLedger ledger(messages, addressing, b.copies, SimTime());
  RecordingFlow flow(tx);
  cablesim::relay::LinkProcedure procedure(net, b.options, b.sim, b.copies, tx, ledger, flow);
  tx.Enqueue(b.Copy(0, Precedence::kRoutine));
  tx.Enqueue(b.Copy(2, Precedence::kRoutine));
  std::vector<bool> went_on;
  b.sim.RunUntil(SimTime::Seconds(60), [&](const Event& e) {
    REQUIRE(e.kind == cablesim::relay::kTxEnd);
    tx.Complete(e.a, e.b);
    went_on.push_back(procedure.AtTxEnd(e.a, e.b));
  });
  CHECK(went_on == std::vector<bool>{true, false});
  CHECK(tx.stats()[0].lost == 0);
  CHECK(tx.stats()[2].lost == 1);
}
