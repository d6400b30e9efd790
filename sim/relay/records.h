// The records a relay run keeps: one per message and per copy, per link direction and per
// staffed station, and the counts of every (message, addressee) by outcome. Addressee records, ways
// and targets are in addressing.h.
//
// Every field says its unit or sentinel. Records are written by the runtime only
// (relay_simulation.h) and read by reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "sim/engine/sim_time.h"
#include "sim/message/message.h"
#include "sim/message/precedence.h"
#include "sim/relay/addressing.h"
#include "sim/relay/delay_anatomy.h"
#include "sim/relay/id_list.h"
#include "topology/network.h"

namespace cablesim {

/// Counts of every (message, addressee) by outcome: addressed = delivered + other_means +
/// undeliverable + in_flight.
struct Conservation {
  std::uint64_t addressed = 0, delivered = 0, other_means = 0, undeliverable = 0, in_flight = 0;
};

/// Corrections over a run (ACP 127 §420): `made`, one per garbled IMMEDIATE-or-higher copy
/// relayed at once "subject to correction" (its correction asked for on that hop; a copy
/// garbled again further on waits for the same correction); of the (message, addressee)
/// delivered, `subject_to_correction` were delivered first by such a copy and `corrected` of
/// them later got the corrected copy. Not outcomes: each addressee is delivered once.
struct CorrectionCounts {
  std::uint64_t made = 0, subject_to_correction = 0, corrected = 0;
};

struct MessageRecord {
  std::string id;
  SimTime filed;
  StationId origin = kNoStation;
  Precedence precedence = Precedence::kRoutine;  ///< highest among its addressees (FL2)
  Classification classification = Classification::kUnclassified;
  std::int64_t chars = 0;
  std::uint32_t first_addressee = 0;
  std::uint32_t addressee_count = 0;
  std::uint32_t root_copy = kNone;
  std::uint32_t in_flight = 0;  ///< its addressees not yet delivered
  /// Its corrections and copies relayed subject to correction not yet done (Copies): either
  /// may reach an addressee delivered already, so its records are kept until they are.
  std::uint32_t correcting = 0;
  bool minimized = false;  ///< held under MINIMIZE before it was filed on
  std::shared_ptr<const Message> cable;
  Addressing::Ranges records;  ///< every record of it (to give them back when it is done)
};

/// What the runtime keeps of messages that are done (none of their addressees in flight).
enum class Retention : std::uint8_t {
  kAll,       ///< every record for the whole run: reports list deliveries, traces, pictures
  kInFlight,  ///< a done message's records are given back, after the listener heard
              ///< them (relay_listener.h): memory grows with what is in flight, not the run
};

/// kLost: sent, but it never arrived (or arrived garbled and was discarded): it waits in the
/// sender's log for the receiver's service message asking for it again.
enum class CopyState : std::uint8_t { kProcessing, kQueued, kSending, kDone, kSplit, kLost };

/// A copy of a message leaving station `from` over `channel` (or, for the root copy of a
/// message, being processed at its origin: channel == kNone).
///
/// Laid out by when fields are touched. The first 64-byte line holds all that a run reads
/// and writes for every copy, its first IdList::kInline targets included; a copy is cold
/// when its transmission ends or its processing starts (thousands of events passed), so
/// each of those costs one miss, not three. The fields after it record the copy's history
/// for reports and are kept only while copies are kept (RelaySimulation::set_keep_copies,
/// the default), except where noted: without kept copies a slot is reused and they are
/// stale.
struct alignas(64) CopyRecord {
  std::uint32_t message = 0;
  StationId from = kNoStation;
  ChannelId channel = kNone;
  Precedence precedence = Precedence::kRoutine;
  CopyState state = CopyState::kProcessing;
  bool detour = false;     ///< made by alternative routing, or from such a copy: routes over
                           ///< the working topology
  bool rerouted = false;   ///< made by a reroute at `from`: not rerouted again there
  std::int64_t chars = 0;  ///< the message's characters on the wire (here: no lookup)
  SimTime tx_start;        ///< start of its last (or only) transmission attempt
  Duration remaining;      ///< preempt-resume: what is left to send; 0 = all
  IdList targets;          ///< into targets(): where this copy must go

