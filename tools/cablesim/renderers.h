// Drawing through external programs: graphviz's `dot` for networks and routes, gnuplot for
// plots. Each is looked for first, so a missing one is a clear error saying how to install
// it, and its output file is checked after it ran.
#pragma once

#include <functional>
#include <string>

namespace cablesim::cli {

/// Writes `dot_text` rendered as SVG to `svg_path` by running `dot -Tsvg`. Returns false and
/// sets *error (saying how to install graphviz when it is missing) on failure.
bool RenderSvg(const std::string& dot_text, const std::string& svg_path, std::string* error);

/// The same in another of dot's output formats (`dot -TFORMAT`: "svg", "plain").
bool RenderDot(const std::string& dot_text, const std::string& format, const std::string& path,
               std::string* error);

/// `s` in single quotes for a POSIX shell (a quote inside it written as '\'').
std::string ShellQuote(const std::string& s);

/// True when gnuplot is installed.
bool HaveGnuplot();

/// Runs gnuplot on `script`, which writes `output_path`. Returns false and sets *error when
/// gnuplot fails or leaves no output (an unwritable path, a full disk).
bool RunGnuplot(const std::string& script, const std::string& output_path, std::string* error);

/// A command's --plot: runs gnuplot on `script` (which writes `path`) and says on stderr
/// "cablesim COMMAND: wrote PATH", or why not. Returns the exit code: 0, or 1 on failure.
int WritePlot(const std::string& command, const std::string& path, const std::string& script);

/// The SVG text of `dot_text` drawn by graphviz; "" with *error set when it cannot be.
std::string DotSvgText(const std::string& dot_text, std::string* error);

/// Graphviz's layout of `dot_text` in its plain format (node NAME X Y ... per line; inches,
/// y up); "" with *error set when it cannot be laid out.
std::string DotPlainText(const std::string& dot_text, std::string* error);

/// The SVG text gnuplot draws from the script `script_for(path)` makes for an output file
/// `path` (a temporary file, removed); "" with *error set when it cannot be drawn.
std::string GnuplotSvgText(const std::function<std::string(const std::string&)>& script_for,
                           std::string* error);

}  // namespace cablesim::cli
