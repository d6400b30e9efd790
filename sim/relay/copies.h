// The copy records of a run (internal to sim/relay): one CopyRecord per copy made, in
// blocks that never move, so a handler may hold a copy's record while others are made.
// With copies not kept (large benchmarks, Retention::kInFlight) a retired copy's slot is
// given back and reused, a copy that goes on whole from a relay stays in its slot as the
// next copy of its path (PassOn), and the history fields of records.h are stale.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/relay/record_store.h"
#include "sim/relay/records.h"

namespace cablesim::relay {

class Copies {
 public:
  /// `reroute`: copies remember where they came from (alternative routing is on).
  /// `messages`: the run's messages, whose MessageRecord::correcting this part counts (none
  /// in tests of parts that never correct).
  explicit Copies(bool reroute, RecordStore<MessageRecord>* messages = nullptr)
      : messages_(messages), reroute_(reroute) {}

  CopyRecord& operator[](std::uint32_t id) { return store_[id]; }
  const CopyRecord& operator[](std::uint32_t id) const { return store_[id]; }
  const RecordStore<CopyRecord>& store() const { return store_; }
  std::uint64_t made() const { return made_; }
  bool keep() const { return keep_; }
  void set_keep(bool keep) { keep_ = keep; }

  /// A new copy of `message` leaving `from` over `channel` (kNone: a root copy at its
  /// origin) toward `targets`, its anatomy `so_far` (that of the copy it is made from; empty
  /// for a root copy or a procedure's own) and its clock started at `now`. `so_far` may be
  /// the anatomy of the copy just given back (Segregate's parent): when copies are not kept,
  /// the slot given back last is the one taken, and the anatomy is then already in place.
  std::uint32_t Make(std::uint32_t message, std::uint32_t parent, StationId from, ChannelId channel,
                     std::span<const std::uint32_t> targets, Precedence precedence,
                     std::int64_t chars, SimTime now, const DelayAnatomy& so_far = {});
  /// Copy `id`, handled at `from`, goes on whole over `channel` as the next copy of its
  /// path, in its own slot: it is left exactly as giving it back and making that copy
  /// would leave it (the same slot, message, targets, characters, detour and anatomy; a new
  /// precedence, a clock started at `now`, one more copy made), without the copying.
  /// Preconditions: copies are not kept, and it is neither a correction nor subject to one.
  void PassOn(std::uint32_t id, StationId from, ChannelId channel, Precedence precedence,
              SimTime now);
  /// Makes copy `id` (neither yet) a correction or a copy relayed subject to correction
  /// (CopyRecord::correction, subject_to_correction): either may reach an addressee
  /// delivered already, so it is counted, in all and in its message's `correcting`, until it
  /// is retired or given back.
  void MarkCorrecting(std::uint32_t id, bool correction, bool subject_to_correction);
  /// Corrections and copies subject to correction not yet done (a drained run waits for
  /// them).
  std::uint64_t correcting_alive() const { return correcting_alive_; }
  /// A copy that goes no further: done, and its slot given back when copies are not kept.
  void Retire(std::uint32_t id) {
    store_[id].state = CopyState::kDone;
    GiveBack(id);
  }
  /// Its slot back (it is done already: kDone or kSplit) when copies are not kept. Called
  /// once per copy.
  void GiveBack(std::uint32_t id) {
    const CopyRecord& c = store_[id];
    if (c.correction || c.subject_to_correction) Uncount(c);
    if (!keep_) free_.push_back(id);
  }

 private:
  void Uncount(const CopyRecord& c);
  /// A reused slot's fields as a new copy's (all but what Make or PassOn sets next).
  void ResetForReuse(CopyRecord& c) const;

  RecordStore<MessageRecord>* messages_;
  RecordStore<CopyRecord> store_;
  std::vector<std::uint32_t> free_;  // reusable slots when copies are not kept
  std::uint64_t made_ = 0;
  std::uint64_t correcting_alive_ = 0;
  bool keep_ = true;
  bool reroute_;
};

}  // namespace cablesim::relay