  // In the second line, after the targets' heap side: the copy's clock and what is asked
  // of a copy handled, then the anatomy of its path (delay_anatomy.h), kept whatever the
  // retention (a copy made from this one starts from it), its first parts still in this
  // line, so that charging operator wait, processing and queueing touches no other. Parts
  // are added as each ends; `mark` is when the running one began (a future time while the
  // copy propagates).
  SimTime mark;
  bool held = false;  ///< processed while its station was down: waiting it out
  /// A service message between the ends of a channel (asking for transmissions `rerun_of`
  /// to `rerun_through` of the reverse channel again): never forwarded. `about_service`: the
  /// transmissions it asks for are service messages themselves.
  bool service = false;
  bool about_service = false;
  /// A correction (ACP 127 §420d-f): the corrected copy of one relayed "subject to
  /// correction", toward the same targets; relayed on like any copy (the copies made from it
  /// are corrections too), and at each addressee it records the corrected copy's delivery
  /// (OutcomeLedger::Deliver). Counted by Copies until it is done.
  bool correction = false;
  /// Its text arrived garbled on some hop and was relayed at once "subject to correction"
  /// (§420a): the copies made from it are too, and their deliveries say so.
  bool subject_to_correction = false;
  /// A service message or a rerun being made ready by an operator at its sending station
  /// (`from`): handed to its transmitter when that ends, not segregated.
  bool preparing = false;
  DelayAnatomy so_far;
  std::int64_t down_mark = 0;  ///< its channel's outage time so far when it began waiting
  std::uint32_t rerun_of = 0;
  std::uint32_t rerun_through = 0;
  /// A service message: the channel whose transmissions it asks for (the reverse of its own,
  /// but for a third request relayed by a major relay, §419f), and the stations it goes to
  /// over the network: `service_via` first (kNoStation: none), then `service_to`.
  ChannelId asks_about = kNone;
  StationId service_via = kNoStation;
  StationId service_to = kNoStation;

  // History (see above).
  std::uint32_t generation = 0;  ///< bumped on each enqueue, to expire reroute checks (kept
                                 ///< whenever rerouting is on)
  std::uint32_t transmission_serial = 0;  ///< the channel's serial of its transmission
  SimTime tx_end;                         ///< when its transmission completed
  SimTime arrived;  ///< when it reached its arrival station (filed, for a root copy); kept
                    ///< at stations with operators
  SimTime handled;  ///< when the arrival station began processing it; as `arrived`
  SimTime queued;   ///< when it joined the transmitter's queue
  std::uint32_t parent = kNone;
  StationId came_from = kNoStation;  ///< where the copy in hand at `from` arrived from (kept
                                     ///< whenever rerouting is on)
  std::uint16_t interruptions = 0;   ///< preemptions and outages that cut its transmission
  /// Reruns of this copy on its channel under the ACP 127 procedure (kept whatever the
  /// retention: it bounds the procedure, RelayOptions::Procedure::max_reruns).
  std::uint8_t reruns = 0;
};
static_assert(offsetof(CopyRecord, targets) + IdList::kInlineEnd == 64,
              "the first line ends with the inline targets");
// The clock and the parts charged at a station (operator wait, processing, queued) share
// the second line.
static_assert(offsetof(CopyRecord, so_far) + sizeof(std::int64_t) * 3 <= 128 &&
                  DelayPart::kOperatorWait < DelayPart::kQueued &&
                  DelayPart::kProcessing < DelayPart::kQueued &&
                  static_cast<int>(DelayPart::kQueued) == 2 && offsetof(CopyRecord, mark) < 128,
              "the second line holds the clock and the parts charged at a station");

/// A transmission cut short by a preemption or an outage (drawn dashed in route pictures).
struct Interruption {
  std::uint32_t copy;
  ChannelId channel;
  SimTime start;
  SimTime end;
  bool by_outage;
};

/// A queue longer than this counts as a backlog (ChannelStats::backlogged).
inline constexpr std::size_t kBacklogThreshold = 10;

/// Per link direction.
struct ChannelStats {
  Duration busy;  ///< time spent transmitting (interrupted attempts included)
  std::uint64_t copies_sent = 0;
  std::uint64_t interruptions = 0;
  // ACP 127 procedure (links with loss or garble): transmissions that never arrived, that
  // arrived garbled, reruns sent, service messages sent on this direction, and corrections
  // (of copies relayed subject to correction) that arrived over it.
  std::uint64_t lost = 0, garbled = 0, reruns = 0, service_messages = 0, corrections = 0;
  std::size_t max_queue = 0;  ///< longest queue seen (copies waiting, not the one sending)
  /// Time with more than kBacklogThreshold copies waiting, up to the last time the queue fell
  /// back; RelaySimulation::Backlogged adds a backlog still open.
  Duration backlogged;
  SimTime backlog_since;  ///< when the open backlog began (meaningful only while in one)
};

/// Per station with a limited number of operators (Station::operators > 0).
struct StationStats {
  std::uint64_t processed = 0;  ///< copies an operator has taken up
  std::size_t max_waiting = 0;  ///< most copies waiting for an operator at once
  DurationSum waited;           ///< total time copies waited for an operator
  DurationSum busy;             ///< operator time spent on copies (summed over operators)
};

}  // namespace cablesim
