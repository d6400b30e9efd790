// sim/stats/series_values.h: a series kept compact reads back exactly the values given, in
// every coding (runs, small and large whole numbers, recent ones, none, fractions), through
// a divisor, and thinned to twice the step; it costs what changes, not its length (a window
// split by a transmission across its border a byte); and series sharing an arena hold no more
// than their blocks, taking again the blocks given back; the coder's table of recent numbers
// is a few blocks of the same arena; a sealed series keeps only its bytes.
#include "sim/stats/series_values.h"

#include <doctest/doctest.h>

#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

using cablesim::SeriesArena;
using cablesim::SeriesValues;
using Dense = std::vector<std::optional<double>>;

namespace {

SeriesValues Of(const Dense& values) {
  SeriesValues s;
  for (const auto& v : values) s.Append(v);
  return s;
}

// A deterministic mixture of every kind of value (a small linear congruential generator).
Dense Mixture(std::size_t n) {
  Dense out;
  std::uint64_t x = 12345;
  const double large[] = {1638333334, 3276666668, 4915000002, 51120771187, 4.5e15};
  for (std::size_t k = 0; k < n; ++k) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    const auto r = static_cast<unsigned>(x >> 33);
    switch (r % 9) {
      case 0:  // the value before again, often several times
        if (!out.empty()) {
          for (unsigned i = r % 200; i > 0 && out.size() < n; --i) out.push_back(out.back());
        }
        break;
      case 1:
        out.push_back(std::nullopt);
        break;
      case 2:
        out.push_back(static_cast<double>(r % 64));
        break;
      case 3:
        out.push_back(large[r % 5]);
        break;
      case 4:
        out.push_back(static_cast<double>(x >> 20));  // a whole number up to 2^44
        break;
      case 5:
        out.push_back(static_cast<double>(r % 100000) / 7);  // a fraction
        break;
      case 6:
        out.push_back(r % 2 ? -0.0 : -3.0);  // kept as fractions, sign and all
        break;
      case 7:
        out.push_back(9007199254740992.0 * 4);  // beyond 2^53: a fraction too
        break;
      default:
        out.push_back(static_cast<double>(64 + r % 40));  // whole numbers that recur
        break;
    }
    if (out.size() > n) out.resize(n);
  }
  return out;
}

