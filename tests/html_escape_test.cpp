// Escaping for HTML pages and Graphviz HTML-like labels.
#include "base/html_escape.h"

#include <doctest/doctest.h>

TEST_CASE("escaping covers element text and both attribute quotes") {
  CHECK(cablesim::HtmlEscape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
  CHECK(cablesim::HtmlEscape("RUEHC 0837") == "RUEHC 0837");
}
