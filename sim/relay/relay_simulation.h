// The runtime of a relay network, as a facade over its parts (each in sim/relay, each
// owning its state, each with its own test): intake (sources, filing), stations and their
// shift clock, the segregator and the router, transmitters (queues, disciplines,
// preemption, outages), faults, and, only when a run needs them, alternative routing and
// the ACP 127 link procedure; MINIMIZE is a pure policy the runtime consults; the outcome
// ledger makes every final outcome; the anatomy clock is the only code that moves a copy's
// time mark. The facade owns the engine and the parts and dispatches each event (a one-byte
// kind, relay_events.h) to its part in one switch.
//
// Records flow one way: the runtime keeps one record per message, per (message, addressee)
// and per copy, and never formats output (sim/report/ does). Every (message, addressee) is,
// at any time, exactly one of in flight, delivered, sent by other means (ZEN), or
// undeliverable with a reason; a station is one addressee of a message however many ways it
// was addressed (sim/relay/addressing.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/relay/addressing.h"
#include "sim/relay/message_spec.h"
#include "sim/relay/record_store.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_listener.h"
#include "sim/relay/relay_options.h"
#include "topology/network.h"

namespace cablesim {

class RelaySimulation;

/// Samples the state of a run at times of its choosing (stats/time_series.h records one).
class TimeSampler {
 public:
  virtual ~TimeSampler() = default;
  /// Called with the state after every event at or before t (and none after it); returns
  /// the next time to sample (> t), or SimTime::Max() for no more.
  virtual SimTime Sample(const RelaySimulation& sim, SimTime t) = 0;
};

class RelaySimulation {
 public:
  RelaySimulation(const Network& net, RelayOptions options);
  ~RelaySimulation();
  RelaySimulation(const RelaySimulation&) = delete;
  RelaySimulation& operator=(const RelaySimulation&) = delete;

  /// Accepts a message to be filed at spec.filed (>= now). Addressees are resolved now;
  /// those that cannot be reached are recorded as undeliverable with a reason.
  std::uint32_t AddMessage(const MessageSpec& spec);
  /// A source whose messages are filed in order, pulled one at a time as time advances.
  void AddSource(std::unique_ptr<MessageSource> source);
  void AddFault(const Fault& f);
  /// Holds or refuses low-precedence traffic filed in its window (relay_options.h).
  void AddMinimize(const MinimizeOrder& order);

  /// What became of one completed transmission.
  using Fate = TransmissionFate;
  /// Decides each completed transmission's fate instead of its link's loss and garble draws
  /// (for tests: exact timelines); called with the channel and the copy sent. Puts the ACP
  /// 127 procedure on (before the first message is added).
  void set_transmission_fate(std::function<Fate(ChannelId, std::uint32_t)> fate);

  /// Runs until `end`, or until nothing is left to do when end is nullopt, then closes the
  /// books (Finish). For a run in steps (live mode) use Advance and Finish.
  void Run(std::optional<SimTime> end);
  /// Runs until the run is Idle (or no event is left), or `cap`, whichever comes first, then
  /// closes the books; simulated time is then the last event's (or cap): a drained run ends
  /// at its last piece of work, whatever timers are still set. Returns true unless it
  /// stopped at the cap.
  bool RunUntilIdle(SimTime cap);
  /// Nothing is left to do for the traffic: no addressee in flight, no message still to come
  /// from a source, no service message or correction of the ACP 127 procedure on its way.
  bool Idle() const;
  /// Runs every event up to and including `until`; simulated time is then `until`.
  void Advance(SimTime until);
  /// Runs at most `max_events` events, up to `until`; returns true when the future-event set
  /// is empty afterwards.
  bool AdvanceSome(SimTime until, std::uint64_t max_events);
  /// Counts transmissions and processing still in progress as busy up to now (call once, at
  /// the end).
  void Finish();
  /// Receives deliveries and completed transmissions as they happen (live mode); may be null.
  void set_observer(RelayObserver* observer);
  /// Samples the run at `first` and then at the times the sampler asks for, up to the end of
  /// the run (Run, RunUntilIdle, Advance); null (the default) for none, at no cost.
  void set_sampler(TimeSampler* sampler, SimTime first);

  // State for samplers, between events.
  /// Copies waiting at channel c's transmitter (not the one sending), by precedence.
  std::array<std::uint32_t, kPrecedenceCount> QueuedByPrecedence(ChannelId c) const;
  /// Time channel c's transmitter spent sending from the start up to t (no earlier than the
  /// last event, before Finish), the attempt in progress included.
  Duration BusyUntil(ChannelId c, SimTime t) const;
  /// Channel c is out of service now (its link or either end down).
  bool ChannelDown(ChannelId c) const;
  /// Station st is down now (a station fault in force).
  bool StationDown(StationId st) const;
  /// Operators on duty at station st at time t (0 at stations without a limit).
  std::uint32_t OperatorsOnDuty(StationId st, SimTime t) const;
  std::uint32_t OperatorsOnDuty(StationId st) const { return OperatorsOnDuty(st, now()); }
  /// Operator-seconds on duty at station st from the start up to now (its capacity).
  double StaffSeconds(StationId st) const;
  /// Copies waiting for an operator at station st (0 at stations without a limit).
  std::size_t WaitingForOperator(StationId st) const;

