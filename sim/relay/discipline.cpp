#include "sim/relay/discipline.h"

#include <algorithm>

#include "topology/yaml_support.h"

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

std::optional<std::uint32_t> ChannelQueue::Pop() {
  for (int level = kPrecedenceCount - 1; level >= 0; --level) {
    auto& q = levels_[static_cast<std::size_t>(level)];
    if (!q.empty()) {
      const std::uint32_t c = q.front();
      q.pop_front();
      --size_;
      return c;
    }
  }
  return std::nullopt;
}

bool ChannelQueue::Remove(std::uint32_t copy, Precedence p) {
  auto& q = levels_[fifo_ ? 0 : static_cast<int>(p)];
  auto it = std::find(q.begin(), q.end(), copy);
  if (it == q.end()) return false;
  q.erase(it);
  --size_;
  return true;
}

}  // namespace cablesim
