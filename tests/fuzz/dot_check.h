// An independent check of the HTML-like labels in DOT text (label=<...>), as Graphviz reads
// them: an XML fragment whose text holds no bare '&', '<' or '>' (entities instead) and whose
// elements are Graphviz's own, properly nested. Used by the fuzz properties on the DOT that a
// network's names go into (a region "Europe & Africa" once broke the overview).
#pragma once

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cablesim::fuzz {

/// True when every HTML-like label of `dot` is well-formed in the sense above.
inline bool HtmlLabelsWellFormed(std::string_view dot) {
  static const std::vector<std::string_view> kElements = {
      "table", "tr", "td", "font", "b", "i", "u", "o", "s", "sub", "sup", "br", "hr", "vr", "img"};
  for (std::size_t at = dot.find("label=<"); at != std::string_view::npos;
       at = dot.find("label=<", at)) {
    std::size_t i = at + 7;
    std::vector<std::string> open;  // elements not yet closed
    for (;;) {
      if (i >= dot.size()) return false;  // never closed
      const char c = dot[i];
      if (c == '>') {
        if (!open.empty()) return false;  // a bare '>' in text, or elements left open
        break;                            // the label's own end
      }
      if (c == '&') {
        std::size_t j = i + 1;
        if (j < dot.size() && dot[j] == '#') ++j;
        const std::size_t name = j;
        while (j < dot.size() && std::isalnum(static_cast<unsigned char>(dot[j]))) ++j;
        if (j == name || j >= dot.size() || dot[j] != ';') return false;  // a bare '&'
        i = j + 1;
        continue;
      }
      if (c != '<') {
        ++i;
        continue;
      }
      const std::size_t end = dot.find('>', i);
      if (end == std::string_view::npos) return false;
      std::string_view tag = dot.substr(i + 1, end - i - 1);
      if (tag.find('<') != std::string_view::npos) return false;
      const bool closing = !tag.empty() && tag.front() == '/';
      const bool empty_element = !tag.empty() && tag.back() == '/';
      if (closing) tag.remove_prefix(1);
      const std::string_view name = tag.substr(0, tag.find_first_of(" /"));
      std::string lower;
      for (const char k : name)
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(k)));
      bool known = false;
      for (const auto e : kElements) known = known || e == lower;
      if (!known) return false;
      if (closing) {
        if (open.empty() || open.back() != lower) return false;
        open.pop_back();
      } else if (!empty_element) {
        open.push_back(lower);
      }
      i = end + 1;
    }
    at = i;
  }
  return true;
}

}  // namespace cablesim::fuzz
