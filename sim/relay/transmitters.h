// Transmitters (internal to sim/relay): one per link direction (channel), each with its
// queue discipline, preemption, outages and its figures. A copy handed to Enqueue is sent
// at once, interrupts a lower precedence where the discipline allows, or waits in the
// channel's queue; a transmission's end is an event of its own (relay_events.h kTxEnd),
// which the runtime hands back to Complete, then StartNext.
//
// Owns: the channels' state, the handle of each transmission in progress (cancelled when it
// is interrupted), every channel's ChannelStats, outage time and the interruptions made.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/engine/simulation.h"
#include "sim/relay/anatomy_clock.h"
#include "sim/relay/copies.h"
#include "sim/relay/discipline.h"
#include "sim/relay/records.h"
#include "sim/relay/relay_options.h"
#include "topology/network.h"

namespace cablesim::relay {

class Transmitters {
 public:
  Transmitters(const Network& net, const RelayOptions& options, Simulation& sim, Copies& copies);

  /// Joins the copy (its channel set) to its transmitter: sent now if the channel is free
  /// and working, or after interrupting a lower precedence that the discipline and the
  /// preemption rules let it interrupt, else queued.
  void Enqueue(std::uint32_t copy);
  /// The transmission of `copy` on `channel` ended now: booked, and the channel is free
  /// (the caller decides what became of the copy, then calls StartNext).
  void Complete(ChannelId channel, std::uint32_t copy);
  /// Starts the next waiting copy if the channel is free and working.
  void StartNext(ChannelId channel);
  /// One more (down) or one less outage in force on the channel; a transmission cut by one
  /// waits to be sent again from the start.
  void SetDown(ChannelId channel, bool down);
  /// Takes a waiting copy out of its channel's queue (it left by another way).
  void Remove(std::uint32_t copy);
  /// Books the wait of a queued copy so far (anatomy: queued, but outage for the time its
  /// channel was out of service meanwhile) and goes on counting it from now.
  void RestartWait(CopyRecord& c) {
    EndWait(c);
    c.down_mark = DownSoFar(c.channel);
  }

  bool Down(ChannelId c) const { return channels_[c].down > 0; }
  StationId To(ChannelId c) const { return channel_to_[c]; }
  Duration Propagation(ChannelId c) const { return channels_[c].propagation; }
  std::size_t QueueLength(ChannelId c) const { return channels_[c].queue.size(); }
  /// Copies waiting (not the one sending), by precedence.
  std::array<std::uint32_t, kPrecedenceCount> QueuedByPrecedence(ChannelId c) const;
  /// Time spent sending from the start up to t (no earlier than the last event), the
  /// attempt in progress included.
  Duration BusyUntil(ChannelId c, SimTime t) const;
  /// Time with more than kBacklogThreshold copies waiting, up to now.
  Duration Backlogged(ChannelId c) const;
  const std::vector<ChannelStats>& stats() const { return stats_; }
  /// The channel's figures, for the link procedure's counts.
  ChannelStats& stats(ChannelId c) { return stats_[c]; }
  const std::vector<Interruption>& interruptions() const { return interruptions_; }
  /// Counts the transmissions in progress as busy up to now (once, at the end).
  void CloseBooks();

 private:
  // One transmitter. What a transmission's start and end touch, the queue's header
  // included, is in the first 64-byte line; the queue's rings follow. The handle that
  // cancels its transmission's end is in tx_end_, 16 bytes a channel, not in a fourth line.
  struct alignas(64) Channel {
    std::uint32_t sending = kNone;
    int down = 0;  // outages in force (link and station faults can overlap)
    std::uint32_t serial = 0;
    Discipline discipline = Discipline::kPriority;
    // The link's figures for this direction, copied here so that an event touches one record.
    Framing framing = Framing::kAsyncAscii;
    std::int64_t rate = 0;
    Duration propagation;
    ChannelQueue queue;  // its header (ChannelQueue's first 12 bytes) ends the first line
  };
  static_assert(offsetof(Channel, queue) <= 48);
  // Per channel: outage time before the one in progress, and when that one began.
  struct Outages {
    std::int64_t total_ns = 0;
    SimTime since;
  };

  void StartTransmission(ChannelId channel, std::uint32_t copy);
  void Interrupt(ChannelId channel, bool by_outage);
  // Called after a copy joined or left the channel's queue: keep max_queue and backlogged.
  void QueueGrew(ChannelId channel);
  void QueueShrank(ChannelId channel);
  /// Ends the wait of a copy at its transmitter now (anatomy: queued, but outage for the
  /// time its channel was out of service meanwhile). Inline: once per transmission.
  void EndWait(CopyRecord& c) { ChargeWait(c, sim_.Now(), DownSoFar(c.channel) - c.down_mark); }
  /// Nanoseconds the channel has been out of service since the start, up to now (inline:
  /// read twice per transmission).
  std::int64_t DownSoFar(ChannelId channel) const {
    const Outages& o = outages_[channel];
    return channels_[channel].down > 0 ? o.total_ns + (sim_.Now() - o.since).ns() : o.total_ns;
  }
  /// The whole of copy c's transmission on its channel (inline: once per transmission).
  Duration FullTransmission(const CopyRecord& c) const {
    const Channel& ch = channels_[c.channel];
    return WireTime(c.chars, ch.rate, ch.framing);
  }

  Simulation& sim_;
  Copies& copies_;
  const PreemptionRules preemption_;
  std::vector<Channel> channels_;
  std::vector<StationId> channel_to_;  // Network::ChannelTo in a compact table, read per event
  std::vector<EventHandle> tx_end_;    // per channel: the end of its transmission in progress
  std::vector<ChannelStats> stats_;
  std::vector<Outages> outages_;
  std::vector<Interruption> interruptions_;
};

}  // namespace cablesim::relay
