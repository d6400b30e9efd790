// Reading input files: directories, devices and oversized files are refused by name.
#include "base/input_file.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

TEST_CASE("a regular file is read whole") {
  const std::string path = "/tmp/cablesim_input_test_" + std::to_string(::getpid());
  {
    std::ofstream f(path);
    f << "abc\ndef\n";
  }
  auto text = cablesim::ReadInputFile(path);
  REQUIRE(text.ok());
  CHECK(*text == "abc\ndef\n");
  SUBCASE("over the limit it is refused, saying how big it is and what the limit is") {
    auto big = cablesim::ReadInputFile(path, 4);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().ToString() == path + ": the input is 0.0 MB; inputs are limited to 0.0 MB");
  }
  std::remove(path.c_str());
}

TEST_CASE("directories, devices and missing files are refused by name") {
  auto dir = cablesim::ReadInputFile("/tmp");
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().ToString() == "/tmp: is a directory, not a file");
  auto zero = cablesim::ReadInputFile("/dev/zero");
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().ToString() ==
        "/dev/zero: is not a regular file (a device, pipe or socket): give a file, or - for "
        "standard input");
  auto missing = cablesim::ReadInputFile("/nonexistent/x.yaml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().ToString() == "/nonexistent/x.yaml: no such file");
}
