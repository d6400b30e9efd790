// Rendering DOT through graphviz's `dot` program, when it is installed.
#pragma once

#include <string>

namespace cablesim::cli {

/// Writes `dot_text` rendered as SVG to `svg_path` by running `dot -Tsvg`. Returns false and
/// sets *error (saying how to install graphviz when it is missing) on failure.
bool RenderSvg(const std::string& dot_text, const std::string& svg_path, std::string* error);

}  // namespace cablesim::cli
