#include "sim/engine/random.h"

#include <cmath>

namespace cablesim {

std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t stream_id) {
  // Mix seed and stream id through two SplitMix64 rounds so that nearby (seed, stream)
  // pairs give unrelated states; then fill the xoshiro state.
  std::uint64_t st = seed;
  std::uint64_t mixed = SplitMix64(&st);
  st = mixed ^ (stream_id * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL);
  for (auto& word : s_) word = SplitMix64(&st);
  if ((s_[0] | s_[1] | s_[2] | s_[3]) == 0) s_[0] = 1;  // the one forbidden state
}

std::uint64_t RandomStream::UniformInt(std::uint64_t n) {
  unsigned __int128 m = static_cast<unsigned __int128>(NextU64()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(NextU64()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

double RandomStream::StandardNormal() {
  const double u1 = 1.0 - Uniform01();
  const double u2 = Uniform01();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

double RandomStream::LogNormal(double mu, double sigma) {
  return std::exp(mu + sigma * StandardNormal());
}

}  // namespace cablesim
