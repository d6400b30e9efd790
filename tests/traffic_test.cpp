// Traffic sources: cables, the Poisson generator, trace replay, corpus distributions.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/message/acp127_parser.h"
#include "sim/traffic/cable_traffic.h"
#include "sim/traffic/corpus_mix.h"
#include "sim/traffic/poisson_source.h"
#include "sim/traffic/trace_source.h"
#include "tests/cli_support.h"

using cablesim::Precedence;

TEST_CASE("a cable is filed at its FL3 filing time by its DE station") {
  auto r = cablesim::ReadCableMessages(
      std::string(CABLESIM_SOURCE_DIR) + "/scenarios/cables/ntm-iraq-2008-state-060837.txt",
      std::nullopt, std::nullopt);
  REQUIRE(r.ok());
  REQUIRE(r->messages.size() == 1);
  const auto& m = r->messages[0];
  CHECK(m.id == "RUEHC 0837");
  CHECK(m.origin_ri == "RUEHC");
  CHECK(cablesim::DtgToIso(cablesim::DtgFromUnixSeconds(r->filed_unix[0])) ==
        "2008-06-05T21:33:00Z");
  REQUIRE(m.addressees.size() == 4);
  CHECK(m.addressees[2].collective);
  CHECK(m.addressees[2].info);
  CHECK(m.addressees[2].precedence == Precedence::kPriority);
  CHECK(m.chars > 6611);
}

TEST_CASE("filing times across a year end go to the right year") {
  cablesim::Message m;
  m.station_ri = "RUEHC";
  m.dtg = cablesim::Dtg{2008, 12, 31, 23, 50};
  m.filed_julian_day = 1;
  m.filed_time = "0010";
  CHECK(cablesim::DtgToIso(cablesim::DtgFromUnixSeconds(cablesim::CableFilingUnixSeconds(m))) ==
        "2009-01-01T00:10:00Z");
}

