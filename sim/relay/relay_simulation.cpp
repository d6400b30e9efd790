#include "sim/relay/relay_simulation.h"

#include <algorithm>
#include <cassert>
#include <map>

namespace cablesim {

std::string_view UndeliverableReason(Undeliverable u) {
  switch (u) {
    case Undeliverable::kNotApplicable:
      return "";
    case Undeliverable::kZen:
      return "ZEN: delivered by other means, not over the network";
    case Undeliverable::kUnservedRi:
      return "no station serves its routing indicator";
    case Undeliverable::kUnknownAddress:
      return "no routing indicator and no station of that name";
    case Undeliverable::kUnknownCollective:
      return "collective not defined in the network";
    case Undeliverable::kOriginUnknown:
      return "the originating station is not in the network";
  }
  return "?";
}

RelaySimulation::RelaySimulation(const Network& net, RelayOptions options)
    : net_(net), options_(std::move(options)) {
  channels_.resize(net_.channel_count());
  channel_stats_.resize(net_.channel_count());
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    auto it = options_.station_discipline.find(net_.ChannelFrom(c));
    channels_[c].discipline =
        it != options_.station_discipline.end() ? it->second : options_.discipline;
    channels_[c].queue.set_fifo(channels_[c].discipline == Discipline::kFifo);
  }
  operators_.resize(net_.station_count());
  for (StationId st = 0; st < operators_.size(); ++st) {
    auto it = options_.station_discipline.find(st);
    const Discipline d = it != options_.station_discipline.end() ? it->second : options_.discipline;
    operators_[st].waiting.set_fifo(d == Discipline::kFifo);
  }
  station_stats_.resize(net_.station_count());
  station_rng_.reserve(net_.station_count());
  for (StationId st = 0; st < net_.station_count(); ++st) {
    station_rng_.emplace_back(options_.seed, kStationStreamBase + st);
  }
  station_down_.assign(net_.station_count(), 0);
  station_up_at_.assign(net_.station_count(), SimTime());
}

std::uint32_t RelaySimulation::Intern(const std::string& s) {
  auto [it, inserted] = name_index_.try_emplace(s, static_cast<std::uint32_t>(names_.size()));
  if (inserted) names_.push_back(s);
  return it->second;
}

std::optional<std::uint32_t> RelaySimulation::FindMessage(const std::string& id) const {
  auto it = message_index_.find(id);
  if (it == message_index_.end()) return std::nullopt;
  return it->second;
}

namespace {

void Tally(const AddresseeRecord& a, RelaySimulation::Conservation* c) {
  ++c->addressed;
  switch (a.outcome) {
    case Outcome::kDelivered:
      ++c->delivered;
      break;
    case Outcome::kUndeliverable:
      ++c->undeliverable;
      break;
    case Outcome::kInFlight:
      ++c->in_flight;
      break;
  }
}

}  // namespace

RelaySimulation::Conservation RelaySimulation::Count() const {
  Conservation c;
  for (const auto& a : addressees_) Tally(a, &c);
  return c;
}

