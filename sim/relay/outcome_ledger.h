// The outcome ledger (internal to sim/relay): every (message, addressee) ends delivered, sent
// by other means or undeliverable, or is in flight; this part makes those changes, keeps
// their counts (O(1) conservation at any time) and the anatomy tallies of the deliveries it
// counts, tells whoever listens, and gives back a done message's records when the run keeps
// only what is in flight (Retention::kInFlight).
//
// Owns: the counts, the anatomy tallies per precedence, the retention and the listeners.
// The message and addressee records are the runtime's; it changes their outcomes only.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/relay/addressing.h"
#include "sim/relay/copies.h"
#include "sim/relay/delay_anatomy.h"
#include "sim/relay/record_store.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_listener.h"

namespace cablesim::relay {

class OutcomeLedger {
 public:
  /// Deliveries of messages filed at or after `statistics_from` are tallied in anatomy().
  OutcomeLedger(RecordStore<MessageRecord>& messages, Addressing& addressing, const Copies& copies,
                SimTime statistics_from)
      : messages_(messages),
        addressing_(addressing),
        copies_(copies),
        statistics_from_(statistics_from) {}

  void set_listener(RelayListener* listener) { listener_ = listener; }
  void set_retention(Retention r) { retention_ = r; }
  Retention retention() const { return retention_; }

  /// A message just accepted: counts its addressees (those already final at acceptance:
  /// sent by other means, undeliverable) and sets its in-flight count.
  void Accept(std::uint32_t message);
  /// After Accept of the same message (and no other since): tells the listener of the
  /// outcomes already final, and gives the records back when nothing of the message is in
  /// flight. Nothing to do, and nothing read, for the usual message: all in flight.
  void Accepted(std::uint32_t message) {
    if (final_at_acceptance_ > 0 || messages_[message].in_flight == 0) TellFinalAndRelease(message);
  }
  /// The addressee is delivered now by `copy` (whose anatomy is tallied), marked subject to
  /// correction when the copy is. Only a correction or a copy subject to one can reach an
  /// addressee no longer in flight: a correction records when the corrected copy was
  /// delivered to one delivered subject to correction (once), and otherwise nothing changes
  /// (a correction overtook the copy it corrects, which then adds nothing).
  void Deliver(std::uint32_t addressee, std::uint32_t copy, SimTime now);
  /// The addressee, if still in flight, becomes `outcome` (undeliverable or by other means)
  /// with `why`; false when it was final already.
  bool End(std::uint32_t message, std::uint32_t addressee, Outcome outcome, Undeliverable why);
  /// Every addressee of the message still in flight becomes `outcome` with `why`.
  void EndAll(std::uint32_t message, Outcome outcome, Undeliverable why);
  /// The addressees of target `t` and of the targets below it become undeliverable (or
  /// `outcome`) with `why`; true when one was in flight.
  bool Refuse(std::uint32_t t, std::uint32_t message, Undeliverable why,
              Outcome outcome = Outcome::kUndeliverable);
  /// Gives back a done message's records (Retention::kInFlight only): none of its addressees
  /// in flight, none of its corrections or copies subject to correction on their way.
  void ReleaseIfDone(std::uint32_t message);

  /// Counts of every (message, addressee) by outcome.
  Conservation Count() const;
  /// The addressees delivered subject to correction and those of them corrected (`made`,
  /// the procedure's, is left 0).
  CorrectionCounts Corrections() const { return {0, subject_to_correction_, corrected_}; }
  const std::array<AnatomyTally, kPrecedenceCount>& anatomy() const { return anatomy_; }
  SimTime statistics_from() const { return statistics_from_; }

 private:
  void Final(std::uint32_t addressee, bool at_acceptance);
  void TellFinalAndRelease(std::uint32_t message);

  RecordStore<MessageRecord>& messages_;
  Addressing& addressing_;
  const Copies& copies_;
  SimTime statistics_from_;
  RelayListener* listener_ = nullptr;
  Retention retention_ = Retention::kAll;
  std::uint64_t addressed_ = 0, delivered_ = 0, other_means_ = 0, undeliverable_ = 0;
  std::uint64_t subject_to_correction_ = 0, corrected_ = 0;
  std::array<AnatomyTally, kPrecedenceCount> anatomy_{};
  std::vector<std::uint32_t> todo_;        // Refuse's walk of the target tree
  std::uint32_t final_at_acceptance_ = 0;  // of the message Accept counted last
};

}  // namespace cablesim::relay
