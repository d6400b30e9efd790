#include "sim/message/acp127_parser.h"

#include <doctest/doctest.h>

#include "tests/cli_support.h"

using cablesim::ParseAcp127;
using cablesim::ParseOneAcp127;
using cablesim::Precedence;

namespace {

std::string SeedCable() { return cablesim::testing::SeedCableText(); }

const char* kMinimal =
    "R 241652Z FEB 06\n"
    "FM AMEMBASSY REYKJAVIK\n"
    "TO SECSTATE WASHDC 2593\n"
    "\n"
    "UNCLAS REYKJAVIK 000063\n";

}  // namespace

TEST_CASE("the seed cable reads field by field") {
  auto pm = ParseOneAcp127(SeedCable());
  REQUIRE(pm.ok());
  CHECK(pm.warnings.empty());
  const auto& m = pm.message;
  CHECK(m.transmission_id == "XYZ0003");
  CHECK(m.has_routing_line);
  CHECK(m.routing_precedence == Precedence::kImmediate);
  CHECK(m.routing_ris == std::vector<std::string>{"RUEHWEB"});
  CHECK(m.station_ri == "RUEHC");
  CHECK(m.station_serial == "0837");
  CHECK(m.section.empty());
  CHECK(m.filed_julian_day == 157);
  CHECK(m.filed_time == "2133");
  CHECK(m.security_signal == "ZNY");
  CHECK(m.security_group == "CCCCC");
  CHECK(m.operating_signals == std::vector<std::string>{"ZZH"});
  CHECK(m.action_precedence == Precedence::kImmediate);
  CHECK(m.info_precedence == Precedence::kPriority);
  CHECK(m.dual_precedence);
  CHECK(cablesim::DtgToIso(m.dtg) == "2008-06-05T21:24:00Z");
  CHECK(m.from == "SECSTATE WASHDC");
  REQUIRE(m.to.size() == 2);
  CHECK(m.to[0].ri == "RUEHFR");
  CHECK(m.to[0].address == "AMEMBASSY PARIS");
  CHECK(m.to[0].precedence == Precedence::kImmediate);
  CHECK(m.to[0].serial == "0000");
  CHECK(m.to[1].ri == "RUEHNO");
  CHECK(m.to[1].address == "USMISSION USNATO");
  REQUIRE(m.info.size() == 2);
  CHECK_FALSE(m.info[0].ri);
  CHECK(m.info[0].address == "ALL NATO POST COLLECTIVE");
  CHECK(m.info[0].collective);
  CHECK(m.info[0].precedence == Precedence::kPriority);
  CHECK(m.info[0].serial.empty());
  CHECK(m.info[1].ri == "RUEHGB");
  CHECK(m.info[1].precedence == Precedence::kPriority);
  CHECK(m.classification == "CONFIDENTIAL");
  CHECK(m.reference == "STATE 060837");
  CHECK(m.text[0].empty());  // blank lines inside the text are kept
  CHECK(m.text[1] == "SIPDIS");
  CHECK(m.text.back() == "RICE");
}

