#include "sim/report/outcome_words.h"

#include <algorithm>

namespace cablesim {

std::string_view OutcomeKey(Outcome o) {
  switch (o) {
    case Outcome::kDelivered:
      return "delivered";
    case Outcome::kOtherMeans:
      return "other_means";
    case Outcome::kUndeliverable:
      return "undeliverable";
    case Outcome::kInFlight:
      return "in_flight";
  }
  return "?";
}

std::string_view OutcomeReason(const AddresseeRecord& a) {
  return a.reason == Undeliverable::kNotApplicable ? std::string_view()
                                                   : UndeliverableReason(a.reason);
}

std::string OtherMeansText(const AddresseeRecord& a) {
  return a.reason == Undeliverable::kMinimized ? "refused under MINIMIZE: sent by other means"
                                               : "sent by other means (ZEN)";
}

std::string_view UndeliverableReason(Undeliverable u) {
  switch (u) {
    case Undeliverable::kNotApplicable:
      return "";
    case Undeliverable::kUnservedRi:
      return "no station serves its routing indicator";
    case Undeliverable::kUnknownAddress:
      return "no routing indicator and no station of that name";
    case Undeliverable::kUnknownCollective:
      return "collective not defined in the network";
    case Undeliverable::kOriginUnknown:
      return "the originating station is not in the network";
    case Undeliverable::kNotClearedConfidential:
      return "no circuit cleared for CONFIDENTIAL leads to it";
    case Undeliverable::kNotClearedSecret:
      return "no circuit cleared for SECRET leads to it";
    case Undeliverable::kNotClearedTopSecret:
      return "no circuit cleared for TOP SECRET leads to it";
    case Undeliverable::kMinimized:
      return "refused under MINIMIZE: sent by other means";
    case Undeliverable::kRerunLimit:
      return "lost or garbled on every attempt: given up after procedure.max_reruns reruns";
    case Undeliverable::kRequestsUnanswered:
      return "lost or garbled, and procedure.max_requests requests for a rerun went unanswered";
  }
  return "?";
}

std::vector<std::pair<std::string_view, std::uint64_t>> ReasonsByWord(
    const std::map<Undeliverable, std::uint64_t>& counts) {
  std::vector<std::pair<std::string_view, std::uint64_t>> out;
  for (const auto& [reason, n] : counts) out.emplace_back(UndeliverableReason(reason), n);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace cablesim
