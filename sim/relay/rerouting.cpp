#include "sim/relay/rerouting.h"

#include <map>

#include "sim/relay/segregator.h"

namespace cablesim::relay {

void Rerouting::OnReroute(std::uint32_t copy, std::uint32_t generation) {
  CopyRecord& c = copies_[copy];
  if (c.generation != generation || c.state != CopyState::kQueued) return;
  // Each target with another way out leaves by it.
  std::vector<std::uint32_t> stay;
  std::map<ChannelId, std::vector<std::uint32_t>> moved;
  for (const std::uint32_t t : c.targets) {
    auto hop = router_.AlternativeHop(c.from, addressing_.targets()[t].station, c.channel,
                                      c.came_from, messages_[c.message].classification);
    if (hop)
      moved[*net_.ChannelBetween(c.from, *hop)].push_back(t);
    else
      stay.push_back(t);
  }
  if (moved.empty()) return;
  transmitters_.RestartWait(c);  // its wait here so far, before any of its targets leave
  if (stay.empty()) {
    transmitters_.Remove(copy);
    c.state = CopyState::kSplit;
  } else {
    c.targets.assign(stay);
  }
  for (auto& [alt, targets] : moved) {
    const std::uint32_t next =
        copies_.Make(c.message, c.parent, c.from, alt, targets,
                     CopyPrecedenceFor(copy_precedence_, c.precedence, targets, addressing_),
                     c.chars, sim_.Now(), c.so_far);
    CopyRecord& made = copies_[next];
    made.came_from = c.came_from;
    made.detour = true;
    made.rerouted = true;
    if (c.correction || c.subject_to_correction) {
      copies_.MarkCorrecting(next, c.correction, c.subject_to_correction);
    }
    flow_.Enqueue(next);
  }
  // Split whole, it goes no further: its slot back (read above, so not given back before).
  if (stay.empty()) copies_.GiveBack(copy);
}

}  // namespace cablesim::relay