TEST_CASE("the Poisson generator: rate, mix and addressees, reproducibly" * doctest::timeout(120)) {
  cablesim::PoissonConfig c;
  c.name = "g";
  c.origins = {"RAAA", "RBBB"};
  c.per_hour = 30;  // per origin: 60 an hour in all
  c.corpus_mix = false;
  c.mix[static_cast<int>(Precedence::kFlash)] = 1;
  c.mix[static_cast<int>(Precedence::kRoutine)] = 3;
  c.to_pool = {"RAAA", "RBBB", "RCCC"};
  c.to_pool_collective = {false, false, false};
  c.to_count = {cablesim::Draw::Kind::kConstant, 2};
  c.length = {cablesim::Draw::Kind::kConstant, 1000};
  c.heading_overhead = false;
  c.stop = cablesim::SimTime::Hours(1000);
  cablesim::PoissonSource src(c, cablesim::RandomStream(5, 1));
  int n = 0, flash = 0;
  cablesim::SimTime last;
  cablesim::MessageSpec spec;
  const cablesim::MessageSpec* m = &spec;
  while (src.Next(&spec)) {
    ++n;
    CHECK(m->filed >= last);
    last = m->filed;
    CHECK(m->chars == 1000);
    REQUIRE(m->addressees.size() == 2);
    CHECK(m->addressees[0].ri != m->addressees[1].ri);
    CHECK(m->addressees[0].ri != m->origin_ri);  // never to itself
    flash += m->addressees[0].precedence == Precedence::kFlash;
  }
  CHECK(static_cast<double>(n) == doctest::Approx(60'000).epsilon(0.02));
  CHECK(static_cast<double>(flash) / n == doctest::Approx(0.25).epsilon(0.03));
  cablesim::PoissonSource again(c, cablesim::RandomStream(5, 1));
  cablesim::PoissonSource first(c, cablesim::RandomStream(5, 1));
  cablesim::MessageSpec a, b;
  for (int i = 0; i < 100; ++i) {
    REQUIRE(again.Next(&a));
    REQUIRE(first.Next(&b));
    CHECK(a.filed == b.filed);
  }
}

TEST_CASE("corpus distributions match the corpus" * doctest::timeout(120)) {
  cablesim::RandomStream r(9, 9);
  const int n = 200'000;
  double chars = 0, info = 0;
  int flash = 0, immediate = 0;
  for (int i = 0; i < n; ++i) {
    chars += static_cast<double>(cablesim::DrawCorpusBodyChars(r));
    info += cablesim::DrawCorpusInfoCount(r);
    auto p = cablesim::DrawCorpusPrecedence(r);
    flash += p.action == Precedence::kFlash;
    immediate += p.action == Precedence::kImmediate;
  }
  CHECK(chars / n == doctest::Approx(7696).epsilon(0.03));  // corpus mean body_chars
  CHECK(info / n == doctest::Approx(6.06).epsilon(0.03));
  CHECK(static_cast<double>(immediate) / n == doctest::Approx(1910.0 / 6016).epsilon(0.03));
  CHECK(flash < 70);  // one FLASH in 6,016: about 33 expected
}

TEST_CASE("corpus percentiles are those of the corpus file" * doctest::timeout(120)) {
  const std::string text = cablesim::testing::ReadFile(std::string(CABLESIM_SOURCE_DIR) +
                                                       "/scenarios/data/cablegate-headers.txt");
  REQUIRE(!text.empty());
  std::vector<std::int64_t> v;
  for (std::size_t pos = 0; (pos = text.find("body_chars=", pos)) != std::string::npos;) {
    pos += 11;
    v.push_back(std::stoll(text.substr(pos, text.find('\n', pos) - pos)));
  }
  std::sort(v.begin(), v.end());
  REQUIRE(v.size() == 6018);
  for (int i = 0; i <= 100; ++i) {
    // The table was made with round-half-to-even (nearbyint in the default rounding mode).
    const auto idx =
        static_cast<std::size_t>(std::nearbyint(i / 100.0 * static_cast<double>(v.size() - 1)));
    CHECK(cablesim::CorpusBodyCharsPercentiles()[i] == v[idx]);
  }
}

TEST_CASE("trace replay reads rows and reports bad ones by line and column") {
  const std::string path = cablesim::testing::TempPath("trace.csv");
  auto write = [&](const std::string& text) {
    std::ofstream f(path);
    f << text;
  };
  write(
      "time,from,to,info,precedence,chars\n90s,RAAA,RBBB;RCCC,,O P,2400\n"
      "2008-01-01T00:10:00Z,RBBB,RAAA,RCCC,ROUTINE,100\n");
  const std::int64_t epoch = cablesim::DtgToUnixSeconds(cablesim::Dtg{2008, 1, 1, 0, 0});
  auto ok = cablesim::ReadTrace(path, epoch);
  REQUIRE(ok.ok());
  const auto& rows = ok->messages;
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].filed == cablesim::SimTime::Seconds(90));
  CHECK(rows[0].addressees.size() == 2);
  CHECK(rows[0].addressees[0].precedence == Precedence::kImmediate);
  CHECK(rows[1].filed == cablesim::SimTime::Minutes(10));
  CHECK(rows[1].addressees[1].info);
  write("time,from,to,info,precedence,chars\n90s,RAAA,RBBB,,URGENT,2400\n");
  auto bad = cablesim::ReadTrace(path, epoch);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().line == 2);
  CHECK(bad.error().column == 16);
  CHECK(bad.error().field == "precedence");
  write("when,from\n");
  CHECK_FALSE(cablesim::ReadTrace(path, epoch).ok());
  write("time,from,to,info,precedence,chars\n90s,RAAA,RBBB,,ROUTINE,-4\n");
  auto neg = cablesim::ReadTrace(path, epoch);
  REQUIRE_FALSE(neg.ok());
  CHECK(neg.error().field == "chars");
  // INFO addressees alone: a message with no action addressee was filed.
  write("time,from,to,info,precedence,chars\n90s,RAAA, ,RBBB,ROUTINE,400\n");
  auto info_only = cablesim::ReadTrace(path, epoch);
  REQUIRE_FALSE(info_only.ok());
  CHECK(info_only.error().ToString() ==
        path + ":2:10: to: a message needs a TO addressee (INFO alone is not a message)");
  // Quotes are refused where they stand: "RBBB;RCCC" was read as '"RBBB' and 'RCCC"'.
  write("time,from,to,info,precedence,chars\n90s,RAAA,\"RBBB;RCCC\",,ROUTINE,400\n");
  auto quoted = cablesim::ReadTrace(path, epoch);
  REQUIRE_FALSE(quoted.ok());
  CHECK(quoted.error().line == 2);
  CHECK(quoted.error().column == 10);
  CHECK(quoted.error().message.find("without quotes") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("a trace row says where its origin and each addressee were written") {
  const std::string path = cablesim::testing::TempPath("placed.csv");
  {
    std::ofstream f(path);
    // A byte-order mark before the header (as spreadsheet programs write), and blanks.
    f << "\xEF\xBB\xBFtime,from,to,info,precedence,chars\n"
         "90s, RAAA ,RBBB; RCCC,,O P,2400\n"
         "# a comment\n"
         "2m,RBBB,RAAA,RCCC;RDDD,ROUTINE,100\n";
  }
  auto trace = cablesim::ReadTrace(path, 0);
  REQUIRE(trace.ok());
  REQUIRE(trace->places.size() == 2);
  CHECK(trace->places[0].line == 2);
  CHECK(trace->places[0].from_column == 6);
  CHECK(trace->places[0].addressee_columns == std::vector<int>{12, 18});
  CHECK(trace->places[1].line == 4);
  CHECK(trace->places[1].from_column == 4);
  CHECK(trace->places[1].addressee_columns == std::vector<int>{9, 14, 19});
  std::remove(path.c_str());
}

TEST_CASE("a rare generator's far arrival ends it, and heavy-tailed lengths stay in range" *
          doctest::timeout(60)) {
  cablesim::PoissonConfig g;
  g.name = "rare";
  g.origins = {"RAAA"};
  g.to_pool = {"RBBB"};
  g.to_pool_collective = {false};
  g.per_hour = 1e-12;  // a mean gap of 10^8 years: far beyond what simulated time holds
  g.corpus_mix = false;
  g.mix[static_cast<int>(Precedence::kRoutine)] = 1;
  g.length = {cablesim::Draw::Kind::kConstant, 100};
  g.heading_overhead = false;
  cablesim::MessageSpec m;
  {
    cablesim::PoissonSource rare(g, cablesim::RandomStream(1, 1));
    CHECK_FALSE(rare.Next(&m));  // ended, not thrown
  }
  {
    // A run without an end of its own: the generator had more to file, so the run stops.
    g.endless = true;
    cablesim::PoissonSource rare(g, cablesim::RandomStream(1, 1));
    CHECK_THROWS_WITH_AS(
        rare.Next(&m),
        "simulated time out of range: generator rare draws its next arrival past 292 years, "
        "in a run without a duration (give it a stop or the scenario a duration)",
        std::overflow_error);
    g.endless = false;
  }
  g.per_hour = 3600;
  g.length = {cablesim::Draw::Kind::kLognormal, 1e8, 1, 3};  // sigma 3: draws of 1e11 and more
  cablesim::PoissonSource heavy(g, cablesim::RandomStream(1, 2));
  std::int64_t longest = 0;
  for (int i = 0; i < 10'000; ++i) {
    REQUIRE(heavy.Next(&m));
    CHECK(m.chars >= 1);
    longest = std::max(longest, m.chars);
  }
  CHECK(longest == 100'000'000);  // cut at the limit, never wrapped
}

TEST_CASE("generated messages are numbered NAME-1, NAME-2, ... through every carry") {
  cablesim::PoissonConfig g;
  g.name = "net-a";  // a '-' of its own: the number is what follows "net-a-"
  g.origins = {"RAAA"};
  g.to_pool = {"RBBB"};
  g.to_pool_collective = {false};
  g.per_hour = 3600;
  g.corpus_mix = false;
  g.mix[static_cast<int>(Precedence::kRoutine)] = 1;
  g.length = {cablesim::Draw::Kind::kConstant, 100};
  g.heading_overhead = false;
  cablesim::PoissonSource src(g, cablesim::RandomStream(1, 1));
  cablesim::MessageSpec m;
  for (int i = 1; i <= 10'001; ++i) {
    REQUIRE(src.Next(&m));
    CHECK(m.id == "net-a-" + std::to_string(i));
  }
}

TEST_CASE("drawn counts and lengths round half away from zero, as std::lround") {
  // (constant drawn, what it rounds to): a length is at least 1 character.
  const std::vector<std::pair<double, std::int64_t>> cases = {
      {99.5, 100}, {99.49999999999999, 99}, {0.5, 1}, {0.49999999999999994, 0}, {2.5, 3}};
  for (const auto& [value, rounded] : cases) {
    CAPTURE(value);
    cablesim::PoissonConfig g;
    g.name = "r";
    g.origins = {"RAAA"};
    g.to_pool = {"RBBB", "RCCC", "RDDD", "REEE"};
    g.to_pool_collective = {false, false, false, false};
    g.to_count = {cablesim::Draw::Kind::kConstant, value};
    g.per_hour = 3600;
    g.corpus_mix = false;
    g.mix[static_cast<int>(Precedence::kRoutine)] = 1;
    g.length = {cablesim::Draw::Kind::kConstant, value};
    g.heading_overhead = false;
    cablesim::PoissonSource src(g, cablesim::RandomStream(1, 1));
    cablesim::MessageSpec m;
    REQUIRE(src.Next(&m));
    CHECK(m.chars == std::max<std::int64_t>(1, std::lround(value)));
    CHECK(m.chars == std::max<std::int64_t>(1, rounded));
    // At least one TO addressee, at most the pool of four.
    CHECK(m.addressees.size() == static_cast<std::size_t>(std::clamp<std::int64_t>(rounded, 1, 4)));
  }
}

TEST_CASE("a cable's classification is FL4's repeated letter, else its classification line") {
  using cablesim::Classification;
  const std::string seed = cablesim::testing::ReadFile(
      std::string(CABLESIM_SOURCE_DIR) + "/scenarios/cables/ntm-iraq-2008-state-060837.txt");
  const auto parsed = cablesim::ParseOneAcp127(seed + "\nNNNN\n");
  REQUIRE(parsed.ok());
  CHECK(cablesim::CableClassification(parsed.message) == Classification::kConfidential);  // CCCCC
  cablesim::Message m = parsed.message;
  m.security_group = "SSSSS";
  CHECK(cablesim::CableClassification(m) == Classification::kSecret);
  m.security_group = "UUUUU";
  CHECK(cablesim::CableClassification(m) == Classification::kUnclassified);
  m.security_group = "EEEEE";  // EFTO: as the caller says
  CHECK(cablesim::CableClassification(m) == Classification::kUnclassified);
  CHECK(cablesim::CableClassification(m, Classification::kConfidential) ==
        Classification::kConfidential);
  m.security_group.clear();  // no FL4: the text's classification line
  m.classification = "TOP SECRET";
  CHECK(cablesim::CableClassification(m) == Classification::kTopSecret);
  m.classification = "UNCLAS";
  CHECK(cablesim::CableClassification(m) == Classification::kUnclassified);
  // Neither readable: ZNY ("not to go unencrypted") is CONFIDENTIAL, kept off circuits
  // approved for none; ZNR is UNCLASSIFIED. (ZNY XXXXX went over any circuit.)
  m.security_group = "XXXXX";
  m.classification.clear();
  m.security_signal = "ZNY";
  CHECK(cablesim::CableClassification(m) == Classification::kConfidential);
  m.security_signal = "ZNR";
  CHECK(cablesim::CableClassification(m) == Classification::kUnclassified);
  m.security_group = "sssss";  // lower case: read as upper case, as a classification line is
  CHECK(cablesim::CableClassification(m) == Classification::kSecret);
}
