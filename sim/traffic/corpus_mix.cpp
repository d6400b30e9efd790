#include "sim/traffic/corpus_mix.h"

#include <array>

namespace cablesim {
namespace {

struct Weighted {
  int value;
  int count;
};

// Counts of addressees per message over the 6,016 corpus headers that parse.
constexpr Weighted kToCounts[] = {{1, 5516}, {2, 316}, {3, 63}, {4, 42}, {5, 18}, {6, 10}, {7, 13},
                                  {8, 10},   {9, 3},   {10, 2}, {11, 1}, {12, 1}, {13, 1}, {14, 2},
                                  {15, 2},   {16, 1},  {17, 2}, {18, 1}, {19, 1}, {25, 1}, {27, 2},
                                  {28, 2},   {29, 1},  {32, 1}, {34, 1}, {37, 1}};
constexpr Weighted kInfoCounts[] = {
    {0, 360}, {1, 784},  {2, 744},  {3, 708},  {4, 536},  {5, 475},  {6, 352},  {7, 324}, {8, 281},
    {9, 210}, {10, 248}, {11, 176}, {12, 144}, {13, 145}, {14, 100}, {15, 102}, {16, 60}, {17, 51},
    {18, 44}, {19, 33},  {20, 27},  {21, 15},  {22, 13},  {23, 14},  {24, 9},   {25, 9},  {26, 8},
    {27, 6},  {28, 5},   {29, 3},   {30, 3},   {31, 4},   {32, 4},   {33, 1},   {34, 2},  {36, 4},
    {37, 2},  {40, 2},   {41, 1},   {43, 1},   {44, 2},   {46, 1},   {48, 1},   {52, 1},  {53, 1}};

constexpr std::int64_t kBodyCharsPercentiles[101] = {
    243,   376,   598,   692,   795,   899,   1027,  1146,  1279,  1423,  1562,  1699,  1852,
    1984,  2196,  2339,  2454,  2581,  2722,  2874,  2999,  3109,  3248,  3364,  3491,  3643,
    3788,  3931,  4048,  4193,  4337,  4441,  4565,  4698,  4811,  4931,  5055,  5170,  5279,
    5384,  5505,  5619,  5753,  5846,  5968,  6107,  6219,  6321,  6409,  6514,  6615,  6745,
    6844,  6933,  7046,  7162,  7301,  7448,  7580,  7699,  7854,  7970,  8122,  8251,  8387,
    8502,  8654,  8763,  8917,  9081,  9268,  9436,  9616,  9780,  9976,  10147, 10336, 10540,
    10775, 11006, 11243, 11484, 11722, 12021, 12307, 12520, 12859, 13224, 13709, 14162, 14460,
    14972, 15556, 16335, 16962, 17631, 18931, 20385, 23304, 30929, 66332};

template <std::size_t N>
int DrawWeighted(const Weighted (&table)[N], RandomStream& rng) {
  std::uint64_t total = 0;
  for (const auto& w : table) total += static_cast<std::uint64_t>(w.count);
  std::uint64_t x = rng.UniformInt(total);
  for (const auto& w : table) {
    if (x < static_cast<std::uint64_t>(w.count)) return w.value;
    x -= static_cast<std::uint64_t>(w.count);
  }
  return table[N - 1].value;
}

}  // namespace

PrecedencePair DrawCorpusPrecedence(RandomStream& rng) {
  using P = Precedence;
  static constexpr std::array<std::pair<PrecedencePair, int>, 7> kPairs = {{
      {{P::kPriority, P::kPriority}, 2391},
      {{P::kRoutine, P::kRoutine}, 1633},
      {{P::kImmediate, P::kImmediate}, 1628},
      {{P::kImmediate, P::kRoutine}, 150},
      {{P::kImmediate, P::kPriority}, 132},
      {{P::kPriority, P::kRoutine}, 81},
      {{P::kFlash, P::kFlash}, 1},
  }};
  std::uint64_t total = 0;
  for (const auto& p : kPairs) total += static_cast<std::uint64_t>(p.second);
  std::uint64_t x = rng.UniformInt(total);
  for (const auto& p : kPairs) {
    if (x < static_cast<std::uint64_t>(p.second)) return p.first;
    x -= static_cast<std::uint64_t>(p.second);
  }
  return kPairs.back().first;
}

std::int64_t DrawCorpusBodyChars(RandomStream& rng) {
  const double u = rng.Uniform01() * 100.0;
  const auto i = static_cast<int>(u);
  const double frac = u - i;
  const auto lo = static_cast<double>(kBodyCharsPercentiles[i]);
  const auto hi = static_cast<double>(kBodyCharsPercentiles[i + 1]);
  return static_cast<std::int64_t>(lo + frac * (hi - lo) + 0.5);
}

int DrawCorpusToCount(RandomStream& rng) { return DrawWeighted(kToCounts, rng); }
int DrawCorpusInfoCount(RandomStream& rng) { return DrawWeighted(kInfoCounts, rng); }
const std::int64_t* CorpusBodyCharsPercentiles() { return kBodyCharsPercentiles; }

}  // namespace cablesim
