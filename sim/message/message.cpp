#include "sim/message/message.h"

namespace cablesim {

std::optional<FilingTime> FiledAt(const Message& m) {
  if (m.filed_julian_day == 0 || m.filed_time.size() != 4) return std::nullopt;
  const int hh = std::stoi(m.filed_time.substr(0, 2));
  const int mm = std::stoi(m.filed_time.substr(2));
  return PlaceFilingTime(m.filed_julian_day, hh, mm, m.dtg);
}

std::size_t Message::TextChars() const {
  std::size_t n = classification_line.empty() ? 0 : classification_line.size() + 1;
  for (const auto& line : text) n += line.size() + 1;
  return n;
}

std::vector<const Addressee*> Message::Recipients() const {
  std::vector<const Addressee*> out;
  out.reserve(to.size() + info.size());
  for (const auto& a : to) out.push_back(&a);
  for (const auto& a : info) out.push_back(&a);
  return out;
}

}  // namespace cablesim
