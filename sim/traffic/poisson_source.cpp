#include "sim/traffic/poisson_source.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "sim/traffic/cable_traffic.h"
#include "sim/traffic/corpus_mix.h"

namespace cablesim {

PoissonSource::PoissonSource(PoissonConfig config, RandomStream rng)
    : config_(std::move(config)), rng_(rng), next_(config_.start), id_(config_.name + "-0") {
  to_pool_ = MakePool(config_.to_pool, config_.to_pool_collective, config_.to_pool_stations,
                      config_.to_pool_reaches, config_.to_pool_members);
  info_pool_ = MakePool(config_.info_pool, config_.info_pool_collective, config_.info_pool_stations,
                        config_.info_pool_reaches, config_.info_pool_members);
  // The superposition of one Poisson process per origin: total rate, origin uniform.
  total_per_s_ = config_.per_hour * static_cast<double>(config_.origins.size()) / 3600;
  for (double w : config_.mix) mix_total_ += w;
}

PoissonSource::Pool PoissonSource::MakePool(
    const std::vector<std::string>& names, const std::vector<bool>& collective,
    const std::vector<StationId>& stations, const std::vector<std::string>& reaches,
    const std::vector<std::vector<std::string>>& members) const {
  Pool p{&names, &collective, &stations, {}, std::vector<std::size_t>(config_.origins.size(), 0),
         {},     {}};
  std::unordered_map<std::string, int> origin_of;
  for (std::size_t o = 0; o < config_.origins.size(); ++o) {
    origin_of.emplace(config_.origins[o], static_cast<int>(o));
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto it = origin_of.find(reaches.empty() ? names[i] : reaches[i]);
    p.origin_index.push_back(it == origin_of.end() ? -1 : it->second);
    if (it != origin_of.end()) ++p.origin_occurrences[static_cast<std::size_t>(it->second)];
  }
  for (std::size_t i = 0; i < std::min(members.size(), names.size()); ++i) {
    for (const std::string& ri : members[i]) {
      auto it = origin_of.find(ri);
      if (it == origin_of.end()) continue;
      if (p.origins_within.empty()) p.origins_within.resize(names.size());
      p.origins_within[i].push_back(it->second);
    }
  }
  // Lists kept per origin (made at its first shuffle) up to a few MiB in all; beyond that
  // each shuffle lists them again (Eligible).
  if (config_.origins.size() * names.size() <= kMaxEligibleKept) {
    p.eligible.resize(config_.origins.size());
  }
  return p;
}

namespace {

// A value drawn, as a whole number in [0, kMaxDraw]: a heavy tail (lognormal with a large
// sigma) can draw beyond any int, so it is cut to kMaxDraw; then rounded half away from
// zero, as std::lround, without its call: the value is in (0, kMaxDraw], so its whole part
// and the rest (v - whole, exact below 2^52) are exact.
int WholeDraw(double v) {
  if (!(v > 0)) return 0;
  const double x = std::min(v, kMaxDraw);
  const auto whole = static_cast<int>(x);
  return x - whole >= 0.5 ? whole + 1 : whole;
}

}  // namespace

int PoissonSource::DrawCount(const Draw& d) {
  double v = 0;
  switch (d.kind) {
    case Draw::Kind::kConstant:
      v = d.value;
      break;
    case Draw::Kind::kUniform:
      v = d.value +
          static_cast<double>(rng_.UniformInt(static_cast<std::uint64_t>(d.high - d.value + 1)));
      break;
    case Draw::Kind::kCorpus:
      return -1;  // the caller picks the right corpus histogram
    case Draw::Kind::kExponential:
      v = rng_.Exponential(d.value);
      break;
    case Draw::Kind::kLognormal: {
      const double mu = std::log(d.value) - d.sigma * d.sigma / 2;
      v = rng_.LogNormal(mu, d.sigma);
      break;
    }
  }
  return WholeDraw(v);
}

// Inlined into DrawAddressees, its one caller: a call per message cost 0.47% of a congested
// run.
[[gnu::always_inline]] inline std::vector<std::uint32_t>& PoissonSource::Eligible(Pool& pool,
                                                                                  int origin) {
  const auto o = static_cast<std::size_t>(origin);
  std::vector<std::uint32_t>& list = pool.eligible.empty() ? shuffled_ : pool.eligible[o];
  if (!pool.eligible.empty() && list.size() == pool.names->size() - pool.origin_occurrences[o]) {
    return list;  // kept from an earlier shuffle, in pool order again
  }
  list.clear();
  for (std::uint32_t i = 0; i < pool.origin_index.size(); ++i) {
    if (pool.origin_index[i] != origin) list.push_back(i);
  }
  return list;
}

void PoissonSource::DrawAddressees(Pool& pool, int count, int origin, bool info, Precedence p,
                                   MessageSpec* m) {
  // Uniform without replacement, never the origin. Few from a large pool (the usual case):
  // draw and reject repeats; otherwise a partial Fisher-Yates over the whole pool.
  const std::size_t size = pool.names->size();
  const std::size_t eligible = size - pool.origin_occurrences[static_cast<std::size_t>(origin)];
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(count, 0)), eligible);
  if (n == 0) return;  // none (an empty pool, or no INFO addressees drawn)
  std::vector<std::uint32_t>& chosen = chosen_;
  chosen.clear();
  if (n == 1 && eligible == size) {
    // One from a pool without the origin (the usual): both ways below draw exactly this.
    chosen.push_back(static_cast<std::uint32_t>(rng_.UniformInt(size)));
  } else if (n * 4 < eligible) {
    while (chosen.size() < n) {
      const auto i = static_cast<std::uint32_t>(rng_.UniformInt(size));
      if (pool.origin_index[i] == origin ||
          std::find(chosen.begin(), chosen.end(), i) != chosen.end()) {
        continue;
      }
      chosen.push_back(i);
    }
  } else {
    // The first n of a Fisher-Yates shuffle of the eligible entries, then every swap undone
    // (in reverse) so that the list is in pool order for the next message.
    std::vector<std::uint32_t>& idx = Eligible(pool, origin);
    if (n == 1) {  // the shuffle's first pick (the same draw), with no swap to undo
      chosen.push_back(idx[rng_.UniformInt(idx.size())]);
    } else {
      swapped_.clear();
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t j = k + rng_.UniformInt(idx.size() - k);
        std::swap(idx[k], idx[j]);
        swapped_.push_back(j);
        chosen.push_back(idx[k]);
      }
      for (std::size_t k = n; k-- > 0;) std::swap(idx[k], idx[swapped_[k]]);
    }
  }
  for (const std::uint32_t i : chosen) {
    AddresseeSpec& a = m->addressees.emplace_back();
    if (!pool.stations->empty() && (*pool.stations)[i] != kNoStation) {
      a.station = (*pool.stations)[i];  // known: no name to copy or look up
    } else if ((*pool.collective)[i]) {
      a.address = (*pool.names)[i];
      a.collective = true;
      const bool holds_origin =
          !pool.origins_within.empty() &&
          std::find(pool.origins_within[i].begin(), pool.origins_within[i].end(), origin) !=
              pool.origins_within[i].end();
      if (holds_origin) {
        const std::string& self = config_.origins[static_cast<std::size_t>(origin)];
        if (std::find(m->exempt.begin(), m->exempt.end(), self) == m->exempt.end()) {
          m->exempt.push_back(self);  // left out of the collective: never its own addressee
        }
      }
    } else {
      a.ri = (*pool.names)[i];
    }
    a.info = info;
    a.precedence = p;
  }
}

