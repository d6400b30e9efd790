// End-to-end: the CLI contract (subcommands, --help, exit codes).
#include <doctest/doctest.h>
#include <unistd.h>

#include "tests/cli_support.h"

using cablesim::testing::RunCli;

TEST_CASE("--help lists the subcommands and exits 0") {
  auto r = RunCli("--help");
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("bench") != std::string::npos);
}

TEST_CASE("an unknown subcommand is a usage error") {
  auto r = RunCli("frobnicate");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("unknown subcommand 'frobnicate'") != std::string::npos);
}

TEST_CASE("bench engine prints the documented JSON shape") {
  auto r = RunCli("bench engine --pending 100,1000 --events 2000 --format json");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("{\"bench\":\"engine\",\"runs\":[{\"pending\":100,\"events\":2000,", 0) == 0);
  for (const char* key : {"engine_events_per_s", "baseline_events_per_s", "ratio"}) {
    CHECK(r.out.find(key) != std::string::npos);
  }
}

TEST_CASE("bench rejects bad arguments with exit 2") {
  SUBCASE("bad count") {
    auto r = RunCli("bench engine --pending 10,x");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--pending: 'x' is not a whole number") != std::string::npos);
  }
  SUBCASE("unknown option") {
    auto r = RunCli("bench engine --fast");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown option '--fast'") != std::string::npos);
  }
  SUBCASE("unknown benchmark") { CHECK(RunCli("bench disk").exit_code == 2); }
  SUBCASE("help") { CHECK(RunCli("bench --help").exit_code == 0); }
}
