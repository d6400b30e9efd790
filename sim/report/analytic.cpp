#include "sim/report/analytic.h"

namespace cablesim {
namespace {

double W0(const std::vector<ClassLoad>& c) {
  double w = 0;
  for (const auto& k : c) w += k.lambda * k.second / 2;
  return w;
}

}  // namespace

std::vector<double> FifoTimeInSystem(const std::vector<ClassLoad>& c) {
  double rho = 0;
  for (const auto& k : c) rho += k.lambda * k.mean_s;
  const double wq = W0(c) / (1 - rho);
  std::vector<double> out;
  for (const auto& k : c) out.push_back(wq + k.mean_s);
  return out;
}

std::vector<double> PriorityTimeInSystem(const std::vector<ClassLoad>& c) {
  const double w0 = W0(c);
  std::vector<double> out;
  double sigma_prev = 0;
  for (const auto& k : c) {
    const double sigma = sigma_prev + k.lambda * k.mean_s;
    out.push_back(w0 / ((1 - sigma_prev) * (1 - sigma)) + k.mean_s);
    sigma_prev = sigma;
  }
  return out;
}

std::vector<double> PreemptResumeTimeInSystem(const std::vector<ClassLoad>& c) {
  std::vector<double> out;
  double sigma_prev = 0, partial_w0 = 0;
  for (const auto& k : c) {
    const double sigma = sigma_prev + k.lambda * k.mean_s;
    partial_w0 += k.lambda * k.second / 2;
    out.push_back(k.mean_s / (1 - sigma_prev) + partial_w0 / ((1 - sigma_prev) * (1 - sigma)));
    sigma_prev = sigma;
  }
  return out;
}

Result<AnalyticModel> Mm1PriorityModel(const Scenario& s) {
  auto fail = [&](const std::string& why) -> Result<AnalyticModel> {
    return Error{s.file, 0, 0, "analytic", "mm1-priority does not fit: " + why};
  };
  const Network& net = *s.network;
  if (net.link_count() != 1) return fail("the network must have exactly one link");
  if (s.generators.size() != 1 || !s.messages.empty()) {
    return fail("the traffic must be exactly one generator");
  }
  const PoissonConfig& g = s.generators[0];
  if (g.heading_overhead) return fail("the generator must say heading: false");
  if (g.corpus_mix) return fail("the generator needs explicit precedence weights");
  if (g.length.kind != Draw::Kind::kExponential && g.length.kind != Draw::Kind::kConstant) {
    return fail("lengths must be exponential or constant");
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (net.station(st).processing != Duration()) return fail("processing times must be 0s");
  }
  const Link& l = net.link(0);
  if (l.propagation != Duration()) return fail("the propagation delay must be 0s");
  const double chars_per_s =
      static_cast<double>(l.rate) * 100.0 / static_cast<double>(UnitsPerCharHundredths(l.framing));
  const double mean = g.length.value / chars_per_s;
  const double second = g.length.kind == Draw::Kind::kExponential ? 2 * mean * mean : mean * mean;
  const double total = g.per_hour * static_cast<double>(g.origins.size()) / 3600.0;
  double weights = 0;
  for (double w : g.mix) weights += w;
  AnalyticModel m;
  for (int p = kPrecedenceCount - 1; p >= 0; --p) {
    const double w = g.mix[static_cast<std::size_t>(p)];
    if (w <= 0) continue;
    m.precedences.push_back(static_cast<Precedence>(p));
    m.classes.push_back({total * w / weights, mean, second});
  }
  double rho = 0;
  for (const auto& k : m.classes) rho += k.lambda * k.mean_s;
  if (rho >= 1) return fail("the utilisation is 1 or more: there is no steady state");
  return m;
}

std::optional<std::vector<double>> AnalyticTimeInSystem(const AnalyticModel& m, Discipline d) {
  switch (d) {
    case Discipline::kFifo:
      return FifoTimeInSystem(m.classes);
    case Discipline::kPriority:
      return PriorityTimeInSystem(m.classes);
    case Discipline::kPreemptResume:
      return PreemptResumeTimeInSystem(m.classes);
    case Discipline::kPreemptRestart:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace cablesim
