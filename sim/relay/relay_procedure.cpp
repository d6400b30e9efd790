// The ACP 127 procedure for transmissions that do not get through (ACP 127 §412-433,
// ACP127.md §6), on links with loss or garble. Each link direction numbers its completed
// transmissions. A transmission that never arrives is found open by the receiver when a
// later number arrives, or by its no-traffic check; a garbled PRIORITY or ROUTINE copy is
// discarded on arrival; either way the receiver asks for it again by a service message on
// the reverse direction, repeated if unanswered, and the sender reruns it from its log under
// a new number. A garbled IMMEDIATE or higher goes on at once "subject to correction", and
// the correcting rerun that follows is a duplicate the receiver recognises and does not
// deliver again. Nothing is lost: a copy waiting for its rerun is in flight.
#include <algorithm>
#include <cmath>

#include "sim/relay/relay_simulation.h"

namespace cablesim {

RelaySimulation::Fate RelaySimulation::DrawFate(ChannelId channel, const CopyRecord& c) {
  const Link& link = net_.link(net_.ChannelLink(channel));
  if (link.loss <= 0 && link.garble <= 0) return Fate::kArrived;
  RandomStream& rng = link_rng_[channel];
  const double lost = rng.Uniform01();
  const double garbled = rng.Uniform01();
  if (lost < link.loss) return Fate::kLost;
  // Each character garbled independently: the transmission is garbled unless none is.
  const double clean = std::pow(1 - link.garble, static_cast<double>(c.chars));
  return garbled < 1 - clean ? Fate::kGarbled : Fate::kArrived;
}

void RelaySimulation::Retire(std::uint32_t copy) {
  copies_[copy].state = CopyState::kDone;
  if (!keep_copies_) free_copies_.push_back(copy);
}

bool RelaySimulation::ProcedureAtTxEnd(ChannelId channel, std::uint32_t copy) {
  ChannelProcedure& pr = procedure_[channel];
  CopyRecord& c = copies_[copy];
  ChannelStats& stats = channel_stats_[channel];
  const std::uint32_t serial = ++pr.sent;
  const Fate fate = fate_ ? fate_(channel, copy) : DrawFate(channel, c);
  const SimTime seen = sim_.Now() + channels_[channel].propagation;  // the receiver has it
  if (fate != Fate::kLost) {
    // A number arrives: every earlier one not received and not yet asked for is open.
    for (Unanswered& u : pr.log) {
      if (u.requested || u.serial >= serial) continue;
      u.requested = true;
      sim_.ScheduleAt(seen, kRequestTimeout, channel, u.serial);
    }
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
                             options_.procedure.subject_to_correction;
  Unanswered u{serial, correct_later ? kNone : copy, c.message, c.precedence, c.chars, false};
  if (fate == Fate::kGarbled) {
    u.requested = true;  // asked for at once, on arrival
    sim_.ScheduleAt(seen, kRequestTimeout, channel, serial);
  } else {
    // Lost: if nothing follows it, the receiver's no-traffic check finds it.
    sim_.ScheduleAt(seen + options_.procedure.no_traffic_check, kNoTrafficCheck, channel,
                    ++pr.check_generation);
  }
  pr.log.push_back(u);
  if (correct_later) return true;  // relayed at once, subject to correction
  // The attempt (and for a garbled copy its propagation) is the rerun's, as is the wait until
  // the rerun is queued.
  const SimTime until = fate == Fate::kLost ? sim_.Now() : seen;
  c.so_far[DelayPart::kRerun] += (until - c.mark).ns();
  c.mark = until;
  c.state = CopyState::kLost;
  return false;
}

void RelaySimulation::RequestRerun(ChannelId channel, std::uint32_t serial, Precedence precedence) {
  auto& log = procedure_[channel].log;
  const auto it =
      std::find_if(log.begin(), log.end(), [&](const Unanswered& u) { return u.serial == serial; });
  if (it == log.end()) return;  // rerun already
  const ChannelId reverse = channel ^ 1U;
  const std::uint32_t svc = NewCopy(it->message, kNone, net_.ChannelTo(channel), reverse, {},
                                    precedence, options_.procedure.service_chars);
  copies_[svc].service = true;
  copies_[svc].rerun_of = serial;
  ++channel_stats_[reverse].service_messages;
  const Duration repeat = options_.procedure.repeat_after[static_cast<std::size_t>(it->precedence)];
  Enqueue(svc);
  sim_.ScheduleIn(repeat, kRequestTimeout, channel, serial);
}

void RelaySimulation::OnRequestTimeout(ChannelId channel, std::uint32_t serial) {
  // The first request (once the receiver knows) and each repeat of one not yet answered
  // (§419f): IMMEDIATE service messages.
  RequestRerun(channel, serial, Precedence::kImmediate);
}

void RelaySimulation::OnNoTrafficCheck(ChannelId channel, std::uint32_t generation) {
  ChannelProcedure& pr = procedure_[channel];
  if (generation != pr.check_generation) return;  // a later loss set a later check
  for (Unanswered& u : pr.log) {
    if (u.requested) continue;
    u.requested = true;
    RequestRerun(channel, u.serial, Precedence::kPriority);  // §412b: PRIORITY
  }
}

void RelaySimulation::OnServiceArrived(std::uint32_t svc) {
  const ChannelId channel = copies_[svc].channel ^ 1U;  // the direction it asks about
  const std::uint32_t serial = copies_[svc].rerun_of;
  Retire(svc);
  auto& log = procedure_[channel].log;
  const auto it =
      std::find_if(log.begin(), log.end(), [&](const Unanswered& u) { return u.serial == serial; });
  if (it == log.end()) return;  // an earlier request was answered already
  const Unanswered u = *it;
  log.erase(it);
  ++channel_stats_[channel].reruns;
  if (u.copy != kNone) {
    CopyRecord& c = copies_[u.copy];
    c.so_far[DelayPart::kRerun] += (sim_.Now() - c.mark).ns();
    c.mark = sim_.Now();
    c.transmission_serial = 0;  // its FL1 (--trace) takes the rerun's new number
    Enqueue(u.copy);
    return;
  }
  const std::uint32_t dup =
      NewCopy(u.message, kNone, net_.ChannelFrom(channel), channel, {}, u.precedence, u.chars);
  copies_[dup].duplicate = true;
  Enqueue(dup);
}

}  // namespace cablesim
