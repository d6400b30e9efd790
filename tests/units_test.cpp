#include "base/units.h"

#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "sim/engine/random.h"

using cablesim::Duration;
using cablesim::Framing;

TEST_CASE("durations parse from human text") {
  std::string err;
  CHECK(cablesim::ParseDuration("250ms", &err)->ns() == 250'000'000);
  CHECK(cablesim::ParseDuration("90s", &err) == Duration::Seconds(90));
  CHECK(cablesim::ParseDuration("15m", &err) == Duration::Minutes(15));
  CHECK(cablesim::ParseDuration("2h", &err) == Duration::Hours(2));
  CHECK(cablesim::ParseDuration("1d", &err) == Duration::Days(1));
  CHECK(cablesim::ParseDuration("1h30m", &err) == Duration::Minutes(90));
  CHECK(cablesim::ParseDuration("1.5h", &err) == Duration::Minutes(90));
  CHECK(cablesim::ParseDuration("0.001s", &err) == Duration::Milliseconds(1));
  CHECK(cablesim::ParseDuration("7ns", &err)->ns() == 7);
}

TEST_CASE("bad durations are clear errors") {
  std::string err;
  SUBCASE("no unit") {
    CHECK_FALSE(cablesim::ParseDuration("90", &err));
    CHECK(err ==
          "bad duration '90': a unit is missing (expected e.g. 250ms, 90s, 15m, 2h, 1d "
          "or 1h30m)");
  }
  SUBCASE("unknown unit") {
    CHECK_FALSE(cablesim::ParseDuration("5 min", &err));
    CHECK(err.find("unknown unit ' min'") != std::string::npos);
  }
  SUBCASE("negative") {
    CHECK_FALSE(cablesim::ParseDuration("-5s", &err));
    CHECK(err.find("negative") != std::string::npos);
  }
  SUBCASE("empty") { CHECK_FALSE(cablesim::ParseDuration("", &err)); }
  SUBCASE("overflow") {
    CHECK_FALSE(cablesim::ParseDuration("99999999999999999999d", &err));
    CHECK(err.find("too large") != std::string::npos);
  }
  SUBCASE("lone dot") { CHECK_FALSE(cablesim::ParseDuration(".s", &err)); }
  SUBCASE("units out of order or repeated") {
    // 1h1h was read as 2h and 30s1h as 1h30s: each is likely a slip, so neither is guessed.
    for (const char* text : {"1h1h", "30s1h", "1m1h", "2ms5ms", "1h30m30m"}) {
      CAPTURE(text);
      CHECK_FALSE(cablesim::ParseDuration(text, &err));
      CHECK(err.find("its units go from the largest to the smallest, each once") !=
            std::string::npos);
    }
  }
  SUBCASE("finer than a nanosecond") {
    // 0.5ns was read as 0 and 1.9999999999ns as 1 ns: cut, unseen.
    for (const char* text : {"0.5ns", "1.9999999999ns", "0.0000000001s", "1.0001us"}) {
      CAPTURE(text);
      CHECK_FALSE(cablesim::ParseDuration(text, &err));
      CHECK(err.find("finer than a nanosecond") != std::string::npos);
    }
    CHECK(cablesim::ParseDuration("1.5us", &err)->ns() == 1500);
    CHECK(cablesim::ParseDuration("0.000000001s", &err)->ns() == 1);
    CHECK(cablesim::ParseDuration("1d2h3m4s5ms6us7ns", &err)->ns() == 93'784'005'006'007);
  }
}

TEST_CASE("durations print for a person") {
  CHECK(cablesim::FormatDuration(Duration()) == "0s");
  CHECK(cablesim::FormatDuration(Duration::Milliseconds(250)) == "250ms");
  CHECK(cablesim::FormatDuration(Duration::Milliseconds(12500)) == "12.5s");
  CHECK(cablesim::FormatDuration(Duration::Seconds(90)) == "1m 30s");
  CHECK(cablesim::FormatDuration(Duration::Minutes(125)) == "2h 05m");
  CHECK(cablesim::FormatDuration(Duration::Hours(26)) == "1d 02h 00m");
}

