// The runtime of a relay network: stations that process and segregate message copies,
// transmitters (one per link direction) with a queue discipline, faults, and delivery.
//
// Records flow one way: this class keeps one record per message, per (message, addressee)
// and per copy, and never formats output (sim/report/ does). Every (message, addressee)
// is, at any time, exactly one of in flight, delivered, sent by other means (ZEN), or
// undeliverable with a reason; a station is one addressee of a message however many ways
// it was addressed (sim/relay/addressing.h).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/simulation.h"
#include "sim/relay/addressing.h"
#include "sim/relay/discipline.h"
#include "sim/relay/id_list.h"
#include "sim/relay/message_spec.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_options.h"
#include "topology/network.h"

namespace cablesim {

/// Told of events as the simulation makes them. Called on the thread that runs the
/// simulation, in simulated-time order.
class RelayObserver {
 public:
  virtual ~RelayObserver() = default;
  virtual void OnDelivered(std::uint32_t addressee) = 0;
  virtual void OnTransmitted(std::uint32_t copy) = 0;
  /// An addressee whose outcome became final during the run other than by delivery:
  /// undeliverable (no cleared circuit on from a station) or by other means (MINIMIZE).
  virtual void OnRefused(std::uint32_t /*addressee*/) {}
};

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
  RelaySimulation(const RelaySimulation&) = delete;
  RelaySimulation& operator=(const RelaySimulation&) = delete;

  /// Accepts a message to be filed at spec.filed (>= now). Addressees are resolved now;
  /// those that cannot be reached are recorded as undeliverable with a reason.
  std::uint32_t AddMessage(const MessageSpec& spec);
  /// A source whose messages are filed in order, pulled one at a time as time advances.
  void AddSource(std::unique_ptr<MessageSource> source);
  void AddFault(const Fault& f);
  /// Holds or refuses low-precedence traffic filed in its window (relay_options.h).
  void AddMinimize(MinimizeOrder order);

  /// What became of one completed transmission.
  enum class Fate : std::uint8_t { kArrived, kLost, kGarbled };
  /// Decides each completed transmission's fate instead of its link's loss and garble draws
  /// (for tests: exact timelines); called with the channel and the copy sent.
  void set_transmission_fate(std::function<Fate(ChannelId, std::uint32_t)> fate) {
    fate_ = std::move(fate);
    procedure_on_ = true;
    procedure_.resize(channels_.size());
  }

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
  bool Idle() const {
    return addressed_ == delivered_ + other_means_ + undeliverable_ && procedure_copies_ == 0 &&
           sources_pending_ == 0;
  }
  /// Runs every event up to and including `until`; simulated time is then `until`.
  void Advance(SimTime until);
  /// Runs at most `max_events` events, up to `until`; returns true when the future-event set
  /// is empty afterwards.
  bool AdvanceSome(SimTime until, std::uint64_t max_events);
  /// Counts transmissions and processing still in progress as busy up to now (call once, at
  /// the end).
  void Finish();
  /// Receives deliveries and completed transmissions as they happen (live mode); may be null.
  void set_observer(RelayObserver* observer) { observer_ = observer; }
  /// Samples the run at `first` and then at the times the sampler asks for, up to the end of
  /// the run (Run, RunUntilIdle, Advance); null (the default) for none, at no cost.
  void set_sampler(TimeSampler* sampler, SimTime first) {
    sampler_ = sampler;
    next_sample_ = first;
  }

  // State for samplers, between events.
  /// Copies waiting at channel c's transmitter (not the one sending), by precedence.
  std::array<std::uint32_t, kPrecedenceCount> QueuedByPrecedence(ChannelId c) const;
  /// Time channel c's transmitter spent sending from the start up to t (no earlier than the
  /// last event, before Finish), the attempt in progress included.
  Duration BusyUntil(ChannelId c, SimTime t) const;
  /// Channel c is out of service now (its link or either end down).
  bool ChannelDown(ChannelId c) const { return channels_[c].down > 0; }
  /// Station st is down now (a station fault in force).
  bool StationDown(StationId st) const { return station_down_[st] > 0; }
  /// Operators on duty at station st at time t (0 at stations without a limit).
  std::uint32_t OperatorsOnDuty(StationId st, SimTime t) const;
  std::uint32_t OperatorsOnDuty(StationId st) const { return OperatorsOnDuty(st, now()); }
  /// Operator-seconds on duty at station st from the start up to now (its capacity).
  double StaffSeconds(StationId st) const;
  /// Copies waiting for an operator at station st (0 at stations without a limit).
  std::size_t WaitingForOperator(StationId st) const { return operators_[st].waiting.size(); }

