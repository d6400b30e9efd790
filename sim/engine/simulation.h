// The discrete-event engine: a clock, the future-event set and the run loop.
// It knows nothing of messages: an event is a kind (a byte whose meaning belongs to the
// caller) and two 32-bit ids. Dispatch goes to a handler passed to Run, so there is no
// std::function and no allocation per event. Callers schedule by time (ScheduleAt) or by
// delay (ScheduleIn); how the engine keeps its events (a heap, and lanes for delays that
// recur, see delay_lanes.h) is its own business and never changes the order they run in.
#pragma once

#include <cassert>
#include <cstdint>
#include <unordered_set>

#include "sim/engine/delay_lanes.h"
#include "sim/engine/event_queue.h"
#include "sim/engine/sim_time.h"

namespace cablesim {

/// An event as the handler sees it.
struct Event {
  SimTime time;
  std::uint8_t kind;
  std::uint32_t a;
  std::uint32_t b;
};

/// Names one scheduled event so it can be cancelled. seq == 0 is the null handle.
struct EventHandle {
  std::int64_t time_ns = 0;
  std::uint64_t seq = 0;
  bool valid() const { return seq != 0; }
};

/// Why a run returned.
enum class RunEnd : std::uint8_t { kEmpty, kTimeLimit, kStopped };

/// How the engine keeps its events. Lanes only make runs faster; tests turn them off to
/// check that.
struct EngineOptions {
  bool lanes = true;
};

class Simulation {
 public:
  explicit Simulation(EngineOptions options = {}) : lanes_on_(options.lanes) {}
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  SimTime Now() const { return now_; }
  /// Events dispatched so far (cancelled ones are not counted).
  std::uint64_t dispatched() const { return dispatched_; }
  /// Events scheduled and neither run nor cancelled.
  std::size_t pending() const { return queue_.size() - (top_in_hand_ ? 1 : 0) - cancelled_.size(); }
  void Reserve(std::size_t n) { queue_.reserve(n); }
  /// Lanes the engine has made for recurring delays (for benchmarks and tests).
  std::size_t lane_count() const { return queue_.lane_count(); }

  /// Schedules an event at `at` (precondition: at >= Now()). Same-time events run in the
  /// order they were scheduled. Throws std::length_error beyond the queue's limits
  /// (EventQueue::kMaxSequence events in a run, 2^kSlotBits pending).
  EventHandle ScheduleAt(SimTime at, std::uint8_t kind, std::uint32_t a = 0, std::uint32_t b = 0) {
    return Push(at, kind, a, b, EventQueue::kNoLane);
  }
  /// Schedules an event at Now() + delay (delay >= 0), as ScheduleAt does. While many events
  /// are pending, a delay that recurs (asked for often) is kept in a lane of its own: O(1)
  /// to schedule. With few pending the heap is shallow and cheaper than asking.
  EventHandle ScheduleIn(Duration delay, std::uint8_t kind, std::uint32_t a = 0,
                         std::uint32_t b = 0) {
    const bool ask = lanes_on_ && queue_.size() >= kLanesFrom;
    return Push(now_ + delay, kind, a, b, ask ? lanes_.For(delay) : EventQueue::kNoLane);
  }
  /// Pending events from which ScheduleIn looks for a lane.
  static constexpr std::size_t kLanesFrom = 512;

  /// Cancels a pending event. Returns false if it already ran, was already cancelled, or
  /// the handle is null. O(1): the entry is skipped when it reaches the front.
  bool Cancel(EventHandle h) {
    if (!h.valid()) return false;
    // Events leave in (time, seq) order, so anything at or before the last one popped ran.
    if (h.time_ns < last_popped_time_ ||
        (h.time_ns == last_popped_time_ && h.seq <= last_popped_seq_)) {
      return false;
    }
    return cancelled_.insert(h.seq).second;
  }

  /// Makes the current Run/RunUntil return after the event being dispatched.
  void Stop() { stop_requested_ = true; }

  /// Runs until no event is pending or Stop() is called. handler(const Event&) is called
  /// once per event, with Now() == event.time.
  template <class Handler>
  RunEnd Run(Handler&& handler) {
    return RunUntil(SimTime::Max(), handler);
  }

  /// Whether a run that runs out of events before its end leaves the clock at the end or at
  /// the last event it ran.
  enum class ClockAtEnd : std::uint8_t { kEnd, kLastEvent };

  /// Runs every event with time <= end, then sets Now() to end (if the run was not stopped
  /// and end is finite, and unless `clock` is kLastEvent and the events ran out), so that a
  /// later run continues from there.
  template <class Handler>
  RunEnd RunUntil(SimTime end, Handler&& handler, ClockAtEnd clock = ClockAtEnd::kEnd) {
    assert(!top_in_hand_ && "Run is not reentrant");
    stop_requested_ = false;
    while (!queue_.empty()) {
      const EventQueue::Entry top = queue_.top();
      if (top.time_ns > end.ns()) {
        now_ = end;
        return RunEnd::kTimeLimit;
      }
      const std::uint64_t seq = top.sequence();
      last_popped_time_ = top.time_ns;
      last_popped_seq_ = seq;
      if (!cancelled_.empty() && cancelled_.erase(seq) > 0) {
        queue_.pop();
        continue;
      }
      now_ = SimTime::Nanoseconds(top.time_ns);
      ++dispatched_;
      // Built field by field from the queue's own storage (pop may overwrite it). Copying the
      // payload whole first made the compiler read across two smaller stores: a stalled
      // store-to-load forward on every event.
      const EventPayload& p = queue_.payload(top);
      const Event event{now_, p.kind, p.a, p.b};
      if (EventQueue::InLane(top)) {
        queue_.pop();  // the lane's next event (if any) takes its place in one sift-down
      } else {
        top_in_hand_ = true;
      }
      handler(event);
      if (top_in_hand_) {
        queue_.pop();
        top_in_hand_ = false;
      }
      if (stop_requested_) return RunEnd::kStopped;
    }
    if (end != SimTime::Max() && clock == ClockAtEnd::kEnd) now_ = end;
    return RunEnd::kEmpty;
  }

 private:
  // The event joins `lane` when that keeps the lane in time order, else the heap: the same
  // order either way, only faster.
  EventHandle Push(SimTime at, std::uint8_t kind, std::uint32_t a, std::uint32_t b,
                   std::uint32_t lane) {
    assert(at >= now_);
    const std::uint64_t seq = ++last_seq_;
    const EventPayload payload{kind, a, b};
    if (queue_.append_to_lane(at.ns(), seq, payload, lane)) return EventHandle{at.ns(), seq};
    if (top_in_hand_) {
      // The event being dispatched is still at the root: overwrite it (one sift-down).
      queue_.replace_top(at.ns(), seq, payload, lane);
      top_in_hand_ = false;
    } else {
      queue_.push(at.ns(), seq, payload, lane);
    }
    return EventHandle{at.ns(), seq};
  }

  SimTime now_;
  EventQueue queue_;
  DelayLanes lanes_{&queue_};
  bool lanes_on_ = true;
  std::uint64_t last_seq_ = 0;
  std::int64_t last_popped_time_ = -1;
  std::uint64_t last_popped_seq_ = 0;
  std::uint64_t dispatched_ = 0;
  bool top_in_hand_ = false;
  bool stop_requested_ = false;
  std::unordered_set<std::uint64_t> cancelled_;
};

}  // namespace cablesim