TEST_CASE("rates and wire times are exact") {
  std::string err;
  CHECK(cablesim::ParseRate("75bd", &err) == 75);
  CHECK(cablesim::ParseRate("2400bps", &err) == 2400);
  CHECK(cablesim::ParseRate("9.6kbps", &err) == 9600);
  CHECK(cablesim::ParseRate("56kbps", &err) == 56000);
  CHECK(cablesim::ParseRate("1.544mbps", &err) == 1'544'000);
  CHECK_FALSE(cablesim::ParseRate("fast", &err));
  CHECK_FALSE(cablesim::ParseRate("0bps", &err));
  CHECK_FALSE(cablesim::ParseRate("75", &err));
  // 100 characters of ITA2 at 75 Bd: 742 units / 75 units/s = 9.8933.. s, rounded up.
  CHECK(cablesim::WireTime(100, 75, Framing::kIta2).ns() == 9'893'333'334);
  // 1000 characters, async ASCII, 2400 bit/s: 10000 bits / 2400 = 4.1666.. s.
  CHECK(cablesim::WireTime(1000, 2400, Framing::kAsyncAscii).ns() == 4'166'666'667);
  CHECK(cablesim::WireTime(7000, 56000, Framing::kSyncAscii) == Duration::Seconds(1));
}

TEST_CASE("seconds round to nanoseconds exactly as std::llround" * doctest::timeout(120)) {
  auto llround_ns = [](double s) { return static_cast<std::int64_t>(std::llround(s * 1e9)); };
  const double edges[] = {0.0,
                          -0.0,
                          0.5e-9,
                          -0.5e-9,
                          1.5e-9,
                          2.5e-9,
                          -2.5e-9,
                          0.49999999999999994e-9,
                          0x1p52 / 1e9,
                          (0x1p53 + 2) / 1e9,
                          0x1p61 / 1e9,
                          -0x1p61 / 1e9,
                          4.0e9,
                          1e-12,
                          123.456789012345};
  for (const double s : edges) {
    CAPTURE(s);
    CHECK(Duration::FromSecondsRounded(s).ns() == llround_ns(s));
  }
  // Halves at every magnitude where a double still has a fractional half.
  for (std::int64_t k = 0; k < 52; ++k) {
    const double ns = static_cast<double>(std::int64_t{1} << k) + 0.5;
    CAPTURE(ns);
    CHECK(Duration::FromSecondsRounded(ns / 1e9).ns() == llround_ns(ns / 1e9));
    CHECK(Duration::FromSecondsRounded(-ns / 1e9).ns() == llround_ns(-ns / 1e9));
  }
  // Random draws of the kind the simulator makes, over many orders of magnitude.
  cablesim::RandomStream rng(5, 0);
  for (int i = 0; i < 200'000; ++i) {
    const double s = rng.Exponential(1.0) * std::pow(10.0, static_cast<double>(i % 14) - 6);
    if (Duration::FromSecondsRounded(s).ns() != llround_ns(s)) {
      FAIL("differs from llround at s = " << s);
    }
  }
  // Beyond 2^62 ns (146 years) the library call decides.
  CHECK(Duration::FromSecondsRounded(0x1p62 / 1e9 * 1.5).ns() == llround_ns(0x1p62 / 1e9 * 1.5));
}

TEST_CASE("time arithmetic past 292 years is refused, never wrapped") {
  const Duration big = Duration::Days(100'000);  // 274 years
  CHECK_THROWS_AS(big + big, std::overflow_error);
  CHECK_THROWS_AS(Duration() - big - big, std::overflow_error);
  CHECK_THROWS_AS(big * 2, std::overflow_error);
  CHECK_THROWS_AS(Duration::FromSecondsRounded(1e300), std::overflow_error);
  CHECK_THROWS_AS(Duration::FromSecondsRounded(std::nan("")), std::overflow_error);
  CHECK((big + Duration::Days(6'000)).ns() ==
        std::int64_t{106'000} * 86'400 * Duration::kNsPerSecond);
  CHECK(Duration::Max() - Duration::Max() == Duration());
}

TEST_CASE("compact seconds: the form follows the value as shown, either sign") {
  using cablesim::FormatSecondsCompact;
  CHECK(FormatSecondsCompact(0.4) == "400ms");
  CHECK(FormatSecondsCompact(0.9996) == "1.00s");  // not "1000ms"
  CHECK(FormatSecondsCompact(1.234) == "1.23s");
  CHECK(FormatSecondsCompact(9.998) == "10.0s");  // not "10.00s"
  CHECK(FormatSecondsCompact(-9.998) == "-10.0s");
  CHECK(FormatSecondsCompact(59.97) == "1m 00s");  // not "60.0s"
  CHECK(FormatSecondsCompact(-77.0) == "-1m 17s");
}
