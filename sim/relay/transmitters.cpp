#include "sim/relay/transmitters.h"

#include <algorithm>
#include <cassert>

#include "sim/relay/anatomy_clock.h"
#include "sim/relay/relay_events.h"

namespace cablesim::relay {

Transmitters::Transmitters(const Network& net, const RelayOptions& options, Simulation& sim,
                           Copies& copies)
    : sim_(sim), copies_(copies), preemption_(options.preemption) {
  channels_.resize(net.channel_count());
  tx_end_.resize(net.channel_count());
  stats_.resize(net.channel_count());
  outages_.resize(net.channel_count());
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    const Link& l = net.link(net.ChannelLink(c));
    channel_to_.push_back(net.ChannelTo(c));
    channels_[c].rate = l.rate;
    channels_[c].framing = l.framing;
    channels_[c].propagation = l.propagation;
    auto it = options.station_discipline.find(net.ChannelFrom(c));
    channels_[c].discipline =
        it != options.station_discipline.end() ? it->second : options.discipline;
    channels_[c].queue.set_fifo(channels_[c].discipline == Discipline::kFifo);
  }
}

void Transmitters::Enqueue(std::uint32_t copy) {
  CopyRecord& c = copies_[copy];
  Channel& ch = channels_[c.channel];
  c.state = CopyState::kQueued;
  if (copies_.keep()) c.queued = sim_.Now();
  c.down_mark = DownSoFar(c.channel);
  if (ch.down == 0) {
    if (ch.sending == kNone) {
      StartTransmission(c.channel, copy);
      return;
    }
    if (Preempts(ch.discipline) && preemption_.May(c.precedence, copies_[ch.sending].precedence)) {
      const ChannelId channel = c.channel;
      Interrupt(channel, /*by_outage=*/false);
      StartTransmission(channel, copy);
      return;
    }
  }
  ch.queue.Push(copy, c.precedence);
  QueueGrew(c.channel);
}

void Transmitters::StartTransmission(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  const Duration length = c.remaining > Duration() ? c.remaining : FullTransmission(c);
  EndWait(c);
  c.state = CopyState::kSending;
  c.tx_start = sim_.Now();
  if (copies_.keep() && c.transmission_serial == 0) c.transmission_serial = ++ch.serial;
  ch.sending = copy;
  tx_end_[channel] = sim_.ScheduleIn(length, kTxEnd, channel, copy);
}

void Transmitters::Interrupt(ChannelId channel, bool by_outage) {
  Channel& ch = channels_[channel];
  const std::uint32_t victim = ch.sending;
  CopyRecord& c = copies_[victim];
  sim_.Cancel(tx_end_[channel]);
  const Duration sent = sim_.Now() - c.tx_start;
  stats_[channel].busy += sent;
  // What the attempt was worth: kept under preempt-resume, thrown away otherwise.
  const bool resumes = ch.discipline == Discipline::kPreemptResume && !by_outage;
  Charge(c,
         by_outage ? DelayPart::kOutage
         : resumes ? DelayPart::kTransmitting
                   : DelayPart::kPreemption,
         sim_.Now());
  c.down_mark = DownSoFar(channel);
  ++stats_[channel].interruptions;
  if (copies_.keep()) {
    ++c.interruptions;
    interruptions_.push_back({victim, channel, c.tx_start, sim_.Now(), by_outage});
  }
  if (resumes) {
    const Duration total = c.remaining > Duration() ? c.remaining : FullTransmission(c);
    c.remaining = total - sent;
  } else {
    c.remaining = Duration();  // ACP 127 §424: sent again from the start
  }
  c.state = CopyState::kQueued;
  ch.sending = kNone;
  ch.queue.PushFront(victim, c.precedence);
  QueueGrew(channel);
}

void Transmitters::QueueGrew(ChannelId channel) {
  const std::size_t size = channels_[channel].queue.size();
  ChannelStats& stats = stats_[channel];
  stats.max_queue = std::max(stats.max_queue, size);
  if (size == kBacklogThreshold + 1) stats.backlog_since = sim_.Now();
}

void Transmitters::QueueShrank(ChannelId channel) {
  if (channels_[channel].queue.size() != kBacklogThreshold) return;
  ChannelStats& stats = stats_[channel];
  stats.backlogged += sim_.Now() - stats.backlog_since;
}

Duration Transmitters::Backlogged(ChannelId c) const {
  const ChannelStats& stats = stats_[c];
  if (channels_[c].queue.size() <= kBacklogThreshold) return stats.backlogged;
  return stats.backlogged + (sim_.Now() - stats.backlog_since);
}

void Transmitters::StartNext(ChannelId channel) {
  Channel& ch = channels_[channel];
  if (ch.down > 0 || ch.sending != kNone) return;
  if (auto next = ch.queue.Pop()) {
    QueueShrank(channel);
    StartTransmission(channel, *next);
  }
}

void Transmitters::Complete(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  assert(ch.sending == copy);
  ch.sending = kNone;
  if (copies_.keep()) c.tx_end = sim_.Now();
  c.remaining = Duration();
  c.state = CopyState::kProcessing;
  stats_[channel].busy += sim_.Now() - c.tx_start;
  ++stats_[channel].copies_sent;
}

void Transmitters::SetDown(ChannelId channel, bool down) {
  Channel& ch = channels_[channel];
  Outages& outages = outages_[channel];
  if (down) {
    if (ch.down++ > 0) return;
    outages.since = sim_.Now();  // before the interruption reads DownSoFar
    if (ch.sending != kNone) Interrupt(channel, /*by_outage=*/true);
  } else if (--ch.down == 0) {
    outages.total_ns += (sim_.Now() - outages.since).ns();
    StartNext(channel);
  }
}

void Transmitters::Remove(std::uint32_t copy) {
  const CopyRecord& c = copies_[copy];
  channels_[c.channel].queue.Remove(copy, c.precedence);
  QueueShrank(c.channel);
}

std::array<std::uint32_t, kPrecedenceCount> Transmitters::QueuedByPrecedence(ChannelId c) const {
  std::array<std::uint32_t, kPrecedenceCount> n{};
  if (channels_[c].queue.empty()) return n;  // most channels at most samples
  channels_[c].queue.ForEach(
      [&](std::uint32_t copy) { ++n[static_cast<std::size_t>(copies_[copy].precedence)]; });
  return n;
}

Duration Transmitters::BusyUntil(ChannelId c, SimTime t) const {
  Duration busy = stats_[c].busy;
  if (channels_[c].sending != kNone) busy += t - copies_[channels_[c].sending].tx_start;
  return busy;
}

void Transmitters::CloseBooks() {
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    if (channels_[c].sending != kNone) {
      stats_[c].busy += sim_.Now() - copies_[channels_[c].sending].tx_start;
    }
  }
}

}  // namespace cablesim::relay
