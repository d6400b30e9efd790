// Escaping text for HTML and XML: report pages, and Graphviz's HTML-like labels (an XML
// fragment), so a name such as "Europe & Africa" or "<b>" is shown as written.
#pragma once

#include <string>
#include <string_view>

namespace cablesim {

/// `text` with & < > " ' escaped, for element content and attribute values alike.
std::string HtmlEscape(std::string_view text);

}  // namespace cablesim