  /// Keep one record per copy (needed for hop lists, traces and route pictures). Off for
  /// large benchmarks, where only counts and latencies are wanted: a copy's slot is then
  /// reused once it has been processed, and hops are not recorded.
  void set_keep_copies(bool keep) { keep_copies_ = keep; }
  /// kInFlight (before the first message is added; implies copies are not kept) gives back
  /// the records of each message once it is done, after `sink` (may be null) heard its
  /// outcomes. FindMessage, CountOf and whole-run record listings then are not available.
  void set_retention(Retention r, OutcomeSink* sink);
  Retention retention() const { return retention_; }

  const Network& network() const { return net_; }
  SimTime now() const { return sim_.Now(); }
  std::uint64_t events() const { return sim_.dispatched(); }
  /// Every message and addressee record (see Retention: with kInFlight, only those of
  /// messages still in flight can be read).
  const RecordStore<MessageRecord>& messages() const { return messages_; }
  const RecordStore<AddresseeRecord>& addressees() const { return addressing_.addressees(); }
  /// Every way each addressee was addressed (AddresseeRecord::first_way, way_count).
  const RecordStore<AddressedWay>& ways() const { return addressing_.ways(); }
  /// Every copy record (with copies not kept, a done copy's slot is reused). Records never
  /// move: a reference to one stays valid while others are made.
  const RecordStore<CopyRecord>& copies() const { return copies_; }
  std::uint64_t copies_made() const { return copies_made_; }
  const RecordStore<Target>& targets() const { return addressing_.targets(); }
  const std::vector<ChannelStats>& channel_stats() const { return channel_stats_; }
  /// Time the channel spent with more than kBacklogThreshold copies waiting, up to now.
  Duration Backlogged(ChannelId c) const;
  /// Indexed by station; all zero for stations without an operator limit.
  const std::vector<StationStats>& station_stats() const { return station_stats_; }
  const std::vector<Interruption>& interruptions() const { return interruptions_; }
  const std::string& name(std::uint32_t index) const { return addressing_.name(index); }
  /// The message with this id, if any.
  std::optional<std::uint32_t> FindMessage(const std::string& id) const;
  /// Counts of every (message, addressee) by outcome (kept as they change: O(1)).
  Conservation Count() const;
  /// Per addressee precedence, the anatomies of the deliveries of messages filed at or after
  /// RelayOptions::statistics_from: where their time went (delay_anatomy.h).
  const std::array<AnatomyTally, kPrecedenceCount>& anatomy() const { return anatomy_; }
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
  std::size_t QueueLength(ChannelId c) const { return channels_[c].queue.size(); }
  /// The station a copy is processed at on arrival (its origin for a root copy).
  StationId ArrivalStation(const CopyRecord& c) const {
    return c.channel == kNone ? c.from : channel_to_[c.channel];
  }

 private:
  enum EventKind : std::uint8_t {
    kSourceNext,      // a = source
    kFile,            // a = message
    kArrived,         // a = copy: reaches a station with an operator limit
    kProcessed,       // a = copy
    kTxEnd,           // a = channel, b = copy
    kFaultStart,      // a = fault
    kFaultEnd,        // a = fault
    kReroute,         // a = copy, b = generation
    kShiftChange,     // a = station: its staff changes while copies wait for an operator
    kServiceArrived,  // a = service message copy: at the far end, the rerun it asks for
    kNoTrafficCheck,  // a = channel: the receiver's 30-minute check
    kRequestTimeout,  // a = channel, b = serial: a rerun request not yet answered
  };

