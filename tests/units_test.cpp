#include "topology/units.h"

#include <doctest/doctest.h>

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
