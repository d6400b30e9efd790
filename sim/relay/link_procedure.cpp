#include "sim/relay/link_procedure.h"

#include <cmath>

#include "sim/relay/anatomy_clock.h"
#include "sim/relay/relay_events.h"

namespace cablesim::relay {

LinkProcedure::LinkProcedure(const Network& net, const RelayOptions& options, Simulation& sim,
                             Copies& copies, Transmitters& transmitters, OutcomeLedger& ledger,
                             CopyFlow& flow)
    : net_(net),
      options_(options.procedure),
      sim_(sim),
      copies_(copies),
      transmitters_(transmitters),
      ledger_(ledger),
      flow_(flow),
      channels_(net.channel_count()) {
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    rng_.emplace_back(options.seed, kChannelStreamBase + c);
  }
}

LinkProcedure::Fate LinkProcedure::DrawFate(ChannelId channel, const CopyRecord& c) {
  const Link& link = net_.link(net_.ChannelLink(channel));
  if (link.loss <= 0 && link.garble <= 0) return Fate::kArrived;
  RandomStream& rng = rng_[channel];
  const double lost = rng.Uniform01();
  const double garbled = rng.Uniform01();
  if (lost < link.loss) return Fate::kLost;
  // Each character garbled independently: the transmission is garbled unless none is.
  const double clean = std::pow(1 - link.garble, static_cast<double>(c.chars));
  return garbled < 1 - clean ? Fate::kGarbled : Fate::kArrived;
}

void LinkProcedure::Retire(std::uint32_t copy) {
  const CopyRecord& c = copies_[copy];
  if (c.service || c.duplicate) --copies_alive_;
  copies_.Retire(copy);
}

bool LinkProcedure::AtTxEnd(ChannelId channel, std::uint32_t copy) {
  Channel& pr = channels_[channel];
  CopyRecord& c = copies_[copy];
  ChannelStats& stats = transmitters_.stats(channel);
  const std::uint32_t serial = ++pr.sent;
  const Fate fate = fate_ ? fate_(channel, copy) : DrawFate(channel, c);
  const SimTime seen = sim_.Now() + transmitters_.Propagation(channel);  // the receiver has it
  if (fate != Fate::kLost && !pr.unnoticed.empty()) {
    // A number arrives: every earlier one not received is open, and asked for; the
    // no-traffic check has nothing left to find.
    for (const std::uint32_t open : pr.unnoticed) {
      pr.log.at(open).timeout = sim_.ScheduleAt(seen, kRequestTimeout, channel, open);
    }
    pr.unnoticed.clear();
    sim_.Cancel(pr.check);
    pr.check = EventHandle{};
  }
  if (fate != Fate::kArrived) ++(fate == Fate::kLost ? stats.lost : stats.garbled);
  if (c.service) {
    // A request that does not get through is not rerun: its sender asks again later.
    if (fate == Fate::kArrived) {
      sim_.ScheduleAt(seen, kServiceArrived, copy);
    } else {
      Retire(copy);
    }
    return false;
  }
  if (c.duplicate) {
    if (fate != Fate::kLost) ++stats.duplicates;  // recognised (ZFD): filed, not delivered
    Retire(copy);
    return false;
  }
  if (fate == Fate::kArrived) return true;
  const bool correct_later = fate == Fate::kGarbled && c.precedence >= Precedence::kImmediate &&
                             options_.subject_to_correction;
  Unanswered u{correct_later ? kNone : copy, c.message, c.precedence, c.chars, 0, EventHandle{}};
  if (fate == Fate::kGarbled) {
    u.timeout = sim_.ScheduleAt(seen, kRequestTimeout, channel, serial);  // asked for on arrival
  } else {
    // Lost: if nothing follows it, the receiver's no-traffic check finds it.
    pr.unnoticed.push_back(serial);
    sim_.Cancel(pr.check);
    pr.check = sim_.ScheduleAt(seen + options_.no_traffic_check, kNoTrafficCheck, channel);
  }
  pr.log.emplace(serial, u);
  if (correct_later) return true;  // relayed at once, subject to correction
  // The attempt (and for a garbled copy its propagation) is the rerun's, as is the wait until
  // the rerun is queued.
  Charge(c, DelayPart::kRerun, fate == Fate::kLost ? sim_.Now() : seen);
  c.state = CopyState::kLost;
  return false;
}

void LinkProcedure::RequestRerun(ChannelId channel, std::uint32_t serial, Precedence precedence) {
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;  // rerun or given up already
  Unanswered& u = it->second;
  if (u.requests >= options_.max_requests) {
    GiveUp(channel, serial, Undeliverable::kRequestsUnanswered);
    return;
  }
  ++u.requests;
  const ChannelId reverse = channel ^ 1U;
  const std::uint32_t svc = copies_.Make(u.message, kNone, net_.ChannelTo(channel), reverse, {},
                                         precedence, options_.service_chars, sim_.Now());
  copies_[svc].service = true;
  copies_[svc].rerun_of = serial;
  ++copies_alive_;
  ++transmitters_.stats(reverse).service_messages;
  flow_.Enqueue(svc);
  const Duration repeat = options_.repeat_after[static_cast<std::size_t>(u.precedence)];
  u.timeout = sim_.ScheduleIn(repeat, kRequestTimeout, channel, serial);
}

void LinkProcedure::OnRequestTimeout(ChannelId channel, std::uint32_t serial) {
  // The first request (once the receiver knows) and each repeat of one not yet answered
  // (§419f): IMMEDIATE service messages.
  RequestRerun(channel, serial, Precedence::kImmediate);
}

void LinkProcedure::OnNoTrafficCheck(ChannelId channel) {
  Channel& pr = channels_[channel];
  pr.check = EventHandle{};
  const std::vector<std::uint32_t> open = std::move(pr.unnoticed);
  pr.unnoticed.clear();
  for (const std::uint32_t serial : open) {
    RequestRerun(channel, serial, Precedence::kPriority);  // §412b: PRIORITY
  }
}

void LinkProcedure::GiveUp(ChannelId channel, std::uint32_t serial, Undeliverable why) {
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  if (u.copy == kNone) return;  // a correction: the copy it corrects went on already
  bool ended = false;
  for (const std::uint32_t t : copies_[u.copy].targets) {
    ended = ledger_.Refuse(t, u.message, why) || ended;
  }
  Retire(u.copy);
  if (ended) ledger_.ReleaseIfDone(u.message);
}

void LinkProcedure::OnServiceArrived(std::uint32_t svc) {
  const ChannelId channel = copies_[svc].channel ^ 1U;  // the direction it asks about
  const std::uint32_t serial = copies_[svc].rerun_of;
  Retire(svc);
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;  // an earlier request was answered already
  if (it->second.copy != kNone && copies_[it->second.copy].reruns >= options_.max_reruns) {
    GiveUp(channel, serial, Undeliverable::kRerunLimit);
    return;
  }
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  ++transmitters_.stats(channel).reruns;
  if (u.copy != kNone) {
    CopyRecord& c = copies_[u.copy];
    ++c.reruns;
    Charge(c, DelayPart::kRerun, sim_.Now());
    c.transmission_serial = 0;  // its FL1 (--trace) takes the rerun's new number
    flow_.Enqueue(u.copy);
    return;
  }
  const std::uint32_t dup = copies_.Make(u.message, kNone, net_.ChannelFrom(channel), channel, {},
                                         u.precedence, u.chars, sim_.Now());
  copies_[dup].duplicate = true;
  ++copies_alive_;
  flow_.Enqueue(dup);
}

}  // namespace cablesim::relay
