// Small hand-built networks and messages for the relay runtime's exact tests: links of
// 1000 bit/s synchronous (8 bits a character: 1,000 characters take exactly 8 s), messages by
// RI, and what a run did to each message's first addressee, in whole units.
#pragma once

#include <doctest/doctest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sim/relay/relay_simulation.h"

namespace cablesim::testing {

inline constexpr std::int64_t kS = 1'000'000'000;

/// The given stations; links 1000 bit/s synchronous, propagation as given.
inline Network BuildNetwork(const std::vector<Station>& stations,
                            const std::vector<std::pair<int, int>>& links, Duration propagation) {
  Network net;
  for (const auto& s : stations) net.AddStation(s);
  for (auto [a, b] : links) {
    Link l;
    l.a = static_cast<StationId>(a);
    l.b = static_cast<StationId>(b);
    l.rate = 1000;
    l.framing = Framing::kSyncAscii;
    l.propagation = propagation;
    net.AddLink(l);
  }
  REQUIRE(net.Finalize().ok());
  return net;
}

/// Stations by RI, all with the given processing time, linked as BuildNetwork does.
inline Network MakeNetwork(const std::vector<std::string>& ris,
                           const std::vector<std::pair<int, int>>& links, Duration processing,
                           Duration propagation) {
  std::vector<Station> stations;
  for (const auto& ri : ris) {
    Station s;
    s.ri = ri;
    s.name = "STATION " + ri;
    s.processing = processing;
    stations.push_back(s);
  }
  return BuildNetwork(stations, links, propagation);
}

/// A fate seam (RelaySimulation::set_transmission_fate) that garbles the first transmission
/// completed on `channel` and lets every other arrive.
inline std::function<TransmissionFate(ChannelId, std::uint32_t)> GarbleFirstOn(ChannelId channel) {
  return [channel, sent = 0](ChannelId ch, std::uint32_t) mutable {
    return ch == channel && ++sent == 1 ? TransmissionFate::kGarbled : TransmissionFate::kArrived;
  };
}

inline Station StationWith(const std::string& ri, Duration processing) {
  Station s;
  s.ri = ri;
  s.processing = processing;
  return s;
}

/// A message from `from` to each RI of `to` at precedence p.
inline MessageSpec Spec(const std::string& id, SimTime filed, const std::string& from,
                        const std::vector<std::string>& to, Precedence p,
                        std::int64_t chars = 1000) {
  MessageSpec m;
  m.id = id;
  m.filed = filed;
  m.origin_ri = from;
  for (const auto& ri : to) {
    AddresseeSpec a;
    a.ri = ri;
    a.precedence = p;
    m.addressees.push_back(a);
  }
  m.chars = chars;
  return m;
}

/// Delivery time of the first addressee of each message, in ns (-1: not delivered).
inline std::vector<std::int64_t> DeliveryTimes(const RelaySimulation& sim) {
  std::vector<std::int64_t> out;
  for (const auto& m : sim.messages()) {
    const auto& a = sim.addressees()[m.first_addressee];
    out.push_back(a.outcome == Outcome::kDelivered ? a.delivered.ns() : -1);
  }
  return out;
}

/// The anatomy of the first addressee of message `index`, in whole seconds per part, in the
/// order of kDelayParts: operator wait, processing, queued, transmitting, preemption, outage,
/// propagation, minimized, rerun.
inline std::vector<std::int64_t> AnatomyOf(const RelaySimulation& sim, std::uint32_t index) {
  const auto& a = sim.addressees()[sim.messages()[index].first_addressee];
  REQUIRE(a.outcome == Outcome::kDelivered);
  std::vector<std::int64_t> out;
  for (std::int64_t ns : sim.copies()[a.delivered_by].so_far.ns) {
    CHECK(ns % kS == 0);
    out.push_back(ns / kS);
  }
  return out;
}

using Parts = std::vector<std::int64_t>;

}  // namespace cablesim::testing
