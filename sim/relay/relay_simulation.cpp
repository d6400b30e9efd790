#include "sim/relay/relay_simulation.h"

#include <algorithm>
#include <cassert>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "sim/engine/simulation.h"
#include "sim/relay/anatomy_clock.h"
#include "sim/relay/copies.h"
#include "sim/relay/copy_flow.h"
#include "sim/relay/faults.h"
#include "sim/relay/intake.h"
#include "sim/relay/link_procedure.h"
#include "sim/relay/minimize_policy.h"
#include "sim/relay/outcome_ledger.h"
#include "sim/relay/relay_events.h"
#include "sim/relay/rerouting.h"
#include "sim/relay/router.h"
#include "sim/relay/segregator.h"
#include "sim/relay/shift_clock.h"
#include "sim/relay/stations.h"
#include "sim/relay/transmitters.h"

namespace cablesim {

using namespace relay;  // the parts

// The engine and the parts, in the order they are built (each takes what it needs of those
// before it). The optional parts are null when the run does not need them.
struct RelaySimulation::Parts final : CopyFlow {
  Parts(RelaySimulation& self, const Network& net, const RelayOptions& o)
      : self_(self),
        copies(o.reroute_after.has_value(), &self.messages_),
        clock(net, o.day_offset),
        ledger(self.messages_, self.addressing_, copies, o.statistics_from),
        minimize(net),
        transmitters(net, o, sim, copies),
        router(net, transmitters),
        segregator(self.addressing_, router),
        stations(net, o, sim, copies, clock),
        faults(net, sim) {
    if (o.reroute_after) {
      rerouting = std::make_unique<Rerouting>(*o.reroute_after, o.copy_precedence, net, sim, copies,
                                              transmitters, router, self.addressing_,
                                              self.messages_, *this);
    }
    bool lossy = false;
    for (LinkId l = 0; l < net.link_count(); ++l) {
      lossy = lossy || net.link(l).loss > 0 || net.link(l).garble > 0;
    }
    if (lossy) AddProcedure(net, o);
  }
  void AddProcedure(const Network& net, const RelayOptions& o) {
    procedure = std::make_unique<LinkProcedure>(net, o, sim, copies, transmitters, ledger, *this);
  }
  void Enqueue(std::uint32_t copy) override { self_.Enqueue(copy); }
  /// MINIMIZE at `at` of a copy handled there on its way (relayed): refused (by other means)
  /// or set aside until the orders holding it end (its operator free meanwhile); false when
  /// no order stops it.
  bool StopPassing(std::uint32_t copy, StationId at) {
    CopyRecord& c = copies[copy];
    const MinimizePolicy::Verdict verdict = minimize.At(c.precedence, at, sim.Now(), true);
    if (!verdict.refuse && !verdict.hold_until) return false;
    if (set_aside.insert(copy).second && stations.Staffed(at)) {
      stations.Release(copy, at, c.handled);
    }
    if (verdict.refuse) {
      set_aside.erase(copy);
      bool ended = false;
      for (const std::uint32_t t : c.targets) {
        ended =
            ledger.Refuse(t, c.message, Undeliverable::kMinimized, Outcome::kOtherMeans) || ended;
      }
      const std::uint32_t message = c.message;
      const bool correcting = c.correction || c.subject_to_correction;
      copies.Retire(copy);
      if (ended || correcting) ledger.ReleaseIfDone(message);
    } else if (*verdict.hold_until != SimTime::Max()) {
      sim.ScheduleAt(*verdict.hold_until, kProcessed, copy);  // looked at again then
    }
    return true;
  }
  void Prepare(std::uint32_t copy) override {
    CopyRecord& c = copies[copy];
    c.preparing = true;
    stations.ReceiveFiled(copy, c.from);
  }