bool SameBits(const Dense& a, const Dense& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k) {
    if (a[k].has_value() != b[k].has_value()) return false;
    if (a[k] && std::bit_cast<std::uint64_t>(*a[k]) != std::bit_cast<std::uint64_t>(*b[k])) {
      return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("every value reads back bit for bit, in order and at random") {
  for (std::size_t n : std::vector<std::size_t>{0, 1, 2, 63, 64, 65, 129, 5000}) {
    INFO("n = " << n);
    const Dense given = Mixture(n);
    const SeriesValues s = Of(given);
    CHECK(s.size() == given.size());
    CHECK(SameBits(s.Dense(), given));
    CHECK(s == given);
    Dense iterated, walked;
    for (const auto& v : s) iterated.push_back(v);
    s.ForEach([&](std::size_t k, std::optional<double> v) {
      CHECK(k == walked.size());
      walked.push_back(v);
    });
    CHECK(SameBits(iterated, given));
    CHECK(SameBits(walked, given));
    for (std::size_t k = 0; k < n; k += 97) CHECK(SameBits({s.at(k)}, {given[k]}));
    if (n > 0) CHECK(SameBits({s.back()}, {given.back()}));
  }
}

TEST_CASE("runs of any length, closed or still open, and whole numbers of every size") {
  SeriesValues s;
  Dense given;
  for (std::size_t run : std::vector<std::size_t>{1, 63, 64, 65, 128, 1000}) {
    for (std::size_t i = 0; i < run; ++i) {
      s.AppendWhole(static_cast<std::int64_t>(run));
      given.push_back(static_cast<double>(run));
    }
  }
  CHECK(s == given);
  for (int bits = 0; bits < 63; ++bits) {
    const std::int64_t n = (std::int64_t{1} << bits) + bits;
    s.AppendWhole(n);
    given.push_back(static_cast<double>(n));
  }
  s.AppendWhole(INT64_MAX);
  given.push_back(static_cast<double>(INT64_MAX));
  CHECK(s == given);
}

TEST_CASE("a divisor reads whole numbers as the dense vector held them") {
  // Busy nanoseconds over a step of a minute, as the recorder divides them.
  const double step_ns = 60e9;
  SeriesValues s(step_ns);
  const std::int64_t sent[] = {0, 1638333334, 3276666668, 59999999999, 60000000000, 1638333334};
  for (std::int64_t ns : sent) s.AppendWhole(ns);
  s.Append(std::nullopt);
  Dense expected;
  for (std::int64_t ns : sent) expected.push_back(static_cast<double>(ns) / step_ns);
  expected.push_back(std::nullopt);
  CHECK(SameBits(s.Dense(), expected));
}

TEST_CASE("thinned to twice the step: every other state, windows summed two by two") {
  for (std::size_t n : std::vector<std::size_t>{1, 2, 7, 64, 200, 2001}) {
    INFO("n = " << n);
    Dense state = Mixture(n);
    const SeriesValues s = Of(state);
    Dense every_other;
    for (std::size_t k = 0; k < n; k += 2) every_other.push_back(state[k]);
    CHECK(SameBits(s.EveryOther().Dense(), every_other));

    SeriesValues windows;
    std::vector<std::int64_t> sent;
    for (std::size_t k = 0; k < n; ++k) {
      sent.push_back(k % 5 == 0 ? 0 : static_cast<std::int64_t>(k * 1638333334 % 60000000001));
      windows.AppendWhole(sent.back());
    }
    Dense sums;
    for (std::size_t k = 0; k < n; k += 2) {
      sums.push_back(static_cast<double>(sent[k] + (k + 1 < n ? sent[k + 1] : 0)));
    }
    CHECK(SameBits(windows.PairSums().Dense(), sums));
  }
}

TEST_CASE("a series costs what changes, not how long it is") {
  // An empty queue sampled 100,000 times (the most samples a run keeps): a count of runs.
  SeriesValues idle;
  idle.AppendWholes(0, 100000);
  CHECK(idle.size() == 100000);
  CHECK(idle.bytes() <= 100000 / 64 + 1);
  // A window holding 1, 2 or 3 whole messages on the line, in nanoseconds: a byte each.
  SeriesValues busy(60e9);
  for (std::size_t k = 0; k < 3000; ++k) {
    busy.AppendWhole(static_cast<std::int64_t>(1 + k * k % 3) * 1638333334);
  }
  CHECK(busy.bytes() <= 3000 + 3 * 5);
  // A value that changes every time costs its bytes: 5 for one below 2^35.
  SeriesValues varied;
  for (std::int64_t k = 0; k < 1000; ++k) varied.AppendWhole(20000000000 + k * 7919);
  CHECK(varied.bytes() == 5 * 1000);
}

TEST_CASE("series sharing an arena grow side by side in its blocks and take back freed ones") {
  // As the recorder grows its series: a value each in turn, 5 bytes a value.
  const SeriesArena::Ref arena = SeriesArena::Make();
  std::vector<SeriesValues> series;
  for (int i = 0; i < 50; ++i) series.emplace_back(arena, 60e9);
  std::vector<std::vector<std::int64_t>> given(series.size());
  auto grow = [&](std::size_t values) {
    for (std::size_t k = 0; k < values; ++k) {
      for (std::size_t i = 0; i < series.size(); ++i) {
        const auto n = static_cast<std::int64_t>(20000000000 + given[i].size() * 7919 + i);
        series[i].AppendWhole(n);
        given[i].push_back(n);
      }
    }
  };
  auto blocks = [&] {
    std::size_t n = 0;
    for (const SeriesValues& s : series) {
      n += (s.bytes() + SeriesArena::kBlockData - 1) / SeriesArena::kBlockData +
           s.table_bytes() / SeriesArena::kBlockBytes;
    }
    return n;
  };
  auto read_back = [&] {
    for (std::size_t i = 0; i < series.size(); ++i) {
      SeriesValues::Cursor c(series[i]);
      for (std::int64_t n : given[i]) REQUIRE(c.NextWhole() == n);
    }
  };
  grow(1000);
  CHECK(series[0].arena() == arena.get());
  CHECK(arena->blocks_in_use() == blocks());
  // No more than their blocks, and what is left of the last slab (64 KiB at most).
  CHECK(arena->slab_bytes() <= blocks() * SeriesArena::kBlockBytes + 65536);
  read_back();

  // Half of them go: the other half's next values fill their blocks, the arena no larger.
  const std::size_t slab_bytes = arena->slab_bytes();
  series.resize(25);
  given.resize(25);
  CHECK(arena->blocks_in_use() == blocks());
  grow(1000);
  CHECK(arena->slab_bytes() == slab_bytes);
  CHECK(arena->blocks_in_use() == blocks());
  read_back();

  // Thinned in the same arena, each series replaced giving its blocks back to the next.
  for (SeriesValues& s : series) s = s.PairSums();
  CHECK(series[0].arena() == arena.get());
  CHECK(arena->blocks_in_use() == blocks());
  CHECK(arena->slab_bytes() <= slab_bytes + 65536);

  // A copy reads the same from an arena of its own; a series moved from is empty.
  const SeriesValues copy = series[3];
  CHECK(copy.arena() != arena.get());
  CHECK(copy == series[3]);
  SeriesValues moved = std::move(series[4]);
  CHECK(series[4].empty());
  CHECK(moved.arena() == arena.get());
  series.clear();
  moved = SeriesValues();
  CHECK(arena->blocks_in_use() == 0);
}

TEST_CASE("a sealed series keeps only its bytes and reads the same") {
  const Dense values = Mixture(500);
  SeriesValues s = Of(values);
  CHECK(s.table_bytes() > 0);
  CHECK(!s.sealed());
  const std::size_t bytes = s.bytes();
  s.Seal();
  CHECK(s.sealed());
  CHECK(s.table_bytes() == 0);  // the table of recent numbers is freed
  CHECK(s.bytes() == bytes);
  CHECK(SameBits(s.Dense(), values));
  // Sealed it moves and copies; thinned, it makes a series that can grow.
  const SeriesValues moved = std::move(s);
  CHECK(moved.sealed());
  CHECK(moved.table_bytes() == 0);
  const SeriesValues copy = moved;
  CHECK(copy.sealed());
  CHECK(SameBits(copy.Dense(), values));
  SeriesValues thinned = moved.EveryOther();
  CHECK(!thinned.sealed());
  thinned.AppendWhole(1000);
  CHECK(thinned.back() == 1000.0);
}

TEST_CASE(
    "a busy window split from the one before by a transmission across the border costs a byte") {
  // Windows of whole transmissions of T ns each, then pairs that one straddles: the second of
  // a pair with the first makes 5 T, a sum given lately.
  const std::int64_t T = 1638333334;
  SeriesValues busy(60e9);
  Dense expected;
  auto append = [&](std::int64_t n) {
    busy.AppendWhole(n);
    expected.push_back(static_cast<double>(n) / 60e9);
  };
  for (std::int64_t m = 1; m <= 5; ++m) append(m * T);
  for (std::int64_t k = 0; k < 200; ++k) {
    const std::int64_t r = 1000 + k * 7919;
    append(2 * T + r);  // new: 5 bytes
    append(3 * T - r);  // with the one before, 5 T: 1 byte
  }
  CHECK(SameBits(busy.Dense(), expected));
  CHECK(busy.bytes() == 5 * 5 + 200 * (5 + 1));
  // Only the value just before counts: 2 T + 1000 again after 5 T (recent: a byte) is new.
  busy.AppendWhole(5 * T);
  busy.AppendWhole(2 * T + 1000);
  CHECK(busy.bytes() == 5 * 5 + 200 * (5 + 1) + 1 + 5);
  CHECK(busy.back() == static_cast<double>(2 * T + 1000) / 60e9);
}

TEST_CASE("any of the last 30 distinct large whole numbers costs a byte") {
  // Windows holding one of 30 different loads in turn (new: 5 bytes each, then a byte each).
  SeriesValues busy(60e9);
  Dense expected;
  for (std::int64_t k = 0; k < 600; ++k) {
    const std::int64_t n = 20000000000 + (k * 7 % 30) * 7919;
    busy.AppendWhole(n);
    expected.push_back(static_cast<double>(n) / 60e9);
  }
  CHECK(SameBits(busy.Dense(), expected));
  CHECK(busy.bytes() == 30 * 5 + 570);
  // From 2^48 up a number is not remembered: its bytes every time.
  SeriesValues huge;
  for (int k = 0; k < 10; ++k) huge.AppendWhole((std::int64_t{1} << 48) + k % 2);
  CHECK(huge.bytes() == 10 * 9);  // a tag and 8 bytes
  CHECK(huge.table_bytes() == 0);
  CHECK(huge.back() == static_cast<double>((std::int64_t{1} << 48) + 1));
}

TEST_CASE("the table of recent numbers is blocks of the arena, a block per 10, given back sealed") {
  const SeriesArena::Ref arena = SeriesArena::Make();
  SeriesValues s(arena, 60e9);
  s.AppendWhole(5);  // small numbers need no table
  CHECK(s.table_bytes() == 0);
  CHECK(arena->blocks_in_use() == 1);
  std::vector<std::int64_t> given;
  for (std::int64_t k = 0; k < 40; ++k) {
    given.push_back(20000000000 + k * 7919);
    s.AppendWhole(given.back());
    const std::size_t numbers = std::min<std::size_t>(given.size(), SeriesValues::kRecent);
    CHECK(s.table_bytes() == (numbers + 9) / 10 * SeriesArena::kBlockBytes);
  }
  // 30 numbers in 3 blocks: 192 bytes, where 30 numbers of 8 bytes would take 240.
  CHECK(s.table_bytes() == 3 * SeriesArena::kBlockBytes);
  const std::size_t value_blocks =
      (s.bytes() + SeriesArena::kBlockData - 1) / SeriesArena::kBlockData;
  CHECK(arena->blocks_in_use() == value_blocks + 3);
  // Values go on after the table was made, the last 30 a byte each, and read back.
  for (std::size_t k = 10; k < 40; ++k) s.AppendWhole(given[k]);
  CHECK(s.bytes() == 1 + 40 * 5 + 30);
  SeriesValues::Cursor c(s);
  CHECK(c.NextWhole() == 5);
  for (std::int64_t n : given) CHECK(c.NextWhole() == n);
  for (std::size_t k = 10; k < 40; ++k) CHECK(c.NextWhole() == given[k]);
  const SeriesValues copy = s;
  CHECK(copy.table_bytes() == s.table_bytes());
  CHECK(copy == s);
  s.Seal();
  CHECK(s.table_bytes() == 0);
  CHECK(arena->blocks_in_use() ==
        (s.bytes() + SeriesArena::kBlockData - 1) / SeriesArena::kBlockData);
  CHECK(s == copy);
}

TEST_CASE("a series is 40 bytes besides its blocks, and its arena goes with the last of them") {
  // A run keeps thousands of series as it goes, then as many in its finished list: a counted
  // pointer to the arena (not a shared_ptr's two), no pointer to a table of its own.
  CHECK(sizeof(SeriesValues) == 40);
  CHECK(sizeof(SeriesArena::Ref) == sizeof(void*));
  SeriesArena::Ref arena = SeriesArena::Make();
  const SeriesArena* const raw = arena.get();
  SeriesValues a(arena), b(arena);
  arena = SeriesArena::Ref();
  a.AppendWhole(70000000000);
  b.AppendWholes(3, 100);
  CHECK(a.arena() == raw);
  a = SeriesValues();
  CHECK(b.arena() == raw);
  CHECK(raw->blocks_in_use() == 1);
  const SeriesValues c = b.PairSums();  // in the same arena
  CHECK(c.arena() == raw);
  b = SeriesValues();
  CHECK(c.back() == 6.0);
}
