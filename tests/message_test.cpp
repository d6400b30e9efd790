// Precedence and date-time groups (sim/message/precedence, sim/message/dtg).
#include <doctest/doctest.h>

#include "sim/message/dtg.h"
#include "sim/message/precedence.h"

using cablesim::Precedence;

TEST_CASE("precedence prosigns, words and order" * doctest::timeout(120)) {
  CHECK(cablesim::PrecedenceFromProsign('Z') == Precedence::kFlash);
  CHECK(cablesim::PrecedenceFromProsign('O') == Precedence::kImmediate);
  CHECK(cablesim::PrecedenceFromProsign('P') == Precedence::kPriority);
  CHECK(cablesim::PrecedenceFromProsign('R') == Precedence::kRoutine);
  CHECK(cablesim::PrecedenceFromProsign('Y') == Precedence::kEmergencyCommand);
  CHECK_FALSE(cablesim::PrecedenceFromProsign('N'));
  CHECK(cablesim::PrecedenceFromWord("immediate") == Precedence::kImmediate);
  CHECK(cablesim::PrecedenceFromWord("EMERGENCY COMMAND") == Precedence::kEmergencyCommand);
  CHECK_FALSE(cablesim::PrecedenceFromWord("URGENT"));
  CHECK(Precedence::kFlash > Precedence::kImmediate);
  CHECK(Precedence::kPriority > Precedence::kRoutine);
  for (int i = 0; i < cablesim::kPrecedenceCount; ++i) {
    auto p = static_cast<Precedence>(i);
    CHECK(cablesim::PrecedenceFromProsign(cablesim::PrecedenceProsign(p)) == p);
    CHECK(cablesim::PrecedenceFromWord(cablesim::PrecedenceName(p)) == p);
  }
}

TEST_CASE("date-time groups") {
  std::string err;
  auto d = cablesim::ParseDtg("052124Z JUN 08", &err);
  REQUIRE(d);
  CHECK(cablesim::DtgToIso(*d) == "2008-06-05T21:24:00Z");
  CHECK(cablesim::FormatDtg(*d) == "052124Z JUN 08");
  CHECK(cablesim::JulianDay(*d) == 157);  // 2008 is a leap year
  CHECK(cablesim::ParseDtg("281848Z DEC 66", &err)->year == 1966);
  SUBCASE("errors say what is wrong") {
    CHECK_FALSE(cablesim::ParseDtg("302124Z FEB 08", &err));
    CHECK(err ==
          "day 30 does not exist in that month (expected a date-time group like "
          "052124Z JUN 08)");
    CHECK_FALSE(cablesim::ParseDtg("052360Z JUN 08", &err));
    CHECK(err.find("minute 60") != std::string::npos);
    CHECK_FALSE(cablesim::ParseDtg("052124Z JUX 08", &err));
    CHECK(err.find("'JUX' is not a month") != std::string::npos);
    CHECK_FALSE(cablesim::ParseDtg("0521Z JUN 08", &err));
  }
}

TEST_CASE("unix seconds round-trip through DTGs") {
  std::string err;
  auto d = cablesim::ParseIso("2008-06-05T21:24:00Z", &err);
  REQUIRE(d);
  const auto s = cablesim::DtgToUnixSeconds(*d);
  CHECK(s == 1212701040);
  CHECK(cablesim::DtgFromUnixSeconds(s) == *d);
  CHECK(cablesim::DtgFromUnixSeconds(0) == cablesim::Dtg{1970, 1, 1, 0, 0});
  CHECK(cablesim::ParseIso("2008-06-05T21:24Z", &err) == d);
  CHECK_FALSE(cablesim::ParseIso("2008-06-05 21:24", &err));
  CHECK_FALSE(cablesim::ParseIso("2008-02-30T00:00:00Z", &err));
}
