#include "tools/cablesim/renderers.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

bool HaveProgram(const char* name) {
  const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

/// A fresh empty temporary file named /tmp/cablesim-PURPOSE-XXXXXX.svg; "" when none can be
/// made.
std::string TemporarySvgPath(const std::string& purpose) {
  std::string path = "/tmp/cablesim-" + purpose + "-XXXXXX.svg";
  const int fd = ::mkstemps(path.data(), 4);
  if (fd < 0) return "";
  ::close(fd);
  return path;
}

/// The file's text, then the file removed.
std::string TakeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  return text.str();
}

}  // namespace

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

bool RenderSvg(const std::string& dot_text, const std::string& svg_path, std::string* error) {
  return RenderDot(dot_text, "svg", svg_path, error);
}

bool RenderDot(const std::string& dot_text, const std::string& format, const std::string& svg_path,
               std::string* error) {
  if (std::string e = OverwritesInput(svg_path); !e.empty()) {
    *error = e;
    return false;
  }
  if (!HaveProgram("dot")) {
    *error =
        "graphviz's 'dot' is not installed (apt-get install graphviz; tools/demo and "
        "tools/check install it); the DOT text can still be printed without --svg";
    return false;
  }
  const std::string cmd = "dot -T" + format + " -o " + ShellQuote(svg_path);
  FILE* pipe = ::popen(cmd.c_str(), "w");
  if (!pipe) {
    *error = "cannot start graphviz's dot";
    return false;
  }
  std::fwrite(dot_text.data(), 1, dot_text.size(), pipe);
  const int status = ::pclose(pipe);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = "graphviz's dot failed to write " + svg_path;
    return false;
  }
  return true;
}

int WritePlot(const std::string& command, const std::string& path, const std::string& script) {
  std::string error;
  if (!RunGnuplot(script, path, &error)) {
    std::fprintf(stderr, "cablesim %s: %s\n", command.c_str(), error.c_str());
    return 1;
  }
  std::fprintf(stderr, "cablesim %s: wrote %s\n", command.c_str(), path.c_str());
  return 0;
}

bool HaveGnuplot() { return HaveProgram("gnuplot"); }

bool RunGnuplot(const std::string& script, const std::string& output_path, std::string* error) {
  if (std::string e = OverwritesInput(output_path); !e.empty()) {
    *error = e;
    return false;
  }
  if (!HaveGnuplot()) {
    *error =
        "plots need gnuplot, which is not installed (apt-get install gnuplot-nox; tools/demo "
        "and tools/check install it)";
    return false;
  }
  char script_path[] = "/tmp/cablesim-plot-XXXXXX";
  const int fd = ::mkstemp(script_path);
  if (fd < 0) {
    *error = "cannot create a temporary file for gnuplot";
    return false;
  }
  ::close(fd);
  if (const std::string e = WriteOutputFile(script_path, script); !e.empty()) {
    std::remove(script_path);
    *error = e;
    return false;
  }
  std::remove(output_path.c_str());
  const std::string cmd = std::string("gnuplot ") + script_path + " 1>&2";  // never into stdout
  const int status = std::system(cmd.c_str());
  std::remove(script_path);
  struct stat st {};
  if (status != 0 || ::stat(output_path.c_str(), &st) != 0 || st.st_size == 0) {
    *error = "gnuplot failed to draw " + output_path;
    return false;
  }
  return true;
}

}  // namespace cablesim::cli

namespace cablesim::cli {

std::string DotSvgText(const std::string& dot_text, std::string* error) {
  const std::string path = TemporarySvgPath("dot");
  if (path.empty()) {
    *error = "cannot create a temporary file for graphviz";
    return "";
  }
  if (!RenderSvg(dot_text, path, error)) {
    std::remove(path.c_str());
    return "";
  }
  return TakeFile(path);
}

std::string DotPlainText(const std::string& dot_text, std::string* error) {
  const std::string path = TemporarySvgPath("layout");
  if (path.empty()) {
    *error = "cannot create a temporary file for graphviz";
    return "";
  }
  if (!RenderDot(dot_text, "plain", path, error)) {
    std::remove(path.c_str());
    return "";
  }
  return TakeFile(path);
}

std::string GnuplotSvgText(const std::function<std::string(const std::string&)>& script_for,
                           std::string* error) {
  const std::string path = TemporarySvgPath("plot");
  if (path.empty()) {
    *error = "cannot create a temporary file for gnuplot";
    return "";
  }
  if (!RunGnuplot(script_for(path), path, error)) {
    std::remove(path.c_str());
    return "";
  }
  return TakeFile(path);
}

}  // namespace cablesim::cli
