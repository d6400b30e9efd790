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
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/relay/addressing.h"
#include "sim/relay/message_spec.h"
#include "sim/relay/record_store.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_listener.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/run_view.h"
#include "topology/network.h"

namespace cablesim {

/// A long run's way to be stopped from outside (Ctrl-C in Python): Run, RunUntilIdle and
/// Advance run in chunks of `every` events and ask `stop` between two chunks, never in the
/// middle of an event. The chunks change nothing: a run that is never stopped is the run
/// without a check, event for event.
struct StopCheck {
  std::function<bool()> stop;     ///< true: stop now (RunStopped); may throw its own exception
  std::uint64_t every = 1 << 16;  ///< events between two questions (at least 1)
};

/// Thrown by Run, RunUntilIdle and Advance when the stop check said stop: the run ended
/// between two events, short of its end, with its books open; the simulation is then only
/// to be let go. An exception the check throws itself ends the run the same way.
class RunStopped : public std::runtime_error {
 public:
  RunStopped() : std::runtime_error("the run was stopped before its end") {}
};

class RelaySimulation final : public RunView {
 public:
  RelaySimulation(const Network& net, RelayOptions options);
  ~RelaySimulation() override;
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

  /// Runs until `end`, or when end is nullopt until nothing is left to do and every message
  /// added has been filed, then closes the books (Finish). For a run in steps (live mode)
  /// use Advance and Finish.
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
  /// Hears every final outcome and completed transmission as they happen, and samples the
  /// run at `first_sample` and then at the times it asks for, up to the end of the run (Run,
  /// RunUntilIdle, Advance); null (the default) for none, at no cost. Set before the first
  /// message is added to hear outcomes final at acceptance.
  void set_listener(RelayListener* listener, std::optional<SimTime> first_sample = std::nullopt);
  /// Asked between chunks of events by Run, RunUntilIdle and Advance (not AdvanceSome, a
  /// chunk already); none (the default): one chunk, never asked.
  void set_stop_check(StopCheck check) { stop_check_ = std::move(check); }

  // RunView: the records, and the state between events (run_view.h).
  const Network& network() const override { return net_; }
  SimTime now() const override;
  std::uint64_t events() const override;
  Retention retention() const override;
  SimTime statistics_from() const override { return options_.statistics_from; }
  const RecordStore<MessageRecord>& messages() const override { return messages_; }
  const RecordStore<AddresseeRecord>& addressees() const override {
    return addressing_.addressees();
  }
  const RecordStore<AddressedWay>& ways() const override { return addressing_.ways(); }
  const RecordStore<Target>& targets() const override { return addressing_.targets(); }
  const RecordStore<CopyRecord>& copies() const override;
  std::uint64_t copies_made() const override;
  const std::string& name(std::uint32_t index) const override { return addressing_.name(index); }
  std::optional<std::uint32_t> FindMessage(const std::string& id) const override;
  Conservation Count() const override;
  CorrectionCounts Corrections() const override;
  const std::array<AnatomyTally, kPrecedenceCount>& anatomy() const override;
  const std::vector<ChannelStats>& channel_stats() const override;
  const std::vector<StationStats>& station_stats() const override;
  const std::vector<Interruption>& interruptions() const override;
  Duration Backlogged(ChannelId c) const override;
  double StaffSeconds(StationId st) const override;
  std::array<std::uint32_t, kPrecedenceCount> QueuedByPrecedence(ChannelId c) const override;
  Duration BusyUntil(ChannelId c, SimTime t) const override;
  bool ChannelDown(ChannelId c) const override;
  bool StationDown(StationId st) const override;
  std::uint32_t OperatorsOnDuty(StationId st, SimTime t) const override;
  std::uint32_t OperatorsOnDuty(StationId st) const { return OperatorsOnDuty(st, now()); }
  std::size_t WaitingForOperator(StationId st) const override;
  /// Copies waiting in queues or being sent right now, per channel.
  std::size_t QueueLength(ChannelId c) const;

  /// Keep one record per copy (needed for hop lists, traces and route pictures). Off for
  /// large benchmarks, where only counts and latencies are wanted: a copy's slot is then
  /// reused once it has been processed, and hops are not recorded.
  void set_keep_copies(bool keep);
  /// kInFlight (before the first message is added; implies copies are not kept) gives back
  /// the records of each message once it is done, after the listener heard its outcomes.
  /// FindMessage, CountOf and whole-run record listings then are not available.
  void set_retention(Retention r);

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
  /// The samples due up to now.
  void SampleUpToNow();
  /// Runs every event up to `end` (the engine's RunUntil), in chunks when a stop check is
  /// set, asking it between two (RunStopped); with `until_idle`, stops once Idle and leaves
  /// the clock at the last event (RunUntilIdle). Returns true unless it stopped at `end`.
  bool RunEvents(SimTime end, bool until_idle);

  const Network& net_;
  const RelayOptions options_;
  RecordStore<MessageRecord> messages_;
  Addressing addressing_;
  std::unique_ptr<Parts> parts_;
  RelayListener* listener_ = nullptr;
  SimTime next_sample_ = SimTime::Max();  // Max: no sampling
  std::uint64_t budget_ = 0;              // AdvanceSome, RunEvents: events left in the chunk
  SimTime latest_filed_;                  // the latest filing time of the messages added (Run)
  StopCheck stop_check_;
};

}  // namespace cablesim
