// Lanes by delay, the engine's own (Simulation::ScheduleIn asks them; callers never see a
// lane). Events scheduled at Now() + d for one d arrive in time order, so every stream with
// that delay can share one lane of the EventQueue and cost O(1) to schedule. The delays
// that recur (a link's propagation plus a station's fixed processing, the length of a
// constant-length transmission, a reroute check) are not known in advance, so the table
// learns them: a delay gets a lane once it has been asked for kPromoteAfter times.
//
// Contract: the answer never changes what a run does, only its speed (EventQueue keeps event
// order with or without lanes). A lane pays only when its delay recurs often, and costs a
// little when it holds one event at a time, hence the promotion. The table is bounded:
// kSlots delays, each looked for in kProbes slots from its hash. A newcomer takes an empty
// slot; else it wears down the count of a slot whose delay has no lane yet and takes it once
// that count is spent (counting in the manner of Misra and Gries), so delays that seldom
// repeat (exponential lengths) cost two comparisons per question, make few lanes, and
// cannot keep a frequent delay from being promoted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "sim/engine/event_queue.h"
#include "sim/engine/sim_time.h"

namespace cablesim {

class DelayLanes {
 public:
  static constexpr std::size_t kSlots = 512;
  static constexpr std::size_t kProbes = 2;
  static constexpr std::uint32_t kPromoteAfter = 16;

  explicit DelayLanes(EventQueue* queue) : queue_(queue) {}

  /// The lane for events scheduled at Now() + delay, or EventQueue::kNoLane (not asked for
  /// often enough yet, no slot for it, or the queue has no lane left).
  std::uint32_t For(Duration delay) {
    const std::int64_t ns = delay.ns();
    const std::size_t home = Hash(ns);
    Slot& first = slots_[home];
    if (first.delay_ns == ns) return Asked(first);
    Slot& second = slots_[(home + 1) & (kSlots - 1)];
    if (second.delay_ns == ns) return Asked(second);
    static_assert(kProbes == 2, "For looks in two slots");
    // A newcomer: an empty slot, else it wears down the one without a lane whose count is
    // least (of equal counts the second: a newcomer settles behind a delay at home).
    if (first.delay_ns == kEmpty) {
      first = Slot{ns, 1, EventQueue::kNoLane};
    } else if (second.delay_ns == kEmpty) {
      second = Slot{ns, 1, EventQueue::kNoLane};
    } else {
      Slot* victim = second.lane == EventQueue::kNoLane ? &second : nullptr;
      if (first.lane == EventQueue::kNoLane && (!victim || first.asked < victim->asked)) {
        victim = &first;
      }
      if (victim && --victim->asked == 0) *victim = Slot{ns, 1, EventQueue::kNoLane};
    }
    return EventQueue::kNoLane;
  }

  /// The slot a delay is looked for first (Fibonacci hashing: the top bits of the product,
  /// so nearby delays spread out). Public for tests that need delays to collide.
  static std::size_t Hash(std::int64_t ns) {
    return static_cast<std::size_t>((static_cast<std::uint64_t>(ns) * 0x9E3779B97F4A7C15ULL) >>
                                    (64 - 9));
  }

 private:
  static constexpr std::int64_t kEmpty = -1;  // delays are never negative
  struct Slot {
    std::int64_t delay_ns = kEmpty;
    std::uint32_t asked = 0;  // its questions, less the newcomers that wore it down
    std::uint32_t lane = EventQueue::kNoLane;
  };

  static_assert(kSlots == std::size_t{1} << 9, "Hash yields 9 bits");

  // A delay found in `s`: its lane, made on its kPromoteAfter-th question.
  std::uint32_t Asked(Slot& s) {
    if (s.lane == EventQueue::kNoLane && ++s.asked == kPromoteAfter &&
        queue_->lane_count() < EventQueue::kMaxLanes) {
      s.lane = queue_->AddLane();
    }
    return s.lane;
  }

  EventQueue* queue_;
  std::array<Slot, kSlots> slots_{};
};

}  // namespace cablesim
