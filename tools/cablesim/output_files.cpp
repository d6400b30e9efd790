#include "tools/cablesim/output_files.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace cablesim::cli {
namespace {

int stdout_errno = 0;                       // the first failure writing standard output
std::vector<std::string> protected_inputs;  // ProtectInputs

}  // namespace

void ProtectInputs(const std::vector<std::string>& paths) {
  protected_inputs.insert(protected_inputs.end(), paths.begin(), paths.end());
}

std::string OverwritesInput(const std::string& path) {
  for (const std::string& input : protected_inputs) {
    std::error_code ec;
    if (std::filesystem::equivalent(path, input, ec) && !ec) {
      return "refusing to write " + path + ": it is an input of this command (" + input + ")";
    }
  }
  return "";
}

void PrintOut(const std::string& text) {
  if (stdout_errno != 0) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
    stdout_errno = errno != 0 ? errno : EIO;
  }
}

std::string StdoutError() { return stdout_errno ? std::strerror(stdout_errno) : ""; }

std::string WriteOutputFile(const std::string& path, const std::string& text) {
  if (std::string e = OverwritesInput(path); !e.empty()) return e;
  auto fail = [&](int err) { return "cannot write " + path + ": " + std::strerror(err); };
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return fail(errno);
  errno = 0;
  const bool written =
      std::fwrite(text.data(), 1, text.size(), f) == text.size() && std::fflush(f) == 0;
  const int write_errno = errno;
  const bool closed = std::fclose(f) == 0;
  if (!written) return fail(write_errno != 0 ? write_errno : EIO);
  if (!closed) return fail(errno);
  return "";
}

std::string ReportFormatProblem(const std::string& format) {
  for (const char* known : {"text", "json", "csv", "html"}) {
    if (format == known) return "";
  }
  return "--format must be text, json, csv or html, not '" + format + "'";
}

int WriteReport(const std::string& command, const std::string& out_path, const std::string& text) {
  if (out_path.empty()) {
    PrintOut(text);
    return 0;
  }
  if (const std::string e = WriteOutputFile(out_path, text); !e.empty()) {
    std::fprintf(stderr, "cablesim %s: %s\n", command.c_str(), e.c_str());
    return 1;
  }
  std::fprintf(stderr, "cablesim %s: wrote %s\n", command.c_str(), out_path.c_str());
  return 0;
}

bool IsOutputDirectory(const std::string& path) {
  if (!path.empty() && path.back() == '/') return true;
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace cablesim::cli
