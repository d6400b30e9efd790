// Reproducible random streams. A stream is fixed by (seed, stream id): adding a stream never
// changes another's draws. The generator (xoshiro256**) and every distribution are written
// here rather than taken from <random>, whose distributions differ between standard
// libraries: the same seed gives the same run, byte for byte, on any compiler.
#pragma once

#include <cmath>
#include <cstdint>

namespace cablesim {

class RandomStream {
 public:
  /// The stream `stream_id` of the scenario seed `seed`.
  RandomStream(std::uint64_t seed, std::uint64_t stream_id);

  /// 64 uniformly distributed bits.
  std::uint64_t NextU64() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  /// Uniform on [0, 1), 53 bits of precision.
  double Uniform01() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
  /// Uniform integer on [0, n), n > 0, without modulo bias (Lemire's method).
  std::uint64_t UniformInt(std::uint64_t n);
  /// Exponential with the given mean (> 0). 1 - U is in (0, 1], so the log is finite.
  double Exponential(double mean) { return -mean * std::log(1.0 - Uniform01()); }
  /// Standard normal (Box-Muller; one value per call, no cached state).
  double StandardNormal();
  /// Lognormal whose underlying normal has parameters mu and sigma.
  double LogNormal(double mu, double sigma);

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

/// SplitMix64 step: a good 64-bit mixer, used to derive seeds.
std::uint64_t SplitMix64(std::uint64_t* state);

}  // namespace cablesim
