// sim/stats/run_lists.h: the slowest deliveries and the oldest addressees in flight, in the
// order the reports list them (ties by record order), cut at n.
#include "sim/stats/run_lists.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/relay/relay_simulation.h"
#include "tests/relay_support.h"

using cablesim::Duration;
using cablesim::SimTime;

namespace {

// Three stations: A sends to B and to C, each on a link of 125 characters a second. Filed
// at A, run to 5 s:
//   M1 to M4 (B, C) 125 characters each at 0 s: delivered at B and at C at 1, 2, 3 and 4 s
//     (ties, two by two)
//   M5 (C) 63 characters at 1 s: at C at 4.504 s (3.504 s)
//   M6 (B) 625 characters at 2 s, M7 (C) and M8 (B) at 3 s: in flight at 5 s (M7 and M8
//     filed at once: a tie)
//   M9 (B) at 9 s: not yet filed at 5 s
struct Fixture {
  Fixture() {
    const auto add = [this](const std::string& id, const std::vector<std::string>& to,
                            std::int64_t chars, int filed_s) {
      sim.AddMessage(cablesim::testing::Spec(id, SimTime::Seconds(filed_s), "RAAA", to,
                                             cablesim::Precedence::kRoutine, chars));
    };
    for (const char* id : {"M1", "M2", "M3", "M4"}) add(id, {"RBBB", "RCCC"}, 125, 0);
    add("M5", {"RCCC"}, 63, 1);
    add("M6", {"RBBB"}, 625, 2);
    add("M7", {"RCCC"}, 625, 3);
    add("M8", {"RBBB"}, 625, 3);
    add("M9", {"RBBB"}, 125, 9);
    sim.Run(SimTime::Seconds(5));
  }
  // "M1@RBBB" for each record listed: its message and station.
  std::vector<std::string> Named(const std::vector<std::uint32_t>& ids) const {
    std::vector<std::string> out;
    for (const std::uint32_t i : ids) {
      const cablesim::AddresseeRecord& a = sim.addressees()[i];
      out.push_back(sim.messages()[a.message].id + "@" + net.station(a.station).ri);
    }
    return out;
  }
  cablesim::Network net = cablesim::testing::MakeNetwork({"RAAA", "RBBB", "RCCC"}, {{0, 1}, {0, 2}},
                                                         Duration(), Duration());
  cablesim::RelaySimulation sim{net, cablesim::RelayOptions{}};
  cablesim::Scenario scenario;
};

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE_FIXTURE(Fixture, "the slowest deliveries: longest first, ties in record order") {
  CHECK(Named(cablesim::SlowestDeliveries(sim, scenario, 20)) ==
        Names{"M4@RBBB", "M4@RCCC", "M5@RCCC", "M3@RBBB", "M3@RCCC", "M2@RBBB", "M2@RCCC",
              "M1@RBBB", "M1@RCCC"});
  CHECK(Named(cablesim::SlowestDeliveries(sim, scenario, 4)) ==
        Names{"M4@RBBB", "M4@RCCC", "M5@RCCC", "M3@RBBB"});
  CHECK(Named(cablesim::SlowestDeliveries(sim, scenario, 1)) == Names{"M4@RBBB"});
  CHECK(cablesim::SlowestDeliveries(sim, scenario, 0).empty());
  // Filed in the warm-up: not counted.
  scenario.warmup = Duration::Seconds(1);
  CHECK(Named(cablesim::SlowestDeliveries(sim, scenario, 20)) == Names{"M5@RCCC"});
}

TEST_CASE_FIXTURE(Fixture, "the oldest in flight: filed first first, ties in record order") {
  CHECK(Named(cablesim::OldestInFlight(sim, 10)) == Names{"M6@RBBB", "M7@RCCC", "M8@RBBB"});
  CHECK(Named(cablesim::OldestInFlight(sim, 2)) == Names{"M6@RBBB", "M7@RCCC"});
  CHECK(cablesim::OldestInFlight(sim, 0).empty());
}