void PoissonSource::CountIdUp() {
  const std::size_t first_digit = config_.name.size() + 1;  // after "NAME-"
  std::size_t i = id_.size();
  while (i > first_digit && id_[i - 1] == '9') id_[--i] = '0';
  if (i > first_digit) {
    ++id_[i - 1];
  } else {
    id_.insert(first_digit, 1, '1');  // 9...9 + 1: one digit more
  }
}

bool PoissonSource::Next(MessageSpec* out) {
  if (config_.origins.empty() || config_.per_hour <= 0) return false;
  if (config_.max_messages && made_ >= config_.max_messages) return false;
  const double gap_s = rng_.Exponential(1.0 / total_per_s_);
  // An arrival at or past the stop (a rare generator can draw one centuries away, beyond
  // what simulated time holds) ends the generator, unless nothing was to end it (endless).
  if (!(gap_s < (config_.stop - next_).seconds())) {
    if (config_.endless && config_.stop == SimTime::Max()) {
      throw std::overflow_error("simulated time out of range: generator " + config_.name +
                                " draws its next arrival past 292 years, in a run without a "
                                "duration (give it a stop or the scenario a duration)");
    }
    return false;
  }
  next_ += Duration::FromSecondsRounded(gap_s);
  if (next_ >= config_.stop) return false;
  MessageSpec& m = *out;  // reused: its strings and addressee list keep their storage
  m.addressees.clear();
  m.exempt.clear();
  m.cable.reset();
  m.origin = kNoStation;
  m.origin_ri.clear();
  ++made_;
  CountIdUp();
  m.id.assign(id_);
  m.filed = next_;
  const auto origin = static_cast<int>(rng_.UniformInt(config_.origins.size()));
  if (!config_.origin_stations.empty()) {
    m.origin = config_.origin_stations[static_cast<std::size_t>(origin)];
  } else {
    m.origin_ri = config_.origins[static_cast<std::size_t>(origin)];
  }
  PrecedencePair p{Precedence::kRoutine, Precedence::kRoutine};
  if (config_.corpus_mix) {
    p = DrawCorpusPrecedence(rng_);
  } else {
    double x = rng_.Uniform01() * mix_total_;
    int chosen = 0;
    for (int i = 0; i < kPrecedenceCount; ++i) {
      const double w = config_.mix[static_cast<std::size_t>(i)];
      if (w <= 0) continue;
      chosen = i;
      if (x < w) break;
      x -= w;
    }
    p.action = p.info = static_cast<Precedence>(chosen);
  }
  // A constant count (the usual for addressees) is what DrawCount gives, without its call.
  const auto count = [this](const Draw& d) {
    return d.kind == Draw::Kind::kConstant ? WholeDraw(d.value) : DrawCount(d);
  };
  int to = config_.to_count.kind == Draw::Kind::kCorpus ? DrawCorpusToCount(rng_)
                                                        : count(config_.to_count);
  int info = config_.info_count.kind == Draw::Kind::kCorpus ? DrawCorpusInfoCount(rng_)
                                                            : count(config_.info_count);
  DrawAddressees(to_pool_, std::max(to, 1), origin, false, p.action, &m);
  if (info > 0) DrawAddressees(info_pool_, info, origin, true, p.info, &m);  // often none
  std::int64_t text = 0;
  switch (config_.length.kind) {
    case Draw::Kind::kCorpus:
      text = DrawCorpusBodyChars(rng_);
      break;
    case Draw::Kind::kConstant:
    case Draw::Kind::kUniform:
    case Draw::Kind::kExponential:
    case Draw::Kind::kLognormal:
      text = std::max(1, DrawCount(config_.length));
      break;
  }
  m.classification = config_.classification;
  m.chars = config_.heading_overhead ? EstimateWireChars(m.addressees.size(), text) : text;
  return true;
}

}  // namespace cablesim
