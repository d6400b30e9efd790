// Runs the cablesim binary for end-to-end tests and captures what it printed.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace cablesim::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The seed cable, as shipped in scenarios/cables/.
inline std::string SeedCableText() {
  return ReadFile(std::string(CABLESIM_SOURCE_DIR) +
                  "/scenarios/cables/ntm-iraq-2008-state-060837.txt");
}

/// The 6,018-cable corpus: beside the repository in the project's workspace (../shared), or
/// at the workspace's absolute place when the repository is a clone elsewhere (as in CI).
/// "" when neither exists.
inline std::string CorpusPath() {
  return std::string(CABLESIM_SOURCE_DIR) + "/scenarios/data/cablegate-headers.txt";
}

/// How many times `what` occurs in `text` (overlapping occurrences counted).
inline std::size_t CountOf(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

/// A temporary file name unique to this process (ctest runs test cases in parallel).
inline std::string TempPath(const std::string& name) {
  return "/tmp/cablesim_" + std::to_string(::getpid()) + "_" + name;
}

/// Writes `text` to TempPath(name) and returns that path (a cable or scenario for a test).
/// The file is removed when the test program exits normally (its failed checks included).
inline std::string WriteTempFile(const std::string& name, const std::string& text) {
  struct RemovedAtExit {
    std::vector<std::string> paths;
    ~RemovedAtExit() {
      for (const auto& p : paths) std::remove(p.c_str());
    }
  };
  static RemovedAtExit written;
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << text;
  written.paths.push_back(path);
  return path;
}

/// A fresh directory under /tmp, unique to this process (TempPath(name)), made empty when
/// constructed and removed with all it holds when the scope ends, a failed REQUIRE included.
/// Tests write here, never into the source tree.
class TempDir {
 public:
  explicit TempDir(const std::string& name) : path(TempPath(name)) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// `rel` inside the directory.
  std::string operator/(const std::string& rel) const { return path + "/" + rel; }

  const std::string path;  ///< without a final '/'
};

/// Runs a shell command line and captures its standard output and exit code (standard
/// error goes where the caller's command line sends it).
inline CliResult RunShell(const std::string& cmd) {
  CliResult r;
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

/// Runs `cablesim ARGS` (ARGS is shell text) from the source directory, so scenario paths
/// are relative to it. Standard error goes to a temporary file.
inline CliResult RunCli(const std::string& args, const std::string& stdin_file = "") {
  static int counter = 0;
  const std::string err_path =
      "/tmp/cablesim_test_err_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  std::string cmd = std::string("cd '") + CABLESIM_SOURCE_DIR + "' && '" + CABLESIM_BINARY + "' " +
                    args + " 2>'" + err_path + "'";
  if (!stdin_file.empty()) cmd += " <'" + stdin_file + "'";
  CliResult r = RunShell(cmd);
  r.err = ReadFile(err_path);
  std::remove(err_path.c_str());
  return r;
}

}  // namespace cablesim::testing
