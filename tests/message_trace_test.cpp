// The --trace writer on a small scenario with exact, hand-computed times.
#include "sim/report/message_trace.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>

#include "sim/relay/relay_simulation.h"
#include "tests/cli_support.h"

namespace {

// Two operators-limited hops: RAAA (1 operator, 10 s) -> RBBB (1 operator, 10 s) -> RCCC.
// Lines at 1,000 bit/s synchronous: 100 characters take 0.8 s. A and B are filed together;
// B waits for A at both stations.
const char* kScenario = R"(name: trace-test
start: 2008-06-05T00:00:00Z
discipline: priority
network:
  defaults: {processing: 0s, rate: 1000bps, framing: sync-ascii, propagation: 0s}
  stations:
    - {ri: RAAA, name: ORIGIN, processing: 10s, operators: 1}
    - {ri: RBBB, name: RELAY, kind: relay, processing: 10s, operators: 1}
    - {ri: RCCC, name: DESTINATION}
  links:
    - {between: [RAAA, RBBB]}
    - {between: [RBBB, RCCC]}
traffic:
  messages:
    - {id: A, from: RAAA, to: [RCCC], precedence: FLASH, chars: 100, at: 0s}
    - {id: B, from: RAAA, to: [RCCC], precedence: ROUTINE, chars: 100, at: 0s}
    - {id: S, from: RAAA, to: [RCCC], chars: 100, at: 1h, classification: SECRET}
  cables: [/tmp/cablesim_trace_test_cable.txt]
)";

// A SECRET cable with no FL4: routed by its classification line.
const char* kCable = R"(VZCZCXYZ0001
RR RCCC
DE RAAA #0042 1570100
R 050100Z JUN 08
FM ORIGIN
TO RCCC/DESTINATION
BT
S E C R E T STATE 000042
A SECRET CABLE WITHOUT ITS FL4
BT
NNNN
)";

std::string Trace(const std::string& id) {
  const std::string path = "/tmp/cablesim_trace_test_" + std::to_string(::getpid()) + ".yaml";
  const std::string cable = "/tmp/cablesim_trace_test_cable_" + std::to_string(::getpid()) + ".txt";
  {
    std::ofstream f(path);
    std::string text = kScenario;
    text.replace(text.find("/tmp/cablesim_trace_test_cable.txt"),
                 std::string("/tmp/cablesim_trace_test_cable.txt").size(), cable);
    f << text;
    std::ofstream(cable) << kCable;
  }
  auto s = cablesim::LoadScenario(path);
  std::remove(path.c_str());
  std::remove(cable.c_str());
  REQUIRE(s.ok());
  auto sim = cablesim::Instantiate(*s, s->seed, std::nullopt);
  cablesim::RunScenario(*sim, *s);
  auto message = sim->FindMessage(id);
  REQUIRE(message);
  return cablesim::MessageTrace(*sim, *s, *message);
}

}  // namespace

TEST_CASE("a trace lists every hop with its times and any wait for an operator") {
  // A: operator at RAAA 0-10 s, sent 10-10.8 s, operator at RBBB 10.8-20.8 s, sent 20.8-21.6.
  const std::string a = Trace("A");
  CHECK(a.find("message A, filed 2008-06-05T00:00:00.000Z at RAAA, 100 characters on the "
               "wire, precedence FLASH\n") == 0);
  CHECK(a.find("\nhop RAAA -> RBBB: queued 2008-06-05T00:00:10.000Z, sent "
               "2008-06-05T00:00:10.000Z to 2008-06-05T00:00:10.800Z\n") != std::string::npos);
  CHECK(a.find("\nhop RBBB -> RCCC: queued 2008-06-05T00:00:20.800Z, sent "
               "2008-06-05T00:00:20.800Z to 2008-06-05T00:00:21.600Z\n") != std::string::npos);
  CHECK(a.find("for an operator") == std::string::npos);
  CHECK(a.find("  DESTINATION (RCCC, FLASH): delivered 2008-06-05T00:00:21.600Z after 21.6s via "
               "RAAA>RBBB>RCCC\n") != std::string::npos);
  // B: waits 10 s for RAAA's operator (10-20 s), sent 20-20.8 s; RBBB's operator is busy
  // with A until 20.8 s, so no wait there; sent 30.8-31.6 s.
  const std::string b = Trace("B");
  CHECK(b.find("\nhop RAAA -> RBBB: waited 10s for an operator, queued "
               "2008-06-05T00:00:20.000Z, sent 2008-06-05T00:00:20.000Z to "
               "2008-06-05T00:00:20.800Z\n") != std::string::npos);
  CHECK(b.find("\nhop RBBB -> RCCC: queued 2008-06-05T00:00:30.800Z") != std::string::npos);
  // The heading each station sent: its own transmission id, FL2 cut to what it serves.
  CHECK(b.find("    VZCZCBBB0002\n    RR RCCC\n") != std::string::npos);
}

TEST_CASE("a trace's headings carry FL4: the classification the message is routed as") {
  // A message of the scenario: ZNR UUUUU when unclassified, ZNY and its letter when not.
  CHECK(Trace("B").find(" 1570000\n    ZNR UUUUU\n    R 050000Z JUN 08\n") != std::string::npos);
  const std::string secret = Trace("S");
  CHECK(secret.find(" 1570100\n    ZNY SSSSS\n    R 050100Z JUN 08\n") != std::string::npos);
  CHECK(cablesim::testing::CountOf(secret, "    ZNY SSSSS\n") == 2);  // both hops
  // A SECRET cable without FL4 is sent with the FL4 it is routed by.
  CHECK(Trace("RAAA 0042").find("    DE RAAA #0042 1570100\n    ZNY SSSSS\n") != std::string::npos);
}
