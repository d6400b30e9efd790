#include "sim/message/acp127_formatter.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "sim/engine/random.h"
#include "sim/message/acp127_parser.h"
#include "tests/cli_support.h"

using cablesim::FormatAcp127;
using cablesim::Message;
using cablesim::ParseOneAcp127;
using cablesim::Precedence;

namespace {

std::string SeedCable() { return cablesim::testing::SeedCableText(); }

// A random but well-formed message: the domain of the round-trip property.
Message RandomMessage(cablesim::RandomStream& r) {
  auto pick = [&](std::initializer_list<const char*> xs) {
    return std::string(*(xs.begin() + r.UniformInt(xs.size())));
  };
  auto prec = [&] { return static_cast<Precedence>(r.UniformInt(4)); };
  auto ri = [&] {
    std::string s = "RUEH";
    const auto extra = r.UniformInt(4);
    for (std::uint64_t k = 0; k < extra; ++k) s += static_cast<char>('A' + r.UniformInt(26));
    return s;
  };
  Message m;
  if (r.UniformInt(2)) m.transmission_id = "XYZ" + std::to_string(1000 + r.UniformInt(9000));
  m.action_precedence = prec();
  m.dual_precedence = r.UniformInt(2) == 1;
  m.info_precedence = m.dual_precedence ? prec() : m.action_precedence;
  if (r.UniformInt(2)) {
    m.has_routing_line = true;
    m.routing_precedence = std::max(m.action_precedence, m.info_precedence);
    const auto n = 1 + r.UniformInt(30);  // long enough to wrap FL2
    while (m.routing_ris.size() < n) {
      auto x = ri();
      if (std::find(m.routing_ris.begin(), m.routing_ris.end(), x) == m.routing_ris.end()) {
        m.routing_ris.push_back(x);
      }
    }
  }
  if (r.UniformInt(2)) {
    m.station_ri = ri();
    m.station_serial = std::to_string(1000 + r.UniformInt(9000));
    if (r.UniformInt(2)) m.section = "0" + std::to_string(1 + r.UniformInt(9));
  }
  if (r.UniformInt(2)) {
    m.security_signal = pick({"ZNR", "ZNY"});
    m.security_group = pick({"UUUUU", "CCCCC", "SSSSS"});
    if (r.UniformInt(2)) m.operating_signals = {"ZZH"};
  }
  m.dtg = cablesim::DtgFromUnixSeconds(
      static_cast<std::int64_t>(r.UniformInt(40ULL * 365 * 86400)) + 86400LL * 365 * 5);
  if (r.UniformInt(4) == 0) m.dtg_signals = "ZDK";
  if (!m.station_ri.empty()) {  // filed up to two days after the DTG, as real cables are
    const cablesim::Dtg filed = cablesim::DtgFromUnixSeconds(
        cablesim::DtgToUnixSeconds(m.dtg) + static_cast<std::int64_t>(r.UniformInt(2 * 86400)));
    m.filed_julian_day = cablesim::JulianDay(filed);
    char hhmm[5];
    std::snprintf(hhmm, sizeof hhmm, "%02d%02d", filed.hour, filed.minute);
    m.filed_time = hhmm;
  }
  m.from = pick({"SECSTATE WASHDC", "AMEMBASSY PARIS", "USMISSION USNATO"});
  auto addressee = [&](bool to) {
    cablesim::Addressee a;
    if (r.UniformInt(4) == 0)
      a.zen = true;
    else if (r.UniformInt(3) > 0)
      a.ri = ri();
    a.address = pick({"AMEMBASSY BAGHDAD", "ALL NATO POST COLLECTIVE", "AMCONSUL SAO PAULO"});
    a.collective = a.address.find("COLLECTIVE") != std::string::npos;
    if (r.UniformInt(2)) {
      a.word = prec();
      a.niact = *a.word == Precedence::kImmediate && r.UniformInt(2) == 1;
    }
    a.precedence = a.word.value_or(to ? m.action_precedence : m.info_precedence);
    if (r.UniformInt(2)) a.serial = pick({"0000", "2276-2279", "4364"});
    return a;
  };
  const auto n_to = 1 + r.UniformInt(3);
  for (std::uint64_t k = 0; k < n_to; ++k) m.to.push_back(addressee(true));
  const auto n_info = r.UniformInt(4);
  for (std::uint64_t k = 0; k < n_info; ++k) m.info.push_back(addressee(false));
  if (r.UniformInt(4) == 0) m.exempt.push_back(addressee(false));
  m.classification = pick({"UNCLASSIFIED", "CONFIDENTIAL", "SECRET"});
  const std::string written = m.classification == "UNCLASSIFIED" ? "UNCLAS"
                              : m.classification == "SECRET"     ? "S E C R E T"
                                                                 : "C O N F I D E N T I A L";
  m.reference = "STATE " + std::to_string(100000 + r.UniformInt(900000));
  m.classification_line = written + " " + m.reference;
  const auto lines = r.UniformInt(5);
  for (std::uint64_t k = 0; k < lines; ++k) {
    m.text.push_back(k % 2 ? "" : "1. (C) PARAGRAPH " + std::to_string(k));
  }
  if (!m.text.empty()) m.text.back() = "END";
  return m;
}

}  // namespace

