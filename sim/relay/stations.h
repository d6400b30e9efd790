// Stations (internal to sim/relay): where copies are handled. A station without an operator
// limit handles every copy as it arrives; one with operators takes copies up in precedence
// order (first come first served within one, or in arrival order under fifo) as operators
// come free or come on duty (shift_clock.h); handling is never interrupted. At a change of
// shift the copies in hand count against the incoming shift's staff until finished
// (handover: finish), or are finished by the outgoing operators while the incoming shift
// comes on whole (handover: overtime). A station that is down (a fault) holds what it has
// handled until it is back.
//
// Owns: per station its operators' copies in hand and waiting, its handling law and random
// stream (drawn from only for exponential handling), its outages, its StationStats, and the
// shift-change event it sets while copies wait (cancelled when none waits).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/simulation.h"
#include "sim/relay/copies.h"
#include "sim/relay/discipline.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/shift_clock.h"
#include "topology/network.h"

namespace cablesim::relay {

class Stations {
 public:
  Stations(const Network& net, const RelayOptions& options, Simulation& sim, Copies& copies,
           const ShiftClock& clock);

  /// The station has a limit on operators (copies may wait for one).
  bool Staffed(StationId st) const { return runtime_[st].operators > 0; }
  /// A copy filed at its origin `at` now: handled at once, or waits for an operator.
  void ReceiveFiled(std::uint32_t copy, StationId at);
  /// A copy whose transmission ended now reaches `at` after `propagation`: handled from
  /// then, or (staffed) it arrives then and waits for an operator.
  void Receive(std::uint32_t copy, StationId at, Duration propagation);
  /// A copy (staffed station) arrives now (relay_events.h kArrived).
  void Arrive(std::uint32_t copy, StationId at);
  /// Holds a handled copy at its station, which is down, until it is back.
  void HoldUntilUp(std::uint32_t copy, StationId at);
  /// The handling of a copy that an operator took up at `handled` is over: the operator
  /// is free and takes up the next copy waiting (staffed stations).
  void Release(std::uint32_t copy, StationId at, SimTime handled);
  /// The staff of `at` changed while copies waited (relay_events.h kShiftChange).
  void OnShiftChange(StationId at);
  /// One more (a fault began, lasting until `until`) or one less outage of the station.
  void SetDown(StationId st, bool down, SimTime until);

  bool Down(StationId st) const { return down_[st] > 0; }
  /// Operators on duty at station st at time t (0 at stations without a limit).
  std::uint32_t OnDuty(StationId st, SimTime t) const { return clock_.OnDuty(st, t); }
  /// Copies waiting for an operator at station st.
  std::size_t Waiting(StationId st) const { return operators_[st].waiting.size(); }
  /// Indexed by station; all zero for stations without an operator limit.
  const std::vector<StationStats>& stats() const { return stats_; }
  /// Counts the handling in progress as operator time up to now (once, at the end).
  void CloseBooks();

 private:
  // The processing side of a station with an operator limit.
  struct Operators {
    std::vector<std::uint32_t> in_hand;  // copies being processed: at most those on duty
    ChannelQueue waiting;                // copies that arrived while every operator was busy
  };
  // Per station, what each copy's handling needs (Station itself is large and cold).
  struct Runtime {
    Duration processing;
    std::uint32_t operators = 0;
    ProcessingLaw law = ProcessingLaw::kFixed;
    Duration per_char;
    bool shifts = false;       // its operators follow a daily schedule
    bool overtime = false;     // shifts, and the outgoing one finishes its copies in hand
    EventHandle shift_change;  // its next kShiftChange, scheduled only while copies wait
  };

  /// Copies in hand that count against the staff on duty now: all of them, or under
  /// handover: overtime those taken up since the present shift came on.
  std::size_t Busy(StationId at) const;
  /// The handling time of the next copy at `at` (a draw for exponential handling). Inline:
  /// asked once per copy handled; the draw is out of line.
  Duration ProcessingTime(StationId at, std::int64_t chars) {
    const Runtime& st = runtime_[at];
    const Duration per_char = Duration::Nanoseconds(st.per_char.ns() * chars);
    if (st.law == ProcessingLaw::kFixed) return st.processing + per_char;
    return DrawProcessing(at) + per_char;
  }
  /// An exponential handling time at `at` (its per-character part not included).
  Duration DrawProcessing(StationId at);
  void StartProcessing(std::uint32_t copy, StationId at);
  /// Operators free now (their number may have changed) take up waiting copies.
  void TakeUpWaiting(StationId at);
  /// A station with shifts and copies waiting hears its next change of staff.
  void WatchShift(StationId at);

  Simulation& sim_;
  Copies& copies_;
  const ShiftClock& clock_;
  std::vector<Operators> operators_;
  std::vector<Runtime> runtime_;
  std::vector<StationStats> stats_;
  std::vector<RandomStream> rng_;  // drawn from only if exponential
  std::vector<int> down_;          // outages in force
  std::vector<SimTime> up_at_;     // when the latest outage ends
};

}  // namespace cablesim::relay
