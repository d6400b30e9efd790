#include "sim/relay/run_view.h"

namespace cablesim {

Conservation RunView::CountOf(const std::vector<std::uint32_t>& message_ids) const {
  Conservation c;
  for (std::uint32_t id : message_ids) {
    const MessageRecord& m = messages()[id];
    for (std::uint32_t k = 0; k < m.addressee_count; ++k) {
      const AddresseeRecord& a = addressees()[m.first_addressee + k];
      ++c.addressed;
      switch (a.outcome) {
        case Outcome::kDelivered:
          ++c.delivered;
          break;
        case Outcome::kOtherMeans:
          ++c.other_means;
          break;
        case Outcome::kUndeliverable:
          ++c.undeliverable;
          break;
        case Outcome::kInFlight:
          ++c.in_flight;
          break;
      }
    }
  }
  return c;
}

}  // namespace cablesim