  RelaySimulation& self_;
  Simulation sim;
  Copies copies;
  ShiftClock clock;
  OutcomeLedger ledger;
  Intake intake;
  MinimizePolicy minimize;
  Transmitters transmitters;
  Router router;
  Segregator segregator;
  Stations stations;
  Faults faults;
  std::unique_ptr<Rerouting> rerouting;
  std::unique_ptr<LinkProcedure> procedure;
  std::unordered_map<std::string, std::uint32_t> message_index;
  /// Per id given more than once: the suffix number to try next ("ID#k"). Every suffix from
  /// 2 below it is taken, and ids are never given back, so AddMessage starts there: the first
  /// free "ID#k", as counting from 2 finds it, without trying every k again.
  std::unordered_map<std::string, int> next_suffix;
  std::vector<std::uint32_t> root_targets;      // AddMessage's scratch
  std::unordered_set<std::uint32_t> set_aside;  // relayed copies MINIMIZE holds (StopPassing)
};

RelaySimulation::RelaySimulation(const Network& net, RelayOptions options)
    : net_(net),
      options_(std::move(options)),
      addressing_(net),
      parts_(std::make_unique<Parts>(*this, net_, options_)) {}

RelaySimulation::~RelaySimulation() = default;

// ---------------------------------------------------------------------------------------
// Setting up.

std::uint32_t RelaySimulation::AddMessage(const MessageSpec& spec) {
  Parts& p = *parts_;
  // Made in its place (a block's slot, reset): no record is built aside and moved in.
  const auto id = static_cast<std::uint32_t>(messages_.size());
  MessageRecord& m = messages_.Append();
  m.id = spec.id;
  // Ids are unique in a run: a second message with the same id becomes "ID#2", a third "ID#3"
  // (the first free k from 2: an id such as "ID#3" given itself is skipped).
  if (!p.message_index.empty() && p.message_index.count(m.id)) {
    const std::string base = m.id;
    int& k = p.next_suffix.try_emplace(base, 2).first->second;
    do {
      m.id = base + "#" + std::to_string(k++);
    } while (p.message_index.count(m.id));
  }
  m.filed = spec.filed;
  m.chars = spec.chars;
  m.classification = spec.classification;
  m.cable = spec.cable;
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
  m.first_addressee = addressing_.Resolve(spec, id, m.origin, &p.root_targets);
  m.records = addressing_.last();
  m.addressee_count = m.records.addressees;
  if (p.ledger.retention() == Retention::kAll) p.message_index.emplace(m.id, id);
  p.ledger.Accept(id);
  if (!p.root_targets.empty()) {
    m.root_copy =
        p.copies.Make(id, kNone, m.origin, kNone, p.root_targets,
                      TargetsPrecedence(p.root_targets, addressing_), m.chars, p.sim.Now());
    StartClock(p.copies[m.root_copy], m.filed);  // its anatomy starts at its filing
  }
  const bool has_copy = m.root_copy != kNone;
  const SimTime filed = std::max(m.filed, p.sim.Now());
  latest_filed_ = std::max(latest_filed_, filed);
  p.ledger.Accepted(id);
  if (has_copy) p.sim.ScheduleAt(filed, kFile, id);
  return id;
}

void RelaySimulation::AddSource(std::unique_ptr<MessageSource> source) {
  Parts& p = *parts_;
  const auto [id, first] = p.intake.Add(std::move(source));
  if (first) p.sim.ScheduleAt(std::max(*first, p.sim.Now()), kSourceNext, id);
}

void RelaySimulation::AddFault(const Fault& f) { parts_->faults.Add(f); }

void RelaySimulation::AddMinimize(const MinimizeOrder& order) { parts_->minimize.Add(order); }

void RelaySimulation::set_transmission_fate(std::function<Fate(ChannelId, std::uint32_t)> fate) {
  if (!parts_->procedure) parts_->AddProcedure(net_, options_);
  parts_->procedure->set_fate(std::move(fate));
}

void RelaySimulation::set_listener(RelayListener* listener, std::optional<SimTime> first_sample) {
  listener_ = listener;
  parts_->ledger.set_listener(listener);
  next_sample_ = listener && first_sample ? *first_sample : SimTime::Max();
}

void RelaySimulation::set_keep_copies(bool keep) { parts_->copies.set_keep(keep); }

void RelaySimulation::set_retention(Retention r) {
  assert(messages_.empty());
  parts_->ledger.set_retention(r);
  if (r == Retention::kInFlight) parts_->copies.set_keep(false);
}

// ---------------------------------------------------------------------------------------
// Running.

void RelaySimulation::SampleBefore(SimTime t) {
  while (next_sample_ < t) next_sample_ = listener_->OnSample(*this, next_sample_);
}

void RelaySimulation::SampleUpToNow() {
  while (next_sample_ <= now()) next_sample_ = listener_->OnSample(*this, next_sample_);
}

// Handle and Dispatch are inlined into the engine's loops below: two calls per event cost
// about 1.5% of a congested run.
[[gnu::always_inline]] inline void RelaySimulation::Handle(SimTime t, std::uint8_t kind,
                                                           std::uint32_t a, std::uint32_t b) {
  if (t > next_sample_) SampleBefore(t);
  Dispatch(kind, a, b);
}

[[gnu::always_inline]] inline void RelaySimulation::Dispatch(std::uint8_t kind, std::uint32_t a,
                                                             std::uint32_t b) {
  Parts& p = *parts_;
  switch (kind) {
    case kSourceNext:
      OnSourceNext(a);
      break;
    case kFile:
      OnFile(a);
      break;
    case kArrived:
      p.stations.Arrive(a, ArrivalStation(p.copies[a]));
      break;
    case kProcessed:
      OnProcessed(a);
      break;
    case kTxEnd:
      OnTxEnd(a, b);
      break;
    case kFaultStart:
    case kFaultEnd:
      p.faults.Apply(a, kind == kFaultStart, p.transmitters, p.stations, p.router);
      break;
    case kReroute:
      p.rerouting->OnReroute(a, b);
      break;
    case kShiftChange:
      p.stations.OnShiftChange(a);
      break;
    case kServiceArrived:
      p.procedure->OnServiceArrived(a);
      break;
    case kNoTrafficCheck:
      p.procedure->OnNoTrafficCheck(a);
      break;
    case kRequestTimeout:
      p.procedure->OnRequestTimeout(a, b);
      break;
    default:
      assert(false && "unknown event kind");
  }
}

void RelaySimulation::Run(std::optional<SimTime> end) {
  RunEvents(end.value_or(SimTime::Max()), false);
  // Run until the events run out: a message whose addressees were all final at acceptance
  // (by other means, undeliverable) has no event of its own, so the run still goes on to
  // its filing: the run's span and figures cover every message it accepted.
  if (!end && latest_filed_ > now()) Advance(latest_filed_);
  Finish();
}

bool RelaySimulation::Idle() const {
  const Parts& p = *parts_;
  return p.ledger.Count().in_flight == 0 && p.intake.sources_pending() == 0 &&
         p.copies.correcting_alive() == 0 && (!p.procedure || p.procedure->copies_alive() == 0);
}

bool RelaySimulation::RunUntilIdle(SimTime cap) {
  const bool idle = Idle() || RunEvents(cap, true);
  Finish();
  return idle;
}

void RelaySimulation::Advance(SimTime until) { RunEvents(until, false); }

bool RelaySimulation::RunEvents(SimTime end, bool until_idle) {
  Simulation& sim = parts_->sim;
  const std::uint64_t chunk = stop_check_.stop ? std::max<std::uint64_t>(1, stop_check_.every)
                                               : std::numeric_limits<std::uint64_t>::max();
  const auto clock = until_idle ? Simulation::ClockAtEnd::kLastEvent : Simulation::ClockAtEnd::kEnd;
  for (;;) {
    budget_ = chunk;
    const RunEnd ended = sim.RunUntil(
        end,
        [this, &sim, until_idle](const Event& e) {
          Handle(e.time, e.kind, e.a, e.b);
          if (--budget_ == 0 || (until_idle && Idle())) sim.Stop();
        },
        clock);
    // Stopped with a chunk's last event: the next chunk goes on from there, as if unbroken.
    if (ended != RunEnd::kStopped || (until_idle && Idle())) return ended != RunEnd::kTimeLimit;
    if (stop_check_.stop && stop_check_.stop()) throw RunStopped();
  }
}

bool RelaySimulation::AdvanceSome(SimTime until, std::uint64_t max_events) {
  budget_ = max_events;
  Simulation& sim = parts_->sim;
  const RunEnd end = sim.RunUntil(until, [this, &sim](const Event& e) {
    Handle(e.time, e.kind, e.a, e.b);
    if (--budget_ == 0) sim.Stop();
  });
  return end == RunEnd::kEmpty || sim.pending() == 0;
}

void RelaySimulation::Finish() {
  // The samples due up to the end, before the books are closed (BusyUntil reads them open).
  SampleUpToNow();
  parts_->transmitters.CloseBooks();
  parts_->stations.CloseBooks();
}

// ---------------------------------------------------------------------------------------
// A message's way: filed at its origin, handled and segregated at each station, sent on.

void RelaySimulation::OnSourceNext(std::uint32_t source) {
  Parts& p = *parts_;
  if (!p.intake.HasPending(source)) return;
  AddMessage(p.intake.Pending(source));
  if (const auto next = p.intake.Next(source)) {
    p.sim.ScheduleAt(std::max(*next, p.sim.Now()), kSourceNext, source);
  }
}

void RelaySimulation::OnFile(std::uint32_t message) {
  Parts& p = *parts_;
  MessageRecord& m = messages_[message];
  if (!p.minimize.empty()) {
    const MinimizePolicy::Verdict verdict =
        p.minimize.At(m.precedence, m.origin, p.sim.Now(), false);
    if (verdict.refuse) {
      // Refused: by other means. The root copy is never handled.
      p.copies.Retire(m.root_copy);
      p.ledger.EndAll(message, Outcome::kOtherMeans, Undeliverable::kMinimized);
      p.ledger.ReleaseIfDone(message);
      return;
    }
    if (verdict.hold_until) {
      // Held at its station until the order ends (or another holds it); an order that never
      // ends (its end past the last simulated time) holds it in flight for good.
      m.minimized = true;
      if (*verdict.hold_until != SimTime::Max()) {
        p.sim.ScheduleAt(*verdict.hold_until, kFile, message);
      }
      return;
    }
    if (m.minimized) Charge(p.copies[m.root_copy], DelayPart::kMinimized, p.sim.Now());
  }
  p.stations.ReceiveFiled(m.root_copy, m.origin);
}

void RelaySimulation::OnProcessed(std::uint32_t copy) {
  Parts& p = *parts_;
  CopyRecord& c = p.copies[copy];
  // A copy is handled where it arrived, or (a procedure's copy being made ready) where it
  // leaves from.
  const StationId at = c.channel == kNone || c.preparing ? c.from : p.transmitters.To(c.channel);
  const bool was_set_aside = !p.set_aside.empty() && p.set_aside.count(copy) > 0;
  const DelayPart part = c.preparing     ? DelayPart::kRerun
                         : was_set_aside ? DelayPart::kMinimized
                                         : DelayPart::kProcessing;
  Charge(c, c.held ? DelayPart::kOutage : part, p.sim.Now());
  c.held = p.stations.Down(at);
  if (c.held) {
    // The station is out of service: the copy (and its operator) wait until it is back.
    p.stations.HoldUntilUp(copy, at);
    return;
  }
  if (c.preparing) {
    // Ready: to its transmitter, and the operator is free.
    c.preparing = false;
    const SimTime handled = c.handled;
    Enqueue(copy);
    if (p.stations.Staffed(at)) p.stations.Release(copy, at, handled);
    return;
  }
  if (!p.minimize.empty() && c.channel != kNone && p.StopPassing(copy, at)) return;
  if (was_set_aside) p.set_aside.erase(copy);
  if (!p.stations.Staffed(at) || was_set_aside) {  // an operator set it aside already
    Segregate(copy, at);
    return;
  }
  const SimTime handled = c.handled;
  Segregate(copy, at);  // may reuse the copy's slot: nothing of it is read below
  p.stations.Release(copy, at, handled);
}

void RelaySimulation::Segregate(std::uint32_t copy, StationId at) {
  Parts& p = *parts_;
  CopyRecord& in = p.copies[copy];
  const Classification cls = messages_[in.message].classification;
  p.segregator.Plan(in, at, cls);
  // Where the copy in hand arrived from (none for a root copy), which its successors keep.
  const StationId came_from = in.channel == kNone ? kNoStation : in.from;
  if (p.segregator.SendsOnWhole() && !p.copies.keep() && !in.correction &&
      !in.subject_to_correction) {
    // Nothing ends here and nothing splits: the copy goes on as the next of its path, in its
    // own slot, as if given back and made again (Copies::PassOn). The usual hop of a relay.
    const auto [channel, targets] = p.segregator.GroupFrom(0);
    p.copies.PassOn(
        copy, at, channel,
        CopyPrecedenceFor(options_.copy_precedence, in.precedence, targets, addressing_),
        p.sim.Now());
    if (options_.reroute_after) in.came_from = came_from;
    Enqueue(copy);
    return;
  }
  // Deliveries and refusals in the order met; only they can leave the message done.
  bool ended_here = false;
  for (const Segregator::Action& a : p.segregator.actions()) {
    if (a.deliver) {
      p.ledger.Deliver(a.id, copy, p.sim.Now());
      ended_here = true;
    } else {
      ended_here = p.ledger.Refuse(a.id, in.message, NotClearedFor(cls)) || ended_here;
    }
  }
  in.state = CopyState::kDone;
  const std::uint32_t message = in.message;
  const Precedence kept = in.precedence;
  const std::int64_t chars = in.chars;
  const bool detour = in.detour;
  const bool correction = in.correction;
  const bool subject_to_correction = in.subject_to_correction;
  // From here only `in`'s anatomy is read: its slot is given back and reused by the first
  // copy made, which finds the anatomy in place; the others copy it from there. So each
  // copy is queued as soon as it is made: queuing moves a clock to now and charges it
  // nothing (the mark is now already), so the anatomy the next copy reads is still the
  // parent's. Checked in debug builds.
  const DelayAnatomy& so_far = in.so_far;
#ifndef NDEBUG
  const DelayAnatomy parents = in.so_far;
#endif
  p.copies.GiveBack(copy);
  // One copy per outgoing channel, in channel order, each queued as soon as it is made.
  for (std::size_t first = 0; first < p.segregator.sent_on();) {
    const auto [channel, targets] = p.segregator.GroupFrom(first);
    first += targets.size();
    const std::uint32_t next =
        p.copies.Make(message, copy, at, channel, targets,
                      CopyPrecedenceFor(options_.copy_precedence, kept, targets, addressing_),
                      chars, p.sim.Now(), so_far);
    CopyRecord& made = p.copies[next];
    assert(made.so_far.ns == parents.ns);
    if (options_.reroute_after) made.came_from = came_from;
    made.detour = detour;
    if (correction || subject_to_correction) {
      p.copies.MarkCorrecting(next, correction, subject_to_correction);
    }
    Enqueue(next);
  }
  if (ended_here || correction || subject_to_correction) p.ledger.ReleaseIfDone(message);
}

// Inlined into its callers (Segregate's loop above all): a call per copy made cost 0.8%
// of a congested run.
[[gnu::always_inline]] inline void RelaySimulation::Enqueue(std::uint32_t copy) {
  Parts& p = *parts_;
  if (p.rerouting) p.rerouting->Watch(copy);
  p.transmitters.Enqueue(copy);
}

void RelaySimulation::OnTxEnd(ChannelId channel, std::uint32_t copy) {
  Parts& p = *parts_;
  p.transmitters.Complete(channel, copy);
  if (p.rerouting) p.rerouting->Left(copy);
  if (p.procedure && !p.procedure->AtTxEnd(channel, copy)) {
    p.transmitters.StartNext(channel);
    return;
  }
  CopyRecord& c = p.copies[copy];
  const Duration propagation = p.transmitters.Propagation(channel);
  Charge(c, DelayPart::kTransmitting, p.sim.Now());
  ChargeAhead(c, DelayPart::kPropagation, propagation);
  p.stations.Receive(copy, p.transmitters.To(channel), propagation);
  if (listener_) listener_->OnTransmitted(c);
  p.transmitters.StartNext(channel);
}

// ---------------------------------------------------------------------------------------
// What a run shows.

SimTime RelaySimulation::now() const { return parts_->sim.Now(); }
std::uint64_t RelaySimulation::events() const { return parts_->sim.dispatched(); }
Retention RelaySimulation::retention() const { return parts_->ledger.retention(); }
const RecordStore<CopyRecord>& RelaySimulation::copies() const { return parts_->copies.store(); }
std::uint64_t RelaySimulation::copies_made() const { return parts_->copies.made(); }
const std::vector<ChannelStats>& RelaySimulation::channel_stats() const {
  return parts_->transmitters.stats();
}
Duration RelaySimulation::Backlogged(ChannelId c) const {
  return parts_->transmitters.Backlogged(c);
}
const std::vector<StationStats>& RelaySimulation::station_stats() const {
  return parts_->stations.stats();
}
const std::vector<Interruption>& RelaySimulation::interruptions() const {
  return parts_->transmitters.interruptions();
}
Conservation RelaySimulation::Count() const { return parts_->ledger.Count(); }
CorrectionCounts RelaySimulation::Corrections() const {
  CorrectionCounts c = parts_->ledger.Corrections();
  if (parts_->procedure) c.made = parts_->procedure->corrections_made();
  return c;
}
const std::array<AnatomyTally, kPrecedenceCount>& RelaySimulation::anatomy() const {
  return parts_->ledger.anatomy();
}
std::size_t RelaySimulation::QueueLength(ChannelId c) const {
  return parts_->transmitters.QueueLength(c);
}
std::array<std::uint32_t, kPrecedenceCount> RelaySimulation::QueuedByPrecedence(ChannelId c) const {
  return parts_->transmitters.QueuedByPrecedence(c);
}
Duration RelaySimulation::BusyUntil(ChannelId c, SimTime t) const {
  return parts_->transmitters.BusyUntil(c, t);
}
bool RelaySimulation::ChannelDown(ChannelId c) const { return parts_->transmitters.Down(c); }
bool RelaySimulation::StationDown(StationId st) const { return parts_->stations.Down(st); }
std::uint32_t RelaySimulation::OperatorsOnDuty(StationId st, SimTime t) const {
  return parts_->stations.OnDuty(st, t);
}
double RelaySimulation::StaffSeconds(StationId st) const {
  return parts_->clock.StaffSeconds(st, now());
}
std::size_t RelaySimulation::WaitingForOperator(StationId st) const {
  return parts_->stations.Waiting(st);
}

std::optional<std::uint32_t> RelaySimulation::FindMessage(const std::string& id) const {
  auto it = parts_->message_index.find(id);
  if (it == parts_->message_index.end()) return std::nullopt;
  return it->second;
}

}  // namespace cablesim
