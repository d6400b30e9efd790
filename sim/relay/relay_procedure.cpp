// The ACP 127 procedure for transmissions that do not get through (ACP 127 §412-433,
// ACP127.md §6), on links with loss or garble. Each link direction numbers its completed
// transmissions. A transmission that never arrives is found open by the receiver when a
// later number arrives, or by its no-traffic check; a garbled PRIORITY or ROUTINE copy is
// discarded on arrival; either way the receiver asks for it again by a service message on
// the reverse direction, repeated if unanswered, and the sender reruns it from its log under
// a new number. A garbled IMMEDIATE or higher goes on at once "subject to correction", and
// the correcting rerun that follows is a duplicate the receiver recognises and does not
// deliver again. Nothing is lost: a copy waiting for its rerun is in flight. The procedure is
// bounded: a copy that does not get through after max_reruns reruns, or whose rerun was asked
// for max_requests times without an answer, is given up (its addressees undeliverable with
// the reason). Every timer the procedure sets is cancelled once it is answered or moot.
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
  CopyRecord& c = copies_[copy];
  if (c.service || c.duplicate) --procedure_copies_;
  c.state = CopyState::kDone;
  if (!keep_copies_) free_copies_.push_back(copy);
}

bool RelaySimulation::ProcedureAtTxEnd(ChannelId channel, std::uint32_t copy) {
  ChannelProcedure& pr = procedure_[channel];
  CopyRecord& c = copies_[copy];
  ChannelStats& stats = channel_stats_[channel];
  const std::uint32_t serial = ++pr.sent;
  const Fate fate = fate_ ? fate_(channel, copy) : DrawFate(channel, c);
  const SimTime seen = sim_.Now() + channels_[channel].propagation;  // the receiver has it
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
                             options_.procedure.subject_to_correction;
  Unanswered u{correct_later ? kNone : copy, c.message, c.precedence, c.chars, 0, EventHandle{}};
  if (fate == Fate::kGarbled) {
    u.timeout = sim_.ScheduleAt(seen, kRequestTimeout, channel, serial);  // asked for on arrival
  } else {
    // Lost: if nothing follows it, the receiver's no-traffic check finds it.
    pr.unnoticed.push_back(serial);
    sim_.Cancel(pr.check);
    pr.check =
        sim_.ScheduleAt(seen + options_.procedure.no_traffic_check, kNoTrafficCheck, channel);
  }
  pr.log.emplace(serial, u);
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
  const auto it = log.find(serial);
  if (it == log.end()) return;  // rerun or given up already
  Unanswered& u = it->second;
  if (u.requests >= options_.procedure.max_requests) {
    GiveUp(channel, serial, Undeliverable::kRequestsUnanswered);
    return;
  }
  ++u.requests;
  const ChannelId reverse = channel ^ 1U;
  const std::uint32_t svc = NewCopy(u.message, kNone, net_.ChannelTo(channel), reverse, {},
                                    precedence, options_.procedure.service_chars);
  copies_[svc].service = true;
  copies_[svc].rerun_of = serial;
  ++procedure_copies_;
  ++channel_stats_[reverse].service_messages;
  Enqueue(svc);
  const Duration repeat = options_.procedure.repeat_after[static_cast<std::size_t>(u.precedence)];
  u.timeout = sim_.ScheduleIn(repeat, kRequestTimeout, channel, serial);
}

void RelaySimulation::OnRequestTimeout(ChannelId channel, std::uint32_t serial) {
  // The first request (once the receiver knows) and each repeat of one not yet answered
  // (§419f): IMMEDIATE service messages.
  RequestRerun(channel, serial, Precedence::kImmediate);
}

void RelaySimulation::OnNoTrafficCheck(ChannelId channel) {
  ChannelProcedure& pr = procedure_[channel];
  pr.check = EventHandle{};
  const std::vector<std::uint32_t> open = std::move(pr.unnoticed);
  pr.unnoticed.clear();
  for (const std::uint32_t serial : open) {
    RequestRerun(channel, serial, Precedence::kPriority);  // §412b: PRIORITY
  }
}

void RelaySimulation::GiveUp(ChannelId channel, std::uint32_t serial, Undeliverable why) {
  auto& log = procedure_[channel].log;
  const auto it = log.find(serial);
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  if (u.copy == kNone) return;  // a correction: the copy it corrects went on already
  bool ended = false;
  for (const std::uint32_t t : copies_[u.copy].targets) ended = Refuse(t, u.message, why) || ended;
  Retire(u.copy);
  if (ended) ReleaseIfDone(u.message);
}

void RelaySimulation::OnServiceArrived(std::uint32_t svc) {
  const ChannelId channel = copies_[svc].channel ^ 1U;  // the direction it asks about
  const std::uint32_t serial = copies_[svc].rerun_of;
  Retire(svc);
  auto& log = procedure_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;  // an earlier request was answered already
  if (it->second.copy != kNone &&
      copies_[it->second.copy].reruns >= options_.procedure.max_reruns) {
    GiveUp(channel, serial, Undeliverable::kRerunLimit);
    return;
  }
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  ++channel_stats_[channel].reruns;
  if (u.copy != kNone) {
    CopyRecord& c = copies_[u.copy];
    ++c.reruns;
    c.so_far[DelayPart::kRerun] += (sim_.Now() - c.mark).ns();
    c.mark = sim_.Now();
    c.transmission_serial = 0;  // its FL1 (--trace) takes the rerun's new number
    Enqueue(u.copy);
    return;
  }
  const std::uint32_t dup =
      NewCopy(u.message, kNone, net_.ChannelFrom(channel), channel, {}, u.precedence, u.chars);
  copies_[dup].duplicate = true;
  ++procedure_copies_;
  Enqueue(dup);
}

}  // namespace cablesim
