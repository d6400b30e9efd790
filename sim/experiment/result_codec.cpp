#include "sim/experiment/result_codec.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace cablesim {
namespace {

constexpr std::uint32_t kMagic = 0x43534252;  // "CSBR", and the layout's version below

class Writer {
 public:
  template <class T>
  void Put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out_.append(b, sizeof(T));
  }
  std::string str() && { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  template <class T>
  bool Get(T* v) {
    if (pos_ + sizeof(T) > s_.size()) return false;
    std::memcpy(v, s_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool done() const { return pos_ == s_.size(); }

 private:
  const std::string& s_;
  std::size_t pos_ = 0;
};

void PutQuantile(Writer& w, const Quantile& q) {
  w.Put(q.s);
  w.Put(static_cast<std::uint8_t>(q.at_least));
}

bool GetQuantile(Reader& r, Quantile* q) {
  std::uint8_t at_least = 0;
  if (!r.Get(&q->s) || !r.Get(&at_least)) return false;
  q->at_least = at_least != 0;
  return true;
}

void PutFigures(Writer& w, const RunFigures& f) {
  for (std::uint64_t v : {f.messages, f.copies, f.events}) w.Put(v);
  w.Put(f.span);
  w.Put(static_cast<std::uint64_t>(f.undeliverable_reasons.size()));
  for (const auto& [reason, n] : f.undeliverable_reasons) {
    w.Put(reason);
    w.Put(n);
  }
  w.Put(static_cast<std::uint64_t>(f.links.size()));
  for (const LinkFigures& l : f.links) w.Put(l);
  w.Put(static_cast<std::uint64_t>(f.stations.size()));
  for (const StationFigures& st : f.stations) w.Put(st);
}

bool GetFigures(Reader& rd, std::size_t limit, RunFigures* f) {
  for (std::uint64_t* v : {&f->messages, &f->copies, &f->events}) {
    if (!rd.Get(v)) return false;
  }
  std::uint64_t n = 0;
  if (!rd.Get(&f->span) || !rd.Get(&n) || n > limit) return false;
  for (std::uint64_t k = 0; k < n; ++k) {
    Undeliverable reason{};
    std::uint64_t count = 0;
    if (!rd.Get(&reason) || !rd.Get(&count)) return false;
    f->undeliverable_reasons[reason] = count;
  }
  if (!rd.Get(&n) || n > limit) return false;
  f->links.resize(n);
  for (LinkFigures& l : f->links) {
    if (!rd.Get(&l)) return false;
  }
  if (!rd.Get(&n) || n > limit) return false;
  f->stations.resize(n);
  for (StationFigures& st : f->stations) {
    if (!rd.Get(&st)) return false;
  }
  return true;
}

}  // namespace

std::string EncodeResult(const ReplicationResult& r) {
  Writer w;
  w.Put(kMagic + 5);
  w.Put(r.seed);
  for (const PrecedenceSummary& p : r.by_precedence) {
    for (std::uint64_t v : {p.addressed, p.delivered, p.other_means, p.undeliverable, p.in_flight,
                            p.within, p.unresolved}) {
      w.Put(v);
    }
    w.Put(p.mean_s);
    for (const Quantile* q : {&p.p50, &p.p95, &p.p99, &p.max}) PutQuantile(w, *q);
  }
  for (const AnatomyTally& t : r.anatomy) {
    w.Put(t.deliveries);
    for (__int128 v : t.sum_ns) w.Put(v);
  }
  const auto& c = r.conservation;
  for (std::uint64_t v : {c.addressed, c.delivered, c.other_means, c.undeliverable, c.in_flight}) {
    w.Put(v);
  }
  w.Put(static_cast<std::uint64_t>(r.channel_utilisation.size()));
  for (double u : r.channel_utilisation) w.Put(u);
  w.Put(static_cast<std::uint64_t>(r.operator_utilisation.size()));
  for (const auto& o : r.operator_utilisation) {
    w.Put(o.station);
    w.Put(o.utilisation);
  }
  for (const DeliveryCdf& cdf : r.cdfs) {
    w.Put(static_cast<std::uint64_t>(cdf.counts().size()));
    for (std::uint64_t n : cdf.counts()) w.Put(n);
    w.Put(cdf.not_delivered());
    w.Put(cdf.fastest_s());
    w.Put(cdf.slowest_s());
  }
  w.Put(static_cast<std::uint8_t>(r.figures.has_value()));
  if (r.figures) PutFigures(w, *r.figures);
  return std::move(w).str();
}

std::optional<ReplicationResult> DecodeResult(const std::string& bytes) {
  Reader rd(bytes);
  ReplicationResult r;
  std::uint32_t magic = 0;
  if (!rd.Get(&magic) || magic != kMagic + 5 || !rd.Get(&r.seed)) return std::nullopt;
  for (PrecedenceSummary& p : r.by_precedence) {
    for (std::uint64_t* v : {&p.addressed, &p.delivered, &p.other_means, &p.undeliverable,
                             &p.in_flight, &p.within, &p.unresolved}) {
      if (!rd.Get(v)) return std::nullopt;
    }
    if (!rd.Get(&p.mean_s)) return std::nullopt;
    for (Quantile* q : {&p.p50, &p.p95, &p.p99, &p.max}) {
      if (!GetQuantile(rd, q)) return std::nullopt;
    }
  }
  for (AnatomyTally& t : r.anatomy) {
    if (!rd.Get(&t.deliveries)) return std::nullopt;
    for (__int128& v : t.sum_ns) {
      if (!rd.Get(&v)) return std::nullopt;
    }
  }
  auto& c = r.conservation;
  for (std::uint64_t* v :
       {&c.addressed, &c.delivered, &c.other_means, &c.undeliverable, &c.in_flight}) {
    if (!rd.Get(v)) return std::nullopt;
  }
  std::uint64_t n = 0;
  if (!rd.Get(&n) || n > bytes.size()) return std::nullopt;
  r.channel_utilisation.resize(n);
  for (double& u : r.channel_utilisation) {
    if (!rd.Get(&u)) return std::nullopt;
  }
  if (!rd.Get(&n) || n > bytes.size()) return std::nullopt;
  r.operator_utilisation.resize(n);
  for (auto& o : r.operator_utilisation) {
    if (!rd.Get(&o.station) || !rd.Get(&o.utilisation)) return std::nullopt;
  }
  for (DeliveryCdf& cdf : r.cdfs) {
    if (!rd.Get(&n) || n > bytes.size()) return std::nullopt;
    std::vector<std::uint64_t> counts(n);
    for (std::uint64_t& k : counts) {
      if (!rd.Get(&k)) return std::nullopt;
    }
    std::uint64_t not_delivered = 0;
    double fastest = 0, slowest = 0;
    if (!rd.Get(&not_delivered) || !rd.Get(&fastest) || !rd.Get(&slowest)) return std::nullopt;
    auto restored = DeliveryCdf::Restore(std::move(counts), not_delivered, fastest, slowest);
    if (!restored) return std::nullopt;
    cdf = std::move(*restored);
  }
  std::uint8_t has_figures = 0;
  if (!rd.Get(&has_figures) || has_figures > 1) return std::nullopt;
  if (has_figures) {
    r.figures.emplace();
    if (!GetFigures(rd, bytes.size(), &*r.figures)) return std::nullopt;
  }
  if (!rd.done()) return std::nullopt;
  return r;
}

}  // namespace cablesim