RelaySimulation::Conservation RelaySimulation::CountOf(
    const std::vector<std::uint32_t>& messages) const {
  Conservation c;
  for (std::uint32_t id : messages) {
    const MessageRecord& m = messages_[id];
    for (std::uint32_t k = 0; k < m.addressee_count; ++k)
      Tally(addressees_[m.first_addressee + k], &c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Accepting messages: resolve every addressee to the station that delivers it, expand
// collectives, and build the message's targets.

void RelaySimulation::ResolveAddressees(MessageSpec& spec, MessageRecord& m) {
  const auto msg_id = static_cast<std::uint32_t>(messages_.size());
  m.first_addressee = static_cast<std::uint32_t>(addressees_.size());

  auto station_of = [&](const std::string& ri_or_name) -> std::optional<StationId> {
    if (auto s = net_.FindStation(ri_or_name)) return s;
    return net_.FindStationByName(ri_or_name);
  };
  std::vector<StationId> exempt;
  for (const auto& x : spec.exempt) {
    if (auto s = station_of(x)) exempt.push_back(*s);
  }

  // Addressees delivered at each station (in order of first appearance), and collectives
  // expanded at a relay: (relay, member stations -> their addressees).
  std::vector<StationId> order;
  std::map<StationId, std::vector<std::uint32_t>> at_station;
  struct Deferred {
    StationId relay;
    std::vector<StationId> order;
    std::map<StationId, std::vector<std::uint32_t>> at_station;
  };
  std::vector<Deferred> deferred;

  auto add = [&](const AddresseeSpec& a, const std::string& address, std::uint32_t collective,
                 std::optional<StationId> station, Undeliverable why, Deferred* later) {
    AddresseeRecord r;
    r.message = msg_id;
    r.address = Intern(address);
    r.collective = collective;
    r.precedence = a.precedence;
    r.info = a.info;
    const auto id = static_cast<std::uint32_t>(addressees_.size());
    if (station) {
      r.station = *station;
      auto& order_list = later ? later->order : order;
      auto& map = later ? later->at_station : at_station;
      if (!map.count(*station)) order_list.push_back(*station);
      map[*station].push_back(id);
    } else {
      r.outcome = Outcome::kUndeliverable;
      r.reason = why;
    }
    addressees_.push_back(r);
  };

  for (const auto& a : spec.addressees) {
    const std::string shown = !a.address.empty() ? a.address : a.ri;
    if (a.zen) {
      add(a, shown, kNone, std::nullopt, Undeliverable::kZen, nullptr);
      continue;
    }
    if (m.origin == kNoStation) {
      add(a, shown, kNone, std::nullopt, Undeliverable::kOriginUnknown, nullptr);
      continue;
    }
    const Collective* col = nullptr;
    if (a.collective || !a.ri.empty()) {
      if (!a.ri.empty()) col = net_.FindCollective(a.ri);
      if (!col && a.collective) col = net_.FindCollective(a.address);
    }
    if (col) {
      auto members = net_.ExpandCollective(*col, exempt);
      const std::uint32_t col_name = Intern(col->name);
      Deferred* later = nullptr;
      if (col->expand_at) {
        const StationId relay = *net_.FindStation(*col->expand_at);
        auto it = std::find_if(deferred.begin(), deferred.end(),
                               [&](const Deferred& d) { return d.relay == relay; });
        if (it == deferred.end()) {
          deferred.push_back(Deferred{relay, {}, {}});
          it = deferred.end() - 1;
        }
        later = &*it;
      }
      if (members) {
        for (StationId s : *members) {
          add(a, net_.station(s).name, col_name, s, Undeliverable::kNotApplicable, later);
        }
      }
      continue;
    }
    if (!a.ri.empty()) {
      auto s = net_.ResolveRi(a.ri);
      // An addressee given only by RI is shown by the name of the station that owns it.
      const bool own = s && net_.station(*s).ri == a.ri;
      add(a, a.address.empty() && own ? net_.station(*s).name : shown, kNone,
          s ? std::optional<StationId>(*s) : std::nullopt, Undeliverable::kUnservedRi, nullptr);
      continue;
    }
    if (a.collective) {
      add(a, shown, kNone, std::nullopt, Undeliverable::kUnknownCollective, nullptr);
      continue;
    }
    add(a, shown, kNone, net_.FindStationByName(a.address), Undeliverable::kUnknownAddress,
        nullptr);
  }
  m.addressee_count = static_cast<std::uint32_t>(addressees_.size()) - m.first_addressee;
  for (std::uint32_t i = 0; i < m.addressee_count; ++i) {
    m.precedence = std::max(m.precedence, addressees_[m.first_addressee + i].precedence);
  }

  // Targets: one per station, then one per deferred expansion with its member targets.
  auto make_target = [&](StationId s, const std::vector<std::uint32_t>& ids) {
    Target t;
    t.station = s;
    t.first_addressee_slot = static_cast<std::uint32_t>(target_addressees_.size());
    t.addressee_slots = static_cast<std::uint32_t>(ids.size());
    for (auto id : ids) {
      target_addressees_.push_back(id);
      t.precedence = std::max(t.precedence, addressees_[id].precedence);
    }
    targets_.push_back(t);
    return static_cast<std::uint32_t>(targets_.size() - 1);
  };
  std::vector<std::uint32_t> root_targets;
  for (StationId s : order) root_targets.push_back(make_target(s, at_station[s]));
  for (auto& d : deferred) {
    const auto first_child = static_cast<std::uint32_t>(targets_.size());
    for (StationId s : d.order) make_target(s, d.at_station[s]);
    Target t;
    t.station = d.relay;
    t.first_child = first_child;
    t.children = static_cast<std::uint32_t>(d.order.size());
    for (std::uint32_t k = 0; k < t.children; ++k) {
      t.precedence = std::max(t.precedence, targets_[first_child + k].precedence);
    }
    targets_.push_back(t);
    root_targets.push_back(static_cast<std::uint32_t>(targets_.size() - 1));
  }
  m.root_copy = root_targets.empty() ? kNone
                                     : NewCopy(msg_id, kNone, m.origin, kNone, root_targets,
                                               TargetsPrecedence(root_targets));
}

std::uint32_t RelaySimulation::AddMessage(MessageSpec spec) {
  MessageRecord m;
  m.id = spec.id;
  // Ids are unique in a run: a second message with the same id becomes "ID#2".
  for (int k = 2; message_index_.count(m.id); ++k) m.id = spec.id + "#" + std::to_string(k);
  m.filed = spec.filed;
  m.chars = spec.chars;
  m.cable = spec.cable;
  auto origin = net_.FindStation(spec.origin_ri);
  if (!origin) origin = net_.FindStationByName(spec.origin_ri);
  if (!origin) {
    if (auto r = net_.ResolveRi(spec.origin_ri); r) origin = *r;
  }
  m.origin = origin.value_or(kNoStation);
  ResolveAddressees(spec, m);
  const auto id = static_cast<std::uint32_t>(messages_.size());
  message_index_.emplace(m.id, id);
  const bool has_copy = m.root_copy != kNone;
  const SimTime filed = std::max(m.filed, sim_.Now());
  messages_.push_back(std::move(m));
  if (has_copy) sim_.Schedule(filed, kFile, id);
  return id;
}

void RelaySimulation::AddSource(std::unique_ptr<MessageSource> source) {
  const auto id = static_cast<std::uint32_t>(sources_.size());
  source_pending_.push_back(source->Next());
  sources_.push_back(std::move(source));
  if (source_pending_.back()) {
    sim_.Schedule(std::max(source_pending_.back()->filed, sim_.Now()), kSourceNext, id);
  }
}

void RelaySimulation::AddFault(const Fault& f) {
  const auto id = static_cast<std::uint32_t>(faults_.size());
  faults_.push_back(f);
  sim_.Schedule(std::max(f.at, sim_.Now()), kFaultStart, id);
  sim_.Schedule(std::max(f.at, sim_.Now()) + f.length, kFaultEnd, id);
}

void RelaySimulation::Run(std::optional<SimTime> end) {
  auto handler = [this](const Event& e) { Dispatch(e); };
  if (end)
    sim_.RunUntil(*end, handler);
  else
    sim_.Run(handler);
  Finish();
}

void RelaySimulation::Advance(SimTime until) {
  sim_.RunUntil(until, [this](const Event& e) { Dispatch(e); });
}

bool RelaySimulation::AdvanceSome(SimTime until, std::uint64_t max_events) {
  budget_ = max_events;
  const RunEnd end = sim_.RunUntil(until, [this](const Event& e) {
    Dispatch(e);
    if (--budget_ == 0) sim_.Stop();
  });
  return end == RunEnd::kEmpty || sim_.pending() == 0;
}

void RelaySimulation::Finish() {
  // Count the transmissions still in progress as busy up to now.
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    if (channels_[c].sending != kNone) {
      channel_stats_[c].busy += sim_.Now() - copies_[channels_[c].sending].tx_start;
    }
  }
  for (StationId st = 0; st < operators_.size(); ++st) {
    for (const std::uint32_t copy : operators_[st].in_hand) {
      station_stats_[st].busy += sim_.Now() - copies_[copy].handled;
    }
  }
}

void RelaySimulation::Dispatch(const Event& e) {
  switch (e.kind) {
    case kSourceNext:
      OnSourceNext(e.a);
      break;
    case kFile:
      OnFile(e.a);
      break;
    case kArrived:
      OnArrived(e.a);
      break;
    case kProcessed:
      OnProcessed(e.a);
      break;
    case kTxEnd:
      OnTxEnd(e.a, e.b);
      break;
    case kFaultStart:
      OnFault(e.a, true);
      break;
    case kFaultEnd:
      OnFault(e.a, false);
      break;
    case kReroute:
      OnReroute(e.a, e.b);
      break;
    default:
      assert(false && "unknown event kind");
  }
}

void RelaySimulation::OnSourceNext(std::uint32_t source) {
  auto& pending = source_pending_[source];
  if (!pending) return;
  AddMessage(std::move(*pending));
  pending = sources_[source]->Next();
  if (pending) sim_.Schedule(std::max(pending->filed, sim_.Now()), kSourceNext, source);
}

// ---------------------------------------------------------------------------------------
// Stations: processing and segregation.

// A station without an operator limit handles every copy as it arrives: arrival and the
// start of processing are one moment, and only kProcessed is scheduled. A station with
// operators takes copies up in precedence order (first come first served within one, or in
// arrival order under fifo) as operators come free; processing is never interrupted.

void RelaySimulation::OnFile(std::uint32_t message) {
  const MessageRecord& m = messages_[message];
  CopyRecord& root = copies_[m.root_copy];
  root.arrived = sim_.Now();
  if (net_.station(m.origin).operators > 0) {
    OnArrived(m.root_copy);
  } else {
    root.handled = sim_.Now();
    sim_.ScheduleIn(ProcessingTime(m.origin), kProcessed, m.root_copy);
  }
}

void RelaySimulation::OnArrived(std::uint32_t copy) {
  const StationId at = ArrivalStation(copies_[copy]);
  Operators& ops = operators_[at];
  if (ops.in_hand.size() < net_.station(at).operators) {
    StartProcessing(copy, at);
    return;
  }
  ops.waiting.Push(copy, copies_[copy].precedence);
  auto& stats = station_stats_[at];
  stats.max_waiting = std::max(stats.max_waiting, ops.waiting.size());
}

void RelaySimulation::StartProcessing(std::uint32_t copy, StationId at) {
  CopyRecord& c = copies_[copy];
  operators_[at].in_hand.push_back(copy);
  c.handled = sim_.Now();
  ++station_stats_[at].processed;
  station_stats_[at].waited += c.handled - c.arrived;
  sim_.ScheduleIn(ProcessingTime(at), kProcessed, copy);
}

Duration RelaySimulation::ProcessingTime(StationId at) {
  const Station& st = net_.station(at);
  if (st.processing_law == ProcessingLaw::kFixed) return st.processing;
  return Duration::FromSecondsRounded(station_rng_[at].Exponential(st.processing.seconds()));
}

void RelaySimulation::OnProcessed(std::uint32_t copy) {
  const StationId at = ArrivalStation(copies_[copy]);
  if (station_down_[at] > 0) {
    // The station is out of service: the copy (and its operator) wait until it is back.
    sim_.Schedule(std::max(station_up_at_[at], sim_.Now()), kProcessed, copy);
    return;
  }
  const SimTime handled = copies_[copy].handled;
  Segregate(copy, at);  // may reuse the copy's slot: nothing of it is read below
  if (net_.station(at).operators == 0) return;
  Operators& ops = operators_[at];
  ops.in_hand.erase(std::find(ops.in_hand.begin(), ops.in_hand.end(), copy));
  station_stats_[at].busy += sim_.Now() - handled;
  if (auto next = ops.waiting.Pop()) StartProcessing(*next, at);
}

Precedence RelaySimulation::CopyPrecedenceFor(Precedence parent,
                                              const std::vector<std::uint32_t>& targets) const {
  return options_.copy_precedence == CopyPrecedence::kKeep ? parent : TargetsPrecedence(targets);
}

Precedence RelaySimulation::TargetsPrecedence(const std::vector<std::uint32_t>& targets) const {
  Precedence p = Precedence::kRoutine;
  for (auto t : targets) p = std::max(p, targets_[t].precedence);
  return p;
}

std::uint32_t RelaySimulation::NewCopy(std::uint32_t message, std::uint32_t parent, StationId from,
                                       ChannelId channel, const std::vector<std::uint32_t>& targets,
                                       Precedence precedence) {
  std::uint32_t id;
  if (!free_copies_.empty()) {
    id = free_copies_.back();
    free_copies_.pop_back();
    // Reset the slot, keeping the target vector's capacity and the generation counter (a
    // reroute check scheduled for the slot's previous copy must not match the new one).
    std::vector<std::uint32_t> keep_capacity = std::move(copies_[id].targets);
    const std::uint32_t generation = copies_[id].generation;
    copies_[id] = CopyRecord{};
    copies_[id].targets = std::move(keep_capacity);
    copies_[id].generation = generation;
  } else {
    id = static_cast<std::uint32_t>(copies_.size());
    copies_.emplace_back();
  }
  CopyRecord& c = copies_[id];
  c.message = message;
  c.parent = keep_copies_ ? parent : kNone;
  c.from = from;
  c.channel = channel;
  c.targets.assign(targets.begin(), targets.end());
  c.precedence = precedence;
  ++copies_made_;
  return id;
}

void RelaySimulation::Segregate(std::uint32_t copy, StationId at) {
  // Work list: the copy's targets, plus the members of collectives expanded here.
  work_.assign(copies_[copy].targets.begin(), copies_[copy].targets.end());
  outgoing_.clear();
  for (std::size_t i = 0; i < work_.size(); ++i) {
    const Target t = targets_[work_[i]];
    if (t.station != at) {
      outgoing_.emplace_back(net_.NextChannel(at, t.station), work_[i]);
      continue;
    }
    for (std::uint32_t k = 0; k < t.children; ++k) work_.push_back(t.first_child + k);
    for (std::uint32_t k = 0; k < t.addressee_slots; ++k) {
      AddresseeRecord& a = addressees_[target_addressees_[t.first_addressee_slot + k]];
      a.outcome = Outcome::kDelivered;
      a.delivered = sim_.Now();
      a.delivered_by = keep_copies_ ? copy : kNone;
      if (observer_) observer_->OnDelivered(target_addressees_[t.first_addressee_slot + k]);
    }
  }
  copies_[copy].state = CopyState::kDone;
  const std::uint32_t message = copies_[copy].message;
  const Precedence kept = copies_[copy].precedence;
  if (!keep_copies_) free_copies_.push_back(copy);
  // One copy per outgoing channel, in channel order (deterministic).
  std::stable_sort(outgoing_.begin(), outgoing_.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::uint32_t> group;
  for (std::size_t i = 0; i < outgoing_.size();) {
    const ChannelId channel = outgoing_[i].first;
    group.clear();
    for (; i < outgoing_.size() && outgoing_[i].first == channel; ++i) {
      group.push_back(outgoing_[i].second);
    }
    Enqueue(NewCopy(message, copy, at, channel, group, CopyPrecedenceFor(kept, group)));
  }
}

// ---------------------------------------------------------------------------------------
// Transmitters.

Duration RelaySimulation::FullTransmission(const CopyRecord& c) const {
  const Link& l = net_.link(net_.ChannelLink(c.channel));
  return WireTime(messages_[c.message].chars, l.rate, l.framing);
}

void RelaySimulation::Enqueue(std::uint32_t copy) {
  CopyRecord& c = copies_[copy];
  Channel& ch = channels_[c.channel];
  c.state = CopyState::kQueued;
  c.queued = sim_.Now();
  ++c.generation;
  if (options_.reroute_after) {
    sim_.ScheduleIn(*options_.reroute_after, kReroute, copy, c.generation);
  }
  if (ch.down == 0) {
    if (ch.sending == kNone) {
      StartTransmission(c.channel, copy);
      return;
    }
    if (Preempts(ch.discipline) &&
        options_.preemption.May(c.precedence, copies_[ch.sending].precedence)) {
      const ChannelId channel = c.channel;
      Interrupt(channel, /*by_outage=*/false);
      StartTransmission(channel, copy);
      return;
    }
  }
  ch.queue.Push(copy, c.precedence);
  auto& stats = channel_stats_[c.channel];
  stats.max_queue = std::max(stats.max_queue, ch.queue.size());
}

void RelaySimulation::StartTransmission(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  const Duration length = c.remaining > Duration() ? c.remaining : FullTransmission(c);
  c.state = CopyState::kSending;
  c.tx_start = sim_.Now();
  if (c.transmission_serial == 0) c.transmission_serial = ++ch.serial;
  ch.sending = copy;
  ch.tx_end = sim_.ScheduleIn(length, kTxEnd, channel, copy);
}

void RelaySimulation::Interrupt(ChannelId channel, bool by_outage) {
  Channel& ch = channels_[channel];
  const std::uint32_t victim = ch.sending;
  CopyRecord& c = copies_[victim];
  sim_.Cancel(ch.tx_end);
  const Duration sent = sim_.Now() - c.tx_start;
  channel_stats_[channel].busy += sent;
  ++channel_stats_[channel].interruptions;
  ++c.interruptions;
  if (keep_copies_) interruptions_.push_back({victim, channel, c.tx_start, sim_.Now(), by_outage});
  if (ch.discipline == Discipline::kPreemptResume && !by_outage) {
    const Duration total = c.remaining > Duration() ? c.remaining : FullTransmission(c);
    c.remaining = total - sent;
  } else {
    c.remaining = Duration();  // ACP 127 §424: sent again from the start
  }
  c.state = CopyState::kQueued;
  ch.sending = kNone;
  ch.queue.PushFront(victim, c.precedence);
}

void RelaySimulation::StartNext(ChannelId channel) {
  Channel& ch = channels_[channel];
  if (ch.down > 0 || ch.sending != kNone) return;
  if (auto next = ch.queue.Pop()) StartTransmission(channel, *next);
}

void RelaySimulation::OnTxEnd(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  assert(ch.sending == copy);
  ch.sending = kNone;
  c.tx_end = sim_.Now();
  c.remaining = Duration();
  c.state = CopyState::kProcessing;
  channel_stats_[channel].busy += sim_.Now() - c.tx_start;
  ++channel_stats_[channel].copies_sent;
  const Link& l = net_.link(net_.ChannelLink(channel));
  const StationId to = net_.ChannelTo(channel);
  // Store and forward: the far station has the whole copy after the propagation delay and
  // forwards it after its processing time (and any wait for an operator).
  c.arrived = sim_.Now() + l.propagation;
  if (net_.station(to).operators > 0) {
    sim_.ScheduleIn(l.propagation, kArrived, copy);
  } else {
    c.handled = c.arrived;
    sim_.ScheduleIn(l.propagation + ProcessingTime(to), kProcessed, copy);
  }
  if (observer_) observer_->OnTransmitted(copy);
  StartNext(channel);
}

// ---------------------------------------------------------------------------------------
// Faults and alternative routing.

void RelaySimulation::SetChannelDown(ChannelId channel, bool down) {
  Channel& ch = channels_[channel];
  if (down) {
    if (ch.down++ == 0 && ch.sending != kNone) Interrupt(channel, /*by_outage=*/true);
  } else if (--ch.down == 0) {
    StartNext(channel);
  }
}

void RelaySimulation::OnFault(std::uint32_t fault, bool start) {
  const Fault& f = faults_[fault];
  if (!f.is_station) {
    SetChannelDown(2 * f.link, start);
    SetChannelDown(2 * f.link + 1, start);
    return;
  }
  if (start) {
    ++station_down_[f.station];
    station_up_at_[f.station] = std::max(station_up_at_[f.station], sim_.Now() + f.length);
  } else {
    --station_down_[f.station];
  }
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    if (net_.ChannelFrom(c) == f.station || net_.ChannelTo(c) == f.station) {
      SetChannelDown(c, start);
    }
  }
}

void RelaySimulation::OnReroute(std::uint32_t copy, std::uint32_t generation) {
  CopyRecord& c = copies_[copy];
  if (c.generation != generation || c.state != CopyState::kQueued) return;
  // Alternative routing (ACP 127 §307-309): each target with another way out leaves by it.
  std::vector<std::uint32_t> stay;
  std::map<ChannelId, std::vector<std::uint32_t>> moved;
  for (const std::uint32_t t : c.targets) {
    auto hop = net_.AlternativeHop(c.from, targets_[t].station, c.channel);
    if (hop)
      moved[*net_.ChannelBetween(c.from, *hop)].push_back(t);
    else
      stay.push_back(t);
  }
  if (moved.empty()) return;
  const ChannelId channel = c.channel;
  const std::uint32_t message = c.message;
  const std::uint32_t parent = c.parent;
  const StationId from = c.from;
  if (stay.empty()) {
    channels_[channel].queue.Remove(copy, c.precedence);
    c.state = CopyState::kSplit;
  } else {
    c.targets = stay;
  }
  const Precedence kept = c.precedence;
  for (auto& [alt, targets] : moved) {
    Enqueue(NewCopy(message, parent, from, alt, targets, CopyPrecedenceFor(kept, targets)));
  }
}

}  // namespace cablesim
