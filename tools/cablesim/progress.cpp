#include "tools/cablesim/progress.h"

#include <unistd.h>

#include <cstdio>

namespace cablesim::cli {

Progress::Progress(std::string label)
    : label_(std::move(label)),
      start_(std::chrono::steady_clock::now()),
      tty_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  if (shown_) std::fprintf(stderr, "\r%72s\r", "");
}

void Progress::Update(std::size_t done, std::size_t total) {
  if (!tty_ || total == 0) return;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (elapsed < 1) return;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(kWidth * done / total);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  char eta[32] = "";
  if (done > 0 && done < total) {
    const double left = elapsed * static_cast<double>(total - done) / static_cast<double>(done);
    std::snprintf(eta, sizeof eta, ", %.0fs left", left);
  }
  std::fprintf(stderr, "\r%s [%s] %zu/%zu runs%s   ", label_.c_str(), bar.c_str(), done, total,
               eta);
  std::fflush(stderr);
  shown_ = true;
}

}  // namespace cablesim::cli
