// What the figures and reports of a run read (public): its records, and between events the
// state of its queues and stations. stats/ and report/ take a const RunView and never the
// runtime itself; RelaySimulation is one (relay_simulation.h), so is anything else that can
// answer the same questions (a test's hand-built run).
//
// What every record holds, and its units and sentinels, is in records.h and addressing.h.
// With Retention::kInFlight only the records of messages still in flight can be read.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/relay/addressing.h"
#include "sim/relay/delay_anatomy.h"
#include "sim/relay/record_store.h"
#include "sim/relay/records.h"
#include "topology/network.h"

namespace cablesim {

class RunView {
 public:
  virtual ~RunView() = default;

  virtual const Network& network() const = 0;
  /// Simulated time now (after Finish: where the run ended).
  virtual SimTime now() const = 0;
  /// Events dispatched so far.
  virtual std::uint64_t events() const = 0;
  virtual Retention retention() const = 0;
  /// Latency figures and anatomy tallies cover messages filed at or after this (the warm-up).
  virtual SimTime statistics_from() const = 0;

  // The records.
  virtual const RecordStore<MessageRecord>& messages() const = 0;
  virtual const RecordStore<AddresseeRecord>& addressees() const = 0;
  /// The ways each addressee was addressed besides the winning one (AddresseeRecord::
  /// first_also, way_count - 1 of them).
  virtual const RecordStore<AddressedWay>& ways() const = 0;
  virtual const RecordStore<Target>& targets() const = 0;
  /// Every copy record (with copies not kept, a done copy's slot is reused).
  virtual const RecordStore<CopyRecord>& copies() const = 0;
  virtual std::uint64_t copies_made() const = 0;
  /// An address, station or collective name by its id (AddresseeRecord::address, ...).
  virtual const std::string& name(std::uint32_t index) const = 0;
  /// The message with this id, if any (Retention::kAll only).
  virtual std::optional<std::uint32_t> FindMessage(const std::string& id) const = 0;
  /// Counts of every (message, addressee) by outcome.
  virtual Conservation Count() const = 0;
  /// Corrections made, and addressees delivered subject to correction and corrected.
  virtual CorrectionCounts Corrections() const = 0;
  /// Per addressee precedence, the anatomies of the counted deliveries (statistics_from).
  virtual const std::array<AnatomyTally, kPrecedenceCount>& anatomy() const = 0;
  virtual const std::vector<ChannelStats>& channel_stats() const = 0;
  /// Indexed by station; all zero for stations without an operator limit.
  virtual const std::vector<StationStats>& station_stats() const = 0;
  /// Transmissions cut short (kept only while copies are kept).
  virtual const std::vector<Interruption>& interruptions() const = 0;
  /// Time channel c spent with more than kBacklogThreshold copies waiting, up to now.
  virtual Duration Backlogged(ChannelId c) const = 0;
  /// Operator-seconds on duty at station st from the start up to now (its capacity).
  virtual double StaffSeconds(StationId st) const = 0;

  // The state between events (samplers, live frames).
  /// Copies waiting at channel c's transmitter (not the one sending), by precedence.
  virtual std::array<std::uint32_t, kPrecedenceCount> QueuedByPrecedence(ChannelId c) const = 0;
  /// Time channel c's transmitter spent sending from the start up to t (no earlier than
  /// the last event), the attempt in progress included.
  virtual Duration BusyUntil(ChannelId c, SimTime t) const = 0;
  /// Channel c, or station st, is out of service now.
  virtual bool ChannelDown(ChannelId c) const = 0;
  virtual bool StationDown(StationId st) const = 0;
  /// Operators on duty at station st at time t (0 at stations without a limit).
  virtual std::uint32_t OperatorsOnDuty(StationId st, SimTime t) const = 0;
  /// Copies waiting for an operator at station st.
  virtual std::size_t WaitingForOperator(StationId st) const = 0;

  /// The station a copy is processed at on arrival (its origin for a root copy).
  StationId ArrivalStation(const CopyRecord& c) const {
    return c.channel == kNone ? c.from : network().ChannelTo(c.channel);
  }
  /// Calls fn(message, addressee) for every addressee still in flight (in id order).
  template <class Fn>
  void ForEachInFlight(Fn&& fn) const {
    const RecordStore<MessageRecord>& all = messages();
    for (std::size_t m = 0; m < all.size(); ++m) {
      if (!all.alive(m) || all[m].in_flight == 0) continue;
      const MessageRecord& rec = all[m];
      for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
        const AddresseeRecord& a = addressees()[rec.first_addressee + k];
        if (a.outcome == Outcome::kInFlight) fn(rec, a);
      }
    }
  }
  /// The counts over the addressees of the given messages only.
  Conservation CountOf(const std::vector<std::uint32_t>& message_ids) const;
};

}  // namespace cablesim
