#include "sim/message/message.h"

namespace cablesim {

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