TEST_CASE("the seed cable survives parse, format, parse" * doctest::timeout(120)) {
  auto first = ParseOneAcp127(SeedCable());
  REQUIRE(first.ok());
  const std::string written = FormatAcp127(first.message);
  auto second = ParseOneAcp127(written);
  REQUIRE(second.ok());
  // The seed's text lines are longer than 69 characters, so they are wrapped: the heading
  // survives exactly and writing again changes nothing.
  CHECK(cablesim::FormatAcp127Heading(second.message) ==
        cablesim::FormatAcp127Heading(first.message));
  CHECK(FormatAcp127(second.message) == written);
  for (std::size_t pos = 0, next; pos < written.size(); pos = next + 1) {
    next = written.find('\n', pos);
    CHECK(next - pos <= cablesim::kMaxLineChars);
  }
}

TEST_CASE("the heading is written in ACP 127 order") {
  auto pm = ParseOneAcp127(SeedCable());
  CHECK(cablesim::FormatAcp127Heading(pm.message) ==
        "VZCZCXYZ0003\n"
        "OO RUEHWEB\n"
        "DE RUEHC #0837 1572133\n"
        "ZNY CCCCC ZZH\n"
        "O P 052124Z JUN 08\n"
        "FM SECSTATE WASHDC\n"
        "TO RUEHFR/AMEMBASSY PARIS IMMEDIATE 0000\n"
        "RUEHNO/USMISSION USNATO IMMEDIATE 0000\n"
        "INFO ALL NATO POST COLLECTIVE PRIORITY\n"
        "RUEHGB/AMEMBASSY BAGHDAD PRIORITY 0000\n");
}

TEST_CASE("parse(format(m)) == m for random well-formed messages" * doctest::timeout(120)) {
  cablesim::RandomStream r(2024, 3);
  for (int i = 0; i < 2000; ++i) {
    const Message m = RandomMessage(r);
    const std::string text = FormatAcp127(m);
    auto pm = ParseOneAcp127(text);
    INFO(text);
    REQUIRE(pm.ok());
    CHECK(pm.warnings.empty());
    REQUIRE(pm.message == m);
  }
}

TEST_CASE("wire characters count the end-of-message sequence" * doctest::timeout(120)) {
  auto pm = ParseOneAcp127(SeedCable());
  const std::string text = FormatAcp127(pm.message);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  // CR LF per line except NNNN's, whose line becomes 2 CR + 8 LF + NNNN + 12 LTRS.
  CHECK(cablesim::WireChars(pm.message) == text.size() - 5 + (lines - 1) + 26);
}
