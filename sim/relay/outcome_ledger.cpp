#include "sim/relay/outcome_ledger.h"

#include <cassert>

namespace cablesim::relay {

void OutcomeLedger::Accept(std::uint32_t message) {
  MessageRecord& m = messages_[message];
  const std::uint32_t in_flight_before = m.in_flight;
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
  final_at_acceptance_ = m.addressee_count - (m.in_flight - in_flight_before);
}

void OutcomeLedger::TellFinalAndRelease(std::uint32_t message) {
  // Outcomes already final (sent by other means, undeliverable) are told now.
  if (listener_) {
    const MessageRecord& rec = messages_[message];
    for (std::uint32_t i = 0; i < rec.addressee_count; ++i) {
      if (addressing_.addressees()[rec.first_addressee + i].outcome != Outcome::kInFlight) {
        Final(rec.first_addressee + i, true);
      }
    }
  }
  ReleaseIfDone(message);
}

Conservation OutcomeLedger::Count() const {
  Conservation c;
  c.addressed = addressed_;
  c.delivered = delivered_;
  c.other_means = other_means_;
  c.undeliverable = undeliverable_;
  c.in_flight = addressed_ - delivered_ - other_means_ - undeliverable_;
  return c;
}

void OutcomeLedger::Final(std::uint32_t addressee, bool at_acceptance) {
  if (!listener_) return;
  const AddresseeRecord& a = addressing_.addressees()[addressee];
  listener_->OnOutcome(messages_[a.message], a, at_acceptance);
}

void OutcomeLedger::ReleaseIfDone(std::uint32_t message) {
  if (retention_ != Retention::kInFlight) return;
  if (messages_[message].in_flight > 0 || messages_[message].correcting > 0) return;
  addressing_.Release(messages_[message].records);
  messages_.Release(message, 1);
}

void OutcomeLedger::Deliver(std::uint32_t addressee, std::uint32_t copy, SimTime now) {
  AddresseeRecord& a = addressing_.addressee(addressee);
  const CopyRecord& c = copies_[copy];
  if (a.outcome != Outcome::kInFlight) {
    assert(c.correction || c.subject_to_correction);
    if (c.correction && a.subject_to_correction && a.corrected == SimTime::Max()) {
      a.corrected = now;
      ++corrected_;
    }
    return;
  }
  a.outcome = Outcome::kDelivered;
  a.delivered = now;
  a.delivered_by = copies_.keep() ? copy : kNone;
  ++delivered_;
  if (c.subject_to_correction) {
    a.subject_to_correction = true;
    ++subject_to_correction_;
  }
  MessageRecord& m = messages_[a.message];
  if (m.filed >= statistics_from_) {
    anatomy_[static_cast<std::size_t>(a.precedence)].Add(c.so_far);
  }
  --m.in_flight;
  Final(addressee, false);
}

bool OutcomeLedger::End(std::uint32_t message, std::uint32_t addressee, Outcome outcome,
                        Undeliverable why) {
  AddresseeRecord& a = addressing_.addressee(addressee);
  if (a.outcome != Outcome::kInFlight) return false;  // reached already another way
  a.outcome = outcome;
  a.reason = why;
  ++(outcome == Outcome::kOtherMeans ? other_means_ : undeliverable_);
  --messages_[message].in_flight;
  Final(addressee, false);
  return true;
}

void OutcomeLedger::EndAll(std::uint32_t message, Outcome outcome, Undeliverable why) {
  const MessageRecord& m = messages_[message];
  for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
    End(message, m.first_addressee + k, outcome, why);
  }
}

bool OutcomeLedger::Refuse(std::uint32_t t, std::uint32_t message, Undeliverable why,
                           Outcome outcome) {
  bool any = false;
  todo_.assign(1, t);
  while (!todo_.empty()) {
    const Target target = addressing_.targets()[todo_.back()];
    todo_.pop_back();
    for (std::uint32_t k = 0; k < target.children; ++k) todo_.push_back(target.first_child + k);
    if (target.addressee == kNone) continue;
    any = End(message, target.addressee, outcome, why) || any;
  }
  return any;
}

}  // namespace cablesim::relay
