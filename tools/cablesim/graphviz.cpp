#include "tools/cablesim/graphviz.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

namespace cablesim::cli {
namespace {

bool HaveProgram(const char* name) {
  const std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

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

}  // namespace

bool RenderSvg(const std::string& dot_text, const std::string& svg_path, std::string* error) {
  if (!HaveProgram("dot")) {
    *error =
        "graphviz's 'dot' is not installed (apt-get install graphviz; tools/demo and "
        "tools/check install it); the DOT text can still be printed without --svg";
    return false;
  }
  const std::string cmd = "dot -Tsvg -o " + ShellQuote(svg_path);
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

}  // namespace cablesim::cli
