#include "sim/relay/copies.h"

#include <cassert>

#include "sim/relay/anatomy_clock.h"

namespace cablesim::relay {

void Copies::ResetForReuse(CopyRecord& c) const {
  // The first line field by field, keeping the targets' heap capacity; slots are reused
  // only when copies are not kept, so the history is not (CopyRecord), but for what a run
  // reads: came_from, and the generation counter, which goes on counting (a reroute check
  // scheduled for the slot's previous copy must not match).
  c.detour = false;
  c.rerouted = false;
  c.state = CopyState::kProcessing;
  c.tx_start = SimTime();
  c.remaining = Duration();
  c.held = false;
  c.service = false;
  c.correction = false;
  c.subject_to_correction = false;
  c.reruns = 0;
  if (reroute_) c.came_from = kNoStation;
}

std::uint32_t Copies::Make(std::uint32_t message, std::uint32_t parent, StationId from,
                           ChannelId channel, std::span<const std::uint32_t> targets,
                           Precedence precedence, std::int64_t chars, SimTime now,
                           const DelayAnatomy& so_far) {
  std::uint32_t id;
  CopyRecord* slot;
  if (!free_.empty()) {
    id = free_.back();
    free_.pop_back();
    slot = &store_[id];
    ResetForReuse(*slot);
  } else {
    id = static_cast<std::uint32_t>(store_.size());
    slot = &store_.Append();
  }
  CopyRecord& c = *slot;
  c.message = message;
  if (keep_) c.parent = parent;
  c.from = from;
  c.channel = channel;
  c.targets.assign(targets.begin(), targets.end());
  c.precedence = precedence;
  c.chars = chars;
  if (&so_far != &c.so_far) c.so_far = so_far;  // a parent's slot reused: already there
  StartClock(c, now);
  ++made_;
  return id;
}

void Copies::PassOn(std::uint32_t id, StationId from, ChannelId channel, Precedence precedence,
                    SimTime now) {
  assert(!keep_);
  CopyRecord& c = store_[id];
  assert(!c.correction && !c.subject_to_correction);
  const bool detour = c.detour;  // a copy made from a detour's routes over detours too
  ResetForReuse(c);
  c.detour = detour;
  c.from = from;
  c.channel = channel;
  c.precedence = precedence;
  StartClock(c, now);
  ++made_;
}

void Copies::MarkCorrecting(std::uint32_t id, bool correction, bool subject_to_correction) {
  CopyRecord& c = store_[id];
  assert(!c.correction && !c.subject_to_correction && (correction || subject_to_correction));
  c.correction = correction;
  c.subject_to_correction = subject_to_correction;
  ++correcting_alive_;
  if (messages_) ++(*messages_)[c.message].correcting;
}

void Copies::Uncount(const CopyRecord& c) {
  --correcting_alive_;
  if (messages_) --(*messages_)[c.message].correcting;
}

}  // namespace cablesim::relay
