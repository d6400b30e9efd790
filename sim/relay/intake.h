// Intake (internal to sim/relay): the traffic sources of a run (generators, traces), each
// pulled one message at a time as simulated time reaches its filing. It owns the sources
// and the message each has pending; the runtime files that message and asks for the next.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/relay/message_spec.h"

namespace cablesim::relay {

class Intake {
 public:
  /// Takes a source and pulls its first message; returns the source's id and when that
  /// message is due (nullopt: the source has none).
  std::pair<std::uint32_t, std::optional<SimTime>> Add(std::unique_ptr<MessageSource> source);
  /// The message source `s` has pending (precondition: it has one).
  const MessageSpec& Pending(std::uint32_t s) const { return pending_[s]; }
  bool HasPending(std::uint32_t s) const { return has_pending_[s]; }
  /// After its pending message was filed: pulls the next; returns when it is due (nullopt:
  /// the source is done).
  std::optional<SimTime> Next(std::uint32_t s);
  /// Sources with a message still to come.
  std::size_t sources_pending() const { return sources_pending_; }

 private:
  std::vector<std::unique_ptr<MessageSource>> sources_;
  std::vector<MessageSpec> pending_;  // per source: its next message...
  std::vector<bool> has_pending_;     // ...if it has one
  std::size_t sources_pending_ = 0;
};

}  // namespace cablesim::relay
