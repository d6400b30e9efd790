#include "sim/experiment/analytic.h"

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

Result<AnalyticModel> AnalyticModelOf(const Scenario& s, const std::string& model) {
  const bool station = model == "mg1-station";
  auto fail = [&](const std::string& why) -> Result<AnalyticModel> {
    return Error{s.file, 0, 0, "analytic", model + " does not fit: " + why};
  };
  if (!station && model != "mm1-priority") return fail("no such model");
  const Network& net = *s.network;
  if (net.link_count() != 1) return fail("the network must have exactly one link");
  if (s.generators.size() != 1 || !s.messages.empty()) {
    return fail("the traffic must be exactly one generator");
  }
  const PoissonConfig& g = s.generators[0];
  if (g.heading_overhead) return fail("the generator must say heading: false");
  if (g.corpus_mix) return fail("the generator needs explicit precedence weights");
  if (g.length.kind != Draw::Kind::kConstant &&
      (station || g.length.kind != Draw::Kind::kExponential)) {
    return fail(station ? "lengths must be constant" : "lengths must be exponential or constant");
  }
  const Link& l = net.link(0);
  if (l.propagation != Duration()) return fail("the propagation delay must be 0s");
  // The queue alone: nothing stops the server, resends, holds or refuses.
  if (!s.faults.empty()) return fail("no faults (an outage stops the server)");
  if (!s.minimize.empty()) return fail("no MINIMIZE orders (they hold or refuse traffic)");
  if (l.loss > 0 || l.garble > 0) {
    return fail("the link must lose and garble nothing (a copy sent again loads it again)");
  }
  if (net.Restricts(g.classification)) {
    return fail("the link and its stations must be cleared for the generator's classification");
  }
  const double chars_per_s =
      static_cast<double>(l.rate) * 100.0 / static_cast<double>(UnitsPerCharHundredths(l.framing));
  const double send_s = g.length.value / chars_per_s;  // mean transmission time

  AnalyticModel m;
  double mean = send_s;
  double second = g.length.kind == Draw::Kind::kExponential ? 2 * mean * mean : mean * mean;
  std::optional<StationId> origin;
  if (station) {
    m.server = AnalyticModel::Server::kStation;
    for (const auto& ri : g.origins) {
      auto id = net.FindStation(ri);
      if (!id || (origin && *origin != *id)) return fail("the generator must file at one station");
      origin = id;
    }
    if (!origin) return fail("the generator must file at one station");
    const Station& st = net.station(*origin);
    if (st.operators != 1) return fail("the filing station must have operators: 1");
    mean = st.processing.seconds();
    second = st.processing_law == ProcessingLaw::kExponential ? 2 * mean * mean : mean * mean;
    // Copies leave the operator at least D apart when D is fixed, so the link never queues.
    // Exponential times can be short; a link 100 times faster keeps its queueing negligible.
    if (st.processing_law == ProcessingLaw::kFixed && !(send_s < mean)) {
      return fail("a message must be sent in less than the processing time");
    }
    if (st.processing_law == ProcessingLaw::kExponential && !(send_s <= mean / 100)) {
      return fail("a message must be sent in 1% of the mean processing time or less");
    }
    m.constant_s = WireTime(static_cast<std::int64_t>(g.length.value), l.rate, l.framing).seconds();
  }
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (st != origin && net.station(st).processing != Duration()) {
      return fail(station ? "only the filing station may have a processing time"
                          : "processing times must be 0s");
    }
  }
  const double total = g.per_hour * static_cast<double>(g.origins.size()) / 3600.0;
  double weights = 0;
  for (double w : g.mix) weights += w;
  for (int p = kPrecedenceCount - 1; p >= 0; --p) {
    const double w = g.mix[static_cast<std::size_t>(p)];
    if (w <= 0) continue;
    m.precedences.push_back(static_cast<Precedence>(p));
    m.classes.push_back({total * w / weights, mean, second});
  }
  double rho = 0;
  for (const auto& k : m.classes) rho += k.lambda * k.mean_s;
  if (rho >= 1) return fail("the utilisation is 1 or more: there is no steady state");
  m.preemption = s.options.preemption;
  return m;
}

namespace {

// How the preemption rules relate the model's precedences.
enum class Preemption { kNone, kFullHierarchy, kMixed };

Preemption RulesAmong(const AnalyticModel& m) {
  bool any = false, all = true;
  for (std::size_t i = 0; i < m.precedences.size(); ++i) {
    for (std::size_t j = i + 1; j < m.precedences.size(); ++j) {  // i is higher than j
      const bool may = m.preemption.May(m.precedences[i], m.precedences[j]);
      any |= may;
      all &= may;
    }
  }
  if (!any) return Preemption::kNone;
  return all ? Preemption::kFullHierarchy : Preemption::kMixed;
}

}  // namespace

std::optional<std::vector<double>> AnalyticTimeInSystem(const AnalyticModel& m, Discipline d) {
  std::optional<std::vector<double>> t;
  if (m.server == AnalyticModel::Server::kStation) {
    // An operator never interrupts a copy: every discipline but fifo is Cobham's.
    t = d == Discipline::kFifo ? FifoTimeInSystem(m.classes) : PriorityTimeInSystem(m.classes);
  } else if (d == Discipline::kFifo) {
    t = FifoTimeInSystem(m.classes);
  } else if (d == Discipline::kPriority || RulesAmong(m) == Preemption::kNone) {
    t = PriorityTimeInSystem(m.classes);  // nothing interrupts: non-preemptive priority
  } else if (d == Discipline::kPreemptResume && RulesAmong(m) == Preemption::kFullHierarchy) {
    t = PreemptResumeTimeInSystem(m.classes);
  }
  if (t) {
    for (double& v : *t) v += m.constant_s;
  }
  return t;
}

std::string AnalyticUnavailable(const AnalyticModel& m, Discipline d) {
  if (AnalyticTimeInSystem(m, d)) return "";
  if (d == Discipline::kPreemptRestart && RulesAmong(m) == Preemption::kFullHierarchy) {
    return "no closed form used here for preempt-restart";
  }
  return "no closed form for these preemption rules (some of the model's precedences may "
         "interrupt others, not every higher every lower)";
}

}  // namespace cablesim
