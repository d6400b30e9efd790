// sim/experiment/result_codec.h: a replication's result survives the bytes that carry it
// between MPI ranks, bit for bit, and anything that is not such bytes is refused. No mpirun:
// the codec is plain functions.
#include "sim/experiment/result_codec.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>

namespace {

using cablesim::ReplicationResult;

// A result with every field set to something distinct, awkward doubles included.
ReplicationResult Sample() {
  ReplicationResult r;
  r.seed = 0xfedcba9876543210ULL;
  std::uint64_t k = 1;
  for (auto& p : r.by_precedence) {
    p.addressed = k++;
    p.delivered = k++;
    p.other_means = k++;
    p.undeliverable = k++;
    p.in_flight = k++;
    p.within = k++;
    p.unresolved = k++;
    p.mean_s = 1.0 / static_cast<double>(k);
    p.p50 = {0.1 * static_cast<double>(k), false};
    p.p95 = {std::nextafter(2.0, 3.0), true};
    p.p99 = {-0.0, false};
    p.max = {std::numeric_limits<double>::denorm_min(), true};
  }
  for (auto& t : r.anatomy) {
    t.deliveries = k++;
    // Sums past 64 bits, and a negative one: the codec carries all 128.
    for (auto& v : t.sum_ns) v = (static_cast<__int128>(k++) << 70) - 3;
  }
  r.anatomy[2].sum_ns[4] = -static_cast<__int128>(7);
  r.conservation = {100, 90, 3, 2, 5};
  r.channel_utilisation = {0.0, 0.25, 1.0 / 3.0, std::numeric_limits<double>::max()};
  r.operator_utilisation = {{3, 0.42}, {0xfffffffeu, 1.0 / 7.0}};
  r.cdfs[1].AddDelivered(1.5);
  r.cdfs[1].AddNotDelivered();
  r.cdfs[3].AddDelivered(1e-9);
  // The run's figures (compare --per-replication): links, stations, counts, reasons.
  cablesim::RunFigures f;
  f.messages = k++;
  f.copies = k++;
  f.events = k++;
  f.span = cablesim::Duration::Nanoseconds(123456789012345);
  f.undeliverable_reasons = {{cablesim::Undeliverable::kUnservedRi, 4},
                             {cablesim::Undeliverable::kOriginUnknown, 9}};
  f.links.push_back({3, cablesim::Duration::Nanoseconds(77), 1.0 / 7.0, 11, 12,
                     cablesim::Duration::Nanoseconds(13), 14, 15, 16, 17, 18, 19});
  f.stations.push_back({2, 3, 0.625, 21, 22, std::nextafter(1.0, 2.0), 23, 24});
  r.figures = f;
  return r;
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

TEST_CASE("a replication's result round-trips through its bytes, bit for bit") {
  const ReplicationResult r = Sample();
  const std::string bytes = cablesim::EncodeResult(r);
  const auto back = cablesim::DecodeResult(bytes);
  REQUIRE(back);
  CHECK(back->seed == r.seed);
  for (std::size_t p = 0; p < r.by_precedence.size(); ++p) {
    const auto& a = r.by_precedence[p];
    const auto& b = back->by_precedence[p];
    CHECK(b.addressed == a.addressed);
    CHECK(b.delivered == a.delivered);
    CHECK(b.other_means == a.other_means);
    CHECK(b.undeliverable == a.undeliverable);
    CHECK(b.in_flight == a.in_flight);
    CHECK(b.within == a.within);
    CHECK(b.unresolved == a.unresolved);
    CHECK(SameBits(b.mean_s, a.mean_s));
    CHECK(SameBits(b.p50.s, a.p50.s));
    CHECK(SameBits(b.p99.s, a.p99.s));  // -0.0 stays negative zero
    CHECK(SameBits(b.max.s, a.max.s));
    CHECK(b.p95.at_least == a.p95.at_least);
    CHECK(b.max.at_least == a.max.at_least);
    CHECK(b.p50.at_least == a.p50.at_least);
  }
  for (std::size_t p = 0; p < r.anatomy.size(); ++p) {
    CHECK(back->anatomy[p].deliveries == r.anatomy[p].deliveries);
    CHECK(back->anatomy[p].sum_ns == r.anatomy[p].sum_ns);
  }
  CHECK(back->conservation.addressed == 100);
  CHECK(back->conservation.in_flight == 5);
  REQUIRE(back->channel_utilisation.size() == r.channel_utilisation.size());
  for (std::size_t c = 0; c < r.channel_utilisation.size(); ++c) {
    CHECK(SameBits(back->channel_utilisation[c], r.channel_utilisation[c]));
  }
  // The stations' operators (the bottleneck may be theirs).
  REQUIRE(back->operator_utilisation.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(back->operator_utilisation[k].station == r.operator_utilisation[k].station);
    CHECK(
        SameBits(back->operator_utilisation[k].utilisation, r.operator_utilisation[k].utilisation));
  }
  for (std::size_t p = 0; p < r.cdfs.size(); ++p) {
    CHECK(back->cdfs[p].counts() == r.cdfs[p].counts());
    CHECK(back->cdfs[p].not_delivered() == r.cdfs[p].not_delivered());
    CHECK(SameBits(back->cdfs[p].fastest_s(), r.cdfs[p].fastest_s()));
    CHECK(SameBits(back->cdfs[p].slowest_s(), r.cdfs[p].slowest_s()));
  }
  REQUIRE(back->figures);
  const cablesim::RunFigures& f = *back->figures;
  CHECK(f.messages == r.figures->messages);
  CHECK(f.events == r.figures->events);
  CHECK(f.span == r.figures->span);
  CHECK(f.undeliverable_reasons == r.figures->undeliverable_reasons);
  REQUIRE(f.links.size() == 1);
  CHECK(f.links[0].channel == 3);
  CHECK(SameBits(f.links[0].utilisation, 1.0 / 7.0));
  CHECK(f.links[0].backlogged == cablesim::Duration::Nanoseconds(13));
  CHECK(f.links[0].corrections == 19);
  REQUIRE(f.stations.size() == 1);
  CHECK(f.stations[0].max_waiting == 22);
  CHECK(SameBits(f.stations[0].mean_wait_s, std::nextafter(1.0, 2.0)));
  CHECK(f.stations[0].delivered_here == 24);
  CHECK(cablesim::EncodeResult(*back) == bytes);  // and encodes to the same bytes again
  // A result without figures stays without them.
  ReplicationResult bare = r;
  bare.figures.reset();
  const auto bare_back = cablesim::DecodeResult(cablesim::EncodeResult(bare));
  REQUIRE(bare_back);
  CHECK_FALSE(bare_back->figures.has_value());
}

TEST_CASE("bytes that are not a whole result are refused, never half read" * doctest::timeout(60)) {
  const std::string bytes = cablesim::EncodeResult(Sample());
  CHECK_FALSE(cablesim::DecodeResult(""));
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    INFO("truncated to " << n << " bytes");
    CHECK_FALSE(cablesim::DecodeResult(bytes.substr(0, n)));
  }
  CHECK_FALSE(cablesim::DecodeResult(bytes + "x"));  // trailing bytes
  std::string other = bytes;
  other[0] ^= 1;  // another layout's magic number
  CHECK_FALSE(cablesim::DecodeResult(other));
  // A count far beyond what the bytes could hold is refused before anything is allocated.
  std::string huge = cablesim::EncodeResult(ReplicationResult{});
  // The channel count, then the stations' count, before five CDFs of four words each (no
  // grid: a count of 0) and the byte that says there are no run figures.
  for (const std::size_t words : {22u, 21u}) {
    std::string wrong = huge;
    const std::size_t count_at = huge.size() - words * sizeof(std::uint64_t) - 1;
    const std::uint64_t n = std::numeric_limits<std::uint64_t>::max() / 16;
    std::memcpy(&wrong[count_at], &n, sizeof n);
    CHECK_FALSE(cablesim::DecodeResult(wrong));
  }
}