TEST_CASE("a filing day that is not in its year, or far from the DTG, is warned of at FL3") {
  const auto heading = [](const std::string& fl3, const std::string& dtg) {
    return "DE RUEHC #0001 " + fl3 + "\nZNR UUUUU\nR " + dtg +
           "\nFM SECSTATE WASHDC\nTO AMEMBASSY PARIS\nBT\nUNCLAS STATE 000001\nBT\n";
  };
  // Day 366 of 2009, a year of 365 days, is 1 January 2010.
  auto pm = ParseOneAcp127(heading("3660900", "311200Z DEC 09"));
  REQUIRE(pm.ok());
  REQUIRE(pm.warnings.size() == 1);
  CHECK(pm.warnings[0].line == 1);
  CHECK(pm.warnings[0].column == 16);
  CHECK(pm.warnings[0].message ==
        "filing day 366 of 2009, a year of 365 days: read as 2010-01-01T09:00:00Z");
  // In a leap year day 366 is 31 December, and a filing two days after its DTG is usual.
  CHECK(ParseOneAcp127(heading("3660900", "291200Z DEC 08")).warnings.empty());
  // Day 50 is 19 February: 107 days before a DTG of 5 June.
  pm = ParseOneAcp127(heading("0501200", "051200Z JUN 08"));
  REQUIRE(pm.warnings.size() == 1);
  CHECK(pm.warnings[0].message ==
        "filing time 2008-02-19T12:00:00Z is 107d 00h 00m before the DTG "
        "(2008-06-05T12:00:00Z): the cable is filed at this time; check FL3's day");
  // 30 days is allowed; a minute more is not, and the warning says by how much.
  CHECK(ParseOneAcp127(heading("1871200", "051200Z JUN 08")).warnings.empty());
  pm = ParseOneAcp127(heading("1871201", "051200Z JUN 08"));
  REQUIRE(pm.warnings.size() == 1);
  CHECK(pm.warnings[0].message.find(" is 30d 00h 01m after the DTG ") != std::string::npos);
}

