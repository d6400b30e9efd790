#include "sim/engine/random.h"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

using cablesim::RandomStream;

TEST_CASE("a stream is fixed by seed and stream id" * doctest::timeout(120)) {
  RandomStream a(42, 1), b(42, 1), c(42, 2), d(43, 1);
  std::vector<std::uint64_t> va, vb, vc, vd;
  for (int i = 0; i < 4; ++i) {
    va.push_back(a.NextU64());
    vb.push_back(b.NextU64());
    vc.push_back(c.NextU64());
    vd.push_back(d.NextU64());
  }
  CHECK(va == vb);
  CHECK(va != vc);
  CHECK(va != vd);
}

TEST_CASE("the generator's first outputs are pinned (byte-identical runs everywhere)") {
  // If these change, every recorded run changes: change them only on purpose.
  RandomStream r(1, 0);
  CHECK(r.NextU64() == 15470910493586433997ULL);
  CHECK(r.NextU64() == 17668358672035364036ULL);
}

TEST_CASE("distributions have the right means" * doctest::timeout(120)) {
  RandomStream r(301, 5);
  const int n = 200'000;
  double u = 0, e = 0, ln = 0, z = 0, z2 = 0;
  std::uint64_t counts[7] = {};
  for (int i = 0; i < n; ++i) {
    u += r.Uniform01();
    e += r.Exponential(3.0);
    ln += r.LogNormal(0.0, 0.5);
    const double x = r.StandardNormal();
    z += x;
    z2 += x * x;
    ++counts[r.UniformInt(7)];
  }
  CHECK(u / n == doctest::Approx(0.5).epsilon(0.01));
  CHECK(e / n == doctest::Approx(3.0).epsilon(0.01));
  CHECK(ln / n == doctest::Approx(std::exp(0.125)).epsilon(0.01));
  CHECK(std::abs(z / n) < 0.01);
  CHECK(z2 / n == doctest::Approx(1.0).epsilon(0.01));
  for (auto c : counts) CHECK(static_cast<double>(c) == doctest::Approx(n / 7.0).epsilon(0.03));
}