  // The processing side of a station with an operator limit.
  struct Operators {
    std::vector<std::uint32_t> in_hand;  // copies being processed: at most `operators`
    ChannelQueue waiting;                // copies that arrived while every operator was busy
  };

  // One transmitter. What a transmission's start and end touch, the queue's header
  // included, is in the first 64-byte line; the queue's rings follow. The handle that
  // cancels its transmission's end is in tx_end_, 16 bytes a channel, not in a fourth line.
  struct alignas(64) Channel {
    std::uint32_t sending = kNone;
    int down = 0;  // outages in force (link and station faults can overlap)
    std::uint32_t serial = 0;
    Discipline discipline = Discipline::kPriority;
    // The link's figures for this direction, copied here so that an event touches one record.
    Framing framing = Framing::kAsyncAscii;
    std::int64_t rate = 0;
    Duration propagation;
    ChannelQueue queue;  // its header (ChannelQueue's first 12 bytes) ends the first line
  };
  static_assert(offsetof(Channel, queue) <= 48);
  std::vector<StationId> channel_to_;  // Network::ChannelTo in a compact table, read per event

  void Dispatch(const Event& e);
  void OnFile(std::uint32_t message);
  void OnArrived(std::uint32_t copy);
  void StartProcessing(std::uint32_t copy, StationId at);
  /// The processing time of the next copy at `at` (a draw for exponential processing).
  Duration ProcessingTime(StationId at, std::int64_t chars);
  /// Simulated time t as a time of day (UTC).
  Duration TimeOfDay(SimTime t) const;
  /// A station with shifts and copies waiting hears its next change of staff.
  void WatchShift(StationId at);
  void OnShiftChange(StationId at);
  /// What the MINIMIZE orders in force now say of message m: refuse it (one order that
  /// refuses is enough), or hold it until the latest end of those that hold it
  /// (SimTime::Max() when one never ends), or neither.
  struct MinimizeVerdict {
    bool refuse = false;
    std::optional<SimTime> hold_until;
  };
  MinimizeVerdict Minimized(const MessageRecord& m) const;
  /// Every addressee of message m still in flight becomes `outcome` with `why` now.
  void RefuseAll(std::uint32_t message, Outcome outcome, Undeliverable why);
  /// The addressee, if still in flight, becomes `outcome` (undeliverable or by other means)
  /// with `why` now, and whoever listens is told; false when it was final already.
  bool EndInFlight(std::uint32_t message, std::uint32_t addressee, Outcome outcome,
                   Undeliverable why);
  /// Operators free now (their number may have changed) take up waiting copies.
  void TakeUpWaiting(StationId at);
  void OnProcessed(std::uint32_t copy);
  void OnTxEnd(ChannelId channel, std::uint32_t copy);
  void OnFault(std::uint32_t fault, bool start);
  void OnReroute(std::uint32_t copy, std::uint32_t generation);
  void OnSourceNext(std::uint32_t source);