TEST_CASE("tolerated oddities are read, some with warnings") {
  SUBCASE("CRLF, trailing spaces, double spaces") {
    auto pm = ParseOneAcp127(
        "R 241652Z FEB 06  \r\nFM  AMEMBASSY  REYKJAVIK \r\nTO SECSTATE WASHDC 2593\r\n\r\n"
        "UNCLAS REYKJAVIK 000063 \r\n");
    REQUIRE(pm.ok());
    CHECK(pm.message.from == "AMEMBASSY REYKJAVIK");
    CHECK(pm.message.reference == "REYKJAVIK 000063");
  }
  SUBCASE("FL1, FL2, FL3, FL4 absent, no BT or NNNN") {
    auto pm = ParseOneAcp127(kMinimal);
    REQUIRE(pm.ok());
    CHECK(pm.warnings.empty());
    CHECK(pm.message.station_ri.empty());
    CHECK(pm.message.to[0].precedence == Precedence::kRoutine);
    CHECK(pm.message.classification == "UNCLASSIFIED");
  }
  SUBCASE("FL2 over several lines, section, operating signals after the DTG") {
    auto pm = ParseOneAcp127(
        "VZCZCXRO4501\nPP RUEHAG RUEHAST\nRUEHLZ RUEHNP\n\nDE RUEHLO #0063/02 0120959\n"
        "ZNR UUUUU ZZH\nP 120959Z JAN 09 ZDK CTG NUMEROUS REQUESTS\nFM AMEMBASSY LONDON\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 0879\n\nUNCLAS SECTION 02 OF 03 LONDON 000063\n");
    REQUIRE(pm.ok());
    CHECK(pm.message.routing_ris ==
          std::vector<std::string>{"RUEHAG", "RUEHAST", "RUEHLZ", "RUEHNP"});
    CHECK(pm.message.section == "02");
    CHECK(pm.message.dtg_signals == "ZDK CTG NUMEROUS REQUESTS");
    CHECK(pm.message.reference == "LONDON 000063");
  }
  SUBCASE("NIACT, ZEN, serial ranges, XMT") {
    auto pm = ParseOneAcp127(
        "O 162023Z MAR 06\nFM SECSTATE WASHDC\nTO ZEN/AMEMBASSY BELMOPAN NIACT IMMEDIATE "
        "2276-2279\n"
        "INFO RUEHEE/ARAB LEAGUE COLLECTIVE\nXMT AMEMBASSY KHARTOUM\n\nUNCLAS STATE 012345\n");
    REQUIRE(pm.ok());
    const auto& a = pm.message.to[0];
    CHECK(a.zen);
    CHECK_FALSE(a.ri);
    CHECK(a.niact);
    CHECK(a.word == Precedence::kImmediate);
    CHECK(a.serial == "2276-2279");
    CHECK(pm.message.info[0].ri == "RUEHEE");
    CHECK(pm.message.info[0].collective);
    CHECK(pm.message.exempt[0].address == "AMEMBASSY KHARTOUM");
  }
  SUBCASE("a garbled TO and a short classification group") {
    auto pm = ParseOneAcp127(
        "ZNY CCCC\nP 081523Z JAN 09\nFM AMEMBASSY MANAMA\nTORUEHC/SECSTATE WASHDC PRIORITY 8009\n"
        "\nC O N F I D E N T I A L MANAMA 000492\n");
    REQUIRE(pm.ok());
    CHECK(pm.message.to[0].ri == "RUEHC");
    REQUIRE(pm.warnings.size() == 2);
    CHECK(pm.warnings[0].line == 1);
    CHECK(pm.warnings[0].column == 5);
    CHECK(pm.warnings[0].message ==
          "classification group 'CCCC' should be one letter repeated 5 times (e.g. CCCCC)");
    CHECK(pm.warnings[1].line == 4);
    CHECK(pm.warnings[1].message.rfind("missing space after TO", 0) == 0);
  }
  SUBCASE("a classification group of no classification letter says what decides instead") {
    for (const char* signal : {"ZNY", "ZNR"}) {
      auto pm = ParseOneAcp127(std::string(signal) +
                               " XXXXX ZZH\nP 081523Z JAN 09\nFM AMEMBASSY MANAMA\n"
                               "TO RUEHC/SECSTATE WASHDC PRIORITY 8009\n\nMANAMA 000492\n");
      REQUIRE(pm.ok());
      REQUIRE(pm.warnings.size() >= 1);
      CHECK(pm.warnings[0].line == 1);
      CHECK(pm.warnings[0].column == 5);
      CHECK(pm.warnings[0].message ==
            std::string("'X' is no classification letter (U, C, S, T, or E for EFTO): the "
                        "classification line decides, else ") +
                (std::string(signal) == "ZNY" ? "CONFIDENTIAL (ZNY: not to go unencrypted)"
                                              : "UNCLASSIFIED"));
    }
  }
  SUBCASE("a classification group in lower case is read as upper case, and says so") {
    auto pm = ParseOneAcp127(
        "ZNY sssss ZZH\nP 081523Z JAN 09\nFM AMEMBASSY MANAMA\n"
        "TO RUEHC/SECSTATE WASHDC PRIORITY 8009\n\nMANAMA 000492\n");
    REQUIRE(pm.ok());
    REQUIRE(pm.warnings.size() >= 1);
    CHECK(pm.warnings[0].column == 5);
    CHECK(pm.warnings[0].message ==
          "classification group 'sssss' in lower case; read as upper case");
  }
  SUBCASE("archive lines before the heading and a date line before the classification") {
    auto pm = ParseOneAcp127(
        "id: 204754\nCLEARED: POL\n\nR 241652Z FEB 06\nFM AMEMBASSY REYKJAVIK\n"
        "TO SECSTATE WASHDC 2593\n\nFriday, 26 February 2010, 16:37\n"
        "S e c r e t REYKJAVIK 000063SIPDIS\n");
    REQUIRE(pm.ok());
    CHECK(pm.message.classification == "SECRET");
    CHECK(pm.message.reference == "REYKJAVIK 000063");
    REQUIRE(pm.warnings.size() == 4);
    CHECK(pm.warnings[0].message == "ignored 2 line(s) before the message heading (line 4)");
    CHECK(pm.warnings[1].message == "ignored 1 line(s) before the classification line (line 9)");
    CHECK(pm.warnings[2].message == "classification line in lower case; read as upper case");
    CHECK(pm.warnings[3].column == 29);  // where "SIPDIS" starts
  }
}

