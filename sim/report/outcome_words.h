// The words of outcomes (relay/ keeps them as enums: addressing.h Outcome and Undeliverable):
// the keys of CSV and database rows, and the reasons people read.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/relay/addressing.h"

namespace cablesim {

/// "delivered", "other_means", "undeliverable", "in_flight": for CSV and database rows.
std::string_view OutcomeKey(Outcome o);
/// "no station serves its routing indicator", ...: why an addressee is undeliverable (or
/// refused under MINIMIZE); "" for kNotApplicable.
std::string_view UndeliverableReason(Undeliverable u);
/// Why an addressee is undeliverable or was sent by other means other than by ZEN; "" when
/// there is no reason to give (delivered, in flight, a ZEN/ address).
std::string_view OutcomeReason(const AddresseeRecord& a);
/// "sent by other means (ZEN)", or "... refused under MINIMIZE", for people.
std::string OtherMeansText(const AddresseeRecord& a);
/// Counts by reason, in the order of their words (as reports list them).
std::vector<std::pair<std::string_view, std::uint64_t>> ReasonsByWord(
    const std::map<Undeliverable, std::uint64_t>& counts);

}  // namespace cablesim