  void Segregate(std::uint32_t copy, StationId at);
  /// Tells the sink of a final outcome; gives back a done message's records (kInFlight).
  void OutcomeFinal(std::uint32_t message, std::uint32_t addressee);
  void ReleaseIfDone(std::uint32_t message);
  /// Target ids (into targets()).
  using TargetIds = std::span<const std::uint32_t>;
  std::uint32_t NewCopy(std::uint32_t message, std::uint32_t parent, StationId from,
                        ChannelId channel, TargetIds targets, Precedence precedence,
                        std::int64_t chars);
  /// Marks the addressee delivered now by `copy` and tells whoever listens.
  void Deliver(std::uint32_t addressee, std::uint32_t copy);
  /// The channel a copy of classification `cls` at `at` takes toward target station `dest`,
  /// when it is on a detour or its classification is restricted (Network::Restricts): on a
  /// detour the working topology's way when there is one; then the routing table's, or for
  /// a restricted classification the way over cleared links and stations; kNone when no
  /// cleared way exists.
  ChannelId RouteChannel(StationId at, StationId dest, Classification cls, bool detour);
  /// Routes toward `dest` for classification `cls` (over cleared links and stations when it
  /// is restricted), over what is working now when `working` (those are cached until the
  /// next fault changes; the others for the run).
  const Network::RoutesTo& Routes(StationId dest, Classification cls, bool working);
  /// Marks the addressees of target `t` and of the targets below it undeliverable now.
  /// Returns true when one was in flight.
  bool Refuse(std::uint32_t t, std::uint32_t message, Undeliverable why);
  /// The neighbour of `at` another way toward `dest` for a copy of classification `cls`
  /// waiting on `avoid` that came from `came_from`: the least cost over working (and for
  /// `cls`, cleared) links whose working path leads to dest without passing `at` or
  /// `came_from`; nullopt when there is none.
  std::optional<StationId> AlternativeHop(StationId at, StationId dest, ChannelId avoid,
                                          StationId came_from, Classification cls);
  void Enqueue(std::uint32_t copy);
  void StartTransmission(ChannelId channel, std::uint32_t copy);
  void Interrupt(ChannelId channel, bool by_outage);
  void StartNext(ChannelId channel);
  // Called after a copy joined or left the channel's queue: keep max_queue and backlogged.
  void QueueGrew(ChannelId channel);
  void QueueShrank(ChannelId channel);
  void SetChannelDown(ChannelId channel, bool down);
  /// Nanoseconds the channel has been out of service since the start, up to now.
  std::int64_t DownSoFar(ChannelId channel) const;
  /// Ends a copy's wait at its transmitter now: the time since its mark goes to queued, but
  /// for what its channel spent out of service meanwhile, which goes to outage.
  void EndWait(CopyRecord& c);
  Duration FullTransmission(const CopyRecord& c) const;
  Precedence TargetsPrecedence(TargetIds targets) const;
  /// A segregated copy's precedence: its parent's, or under kLower its own addressees'.
  Precedence CopyPrecedenceFor(Precedence parent, TargetIds targets) const;

  const Network& net_;
  RelayOptions options_;
  Simulation sim_;
  bool keep_copies_ = true;
  RelayObserver* observer_ = nullptr;
  TimeSampler* sampler_ = nullptr;
  SimTime next_sample_ = SimTime::Max();
  /// Samples every time due before an event at t (state after every event before t).
  void SampleBefore(SimTime t) {
    while (next_sample_ < t) next_sample_ = sampler_->Sample(*this, next_sample_);
  }
  /// The handler of the engine's run loop: samples when due, then dispatches.
  auto Handler() {
    return [this](const Event& e) {
      if (sampler_ != nullptr && e.time > next_sample_) SampleBefore(e.time);
      Dispatch(e);
    };
  }
  std::uint64_t budget_ = 0;  // AdvanceSome: events left before it stops

  RecordStore<MessageRecord> messages_;
  Addressing addressing_;
  Retention retention_ = Retention::kAll;
  OutcomeSink* sink_ = nullptr;
  std::uint64_t addressed_ = 0, delivered_ = 0, other_means_ = 0, undeliverable_ = 0;
  // In blocks that never move (RecordStore): a handler may hold a copy's record while it
  // makes new copies.
  RecordStore<CopyRecord> copies_;
  std::vector<std::uint32_t> free_copies_;  // reusable slots when copies are not kept
  // Scratch buffers of Segregate, kept to avoid an allocation per copy.
  std::vector<std::uint32_t> work_;
  std::vector<std::pair<ChannelId, std::uint32_t>> outgoing_;
  std::vector<std::uint32_t> group_;  // outgoing_'s targets, grouped by channel
  std::vector<std::uint64_t> sort_keys_;
  std::vector<std::pair<ChannelId, std::uint32_t>> sorted_;
  std::vector<std::uint32_t> root_targets_;
  // Routes over the working topology per destination, valid until a fault starts or ends.
  // Keyed by dest * kClassificationCount + the classification (UNCLASSIFIED for any that
  // is not restricted).
  std::unordered_map<std::uint64_t, Network::RoutesTo> working_routes_;
  std::unordered_map<std::uint64_t, Network::RoutesTo> cleared_routes_;
  struct Minimize {
    std::vector<bool> in_scope;  // by station; empty = every station
    SimTime from, until;
    Precedence below;
    bool refuse;
  };
  std::vector<Minimize> minimize_;

