#include "sim/experiment/results.h"

#include <algorithm>

#include "sim/engine/random.h"

namespace cablesim {
namespace {

const PrecedenceSummary& Of(const ReplicationResult& r, Precedence p) {
  return r.by_precedence[static_cast<std::size_t>(p)];
}

}  // namespace

Figure FigureOver(const std::vector<ReplicationResult>& runs, Precedence p, Metric m) {
  std::vector<double> values;
  Figure f;
  for (const auto& run : runs) {
    const PrecedenceSummary& x = Of(run, p);
    if (m == Metric::kMean) {
      if (!x.delivered) continue;
      values.push_back(x.mean_s);
      f.partial |= x.in_flight > 0;
      continue;
    }
    if (x.delivered + x.in_flight == 0) continue;
    const Quantile& q = m == Metric::kP95 ? x.p95 : x.max;
    values.push_back(q.s);
    f.at_least |= q.at_least;
  }
  f.e = TimeEstimateOf(values);
  return f;
}

AnatomyMeans AnatomyOver(const std::vector<ReplicationResult>& runs, Precedence p) {
  AnatomyMeans out;
  std::uint64_t used = 0;
  for (const auto& run : runs) {
    const AnatomyTally& t = run.anatomy[static_cast<std::size_t>(p)];
    if (t.deliveries == 0) continue;
    ++used;
    out.deliveries += t.deliveries;
    const AnatomyMeans m = MeansOf(t);
    for (std::size_t k = 0; k < kDelayPartCount; ++k) out.part_s[k] += m.part_s[k];
  }
  if (used > 0) {
    for (double& v : out.part_s) v /= static_cast<double>(used);
  }
  return out;
}

Share WithinOver(const std::vector<ReplicationResult>& runs, Precedence p) {
  std::vector<std::uint64_t> k, n;
  for (const auto& run : runs) {
    k.push_back(Of(run, p).within);
    n.push_back(Of(run, p).Resolved());
  }
  return PooledShare(k, n);
}

PrecedenceSummary TotalsOver(const std::vector<ReplicationResult>& runs, Precedence p) {
  PrecedenceSummary t;
  for (const auto& run : runs) {
    const PrecedenceSummary& x = Of(run, p);
    t.addressed += x.addressed;
    t.delivered += x.delivered;
    t.other_means += x.other_means;
    t.undeliverable += x.undeliverable;
    t.in_flight += x.in_flight;
    t.unresolved += x.unresolved;
    t.within += x.within;
  }
  return t;
}

std::optional<ResourceLoad> BusiestResource(const std::vector<ReplicationResult>& runs) {
  if (runs.empty()) return std::nullopt;
  // Utilisations summed over replications: per channel, and per station with operators.
  std::vector<double> links;
  std::vector<ReplicationResult::OperatorLoad> operators;
  for (const auto& run : runs) {
    if (links.size() < run.channel_utilisation.size()) links.resize(run.channel_utilisation.size());
    for (std::size_t c = 0; c < run.channel_utilisation.size(); ++c) {
      links[c] += run.channel_utilisation[c];
    }
    for (const auto& load : run.operator_utilisation) {
      auto it = std::find_if(operators.begin(), operators.end(),
                             [&](const auto& o) { return o.station == load.station; });
      if (it == operators.end()) {
        operators.push_back(load);
      } else {
        it->utilisation += load.utilisation;
      }
    }
  }
  std::optional<ResourceLoad> best;
  for (std::size_t c = 0; c < links.size(); ++c) {
    if (!best || links[c] > best->utilisation) {
      best = ResourceLoad{ResourceLoad::Kind::kLink, static_cast<ChannelId>(c), 0, links[c]};
    }
  }
  std::sort(operators.begin(), operators.end(),
            [](const auto& a, const auto& b) { return a.station < b.station; });
  for (const auto& o : operators) {
    if (!best || o.utilisation > best->utilisation) {
      best = ResourceLoad{ResourceLoad::Kind::kOperators, 0, o.station, o.utilisation};
    }
  }
  if (best) best->utilisation /= static_cast<double>(runs.size());
  return best;
}

std::uint64_t ReplicationSeed(std::uint64_t seed, std::uint64_t r) {
  std::uint64_t state = seed ^ (r * 0xd1b54a32d192ed03ULL);
  return SplitMix64(&state);
}

Conservation ConservationOver(const std::vector<ReplicationResult>& runs) {
  Conservation all;
  for (const auto& r : runs) {
    all.addressed += r.conservation.addressed;
    all.delivered += r.conservation.delivered;
    all.other_means += r.conservation.other_means;
    all.undeliverable += r.conservation.undeliverable;
    all.in_flight += r.conservation.in_flight;
  }
  return all;
}

std::vector<double> PairedDifferences(const std::vector<ReplicationResult>& x,
                                      const std::vector<ReplicationResult>& base, Precedence p) {
  return PairedDifferences(x, p, base, p);
}

std::vector<double> PairedDifferences(const std::vector<ReplicationResult>& x, Precedence px,
                                      const std::vector<ReplicationResult>& base, Precedence pb) {
  std::vector<double> out;
  for (std::size_t r = 0; r < x.size() && r < base.size(); ++r) {
    const auto& a = Of(x[r], px);
    const auto& b = Of(base[r], pb);
    if (a.delivered && b.delivered) out.push_back(a.mean_s - b.mean_s);
  }
  return out;
}

}  // namespace cablesim
