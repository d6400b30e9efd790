// Distributions measured on the 6,018 published cable headers of
// scenarios/data/cablegate-headers.txt (`cablesim parse ... --stats`; tests/corpus_test.cpp
// checks them against the corpus whenever it is present). Generators draw from them.
#pragma once

#include <cstdint>
#include <utility>

#include "sim/engine/random.h"
#include "sim/message/precedence.h"

namespace cablesim {

/// An FL5 precedence pair: action (TO) and info precedence.
struct PrecedencePair {
  Precedence action;
  Precedence info;
};

/// Draws an FL5 pair with the corpus frequencies: P 2391, R 1633, O 1628, O R 150, O P 132,
/// P R 81, Z 1.
PrecedencePair DrawCorpusPrecedence(RandomStream& rng);
/// Draws a text length (the corpus's body_chars) from its empirical distribution: linear
/// interpolation between its percentiles, 243 to 66,332 characters, mean about 7,700.
std::int64_t DrawCorpusBodyChars(RandomStream& rng);
/// Draws a TO-addressee count (mostly 1) and an INFO count (0-53, mean about 6) from the
/// corpus histograms.
int DrawCorpusToCount(RandomStream& rng);
int DrawCorpusInfoCount(RandomStream& rng);

/// The percentiles 0..100 of the corpus body_chars, for tests.
const std::int64_t* CorpusBodyCharsPercentiles();

}  // namespace cablesim
