// Lanes by delay. Events scheduled at Now() + d for one d arrive in time order, so every
// stream with that delay can share one lane (Simulation::AddLane) and cost O(1) to
// schedule. Fixed() gives a lane to a delay known before the run (a link's propagation plus
// a station's fixed processing): one per distinct delay, always. For() answers for a delay
// known only as the run goes (a transmission's length, set by the message's characters and
// the link's rate), as below; its lanes are its own, apart from Fixed()'s.
//
// Contract: the answer never changes what a run does, only its speed (Simulation keeps event
// order with or without lanes). A lane pays only when its delay recurs often, and costs a
// little when it holds one event at a time, so a delay gets one once it has been asked for
// kPromoteAfter times. The table is bounded: kSlots delays, each looked for in kProbes slots
// from its hash; a newcomer takes a free slot or one whose delay has no lane yet (so a
// frequent delay cannot be locked out by rare ones), else it gets kNoLane. Lengths that
// seldom repeat (exponential) then cost two comparisons per question and make few lanes;
// lengths that do (a constant, a few sizes) are O(1) per event.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>

#include "sim/engine/simulation.h"

namespace cablesim {

class DelayLanes {
 public:
  static constexpr std::size_t kSlots = 512;
  static constexpr std::size_t kProbes = 2;
  static constexpr std::uint32_t kPromoteAfter = 16;

  explicit DelayLanes(Simulation* sim) : sim_(sim) {}

  /// The lane of a delay known in advance, made on first use and shared by every caller with
  /// that delay; kNoLane only once the engine has no lane left.
  Simulation::Lane Fixed(Duration delay) {
    auto [it, fresh] = fixed_.try_emplace(delay.ns(), Simulation::kNoLane);
    if (fresh && sim_->lane_count() < EventQueue::kMaxLanes) it->second = sim_->AddLane();
    return it->second;
  }

  /// The lane for events scheduled at Now() + delay, or kNoLane (not asked for often
  /// enough yet, no slot for it, or the engine has no lane left).
  Simulation::Lane For(Duration delay) {
    const std::int64_t ns = delay.ns();
    const std::size_t home = Hash(ns);
    Slot* open = nullptr;  // the first slot a newcomer may take
    for (std::size_t k = 0; k < kProbes; ++k) {
      Slot& s = slots_[(home + k) & (kSlots - 1)];
      if (s.delay_ns == ns) {
        if (s.lane == Simulation::kNoLane && ++s.asked == kPromoteAfter &&
            sim_->lane_count() < EventQueue::kMaxLanes) {
          s.lane = sim_->AddLane();
        }
        return s.lane;
      }
      if (!open && s.lane == Simulation::kNoLane) open = &s;
    }
    if (open) *open = Slot{ns, 1, Simulation::kNoLane};
    return Simulation::kNoLane;
  }

 private:
  static constexpr std::int64_t kEmpty = -1;  // delays are never negative
  struct Slot {
    std::int64_t delay_ns = kEmpty;
    std::uint32_t asked = 0;  // questions since it took the slot (until it has a lane)
    Simulation::Lane lane = Simulation::kNoLane;
  };
  // Fibonacci hashing: the top bits of the product, so nearby delays spread out.
  static std::size_t Hash(std::int64_t ns) {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(ns) * 0x9E3779B97F4A7C15ULL) >>
                                    (64 - 9));
  }
  static_assert(kSlots == std::size_t{1} << 9, "Hash yields 9 bits");

  Simulation* sim_;
  std::map<std::int64_t, Simulation::Lane> fixed_;  // Fixed(): delay -> lane
  std::array<Slot, kSlots> slots_{};
};

}  // namespace cablesim