TEST_CASE("what cannot be read is an error with line, column and what was expected") {
  SUBCASE("no FL5") {
    auto pm = ParseOneAcp127("FM AMEMBASSY X\nTO SECSTATE WASHDC\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 1);
    CHECK(pm.errors[0].column == 1);
    CHECK(pm.errors[0].message ==
          "expected FL5, precedence prosign(s) and date-time group (e.g. 'O P 052124Z JUN 08'), "
          "found 'FM AMEMBASSY X'");
  }
  SUBCASE("bad DTG") {
    auto pm = ParseOneAcp127("O P 322124Z JUN 08\nFM X\nTO Y\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].column == 5);
    CHECK(pm.errors[0].message.find("day 32 does not exist") != std::string::npos);
  }
  SUBCASE("bad DE line") {
    auto pm = ParseOneAcp127("DE RUEHC 0837 1572133\nO 052124Z JUN 08\nFM X\nTO Y\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 1);
    CHECK(pm.errors[0].column == 10);
    CHECK(pm.errors[0].message == "expected '#' and the station serial number, found '0837'");
  }
  SUBCASE("no FM") {
    auto pm = ParseOneAcp127("O 052124Z JUN 08\nTO Y\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 2);
    CHECK(pm.errors[0].message.rfind("expected FL6", 0) == 0);
  }
  SUBCASE("no addressee") {
    auto pm = ParseOneAcp127("O 052124Z JUN 08\nFM X\n\nUNCLAS STATE 1\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].message == "no addressee: expected TO (FL7) or INFO (FL8) lines");
  }
  SUBCASE("a malformed FL5 keeps every other field: reading resumes at FM") {
    auto pm = ParseOneAcp127(
        "VZCZCXYZ0003\nOO RUEHWEB\nDE RUEHC #0837 1572133\nZNY CCCCC\nO P 05212 JUN 08\n"
        "FM SECSTATE WASHDC\nTO RUEHFR/AMEMBASSY PARIS IMMEDIATE 0000\nINFO RUEHGB/AMEMBASSY "
        "BAGHDAD\n\nC O N F I D E N T I A L STATE 060837\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 5);
    CHECK(pm.message.station_ri == "RUEHC");
    CHECK(pm.message.from == "SECSTATE WASHDC");
    REQUIRE(pm.message.to.size() == 1);
    CHECK(pm.message.to[0].ri == "RUEHFR");
    REQUIRE(pm.message.info.size() == 1);
    CHECK(pm.message.reference == "STATE 060837");
  }
  SUBCASE("an unknown FL2 prosign is a warning, not the end of the message") {
    auto pm = ParseOneAcp127(
        "VZCZCXYZ0000\nNN RUEHWEB\n\nDE RUEHC #8235 2290841\nZNY CCCCC ZZH ZZK\n"
        "O 160836Z AUG 08 ZFF4\nFM SECSTATE WASHDC\nTO RUEHHE/AMEMBASSY HELSINKI\n");
    CHECK(pm.ok());
    REQUIRE(pm.warnings.size() == 1);
    CHECK(pm.warnings[0].line == 2);
    CHECK(pm.warnings[0].message ==
          "unknown precedence prosign 'NN' in the routing line (FL2: expected YY, ZZ, OO, PP or "
          "RR); line ignored");
    CHECK(pm.message.station_ri == "RUEHC");
    CHECK(pm.message.action_precedence == cablesim::Precedence::kImmediate);
  }
  SUBCASE("a slash with no routing indicator before it") {
    auto pm = ParseOneAcp127("O 052124Z JUN 08\nFM X\nTO /\nINFO RUEHGB/AMEMBASSY BAGHDAD\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 3);
    CHECK(pm.errors[0].column == 4);
    CHECK(pm.errors[0].message == "addressee with '/' but no routing indicator before it");
    CHECK(pm.message.to.empty());
  }
  SUBCASE("empty input") {
    auto pm = ParseOneAcp127("\n\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].message == "no message: the input is empty");
  }
  SUBCASE("ended early") {
    auto pm = ParseOneAcp127("VZCZCXYZ0001\nOO RUEHWEB\n");
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 3);
    CHECK(pm.errors[0].message.find("found the end of the message") != std::string::npos);
  }
}

TEST_CASE("a UTF-8 byte-order mark before the first line is not part of it") {
  auto pm = ParseOneAcp127(
      "\xEF\xBB\xBFVZCZCXYZ0003\nOO RUEHWEB\nDE RUEHC #0837 1572133\n"
      "O P 052124Z JUN 08\nFM SECSTATE WASHDC\nTO RUEHFR/AMEMBASSY PARIS\n");
  CHECK(pm.ok());
  CHECK(pm.message.station_ri == "RUEHC");
  CHECK(pm.first_line == 1);
  const auto all =
      ParseAcp127("\xEF\xBB\xBF\n\nO 052124Z JUN 08\nFM X\nTO RUEHFR/AMEMBASSY PARIS\n");
  REQUIRE(all.size() == 1);
  CHECK(all[0].first_line == 3);
}

TEST_CASE("a file may hold several messages") {
  std::string two = std::string(kMinimal) + "NNNN\n" + SeedCable();
  auto all = ParseAcp127(two);
  REQUIRE(all.size() == 2);
  CHECK(all[0].first_line == 1);
  CHECK(all[0].message.reference == "REYKJAVIK 000063");
  CHECK(all[1].message.reference == "STATE 060837");
  CHECK(all[1].first_line == 9);
  SUBCASE("separated by VZCZC or by === labels") {
    auto labelled = ParseAcp127("=== A body_chars=1\n" + std::string(kMinimal) +
                                "=== B body_chars=2\n" + kMinimal);
    REQUIRE(labelled.size() == 2);
    CHECK(labelled[1].label == "B");
    auto by_vzczc = ParseAcp127(SeedCable() + SeedCable());
    CHECK(by_vzczc.size() == 2);
  }
  SUBCASE("ParseOne refuses a second message") {
    auto pm = ParseOneAcp127(two);
    REQUIRE(pm.errors.size() == 1);
    CHECK(pm.errors[0].line == 9);
  }
}

TEST_CASE("input that made the parser quadratic is read in linear time" * doctest::timeout(60)) {
  // 100,000 VZCZC lines with no FM line anywhere (each used to rescan all before it).
  std::string many;
  for (int i = 0; i < 100'000; ++i) many += "VZCZCXYZ0001\n";
  const auto messages = cablesim::ParseAcp127(many);
  CHECK(messages.size() == 1);
  // 30,000 routing indicators on one FL2 line (each used to be looked for in all before it).
  std::string fl2 = "VZCZCXYZ0001\nRR";
  for (int i = 0; i < 30'000; ++i) {
    fl2 += " RU";
    for (int k = 0, v = i; k < 4; ++k, v /= 26) fl2 += static_cast<char>('A' + v % 26);
  }
  fl2 +=
      "\nDE RUEHC #0837 1572133\nZNR UUUUU\nR 052124Z JUN 08\nFM SECSTATE\n"
      "TO RUEHFR/AMEMBASSY PARIS\nBT\nUNCLAS STATE 1\nBT\nNNNN\n";
  const auto one = cablesim::ParseOneAcp127(fl2);
  REQUIRE(one.ok());
  CHECK(one.message.routing_ris.size() == 30'000);
}

TEST_CASE("a structural line: markers, section starts and classification lines of any length") {
  using cablesim::IsStructuralLine;
  for (const char* line :
       {"", "BT", "NNNN", "VZCZCXYZ0003", "=== label", "TO RUEHFR/X", "INFO X", "XMT X",
        "Cable dated:Thu, 5 Jun 2008 21:24:00 +0000", "SECRET", "secret", "Secret//noforn",
        "S E C R E T STATE 060837", "C O N F I D E N T I A L STATE 060837 AND A LONG LINE AFTER IT",
        "C O N F I D E N T I A L//NOFORN AND MORE", "UNCLAS E F T O PARIS 1", "UNCLASSIFIED"}) {
    CHECK_MESSAGE(IsStructuralLine(line), line);
  }
  // The pattern must end there: a space, "//" or the end of the line.
  for (const char* line : {"B T", "SECRETARY OF STATE", "C O N F I D E N T I A LX AND MORE TEXT",
                           "C O N F I D E N T I A L/ONE SLASH AND MORE TEXT", "RUEHFR/AMEMBASSY",
                           "   SECRET", "UNCLASX"}) {
    CHECK_MESSAGE(!IsStructuralLine(line), line);
  }
}
