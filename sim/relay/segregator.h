// The segregator (internal to sim/relay): what a station does with a copy it has handled.
// Each of the copy's targets is delivered here, expanded here (a collective: its members
// are visited in turn), refused (no cleared circuit leads on), or sent on; the targets
// sent on are grouped by outgoing channel, one new copy per channel (ACP 127 §310-314),
// channels in order and targets in the order met.
//
// It plans and changes nothing: the runtime applies the plan (deliveries and refusals in
// the order met, then one copy per group). Owns its scratch buffers, kept between copies so
// that planning allocates nothing once warm.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/relay/addressing.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/router.h"

namespace cablesim::relay {

/// The highest precedence among the addressees of `targets` (ROUTINE for none).
Precedence TargetsPrecedence(std::span<const std::uint32_t> targets, const Addressing& addressing);
/// The precedence a new copy toward `targets` is queued at: its parent's (kKeep) or the
/// highest of its own addressees' (kLower).
inline Precedence CopyPrecedenceFor(CopyPrecedence rule, Precedence parent,
                                    std::span<const std::uint32_t> targets,
                                    const Addressing& addressing) {
  return rule == CopyPrecedence::kKeep ? parent : TargetsPrecedence(targets, addressing);
}

class Segregator {
 public:
  Segregator(const Addressing& addressing, Router& router)
      : addressing_(addressing), router_(router) {}

  /// A delivery (of addressee `id`) or a refusal (of target `id` and those below it).
  struct Action {
    bool deliver;
    std::uint32_t id;
  };
  /// Plans copy `in` (of classification `cls`) handled at `at`.
  void Plan(const CopyRecord& in, StationId at, Classification cls);
  /// The deliveries and refusals, in the order met.
  std::span<const Action> actions() const { return actions_; }
  /// The copies to make, one per group: an outgoing channel and the targets that leave by
  /// it, groups in channel order. Read them with GroupFrom, from 0 to sent_on().
  struct Group {
    ChannelId channel;
    std::span<const std::uint32_t> targets;
  };
  /// The targets sent on, in all groups.
  std::size_t sent_on() const { return targets_.size(); }
  /// True when the plan sends the copy on whole: nothing delivered, refused or expanded
  /// here (so every target of the copy is sent on), and all leave by one channel
  /// (GroupFrom(0), targets in the copy's order; the groups are in channel order, so one
  /// channel when the first and the last are the same).
  bool SendsOnWhole() const {
    return !ends_here_ && !targets_.empty() && channels_.front() == channels_.back();
  }
  /// The group whose first target is the `first`-th sent on (a group's start); the next
  /// group starts after its targets. Found as it is read: a plan is read once.
  Group GroupFrom(std::size_t first) const {
    const ChannelId channel = channels_[first];
    std::size_t end = first + 1;
    while (end < channels_.size() && channels_[end] == channel) ++end;
    return {channel, {targets_.data() + first, end - first}};
  }

 private:
  /// Target `index` met at `at`: an action, an outgoing (channel, target), or its members.
  void Visit(std::uint32_t index, StationId at, Classification cls, bool detour);
  /// Sorts the outgoing (channel, target) pairs by channel, stably.
  void OrderByChannel();

  const Addressing& addressing_;
  Router& router_;
  bool ends_here_ = false;  // a delivery, refusal or expansion was planned here
  std::vector<Action> actions_;
  std::vector<std::uint32_t> work_;  // collective members still to visit
  // The targets sent on and, at the same index, the channel each leaves by: in the order
  // met, then ordered by channel (each channel's targets one contiguous run).
  std::vector<ChannelId> channels_;
  std::vector<std::uint32_t> targets_;
  std::vector<std::uint64_t> sort_keys_;
  std::vector<ChannelId> sorted_channels_;
  std::vector<std::uint32_t> sorted_targets_;
};

}  // namespace cablesim::relay