  /// Keep one record per copy (needed for hop lists, traces and route pictures). Off for
  /// large benchmarks, where only counts and latencies are wanted: a copy's slot is then
  /// reused once it has been processed, and hops are not recorded.
  void set_keep_copies(bool keep);
  /// kInFlight (before the first message is added; implies copies are not kept) gives back
  /// the records of each message once it is done, after `sink` (may be null) heard its
  /// outcomes. FindMessage, CountOf and whole-run record listings then are not available.
  void set_retention(Retention r, OutcomeSink* sink);
  Retention retention() const;

  const Network& network() const { return net_; }
  SimTime now() const;
  std::uint64_t events() const;
  /// Every message and addressee record (see Retention: with kInFlight, only those of
  /// messages still in flight can be read).
  const RecordStore<MessageRecord>& messages() const { return messages_; }
  const RecordStore<AddresseeRecord>& addressees() const { return addressing_.addressees(); }
  /// Every way each addressee was addressed (AddresseeRecord::first_way, way_count).
  const RecordStore<AddressedWay>& ways() const { return addressing_.ways(); }
  /// Every copy record (with copies not kept, a done copy's slot is reused). Records never
  /// move: a reference to one stays valid while others are made.
  const RecordStore<CopyRecord>& copies() const;
  std::uint64_t copies_made() const;
  const RecordStore<Target>& targets() const { return addressing_.targets(); }
  const std::vector<ChannelStats>& channel_stats() const;
  /// Time the channel spent with more than kBacklogThreshold copies waiting, up to now.
  Duration Backlogged(ChannelId c) const;
  /// Indexed by station; all zero for stations without an operator limit.
  const std::vector<StationStats>& station_stats() const;
  const std::vector<Interruption>& interruptions() const;
  const std::string& name(std::uint32_t index) const { return addressing_.name(index); }
  /// The message with this id, if any.
  std::optional<std::uint32_t> FindMessage(const std::string& id) const;
  /// Counts of every (message, addressee) by outcome (kept as they change: O(1)).
  Conservation Count() const;
  /// Per addressee precedence, the anatomies of the deliveries of messages filed at or after
  /// RelayOptions::statistics_from: where their time went (delay_anatomy.h).
  const std::array<AnatomyTally, kPrecedenceCount>& anatomy() const;
  SimTime statistics_from() const { return options_.statistics_from; }
  /// Calls fn(message, addressee) for every addressee still in flight (in id order).
  template <class Fn>
  void ForEachInFlight(Fn&& fn) const {
    for (std::size_t m = 0; m < messages_.size(); ++m) {
      if (!messages_.alive(m) || messages_[m].in_flight == 0) continue;
      const MessageRecord& rec = messages_[m];
      for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
        const AddresseeRecord& a = addressees()[rec.first_addressee + k];
        if (a.outcome == Outcome::kInFlight) fn(rec, a);
      }
    }
  }
  /// The same counts over the addressees of the given messages only.
  Conservation CountOf(const std::vector<std::uint32_t>& messages) const;
  /// Copies waiting in queues or being sent right now, per channel.
  std::size_t QueueLength(ChannelId c) const;
  /// The station a copy is processed at on arrival (its origin for a root copy).
  StationId ArrivalStation(const CopyRecord& c) const {
    return c.channel == kNone ? c.from : net_.ChannelTo(c.channel);
  }

 private:
  struct Parts;  // relay_simulation.cpp: the engine and the parts

  /// The engine's handler for each event at time t: samples when due, then dispatches.
  void Handle(SimTime t, std::uint8_t kind, std::uint32_t a, std::uint32_t b);
  void Dispatch(std::uint8_t kind, std::uint32_t a, std::uint32_t b);
  void OnSourceNext(std::uint32_t source);
  void OnFile(std::uint32_t message);
  void OnProcessed(std::uint32_t copy);
  void OnTxEnd(ChannelId channel, std::uint32_t copy);
  /// What the station `at` does with a copy it has handled (Segregator's plan, applied).
  void Segregate(std::uint32_t copy, StationId at);
  /// Hands a copy to its transmitter (rerouting, when on, watches its wait).
  void Enqueue(std::uint32_t copy);
  /// Samples every time due before an event at t (state after every event before t).
  void SampleBefore(SimTime t);

  const Network& net_;
  const RelayOptions options_;
  RecordStore<MessageRecord> messages_;
  Addressing addressing_;
  std::unique_ptr<Parts> parts_;
  TimeSampler* sampler_ = nullptr;
  SimTime next_sample_ = SimTime::Max();
  std::uint64_t budget_ = 0;  // AdvanceSome: events left before it stops
};

}  // namespace cablesim
