#include "sim/relay/intake.h"

namespace cablesim::relay {

std::pair<std::uint32_t, std::optional<SimTime>> Intake::Add(
    std::unique_ptr<MessageSource> source) {
  const auto id = static_cast<std::uint32_t>(sources_.size());
  pending_.emplace_back();
  has_pending_.push_back(source->Next(&pending_.back()));
  sources_.push_back(std::move(source));
  if (!has_pending_.back()) return {id, std::nullopt};
  ++sources_pending_;
  return {id, pending_.back().filed};
}

std::optional<SimTime> Intake::Next(std::uint32_t s) {
  has_pending_[s] = sources_[s]->Next(&pending_[s]);
  if (!has_pending_[s]) {
    --sources_pending_;
    return std::nullopt;
  }
  return pending_[s].filed;
}

}  // namespace cablesim::relay
