// Generated traffic: Poisson arrivals per originating station, with a precedence mix, a
// length distribution and addressees drawn from pools.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/engine/random.h"
#include "sim/relay/message_spec.h"

namespace cablesim {

/// A count or length drawn per message.
/// The largest value a draw gives (lengths in characters, addressee counts): every draw is
/// cut to it, and a mean above it is refused when the scenario is read.
inline constexpr double kMaxDraw = 100'000'000;

struct Draw {
  enum class Kind : std::uint8_t { kConstant, kExponential, kLognormal, kCorpus, kUniform };
  Kind kind = Kind::kConstant;
  double value = 1;  ///< constant value; mean for exponential/lognormal; low for uniform
  double high = 1;   ///< uniform: inclusive upper bound
  double sigma = 1;  ///< lognormal: sigma of the underlying normal
};

struct PoissonConfig {
  std::string name;                  ///< message ids are NAME-1, NAME-2, ...
  std::vector<std::string> origins;  ///< station RIs that file; arrivals are per origin
  double per_hour = 1;               ///< arrival rate at each origin
  bool corpus_mix = true;            ///< precedence pairs as in the corpus
  /// Otherwise: weights by precedence (index = Precedence), action and info alike.
  std::array<double, kPrecedenceCount> mix{};
  Draw length{Draw::Kind::kCorpus};  ///< text characters
  /// Add an estimated heading and end-of-message sequence to the length (else the length is
  /// exactly the characters on the wire, as queueing validations want).
  bool heading_overhead = true;
  Draw to_count{Draw::Kind::kConstant, 1};
  Draw info_count{Draw::Kind::kConstant, 0};
  /// Addressees are drawn uniformly without replacement from these (station RIs or
  /// collective names); the origin itself is never drawn.
  std::vector<std::string> to_pool;
  std::vector<std::string> info_pool;
  std::vector<bool> to_pool_collective;    ///< parallel to to_pool
  std::vector<bool> info_pool_collective;  ///< parallel to info_pool
  /// Parallel to the pools: the RI of the one station an entry reaches (a station's own; a
  /// collective's when it stands for one station), "" for a collective of several. An entry
  /// that reaches only the origin is never drawn for it. Empty: each entry's name.
  std::vector<std::string> to_pool_reaches, info_pool_reaches;
  /// Parallel to the pools: the member RIs of a collective of several ({} for a station or a
  /// collective that stands for one). An origin among a drawn collective's members is left
  /// out of its expansion (as by XMT): a station never sends a message to itself. Empty:
  /// no collective holds an origin.
  std::vector<std::vector<std::string>> to_pool_members, info_pool_members;
  /// The stations of origins and pools, parallel to them (kNoStation for a collective),
  /// filled by whoever knows the network (the scenario loader, the benchmark): messages
  /// then carry station ids, not names to look up. Empty: names are resolved per message.
  std::vector<StationId> origin_stations, to_pool_stations, info_pool_stations;
  SimTime start;
  SimTime stop = SimTime::Max();
  /// The run has no end of its own (no duration). With no stop either, an arrival drawn past
  /// the last simulated time (292 years) then stops the run with an out-of-range error naming
  /// the generator (std::overflow_error), as it had more to file; otherwise such an arrival
  /// only ends the generator, whose arrivals past the run's end would never be filed anyway.
  bool endless = false;
  std::uint64_t max_messages = 0;                                 ///< 0 = no limit
  Classification classification = Classification::kUnclassified;  ///< of every message
};

class PoissonSource : public MessageSource {
 public:
  /// `rng` is the generator's own stream (scenario seed, stream id).
  PoissonSource(PoissonConfig config, RandomStream rng);
  PoissonSource(const PoissonSource&) = delete;  // pools point into config_
  PoissonSource& operator=(const PoissonSource&) = delete;
  bool Next(MessageSpec* out) override;

 private:
  /// A pool with, for each entry, the index of the same station among the origins (or -1),
  /// so that "not the origin" is an integer comparison.
  struct Pool {
    const std::vector<std::string>* names;
    const std::vector<bool>* collective;
    const std::vector<StationId>* stations;  ///< empty when not resolved
    std::vector<int> origin_index;
    std::vector<std::size_t> origin_occurrences;  ///< per origin, how often it is in the pool
    /// Per entry, the origins (indices) among a collective's members; empty when none are.
    std::vector<std::vector<int>> origins_within;
    /// Per origin, the pool's entries it may draw (all but itself), in pool order: the
    /// partial shuffle works on this list and puts it back as it was. Made at an origin's
    /// first shuffle (the usual draw from a large pool needs none); none are kept when
    /// origins x entries passes kMaxEligibleKept.
    std::vector<std::vector<std::uint32_t>> eligible;
  };
  static constexpr std::size_t kMaxEligibleKept = std::size_t{1} << 20;
  /// The entries of `pool` that `origin` may draw, in pool order.
  std::vector<std::uint32_t>& Eligible(Pool& pool, int origin);
  Pool MakePool(const std::vector<std::string>& names, const std::vector<bool>& collective,
                const std::vector<StationId>& stations, const std::vector<std::string>& reaches,
                const std::vector<std::vector<std::string>>& members) const;
  /// Counts id_'s number up by one (its decimal digits after "NAME-").
  void CountIdUp();
  /// A whole number from `d`, in [0, kMaxDraw].
  int DrawCount(const Draw& d);
  void DrawAddressees(Pool& pool, int count, int origin, bool info, Precedence p, MessageSpec* m);

  PoissonConfig config_;
  /// Fixed for the run, so worked out once: the total rate of the origins' superposed
  /// processes, per second, and the sum of the precedence weights.
  double total_per_s_ = 0;
  double mix_total_ = 0;
  Pool to_pool_;
  Pool info_pool_;
  RandomStream rng_;
  SimTime next_;
  std::uint64_t made_ = 0;
  /// The id of the last message made, "NAME-<made_>": the next one counts its digits up in
  /// place rather than formatting the whole id again.
  std::string id_;
  std::vector<std::uint32_t> chosen_;    // scratch of DrawAddressees
  std::vector<std::size_t> swapped_;     // scratch of DrawAddressees' partial shuffle
  std::vector<std::uint32_t> shuffled_;  // Eligible's list when the pool keeps none
};

}  // namespace cablesim
