// Queue disciplines of a transmitter (one per link direction) and who may interrupt whom.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/message/precedence.h"

namespace cablesim {

enum class Discipline : std::uint8_t {
  kFifo,            ///< one queue in order of arrival; precedence ignored
  kPriority,        ///< strict, non-preemptive; first come first served within a precedence
  kPreemptRestart,  ///< a higher precedence interrupts; the victim is sent again from the start
  kPreemptResume,   ///< a higher precedence interrupts; the victim later resumes where it was
};

std::string_view DisciplineName(Discipline d);
std::optional<Discipline> ParseDiscipline(std::string_view s);
/// "unknown discipline 'prority' (did you mean 'priority'?); expected fifo, priority,
/// preempt-restart or preempt-resume".
std::string UnknownDiscipline(std::string_view word);
inline bool Preempts(Discipline d) {
  return d == Discipline::kPreemptRestart || d == Discipline::kPreemptResume;
}

/// interrupts[p][q]: a copy of precedence p may interrupt a transmission of precedence q.
struct PreemptionRules {
  std::array<std::array<bool, kPrecedenceCount>, kPrecedenceCount> interrupts{};

  /// FLASH (and EMERGENCY COMMAND) interrupt anything lower; IMMEDIATE interrupts PRIORITY
  /// and ROUTINE (ACP 127 §150-151, as configurable defaults).
  static PreemptionRules Default();
  bool May(Precedence p, Precedence q) const {
    return interrupts[static_cast<int>(p)][static_cast<int>(q)];
  }
};

/// The waiting copies of one transmitter, by precedence (or in one line under FIFO).
/// Copies are ids; the queue does not know what they are. Each precedence is a ring buffer
/// (allocated on first use, doubled when full) and a bitmask says which are non-empty, so
/// Pop finds the highest waiting precedence with one instruction.
class ChannelQueue {
 public:
  void Push(std::uint32_t copy, Precedence p);
  /// Puts an interrupted copy back at the head of its precedence: it arrived before every
  /// copy of its precedence still waiting.
  void PushFront(std::uint32_t copy, Precedence p);
  /// Removes and returns the next copy to send; nullopt when empty.
  std::optional<std::uint32_t> Pop();
  /// Removes a waiting copy (for alternative routing); false if it is not waiting here.
  bool Remove(std::uint32_t copy, Precedence p);
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// Calls fn(copy) for every copy waiting, in no particular order (for samplers: not on the
  /// hot path).
  template <class Fn>
  void ForEach(Fn&& fn) const {
    for (const Ring& r : levels_) {
      for (std::uint32_t i = 0; i < r.count; ++i) fn(r.At(i));
    }
  }
  void set_fifo(bool fifo) { fifo_ = fifo; }

 private:
  // A ring of copy ids: items [head, head + count) modulo capacity (a power of two).
  struct Ring {
    std::vector<std::uint32_t> slots;
    std::uint32_t head = 0;
    std::uint32_t count = 0;
    std::uint32_t At(std::uint32_t i) const {
      return slots[(head + i) & (static_cast<std::uint32_t>(slots.size()) - 1)];
    }
    void Grow();
  };
  int LevelOf(Precedence p) const { return fifo_ ? 0 : static_cast<int>(p); }

  // The header first: whether anything waits is read from the queue's first bytes.
  std::uint32_t non_empty_ = 0;  // bit k: levels_[k] holds copies
  std::uint32_t size_ = 0;
  bool fifo_ = false;
  std::array<Ring, kPrecedenceCount> levels_;
};

}  // namespace cablesim
