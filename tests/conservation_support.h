// Nothing is lost, checked independently of the runtime's own counters: every
// (message, addressee) record is visited once through its message, classified by its
// outcome, and the tally must equal RelaySimulation::Count(); every addressee still in flight
// must be carried by a copy that is still alive (processing, queued or being sent), so an
// addressee whose copy was dropped cannot pass as "in flight". Needs every record kept
// (Retention::kAll, copies kept).
//
// The anatomy of every delivery adds up: the parts carried by the copy that delivered it sum
// to its delivery time exactly, none is negative, and the runtime's tallies per precedence
// are the sums of those (when copies are kept: else which copy delivered is not known).
#pragma once

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/relay/relay_simulation.h"

namespace cablesim::testing {

inline void CheckAnatomy(const RelaySimulation& sim) {
  std::array<AnatomyTally, kPrecedenceCount> tally{};
  std::size_t wrong_total = 0, negative = 0, unknown = 0;
  std::string first_wrong;
  for (const AddresseeRecord& a : sim.addressees()) {
    if (a.outcome != Outcome::kDelivered) continue;
    if (a.delivered_by == kNone) {
      ++unknown;
      continue;
    }
    const MessageRecord& m = sim.messages()[a.message];
    const DelayAnatomy& parts = sim.copies()[a.delivered_by].so_far;
    if (parts.Total() != (a.delivered - m.filed).ns() && wrong_total++ == 0) first_wrong = m.id;
    for (std::int64_t ns : parts.ns) negative += ns < 0;
    if (m.filed >= sim.statistics_from()) tally[static_cast<std::size_t>(a.precedence)].Add(parts);
  }
  if (unknown > 0) return;  // copies not kept: which copy delivered is not known
  INFO("first delivery whose parts do not add up: of message " << first_wrong);
  CHECK(wrong_total == 0);
  CHECK(negative == 0);
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    CHECK(sim.anatomy()[p].deliveries == tally[p].deliveries);
    CHECK(sim.anatomy()[p].sum_ns == tally[p].sum_ns);
  }
}

inline void CheckConservation(const RelaySimulation& sim) {
  CheckAnatomy(sim);
  // Problems are counted and checked once (a CHECK per record would be millions), the
  // first of each kind named.
  Conservation tally;
  std::vector<int> visits(sim.addressees().size(), 0);
  std::size_t foreign = 0, early = 0, without_reason = 0, miscounted = 0, out_of_range = 0;
  for (std::uint32_t m = 0; m < sim.messages().size(); ++m) {
    const MessageRecord& rec = sim.messages()[m];
    std::uint32_t in_flight = 0;
    for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
      const std::uint32_t id = rec.first_addressee + k;
      if (id >= visits.size()) {
        ++out_of_range;
        continue;
      }
      ++visits[id];
      const AddresseeRecord& a = sim.addressees()[id];
      foreign += a.message != m;
      ++tally.addressed;
      switch (a.outcome) {
        case Outcome::kDelivered:
          ++tally.delivered;
          early += a.delivered < rec.filed;
          break;
        case Outcome::kOtherMeans:
          ++tally.other_means;
          break;
        case Outcome::kUndeliverable:
          ++tally.undeliverable;
          without_reason += a.reason == Undeliverable::kNotApplicable;
          break;
        case Outcome::kInFlight:
          ++tally.in_flight;
          ++in_flight;
          break;
      }
    }
    miscounted += rec.in_flight != in_flight;
  }
  std::size_t not_once = 0;
  for (const int v : visits) not_once += v != 1;
  CHECK(out_of_range == 0);
  CHECK(foreign == 0);         // a record listed under a message it does not belong to
  CHECK(not_once == 0);        // a record reached through no message, or through two
  CHECK(early == 0);           // delivered before it was filed
  CHECK(without_reason == 0);  // undeliverable without saying why
  CHECK(miscounted == 0);      // a message's in_flight counter disagrees with its records
  const Conservation c = sim.Count();
  CHECK(c.addressed == tally.addressed);
  CHECK(c.delivered == tally.delivered);
  CHECK(c.other_means == tally.other_means);
  CHECK(c.undeliverable == tally.undeliverable);
  CHECK(c.in_flight == tally.in_flight);

  // Every addressee in flight is still carried by a live copy.
  std::vector<bool> carried(sim.addressees().size(), false);
  std::vector<std::uint32_t> work;
  for (std::size_t i = 0; i < sim.copies().size(); ++i) {
    const CopyRecord& copy = sim.copies()[i];
    if (copy.state == CopyState::kDone || copy.state == CopyState::kSplit) continue;
    work.assign(copy.targets.begin(), copy.targets.end());
    while (!work.empty()) {
      const Target& t = sim.targets()[work.back()];
      work.pop_back();
      if (t.addressee != kNone) carried[t.addressee] = true;
      for (std::uint32_t k = 0; k < t.children; ++k) work.push_back(t.first_child + k);
    }
  }
  std::size_t lost = 0;
  std::string first_lost;
  for (std::uint32_t i = 0; i < sim.addressees().size(); ++i) {
    if (sim.addressees()[i].outcome != Outcome::kInFlight || carried[i]) continue;
    if (lost++ == 0) first_lost = sim.messages()[sim.addressees()[i].message].id;
  }
  INFO("first addressee in flight that no live copy carries: of message " << first_lost);
  CHECK(lost == 0);
}

}  // namespace cablesim::testing
