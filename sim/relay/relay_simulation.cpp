#include "sim/relay/relay_simulation.h"

#include <algorithm>
#include <cassert>

namespace cablesim {

RelaySimulation::RelaySimulation(const Network& net, RelayOptions options)
    : net_(net), options_(std::move(options)), addressing_(net) {
  channels_.resize(net_.channel_count());
  tx_end_.resize(net_.channel_count());
  channel_stats_.resize(net_.channel_count());
  channel_outages_.resize(net_.channel_count());
  for (ChannelId c = 0; c < channels_.size(); ++c) {
    const Link& l = net_.link(net_.ChannelLink(c));
    channel_to_.push_back(net_.ChannelTo(c));
    channels_[c].rate = l.rate;
    channels_[c].framing = l.framing;
    channels_[c].propagation = l.propagation;
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
  for (StationId st = 0; st < net_.station_count(); ++st) {
    const Station& x = net_.station(st);
    station_runtime_.push_back(
        {x.processing, x.operators, x.processing_law, x.per_char, !x.shifts.empty(), {}});
  }
  station_rng_.reserve(net_.station_count());
  for (StationId st = 0; st < net_.station_count(); ++st) {
    station_rng_.emplace_back(options_.seed, kStationStreamBase + st);
  }
  station_down_.assign(net_.station_count(), 0);
  for (LinkId l = 0; l < net_.link_count(); ++l) {
    procedure_on_ = procedure_on_ || net_.link(l).loss > 0 || net_.link(l).garble > 0;
  }
  if (procedure_on_) {
    procedure_.resize(channels_.size());
    for (ChannelId c = 0; c < channels_.size(); ++c) {
      link_rng_.emplace_back(options_.seed, kChannelStreamBase + c);
    }
  }
  station_up_at_.assign(net_.station_count(), SimTime());
}

std::optional<std::uint32_t> RelaySimulation::FindMessage(const std::string& id) const {
  auto it = message_index_.find(id);
  if (it == message_index_.end()) return std::nullopt;
  return it->second;
}

namespace {

void Tally(const AddresseeRecord& a, Conservation* c) {
  ++c->addressed;
  switch (a.outcome) {
    case Outcome::kDelivered:
      ++c->delivered;
      break;
    case Outcome::kOtherMeans:
      ++c->other_means;
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

Conservation RelaySimulation::Count() const {
  Conservation c;
  c.addressed = addressed_;
  c.delivered = delivered_;
  c.other_means = other_means_;
  c.undeliverable = undeliverable_;
  c.in_flight = addressed_ - delivered_ - other_means_ - undeliverable_;
  return c;
}

void RelaySimulation::set_retention(Retention r, OutcomeSink* sink) {
  assert(messages_.empty());
  retention_ = r;
  sink_ = sink;
  if (r == Retention::kInFlight) keep_copies_ = false;
}

void RelaySimulation::OutcomeFinal(std::uint32_t message, std::uint32_t addressee) {
  if (sink_) sink_->OnOutcome(messages_[message], addressing_.addressees()[addressee]);
}

void RelaySimulation::ReleaseIfDone(std::uint32_t message) {
  if (retention_ != Retention::kInFlight || messages_[message].in_flight > 0) return;
  addressing_.Release(messages_[message].records);
  messages_.Release(message, 1);
}

Conservation RelaySimulation::CountOf(const std::vector<std::uint32_t>& messages) const {
  Conservation c;
  for (std::uint32_t id : messages) {
    const MessageRecord& m = messages_[id];
    for (std::uint32_t k = 0; k < m.addressee_count; ++k)
      Tally(addressing_.addressees()[m.first_addressee + k], &c);
  }
  return c;
}

std::uint32_t RelaySimulation::AddMessage(const MessageSpec& spec) {
  MessageRecord m;
  m.id = spec.id;
  // Ids are unique in a run: a second message with the same id becomes "ID#2".
  if (!message_index_.empty() && message_index_.count(m.id)) {
    const std::string base = m.id;
    for (int k = 2; message_index_.count(m.id); ++k) m.id = base + "#" + std::to_string(k);
  }
  m.filed = spec.filed;
  m.chars = spec.chars;
  m.classification = spec.classification;
  m.cable = spec.cable;
  const auto id = static_cast<std::uint32_t>(messages_.size());
  if (spec.origin != kNoStation) {
    m.origin = spec.origin;
  } else {
    auto origin = net_.FindStation(spec.origin_ri);
    if (!origin) origin = net_.FindStationByName(spec.origin_ri);
    if (!origin) {
      if (auto r = net_.ResolveRi(spec.origin_ri); r) origin = *r;
    }
    m.origin = origin.value_or(kNoStation);
  }
  m.first_addressee = addressing_.Resolve(spec, id, m.origin, &root_targets_);
  m.records = addressing_.last();
  m.addressee_count = m.records.addressees;
  for (std::uint32_t i = 0; i < m.addressee_count; ++i) {
    const AddresseeRecord& a = addressing_.addressees()[m.first_addressee + i];
    m.precedence = std::max(m.precedence, a.precedence);
    switch (a.outcome) {
      case Outcome::kInFlight:
        ++m.in_flight;
        break;
      case Outcome::kOtherMeans:
        ++other_means_;
        break;
      case Outcome::kUndeliverable:
        ++undeliverable_;
        break;
      case Outcome::kDelivered:
        break;
    }
  }
  addressed_ += m.addressee_count;
  m.root_copy = root_targets_.empty() ? kNone
                                      : NewCopy(id, kNone, m.origin, kNone, root_targets_,
                                                TargetsPrecedence(root_targets_), m.chars);
  if (m.root_copy != kNone) copies_[m.root_copy].mark = m.filed;  // its anatomy starts here
  if (retention_ == Retention::kAll) message_index_.emplace(m.id, id);
  const bool has_copy = m.root_copy != kNone;
  const SimTime filed = std::max(m.filed, sim_.Now());
  messages_.push_back(std::move(m));
  // Outcomes already final (sent by other means, undeliverable) are told now.
  if (sink_) {
    const MessageRecord& rec = messages_[id];
    for (std::uint32_t i = 0; i < rec.addressee_count; ++i) {
      if (addressing_.addressees()[rec.first_addressee + i].outcome != Outcome::kInFlight) {
        OutcomeFinal(id, rec.first_addressee + i);
      }
    }
  }
  ReleaseIfDone(id);
  if (has_copy) sim_.ScheduleAt(filed, kFile, id);
  return id;
}

void RelaySimulation::AddSource(std::unique_ptr<MessageSource> source) {
  const auto id = static_cast<std::uint32_t>(sources_.size());
  source_pending_.emplace_back();
  source_has_pending_.push_back(source->Next(&source_pending_.back()));
  sources_.push_back(std::move(source));
  if (source_has_pending_.back()) {
    ++sources_pending_;
    sim_.ScheduleAt(std::max(source_pending_.back().filed, sim_.Now()), kSourceNext, id);
  }
}

void RelaySimulation::AddFault(const Fault& f) {
  const auto id = static_cast<std::uint32_t>(faults_.size());
  faults_.push_back(f);
  sim_.ScheduleAt(std::max(f.at, sim_.Now()), kFaultStart, id);
  sim_.ScheduleAt(std::max(f.at, sim_.Now()) + f.length, kFaultEnd, id);
}

void RelaySimulation::AddMinimize(MinimizeOrder order) {
  Minimize m;
  if (!order.stations.empty()) {
    m.in_scope.assign(net_.station_count(), false);
    for (const StationId st : order.stations) m.in_scope[st] = true;
  }
  m.from = order.at;
  m.until = order.length.ns() > SimTime::Max().ns() - order.at.ns() ? SimTime::Max()
                                                                    : order.at + order.length;
  m.below = order.below;
  m.refuse = order.refuse;
  minimize_.push_back(std::move(m));
}

RelaySimulation::MinimizeVerdict RelaySimulation::Minimized(const MessageRecord& m) const {
  MinimizeVerdict v;
  const SimTime now = sim_.Now();
  for (const Minimize& order : minimize_) {
    if (now < order.from || now >= order.until || m.precedence >= order.below) continue;
    if (!order.in_scope.empty() && !order.in_scope[m.origin]) continue;
    if (order.refuse) return MinimizeVerdict{true, std::nullopt};
    v.hold_until = std::max(v.hold_until.value_or(order.until), order.until);
  }
  return v;
}

void RelaySimulation::RefuseAll(std::uint32_t message, Outcome outcome, Undeliverable why) {
  const MessageRecord& m = messages_[message];
  for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
    EndInFlight(message, m.first_addressee + k, outcome, why);
  }
}

bool RelaySimulation::EndInFlight(std::uint32_t message, std::uint32_t addressee, Outcome outcome,
                                  Undeliverable why) {
  AddresseeRecord& a = addressing_.addressee(addressee);
  if (a.outcome != Outcome::kInFlight) return false;  // reached already another way
  a.outcome = outcome;
  a.reason = why;
  ++(outcome == Outcome::kOtherMeans ? other_means_ : undeliverable_);
  --messages_[message].in_flight;
  if (observer_) observer_->OnRefused(addressee);
  OutcomeFinal(message, addressee);
  return true;
}

void RelaySimulation::Run(std::optional<SimTime> end) {
  if (end)
    sim_.RunUntil(*end, Handler());
  else
    sim_.Run(Handler());
  Finish();
}

bool RelaySimulation::RunUntilIdle(SimTime cap) {
  RunEnd end = RunEnd::kEmpty;
  if (!Idle()) {
    end = sim_.RunUntil(
        cap,
        [this, handler = Handler()](const Event& e) {
          handler(e);
          if (Idle()) sim_.Stop();
        },
        Simulation::ClockAtEnd::kLastEvent);
  }
  Finish();
  return end != RunEnd::kTimeLimit;
}

void RelaySimulation::Advance(SimTime until) { sim_.RunUntil(until, Handler()); }

bool RelaySimulation::AdvanceSome(SimTime until, std::uint64_t max_events) {
  budget_ = max_events;
  const RunEnd end = sim_.RunUntil(until, [this, handler = Handler()](const Event& e) {
    handler(e);
    if (--budget_ == 0) sim_.Stop();
  });
  return end == RunEnd::kEmpty || sim_.pending() == 0;
}

std::array<std::uint32_t, kPrecedenceCount> RelaySimulation::QueuedByPrecedence(ChannelId c) const {
  std::array<std::uint32_t, kPrecedenceCount> n{};
  channels_[c].queue.ForEach(
      [&](std::uint32_t copy) { ++n[static_cast<std::size_t>(copies_[copy].precedence)]; });
  return n;
}

Duration RelaySimulation::BusyUntil(ChannelId c, SimTime t) const {
  Duration busy = channel_stats_[c].busy;
  if (channels_[c].sending != kNone) busy += t - copies_[channels_[c].sending].tx_start;
  return busy;
}

void RelaySimulation::Finish() {
  // The samples due up to the end, before the books are closed (BusyUntil reads them open).
  if (sampler_ != nullptr) {
    while (next_sample_ <= sim_.Now()) next_sample_ = sampler_->Sample(*this, next_sample_);
  }
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
    case kShiftChange:
      OnShiftChange(e.a);
      break;
    case kServiceArrived:
      OnServiceArrived(e.a);
      break;
    case kNoTrafficCheck:
      OnNoTrafficCheck(e.a);
      break;
    case kRequestTimeout:
      OnRequestTimeout(e.a, e.b);
      break;
    default:
      assert(false && "unknown event kind");
  }
}

void RelaySimulation::OnSourceNext(std::uint32_t source) {
  if (!source_has_pending_[source]) return;
  MessageSpec& pending = source_pending_[source];
  AddMessage(pending);
  source_has_pending_[source] = sources_[source]->Next(&pending);
  if (!source_has_pending_[source]) --sources_pending_;
  if (source_has_pending_[source]) {
    sim_.ScheduleAt(std::max(pending.filed, sim_.Now()), kSourceNext, source);
  }
}

// ---------------------------------------------------------------------------------------
// Stations: processing and segregation.

// A station without an operator limit handles every copy as it arrives: arrival and the
// start of processing are one moment, and only kProcessed is scheduled. A station with
// operators takes copies up in precedence order (first come first served within one, or in
// arrival order under fifo) as operators come free; processing is never interrupted.

void RelaySimulation::OnFile(std::uint32_t message) {
  MessageRecord& m = messages_[message];
  CopyRecord& root = copies_[m.root_copy];
  if (!minimize_.empty()) {
    const MinimizeVerdict verdict = Minimized(m);
    if (verdict.refuse) {
      // Refused: by other means. The root copy is never handled.
      root.state = CopyState::kDone;
      if (!keep_copies_) free_copies_.push_back(m.root_copy);
      RefuseAll(message, Outcome::kOtherMeans, Undeliverable::kMinimized);
      ReleaseIfDone(message);
      return;
    }
    if (verdict.hold_until) {
      // Held at its station until the order ends (or another holds it); an order that never
      // ends (its end past the last simulated time) holds it in flight for good.
      m.minimized = true;
      if (*verdict.hold_until != SimTime::Max())
        sim_.ScheduleAt(*verdict.hold_until, kFile, message);
      return;
    }
    if (m.minimized) {
      root.so_far[DelayPart::kMinimized] += (sim_.Now() - root.mark).ns();
      root.mark = sim_.Now();
    }
  }
  if (station_runtime_[m.origin].operators > 0) {
    root.arrived = sim_.Now();
    OnArrived(m.root_copy);
  } else {
    if (keep_copies_) root.arrived = root.handled = sim_.Now();
    sim_.ScheduleIn(ProcessingTime(m.origin, m.chars), kProcessed, m.root_copy);
  }
}

void RelaySimulation::OnArrived(std::uint32_t copy) {
  const StationId at = ArrivalStation(copies_[copy]);
  Operators& ops = operators_[at];
  if (ops.waiting.empty() && ops.in_hand.size() < OperatorsOnDuty(at)) {
    StartProcessing(copy, at);
    return;
  }
  // Copies already waiting go first, by precedence: an operator who came on duty at this
  // instant (a shift change not yet heard) takes the waiting copy that ranks highest.
  ops.waiting.Push(copy, copies_[copy].precedence);
  TakeUpWaiting(at);
  auto& stats = station_stats_[at];
  stats.max_waiting = std::max(stats.max_waiting, ops.waiting.size());
  if (!ops.waiting.empty()) WatchShift(at);
}

Duration RelaySimulation::TimeOfDay(SimTime t) const {
  return Duration::Nanoseconds(((options_.day_offset + (t - SimTime())).ns()) %
                               Duration::Days(1).ns());
}

std::uint32_t RelaySimulation::OperatorsOnDuty(StationId st, SimTime t) const {
  const StationRuntime& r = station_runtime_[st];
  return r.shifts ? StaffAt(net_.station(st), TimeOfDay(t)) : r.operators;
}

double RelaySimulation::StaffSeconds(StationId st) const {
  const Station& s = net_.station(st);
  if (s.shifts.empty()) return sim_.Now().seconds() * static_cast<double>(s.operators);
  double total = 0;
  const std::int64_t day = Duration::Days(1).ns();
  std::int64_t t = 0;  // ns since the start
  const std::int64_t end = (sim_.Now() - SimTime()).ns();
  while (t < end) {
    const Duration tod = Duration::Nanoseconds((options_.day_offset.ns() + t) % day);
    const std::int64_t step = std::min(UntilNextShift(s, tod).ns(), end - t);
    total += static_cast<double>(StaffAt(s, tod)) * Duration::Nanoseconds(step).seconds();
    t += step;
  }
  return total;
}

void RelaySimulation::WatchShift(StationId at) {
  StationRuntime& r = station_runtime_[at];
  if (!r.shifts || r.shift_change.valid()) return;
  r.shift_change =
      sim_.ScheduleIn(UntilNextShift(net_.station(at), TimeOfDay(now())), kShiftChange, at);
}

void RelaySimulation::OnShiftChange(StationId at) {
  station_runtime_[at].shift_change = EventHandle{};
  TakeUpWaiting(at);
  if (!operators_[at].waiting.empty()) WatchShift(at);
}

void RelaySimulation::TakeUpWaiting(StationId at) {
  Operators& ops = operators_[at];
  while (ops.in_hand.size() < OperatorsOnDuty(at)) {
    const auto next = ops.waiting.Pop();
    if (!next) break;
    StartProcessing(*next, at);
  }
  // No copy waits: the shift change watched for them is not needed.
  EventHandle& watch = station_runtime_[at].shift_change;
  if (ops.waiting.empty() && watch.valid()) {
    sim_.Cancel(watch);
    watch = EventHandle{};
  }
}

void RelaySimulation::StartProcessing(std::uint32_t copy, StationId at) {
  CopyRecord& c = copies_[copy];
  operators_[at].in_hand.push_back(copy);
  c.so_far[DelayPart::kOperatorWait] += (sim_.Now() - c.mark).ns();
  c.mark = sim_.Now();
  c.handled = sim_.Now();
  ++station_stats_[at].processed;
  station_stats_[at].waited += c.handled - c.arrived;
  sim_.ScheduleIn(ProcessingTime(at, c.chars), kProcessed, copy);
}

Duration RelaySimulation::ProcessingTime(StationId at, std::int64_t chars) {
  const StationRuntime& st = station_runtime_[at];
  const Duration per_char = Duration::Nanoseconds(st.per_char.ns() * chars);
  if (st.law == ProcessingLaw::kFixed) return st.processing + per_char;
  return Duration::FromSecondsRounded(station_rng_[at].Exponential(st.processing.seconds())) +
         per_char;
}

void RelaySimulation::OnProcessed(std::uint32_t copy) {
  CopyRecord& c = copies_[copy];
  const StationId at = ArrivalStation(c);
  c.so_far[c.held ? DelayPart::kOutage : DelayPart::kProcessing] += (sim_.Now() - c.mark).ns();
  c.mark = sim_.Now();
  c.held = station_down_[at] > 0;
  if (c.held) {
    // The station is out of service: the copy (and its operator) wait until it is back.
    sim_.ScheduleAt(std::max(station_up_at_[at], sim_.Now()), kProcessed, copy);
    return;
  }
  if (station_runtime_[at].operators == 0) {
    Segregate(copy, at);
    return;
  }
  const SimTime handled = copies_[copy].handled;
  Segregate(copy, at);  // may reuse the copy's slot: nothing of it is read below
  Operators& ops = operators_[at];
  ops.in_hand.erase(std::find(ops.in_hand.begin(), ops.in_hand.end(), copy));
  station_stats_[at].busy += sim_.Now() - handled;
  TakeUpWaiting(at);
}

Precedence RelaySimulation::CopyPrecedenceFor(Precedence parent, TargetIds targets) const {
  return options_.copy_precedence == CopyPrecedence::kKeep ? parent : TargetsPrecedence(targets);
}

Precedence RelaySimulation::TargetsPrecedence(TargetIds targets) const {
  Precedence p = Precedence::kRoutine;
  for (auto t : targets) p = std::max(p, addressing_.targets()[t].precedence);
  return p;
}

std::uint32_t RelaySimulation::NewCopy(std::uint32_t message, std::uint32_t parent, StationId from,
                                       ChannelId channel, TargetIds targets, Precedence precedence,
                                       std::int64_t chars) {
  std::uint32_t id;
  CopyRecord* slot;
  if (!free_copies_.empty()) {
    id = free_copies_.back();
    free_copies_.pop_back();
    // Reset the first line field by field, keeping the targets' heap capacity; slots are
    // reused only when copies are not kept, so the history is not (CopyRecord), but for
    // what a run reads: came_from, and the generation counter, which goes on counting (a
    // reroute check scheduled for the slot's previous copy must not match).
    slot = &copies_[id];
    slot->detour = false;
    slot->rerouted = false;
    slot->state = CopyState::kProcessing;
    slot->tx_start = SimTime();
    slot->remaining = Duration();
    slot->held = false;
    slot->service = false;
    slot->duplicate = false;
    slot->reruns = 0;
    if (options_.reroute_after) slot->came_from = kNoStation;
  } else {
    id = static_cast<std::uint32_t>(copies_.size());
    slot = &copies_.Append();
  }
  CopyRecord& c = *slot;
  c.message = message;
  if (keep_copies_) c.parent = parent;
  c.from = from;
  c.channel = channel;
  c.targets.assign(targets.begin(), targets.end());
  c.precedence = precedence;
  c.chars = chars;
  c.so_far = DelayAnatomy{};
  c.mark = sim_.Now();
  ++copies_made_;
  return id;
}

void RelaySimulation::Deliver(std::uint32_t addressee, std::uint32_t copy) {
  AddresseeRecord& a = addressing_.addressee(addressee);
  a.outcome = Outcome::kDelivered;
  a.delivered = sim_.Now();
  a.delivered_by = keep_copies_ ? copy : kNone;
  ++delivered_;
  const MessageRecord& m = messages_[a.message];
  if (m.filed >= options_.statistics_from) {
    anatomy_[static_cast<std::size_t>(a.precedence)].Add(copies_[copy].so_far);
  }
  --messages_[a.message].in_flight;
  if (observer_) observer_->OnDelivered(addressee);
  OutcomeFinal(a.message, addressee);
}

void RelaySimulation::Segregate(std::uint32_t copy, StationId at) {
  // Each target is delivered here, expanded here (a collective: its members are visited in
  // turn, through work_) or sent on: outgoing_ collects (channel, target) for the last. No
  // copy is made before the loops end, so `in` stays valid through them.
  CopyRecord& in = copies_[copy];
  const bool detour = in.detour;
  const Classification cls = messages_[in.message].classification;
  const bool by_table = !detour && !net_.Restricts(cls);  // the routing tables' way
  bool delivered_here = false;  // only a delivery or a refusal can leave the message done
  outgoing_.clear();
  work_.clear();
  auto visit = [&](std::uint32_t index) {
    const Target& t = addressing_.targets()[index];
    if (t.station != at) {
      const ChannelId next =
          by_table ? net_.NextChannel(at, t.station) : RouteChannel(at, t.station, cls, detour);
      if (next == kNone) {
        // No cleared circuit leads on from here: its addressees are undeliverable.
        delivered_here = Refuse(index, in.message, NotClearedFor(cls)) || delivered_here;
        return;
      }
      outgoing_.emplace_back(next, index);
      return;
    }
    for (std::uint32_t k = 0; k < t.children; ++k) work_.push_back(t.first_child + k);
    if (t.addressee != kNone) {
      Deliver(t.addressee, copy);
      delivered_here = true;
    }
  };
  for (const std::uint32_t index : in.targets) visit(index);
  for (std::size_t i = 0; i < work_.size(); ++i) visit(work_[i]);

  in.state = CopyState::kDone;
  const std::uint32_t message = in.message;
  const Precedence kept = in.precedence;
  const std::int64_t chars = in.chars;
  const StationId came_from = in.channel == kNone ? kNoStation : in.from;
  const DelayAnatomy so_far = in.so_far;
  // From here `in` is not read: its slot may be given back and reused by the copies made.
  if (!keep_copies_) free_copies_.push_back(copy);

  // One copy per outgoing channel, in channel order, targets in the order met (a stable
  // sort: insertion for the usual handful, else by (channel, position) - never allocating).
  const std::size_t n = outgoing_.size();
  if (n <= 32) {
    for (std::size_t i = 1; i < n; ++i) {
      const auto item = outgoing_[i];
      std::size_t j = i;
      for (; j > 0 && outgoing_[j - 1].first > item.first; --j) outgoing_[j] = outgoing_[j - 1];
      outgoing_[j] = item;
    }
  } else {
    sort_keys_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      sort_keys_.push_back(std::uint64_t{outgoing_[i].first} << 32 | i);
    }
    std::sort(sort_keys_.begin(), sort_keys_.end());  // unique keys: a stable order
    sorted_.clear();
    for (const std::uint64_t k : sort_keys_) sorted_.push_back(outgoing_[k & 0xffffffffU]);
    outgoing_.swap(sorted_);
  }
  // The targets alone, in that order: each channel's are then one contiguous run.
  group_.resize(n);
  for (std::size_t i = 0; i < n; ++i) group_[i] = outgoing_[i].second;
  for (std::size_t i = 0; i < n;) {
    const ChannelId channel = outgoing_[i].first;
    std::size_t end = i + 1;
    while (end < n && outgoing_[end].first == channel) ++end;
    const TargetIds targets(group_.data() + i, end - i);
    const std::uint32_t next =
        NewCopy(message, copy, at, channel, targets, CopyPrecedenceFor(kept, targets), chars);
    if (options_.reroute_after) copies_[next].came_from = came_from;
    copies_[next].detour = detour;
    copies_[next].so_far = so_far;
    Enqueue(next);
    i = end;
  }
  if (delivered_here) ReleaseIfDone(message);
}

// ---------------------------------------------------------------------------------------
// Transmitters.

Duration RelaySimulation::FullTransmission(const CopyRecord& c) const {
  const Channel& ch = channels_[c.channel];
  return WireTime(c.chars, ch.rate, ch.framing);
}

void RelaySimulation::Enqueue(std::uint32_t copy) {
  CopyRecord& c = copies_[copy];
  Channel& ch = channels_[c.channel];
  c.state = CopyState::kQueued;
  if (keep_copies_) c.queued = sim_.Now();
  c.down_mark = DownSoFar(c.channel);
  if (options_.reroute_after) {
    ++c.generation;
    if (!c.rerouted) {
      if (reroute_timer_.size() <= copy) reroute_timer_.resize(copies_.size());
      reroute_timer_[copy] = sim_.ScheduleIn(*options_.reroute_after, kReroute, copy, c.generation);
    }
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
  QueueGrew(c.channel);
}

void RelaySimulation::StartTransmission(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  const Duration length = c.remaining > Duration() ? c.remaining : FullTransmission(c);
  EndWait(c);
  c.state = CopyState::kSending;
  c.tx_start = sim_.Now();
  if (keep_copies_ && c.transmission_serial == 0) c.transmission_serial = ++ch.serial;
  ch.sending = copy;
  tx_end_[channel] = sim_.ScheduleIn(length, kTxEnd, channel, copy);
}

void RelaySimulation::Interrupt(ChannelId channel, bool by_outage) {
  Channel& ch = channels_[channel];
  const std::uint32_t victim = ch.sending;
  CopyRecord& c = copies_[victim];
  sim_.Cancel(tx_end_[channel]);
  const Duration sent = sim_.Now() - c.tx_start;
  channel_stats_[channel].busy += sent;
  // What the attempt was worth: kept under preempt-resume, thrown away otherwise.
  const bool resumes = ch.discipline == Discipline::kPreemptResume && !by_outage;
  c.so_far[by_outage ? DelayPart::kOutage
           : resumes ? DelayPart::kTransmitting
                     : DelayPart::kPreemption] += sent.ns();
  c.mark = sim_.Now();
  c.down_mark = DownSoFar(channel);
  ++channel_stats_[channel].interruptions;
  if (keep_copies_) {
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

void RelaySimulation::QueueGrew(ChannelId channel) {
  const std::size_t size = channels_[channel].queue.size();
  ChannelStats& stats = channel_stats_[channel];
  stats.max_queue = std::max(stats.max_queue, size);
  if (size == kBacklogThreshold + 1) stats.backlog_since = sim_.Now();
}

void RelaySimulation::QueueShrank(ChannelId channel) {
  if (channels_[channel].queue.size() != kBacklogThreshold) return;
  ChannelStats& stats = channel_stats_[channel];
  stats.backlogged += sim_.Now() - stats.backlog_since;
}

std::int64_t RelaySimulation::DownSoFar(ChannelId channel) const {
  const ChannelOutages& o = channel_outages_[channel];
  return channels_[channel].down > 0 ? o.total_ns + (sim_.Now() - o.since).ns() : o.total_ns;
}

void RelaySimulation::EndWait(CopyRecord& c) {
  const std::int64_t waited = (sim_.Now() - c.mark).ns();
  const std::int64_t down = DownSoFar(c.channel) - c.down_mark;
  c.so_far[DelayPart::kQueued] += waited - down;
  c.so_far[DelayPart::kOutage] += down;
  c.mark = sim_.Now();
}

Duration RelaySimulation::Backlogged(ChannelId c) const {
  const ChannelStats& stats = channel_stats_[c];
  if (channels_[c].queue.size() <= kBacklogThreshold) return stats.backlogged;
  return stats.backlogged + (sim_.Now() - stats.backlog_since);
}

void RelaySimulation::StartNext(ChannelId channel) {
  Channel& ch = channels_[channel];
  if (ch.down > 0 || ch.sending != kNone) return;
  if (auto next = ch.queue.Pop()) {
    QueueShrank(channel);
    StartTransmission(channel, *next);
  }
}

void RelaySimulation::OnTxEnd(ChannelId channel, std::uint32_t copy) {
  Channel& ch = channels_[channel];
  CopyRecord& c = copies_[copy];
  assert(ch.sending == copy);
  ch.sending = kNone;
  if (keep_copies_) c.tx_end = sim_.Now();
  c.remaining = Duration();
  c.state = CopyState::kProcessing;
  channel_stats_[channel].busy += sim_.Now() - c.tx_start;
  ++channel_stats_[channel].copies_sent;
  if (options_.reroute_after && copy < reroute_timer_.size()) {
    sim_.Cancel(reroute_timer_[copy]);  // it has left this transmitter: no reroute check
    reroute_timer_[copy] = EventHandle{};
  }
  if (procedure_on_ && !ProcedureAtTxEnd(channel, copy)) {
    StartNext(channel);
    return;
  }
  c.so_far[DelayPart::kTransmitting] += (sim_.Now() - c.mark).ns();
  c.so_far[DelayPart::kPropagation] += ch.propagation.ns();
  c.mark = sim_.Now() + ch.propagation;
  const StationId to = channel_to_[channel];
  // Store and forward: the far station has the whole copy after the propagation delay and
  // forwards it after its processing time (and any wait for an operator).
  if (station_runtime_[to].operators > 0) {
    c.arrived = sim_.Now() + ch.propagation;
    sim_.ScheduleIn(ch.propagation, kArrived, copy);
  } else {
    if (keep_copies_) c.arrived = c.handled = sim_.Now() + ch.propagation;
    sim_.ScheduleIn(ch.propagation + ProcessingTime(to, c.chars), kProcessed, copy);
  }
  if (observer_) observer_->OnTransmitted(copy);
  StartNext(channel);
}

}  // namespace cablesim