  // ACP 127 procedure for lost and garbled transmissions (procedure_on_: some link has loss
  // or garble, or a fate is set). Per channel, the sender's log of transmissions that did
  // not get through, each until its rerun is queued or the procedure gives it up.
  struct Unanswered {
    std::uint32_t copy = kNone;  // the copy to rerun; kNone for a correction (a duplicate)
    std::uint32_t message = 0;
    Precedence precedence = Precedence::kRoutine;
    std::int64_t chars = 0;
    int requests = 0;     // service messages sent asking for it
    EventHandle timeout;  // the next (re)request, while one is scheduled
  };
  struct ChannelProcedure {
    std::uint32_t sent = 0;                   // numbers given to completed transmissions
    std::map<std::uint32_t, Unanswered> log;  // by the transmission's number
    std::vector<std::uint32_t> unnoticed;     // lost numbers the receiver has not seen
    EventHandle check;                        // its no-traffic check, while one is due
  };
  bool procedure_on_ = false;
  std::vector<ChannelProcedure> procedure_;
  std::vector<RandomStream> link_rng_;  // per channel, drawn only on lossy links
  std::function<Fate(ChannelId, std::uint32_t)> fate_;
  Fate DrawFate(ChannelId channel, const CopyRecord& c);
  /// Completes a transmission under the procedure; false when the copy goes no further here
  /// (lost, discarded, a service message or duplicate).
  bool ProcedureAtTxEnd(ChannelId channel, std::uint32_t copy);
  /// The receiver of `channel` asks for its transmission `serial` again (a service message on
  /// the reverse channel at `precedence`), or gives it up after max_requests requests.
  void RequestRerun(ChannelId channel, std::uint32_t serial, Precedence precedence);
  void OnServiceArrived(std::uint32_t copy);
  void OnNoTrafficCheck(ChannelId channel);
  void OnRequestTimeout(ChannelId channel, std::uint32_t serial);
  /// The procedure gives up the log entry `serial` of `channel`: the copy's addressees still
  /// in flight are undeliverable with `why` (a correction is simply dropped).
  void GiveUp(ChannelId channel, std::uint32_t serial, Undeliverable why);
  /// A copy that goes no further: its slot back when copies are not kept.
  void Retire(std::uint32_t copy);
  std::vector<Channel> channels_;
  std::vector<EventHandle> tx_end_;  // per channel: the end of its transmission in progress
  std::vector<ChannelStats> channel_stats_;
  // Per channel: outage time before the one in progress, and when that one began.
  struct ChannelOutages {
    std::int64_t total_ns = 0;
    SimTime since;
  };
  std::vector<ChannelOutages> channel_outages_;
  std::array<AnatomyTally, kPrecedenceCount> anatomy_{};
  std::vector<Interruption> interruptions_;
  std::vector<Fault> faults_;
  std::vector<Operators> operators_;  // per station
  // Per station, what each copy's handling needs (Station itself is large and cold).
  struct StationRuntime {
    Duration processing;
    std::uint32_t operators = 0;
    ProcessingLaw law = ProcessingLaw::kFixed;
    Duration per_char;
    bool shifts = false;       // its operators follow a daily schedule
    EventHandle shift_change;  // its next kShiftChange, scheduled only while copies wait
  };
  std::vector<StationRuntime> station_runtime_;
  std::vector<StationStats> station_stats_;
  std::vector<RandomStream> station_rng_;  // per station, drawn from only if exponential
  std::vector<int> station_down_;
  std::vector<SimTime> station_up_at_;
  std::vector<std::unique_ptr<MessageSource>> sources_;
  std::vector<MessageSpec> source_pending_;  // per source: its next message...
  std::vector<bool> source_has_pending_;     // ...if it has one
  std::size_t sources_pending_ = 0;          // sources with a message still to come
  std::uint64_t procedure_copies_ = 0;       // service messages and corrections alive
  // Per copy (rerouting on): its pending reroute check, cancelled when its transmission ends.
  std::vector<EventHandle> reroute_timer_;
  std::unordered_map<std::string, std::uint32_t> message_index_;
  std::uint64_t copies_made_ = 0;
};

}  // namespace cablesim
