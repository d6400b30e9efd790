#include "sim/relay/discipline.h"

#include <algorithm>

#include "base/did_you_mean.h"

namespace cablesim {

std::string_view DisciplineName(Discipline d) {
  switch (d) {
    case Discipline::kFifo:
      return "fifo";
    case Discipline::kPriority:
      return "priority";
    case Discipline::kPreemptRestart:
      return "preempt-restart";
    case Discipline::kPreemptResume:
      return "preempt-resume";
  }
  return "?";
}

std::string UnknownDiscipline(std::string_view word) {
  const std::string guess =
      DidYouMean(std::string(word), {"fifo", "priority", "preempt-restart", "preempt-resume"});
  return "unknown discipline '" + std::string(word) + "'" +
         (guess.empty() ? "" : " (did you mean '" + guess + "'?)") +
         "; expected fifo, priority, preempt-restart or preempt-resume";
}

std::optional<Discipline> ParseDiscipline(std::string_view s) {
  for (auto d : {Discipline::kFifo, Discipline::kPriority, Discipline::kPreemptRestart,
                 Discipline::kPreemptResume}) {
    if (s == DisciplineName(d)) return d;
  }
  return std::nullopt;
}

PreemptionRules PreemptionRules::Default() {
  PreemptionRules r;
  auto set = [&](Precedence p, Precedence q) {
    r.interrupts[static_cast<int>(p)][static_cast<int>(q)] = true;
  };
  for (auto q :
       {Precedence::kRoutine, Precedence::kPriority, Precedence::kImmediate, Precedence::kFlash}) {
    set(Precedence::kEmergencyCommand, q);
  }
  for (auto q : {Precedence::kRoutine, Precedence::kPriority, Precedence::kImmediate}) {
    set(Precedence::kFlash, q);
  }
  set(Precedence::kImmediate, Precedence::kPriority);
  set(Precedence::kImmediate, Precedence::kRoutine);
  return r;
}

void ChannelQueue::Ring::Grow() {
  std::vector<std::uint32_t> bigger(slots.empty() ? 8 : slots.size() * 2);
  for (std::uint32_t i = 0; i < count; ++i) bigger[i] = At(i);
  slots = std::move(bigger);
  head = 0;
}

void ChannelQueue::Push(std::uint32_t copy, Precedence p) {
  const int level = LevelOf(p);
  Ring& r = levels_[static_cast<std::size_t>(level)];
  if (r.count == r.slots.size()) r.Grow();
  r.slots[(r.head + r.count) & (static_cast<std::uint32_t>(r.slots.size()) - 1)] = copy;
  ++r.count;
  non_empty_ |= 1U << level;
  ++size_;
}

void ChannelQueue::PushFront(std::uint32_t copy, Precedence p) {
  const int level = LevelOf(p);
  Ring& r = levels_[static_cast<std::size_t>(level)];
  if (r.count == r.slots.size()) r.Grow();
  r.head = (r.head - 1) & (static_cast<std::uint32_t>(r.slots.size()) - 1);
  r.slots[r.head] = copy;
  ++r.count;
  non_empty_ |= 1U << level;
  ++size_;
}

std::optional<std::uint32_t> ChannelQueue::Pop() {
  if (non_empty_ == 0) return std::nullopt;
  const int level = 31 - __builtin_clz(non_empty_);  // the highest precedence waiting
  Ring& r = levels_[static_cast<std::size_t>(level)];
  const std::uint32_t c = r.slots[r.head];
  r.head = (r.head + 1) & (static_cast<std::uint32_t>(r.slots.size()) - 1);
  if (--r.count == 0) non_empty_ &= ~(1U << level);
  --size_;
  return c;
}

bool ChannelQueue::Remove(std::uint32_t copy, Precedence p) {
  const int level = LevelOf(p);
  Ring& r = levels_[static_cast<std::size_t>(level)];
  for (std::uint32_t i = 0; i < r.count; ++i) {
    if (r.At(i) != copy) continue;
    // Close the gap: the ones after it move one place toward the head.
    const auto mask = static_cast<std::uint32_t>(r.slots.size()) - 1;
    for (std::uint32_t j = i; j + 1 < r.count; ++j) {
      r.slots[(r.head + j) & mask] = r.slots[(r.head + j + 1) & mask];
    }
    if (--r.count == 0) non_empty_ &= ~(1U << level);
    --size_;
    return true;
  }
  return false;
}

}  // namespace cablesim
