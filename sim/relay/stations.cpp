#include "sim/relay/stations.h"

#include <algorithm>

#include "sim/relay/anatomy_clock.h"
#include "sim/relay/relay_events.h"

namespace cablesim::relay {

Stations::Stations(const Network& net, const RelayOptions& options, Simulation& sim, Copies& copies,
                   const ShiftClock& clock)
    : sim_(sim), copies_(copies), clock_(clock) {
  operators_.resize(net.station_count());
  stats_.resize(net.station_count());
  rng_.reserve(net.station_count());
  for (StationId st = 0; st < net.station_count(); ++st) {
    auto it = options.station_discipline.find(st);
    const Discipline d = it != options.station_discipline.end() ? it->second : options.discipline;
    operators_[st].waiting.set_fifo(d == Discipline::kFifo);
    const Station& x = net.station(st);
    const bool shifts = !x.shifts.empty();
    runtime_.push_back({x.processing,
                        x.operators,
                        x.processing_law,
                        x.per_char,
                        shifts,
                        shifts && x.handover == ShiftHandover::kOvertime,
                        {}});
    rng_.emplace_back(options.seed, kStationStreamBase + st);
  }
  down_.assign(net.station_count(), 0);
  up_at_.assign(net.station_count(), SimTime());
}

Duration Stations::DrawProcessing(StationId at) {
  return Duration::FromSecondsRounded(rng_[at].Exponential(runtime_[at].processing.seconds()));
}

std::size_t Stations::Busy(StationId at) const {
  const std::vector<std::uint32_t>& in_hand = operators_[at].in_hand;
  if (!runtime_[at].overtime) return in_hand.size();
  const SimTime since = clock_.ShiftStart(at, sim_.Now());
  return static_cast<std::size_t>(std::count_if(
      in_hand.begin(), in_hand.end(), [&](auto copy) { return copies_[copy].handled >= since; }));
}

void Stations::ReceiveFiled(std::uint32_t copy, StationId at) {
  CopyRecord& c = copies_[copy];
  if (Staffed(at)) {
    c.arrived = sim_.Now();
    Arrive(copy, at);
    return;
  }
  if (copies_.keep()) c.arrived = c.handled = sim_.Now();
  sim_.ScheduleIn(ProcessingTime(at, c.chars), kProcessed, copy);
}

void Stations::Receive(std::uint32_t copy, StationId at, Duration propagation) {
  // Store and forward: the far station has the whole copy after the propagation delay and
  // forwards it after its processing time (and any wait for an operator).
  CopyRecord& c = copies_[copy];
  if (Staffed(at)) {
    c.arrived = sim_.Now() + propagation;
    sim_.ScheduleIn(propagation, kArrived, copy);
    return;
  }
  if (copies_.keep()) c.arrived = c.handled = sim_.Now() + propagation;
  sim_.ScheduleIn(propagation + ProcessingTime(at, c.chars), kProcessed, copy);
}

void Stations::Arrive(std::uint32_t copy, StationId at) {
  Operators& ops = operators_[at];
  if (ops.waiting.empty() && Busy(at) < OnDuty(at, sim_.Now())) {
    StartProcessing(copy, at);
    return;
  }
  // Copies already waiting go first, by precedence: an operator who came on duty at this
  // instant (a shift change not yet heard) takes the waiting copy that ranks highest.
  ops.waiting.Push(copy, copies_[copy].precedence);
  TakeUpWaiting(at);
  auto& stats = stats_[at];
  stats.max_waiting = std::max(stats.max_waiting, ops.waiting.size());
  if (!ops.waiting.empty()) WatchShift(at);
}

void Stations::WatchShift(StationId at) {
  Runtime& r = runtime_[at];
  if (!r.shifts || r.shift_change.valid()) return;
  r.shift_change = sim_.ScheduleIn(clock_.UntilNextShift(at, sim_.Now()), kShiftChange, at);
}

void Stations::OnShiftChange(StationId at) {
  runtime_[at].shift_change = EventHandle{};
  TakeUpWaiting(at);
  if (!operators_[at].waiting.empty()) WatchShift(at);
}

void Stations::TakeUpWaiting(StationId at) {
  Operators& ops = operators_[at];
  while (Busy(at) < OnDuty(at, sim_.Now())) {
    const auto next = ops.waiting.Pop();
    if (!next) break;
    StartProcessing(*next, at);
  }
  // No copy waits: the shift change watched for them is not needed.
  EventHandle& watch = runtime_[at].shift_change;
  if (ops.waiting.empty() && watch.valid()) {
    sim_.Cancel(watch);
    watch = EventHandle{};
  }
}

void Stations::StartProcessing(std::uint32_t copy, StationId at) {
  CopyRecord& c = copies_[copy];
  operators_[at].in_hand.push_back(copy);
  Charge(c, DelayPart::kOperatorWait, sim_.Now());
  c.handled = sim_.Now();
  ++stats_[at].processed;
  stats_[at].waited += c.handled - c.arrived;
  sim_.ScheduleIn(ProcessingTime(at, c.chars), kProcessed, copy);
}

void Stations::HoldUntilUp(std::uint32_t copy, StationId at) {
  sim_.ScheduleAt(std::max(up_at_[at], sim_.Now()), kProcessed, copy);
}

void Stations::Release(std::uint32_t copy, StationId at, SimTime handled) {
  Operators& ops = operators_[at];
  ops.in_hand.erase(std::find(ops.in_hand.begin(), ops.in_hand.end(), copy));
  stats_[at].busy += sim_.Now() - handled;
  TakeUpWaiting(at);
}

void Stations::SetDown(StationId st, bool down, SimTime until) {
  if (down) {
    ++down_[st];
    up_at_[st] = std::max(up_at_[st], until);
  } else {
    --down_[st];
  }
}

void Stations::CloseBooks() {
  for (StationId st = 0; st < operators_.size(); ++st) {
    for (const std::uint32_t copy : operators_[st].in_hand) {
      stats_[st].busy += sim_.Now() - copies_[copy].handled;
    }
  }
}

}  // namespace cablesim::relay
