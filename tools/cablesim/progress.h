// A progress bar with an estimate of the time left, on standard error when it is a terminal
// and the work has taken more than a second; nothing otherwise (pipes, logs, CI).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace cablesim::cli {

class Progress {
 public:
  explicit Progress(std::string label);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// `done` of `total` runs finished.
  void Update(std::size_t done, std::size_t total);

 private:
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  bool tty_;
  bool shown_ = false;
};

}  // namespace cablesim::cli
