#include "sim/traffic/poisson_source.h"

#include <algorithm>
#include <cmath>

#include "sim/traffic/cable_traffic.h"
#include "sim/traffic/corpus_mix.h"

namespace cablesim {

PoissonSource::PoissonSource(PoissonConfig config, RandomStream rng)
    : config_(std::move(config)), rng_(rng), next_(config_.start) {}

int PoissonSource::DrawCount(const Draw& d) {
  switch (d.kind) {
    case Draw::Kind::kConstant:
      return static_cast<int>(d.value);
    case Draw::Kind::kUniform:
      return static_cast<int>(d.value) +
             static_cast<int>(rng_.UniformInt(static_cast<std::uint64_t>(d.high - d.value + 1)));
    case Draw::Kind::kCorpus:
      return -1;  // the caller picks the right corpus histogram
    case Draw::Kind::kExponential:
      return static_cast<int>(std::lround(rng_.Exponential(d.value)));
    case Draw::Kind::kLognormal: {
      const double mu = std::log(d.value) - d.sigma * d.sigma / 2;
      return static_cast<int>(std::lround(rng_.LogNormal(mu, d.sigma)));
    }
  }
  return 0;
}

void PoissonSource::DrawAddressees(const std::vector<std::string>& pool,
                                   const std::vector<bool>& collective, int count,
                                   const std::string& origin, bool info, Precedence p,
                                   MessageSpec* m) {
  // Partial Fisher-Yates over the indices of the pool, skipping the origin.
  std::vector<std::uint32_t> idx;
  idx.reserve(pool.size());
  for (std::uint32_t i = 0; i < pool.size(); ++i) {
    if (pool[i] != origin) idx.push_back(i);
  }
  const auto n = std::min<std::size_t>(static_cast<std::size_t>(std::max(count, 0)), idx.size());
  for (std::size_t k = 0; k < n; ++k) {
    const auto j = k + rng_.UniformInt(idx.size() - k);
    std::swap(idx[k], idx[j]);
    AddresseeSpec a;
    if (collective[idx[k]]) {
      a.address = pool[idx[k]];
      a.collective = true;
    } else {
      a.ri = pool[idx[k]];
    }
    a.info = info;
    a.precedence = p;
    m->addressees.push_back(std::move(a));
  }
}

std::optional<MessageSpec> PoissonSource::Next() {
  if (config_.origins.empty() || config_.per_hour <= 0) return std::nullopt;
  if (config_.max_messages && made_ >= config_.max_messages) return std::nullopt;
  // The superposition of one Poisson process per origin: total rate, origin uniform.
  const double total_per_s = config_.per_hour * static_cast<double>(config_.origins.size()) / 3600;
  next_ += Duration::FromSecondsRounded(rng_.Exponential(1.0 / total_per_s));
  if (next_ >= config_.stop) return std::nullopt;
  MessageSpec m;
  m.id = config_.name + "-" + std::to_string(++made_);
  m.filed = next_;
  m.origin_ri = config_.origins[rng_.UniformInt(config_.origins.size())];
  PrecedencePair p{Precedence::kRoutine, Precedence::kRoutine};
  if (config_.corpus_mix) {
    p = DrawCorpusPrecedence(rng_);
  } else {
    double total = 0;
    for (double w : config_.mix) total += w;
    double x = rng_.Uniform01() * total;
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
  int to = config_.to_count.kind == Draw::Kind::kCorpus ? DrawCorpusToCount(rng_)
                                                        : DrawCount(config_.to_count);
  int info = config_.info_count.kind == Draw::Kind::kCorpus ? DrawCorpusInfoCount(rng_)
                                                            : DrawCount(config_.info_count);
  DrawAddressees(config_.to_pool, config_.to_pool_collective, std::max(to, 1), m.origin_ri, false,
                 p.action, &m);
  DrawAddressees(config_.info_pool, config_.info_pool_collective, info, m.origin_ri, true, p.info,
                 &m);
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
  m.chars = config_.heading_overhead ? EstimateWireChars(m.addressees.size(), text) : text;
  return m;
}

}  // namespace cablesim
