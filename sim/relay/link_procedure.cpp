#include "sim/relay/link_procedure.h"

#include <cassert>
#include <cmath>
#include <optional>
#include <string_view>

#include "sim/relay/anatomy_clock.h"
#include "sim/relay/relay_events.h"

namespace cablesim::relay {

namespace {

// The relay (kind: relay) owning the longest prefix of `s`'s RI shorter than it (§419f(3):
// "the major relay station serving the station"), or kNoStation.
StationId MajorRelayOf(const Network& net, StationId s) {
  const std::string_view ri = net.station(s).ri;
  for (std::size_t n = ri.size(); n-- > 1;) {
    const std::optional<StationId> m = net.FindStation(ri.substr(0, n));
    if (m && *m != s && net.station(*m).kind == StationKind::kRelay) return *m;
  }
  return kNoStation;
}

}  // namespace

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
    const Link& link = net.link(net.ChannelLink(c));
    channels_[c].check_interval = link.no_traffic_check.value_or(options_.no_traffic_check);
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    major_relay_.push_back(MajorRelayOf(net, st));
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

SimTime LinkProcedure::CheckDue(const Channel& pr, SimTime seen) const {
  const std::int64_t interval = pr.check_interval.ns();
  const std::int64_t since = (seen - pr.last_received).ns();
  const std::int64_t intervals = since <= interval ? 1 : (since + interval - 1) / interval;
  return pr.last_received + pr.check_interval * intervals;
}

void LinkProcedure::Retire(std::uint32_t copy) {
  if (copies_[copy].service) --copies_alive_;
  copies_.Retire(copy);
}

bool LinkProcedure::AtTxEnd(ChannelId channel, std::uint32_t copy) {
  Channel& pr = channels_[channel];
  CopyRecord& c = copies_[copy];
  ChannelStats& stats = transmitters_.stats(channel);
  const std::uint32_t serial = ++pr.sent;
  if (c.service) RequestSent(copy);  // it has left its station, whatever becomes of it
  const Fate fate = fate_ ? fate_(channel, copy) : DrawFate(channel, c);
  const SimTime seen = sim_.Now() + transmitters_.Propagation(channel);  // the receiver has it
  if (fate != Fate::kLost) {
    if (!pr.unnoticed.empty()) {
      // A number arrives: every earlier one not received is open, and all are asked for by
      // one service message; the no-traffic check has nothing left to find.
      Unanswered& first = pr.log.at(pr.unnoticed.front());
      first.through = pr.unnoticed.back();
      first.timeout = sim_.ScheduleAt(seen, kRequestTimeout, channel, pr.unnoticed.front());
      pr.unnoticed.clear();
      sim_.Cancel(pr.check);
      pr.check = EventHandle{};
    }
    pr.last_received = seen;
  }
  if (fate != Fate::kArrived) ++(fate == Fate::kLost ? stats.lost : stats.garbled);
  if (fate == Fate::kArrived) {
    if (c.service) {
      sim_.ScheduleAt(seen, kServiceArrived, copy);
      return false;
    }
    if (c.correction) ++stats.corrections;
    return true;
  }
  if (c.service && c.about_service) {
    // A request for a service message that does not get through is not looked for by its
    // number: its sender asks again after its repeat time.
    Retire(copy);
    return false;
  }
  if (fate == Fate::kGarbled && !c.service && !c.correction &&
      c.precedence >= Precedence::kImmediate && options_.subject_to_correction) {
    // Relayed at once, subject to correction (§420a), and its correction asked for; garbled
    // again further on, it waits for the same correction, which follows it.
    if (!c.subject_to_correction) AskCorrection(channel, serial, copy, seen);
    return true;
  }
  Log(channel, serial, copy, fate, seen);
  // The attempt (and for a garbled copy its propagation) is the rerun's, as is the wait until
  // the rerun is queued.
  Charge(c, DelayPart::kRerun, fate == Fate::kLost ? sim_.Now() : seen);
  c.state = CopyState::kLost;
  return false;
}

void LinkProcedure::AskCorrection(ChannelId channel, std::uint32_t serial, std::uint32_t copy,
                                  SimTime seen) {
  copies_.MarkCorrecting(copy, false, true);
  ++corrections_made_;
  // The correction waits in the sender's log, as a copy to rerun: the same message toward
  // the same targets, relayed on as the copy it corrects.
  const CopyRecord& c = copies_[copy];
  const std::uint32_t fix =
      copies_.Make(c.message, copy, c.from, channel, {c.targets.begin(), c.targets.size()},
                   c.precedence, c.chars, sim_.Now());
  CopyRecord& f = copies_[fix];
  copies_.MarkCorrecting(fix, true, false);
  f.detour = c.detour;
  f.came_from = c.came_from;
  // Its path so far is the copy's, and the garbled attempt (with its propagation) is its
  // rerun's, as for a garbled copy discarded.
  f.so_far = c.so_far;
  f.mark = c.mark;
  Charge(f, DelayPart::kRerun, seen);
  f.state = CopyState::kLost;
  Log(channel, serial, fix, Fate::kGarbled, seen);
}

void LinkProcedure::Log(ChannelId channel, std::uint32_t serial, std::uint32_t copy, Fate fate,
                        SimTime seen) {
  Channel& pr = channels_[channel];
  const CopyRecord& c = copies_[copy];
  Unanswered u{copy, c.message, c.precedence, c.chars, 0, EventHandle{}, 0, fate == Fate::kGarbled};
  if (fate == Fate::kGarbled) {
    u.timeout = sim_.ScheduleAt(seen, kRequestTimeout, channel, serial);  // asked for on arrival
  } else {
    // Lost: if nothing follows it, the receiver's no-traffic check finds it.
    pr.unnoticed.push_back(serial);
    if (!pr.check.valid()) {
      pr.check = sim_.ScheduleAt(CheckDue(pr, seen), kNoTrafficCheck, channel);
    }
  }
  pr.log.emplace(serial, u);
}

void LinkProcedure::RequestRerun(ChannelId channel, std::uint32_t serial, Precedence precedence) {
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;  // rerun or given up already
  Unanswered& u = it->second;
  const std::uint32_t through = std::max(serial, u.through);
  if (u.requests >= options_.max_requests) {
    for (auto at = log.lower_bound(serial); at != log.end() && at->first <= through;) {
      const std::uint32_t s = (at++)->first;
      GiveUp(channel, s, Undeliverable::kRequestsUnanswered);
    }
    DropMootRequests(channel);
    return;
  }
  if (u.requests == 0) u.asked_at = precedence;
  const bool third = u.requests == 2;
  bool about_service = false;
  for (auto at = log.lower_bound(serial); at != log.end() && at->first <= through; ++at) {
    ++at->second.requests;
    about_service = about_service || copies_[at->second.copy].service;
  }
  // Its repeat time runs once it is sent (RequestSent), not while it waits at its station.
  u.waiting = SendRequest(channel, serial, through, u.asked_at, about_service, third);
}

void LinkProcedure::RequestSent(std::uint32_t svc) {
  const CopyRecord& s = copies_[svc];
  auto& log = channels_[s.asks_about].log;
  // The entry it waits for heads its range (HandOverRange may have moved it on).
  for (auto it = log.lower_bound(s.rerun_of); it != log.end() && it->first <= s.rerun_through;
       ++it) {
    Unanswered& u = it->second;
    if (u.waiting != svc) continue;
    u.waiting = kNone;
    const Duration repeat = options_.repeat_after[static_cast<std::size_t>(u.precedence)];
    u.timeout = sim_.ScheduleIn(repeat, kRequestTimeout, s.asks_about, it->first);
    return;
  }
  // None: moot, or sent before.
}

void LinkProcedure::HandOverRange(ChannelId channel, std::uint32_t serial) {
  auto& log = channels_[channel].log;
  const Unanswered& head = log.at(serial);
  if (head.through <= serial) return;
  const auto next = log.upper_bound(serial);
  if (next == log.end() || next->first > head.through) return;  // none of the range is left
  Unanswered& n = next->second;
  // A range holds only numbers lost together (any number that arrives closes it), asked for
  // by its first alone: the next has no request of its own.
  assert(!n.timeout.valid() && n.waiting == kNone && n.through == 0);
  n.through = head.through;
  n.asked_at = head.asked_at;
  n.waiting = head.waiting;
  if (head.timeout.valid()) {
    n.timeout = sim_.ScheduleAt(SimTime::Nanoseconds(head.timeout.time_ns), kRequestTimeout,
                                channel, next->first);
  }
}

std::uint32_t LinkProcedure::SendRequest(ChannelId channel, std::uint32_t serial,
                                         std::uint32_t through, Precedence precedence,
                                         bool about_service, bool third) {
  const StationId receiver = net_.ChannelTo(channel);
  const StationId sender = net_.ChannelFrom(channel);
  StationId via = kNoStation;
  if (third && options_.third_request_to_major_relay && major_relay_[sender] != kNoStation &&
      major_relay_[sender] != receiver) {
    via = major_relay_[sender];  // §419f(3): ZAR3 to the major relay, which asks the sender
  }
  const ChannelId first = net_.NextChannel(receiver, via != kNoStation ? via : sender);
  const std::uint32_t message = channels_[channel].log.at(serial).message;
  const std::uint32_t svc = copies_.Make(message, kNone, receiver, first, {}, precedence,
                                         options_.service_chars, sim_.Now());
  CopyRecord& s = copies_[svc];
  s.service = true;
  s.about_service = about_service;
  s.rerun_of = serial;
  s.rerun_through = through;
  s.asks_about = channel;
  s.service_via = via;
  s.service_to = sender;
  ++copies_alive_;
  ++transmitters_.stats(first).service_messages;
  flow_.Prepare(svc);
  return svc;
}

bool LinkProcedure::ForwardService(std::uint32_t svc, StationId here) {
  CopyRecord& s = copies_[svc];
  if (here == s.service_via) s.service_via = kNoStation;  // the major relay sends it on
  const StationId next = s.service_via != kNoStation ? s.service_via : s.service_to;
  if (here == next) return false;
  s.from = here;
  s.channel = net_.NextChannel(here, next);
  s.transmission_serial = 0;
  ++transmitters_.stats(s.channel).service_messages;
  flow_.Prepare(svc);
  return true;
}

void LinkProcedure::OnRequestTimeout(ChannelId channel, std::uint32_t serial) {
  // The first request (once the receiver knows) and each repeat of one not yet answered
  // (§419f), at the precedence the first went at: for numbers found open (§433) or a
  // garbled copy (§419), as the options say, else the traffic's own.
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;
  Unanswered& u = it->second;
  u.timeout = EventHandle{};  // it ran: no timer pending until the next one
  const std::optional<Precedence> first =
      u.garbled ? options_.garble_precedence : options_.open_precedence;
  RequestRerun(channel, serial, u.requests > 0 ? u.asked_at : first.value_or(u.precedence));
}

void LinkProcedure::OnNoTrafficCheck(ChannelId channel) {
  Channel& pr = channels_[channel];
  pr.check = EventHandle{};
  if (pr.unnoticed.empty()) return;
  // One PRIORITY service message giving the last number received (§412b): the sender reruns
  // every number after it.
  const std::uint32_t first = pr.unnoticed.front();
  pr.log.at(first).through = pr.unnoticed.back();
  pr.unnoticed.clear();
  RequestRerun(channel, first, options_.check_precedence);
}

void LinkProcedure::GiveUp(ChannelId channel, std::uint32_t serial, Undeliverable why) {
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  if (copies_[u.copy].correction) {
    // The copy it corrects went on already: its addressees keep that delivery.
    Retire(u.copy);
    ledger_.ReleaseIfDone(u.message);
    return;
  }
  bool ended = false;
  for (const std::uint32_t t : copies_[u.copy].targets) {
    ended = ledger_.Refuse(t, u.message, why) || ended;
  }
  // A copy subject to correction whose addressees a correction reached first ends nothing,
  // but may be the last thing of its message on its way.
  const bool correcting = copies_[u.copy].subject_to_correction;
  Retire(u.copy);
  if (ended || correcting) ledger_.ReleaseIfDone(u.message);
}

void LinkProcedure::DropMootRequests(ChannelId channel) {
  const ChannelId reverse = channel ^ 1U;
  Channel& pr = channels_[reverse];
  const auto& asked = channels_[channel].log;
  for (auto it = pr.log.begin(); it != pr.log.end();) {
    const std::uint32_t copy = it->second.copy;
    const bool moot =
        copies_[copy].service && copies_[copy].asks_about == channel &&
        asked.lower_bound(copies_[copy].rerun_of) == asked.upper_bound(copies_[copy].rerun_through);
    if (!moot) {
      ++it;
      continue;
    }
    const std::uint32_t serial = it->first;
    ++it;
    std::erase(pr.unnoticed, serial);
    // Its own through range may name others: they stay, and the next of them takes over
    // the range's request (its timer, or the request waiting at its station).
    HandOverRange(reverse, serial);
    GiveUp(reverse, serial, Undeliverable::kRequestsUnanswered);
  }
  if (pr.unnoticed.empty() && pr.check.valid()) {
    sim_.Cancel(pr.check);
    pr.check = EventHandle{};
  }
}

void LinkProcedure::Rerun(ChannelId channel, std::uint32_t serial) {
  auto& log = channels_[channel].log;
  const auto it = log.find(serial);
  if (it == log.end()) return;  // an earlier request was answered already
  if (copies_[it->second.copy].reruns >= options_.max_reruns) {
    GiveUp(channel, serial, Undeliverable::kRerunLimit);
    return;
  }
  const Unanswered u = it->second;
  log.erase(it);
  sim_.Cancel(u.timeout);
  ++transmitters_.stats(channel).reruns;
  CopyRecord& c = copies_[u.copy];
  ++c.reruns;
  Charge(c, DelayPart::kRerun, sim_.Now());
  c.transmission_serial = 0;  // its FL1 (--trace) takes the rerun's new number
  flow_.Prepare(u.copy);
}

void LinkProcedure::OnServiceArrived(std::uint32_t svc) {
  if (ForwardService(svc, net_.ChannelTo(copies_[svc].channel))) return;
  const ChannelId channel = copies_[svc].asks_about;
  const std::uint32_t first = copies_[svc].rerun_of;
  const std::uint32_t last = copies_[svc].rerun_through;
  Retire(svc);
  auto& log = channels_[channel].log;
  for (auto it = log.lower_bound(first); it != log.end() && it->first <= last;) {
    const std::uint32_t serial = (it++)->first;
    Rerun(channel, serial);
  }
  DropMootRequests(channel);
}

}  // namespace cablesim::relay
