// cablesim send: the client of `cablesim serve` a user runs from the shell (the manual's and
// serve --help's sender): against a gateway in this process, on a free port.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/post.hpp>
#include <fstream>
#include <thread>

#include "sim/live/gateway.h"
#include "tests/cli_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::testing::CountEvents;
using cablesim::testing::FieldMismatches;
using cablesim::testing::Json;
using cablesim::testing::JsonLines;
using cablesim::testing::RunCli;
using cablesim::testing::TempPath;

// A gateway on its own io thread, at max speed, on a free port, over the 2008 DTS.
class Gateway {
 public:
  Gateway() {
    auto s = cablesim::LoadScenario(std::string(CABLESIM_SOURCE_DIR) + "/tests/data/live-dts.yaml");
    REQUIRE(s.ok());
    scenario_ = std::make_unique<cablesim::Scenario>(std::move(s).value());
    cablesim::GatewayOptions o;
    o.port = 0;
    o.max_speed = true;
    o.handle_signals = false;
    gw_ = std::make_unique<cablesim::Gateway>(io_, *scenario_, o);
    auto port = gw_->Listen();
    REQUIRE(port.ok());
    target_ = "127.0.0.1:" + std::to_string(*port);
    gw_->Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~Gateway() {
    boost::asio::post(io_, [this] { gw_->Shutdown(); });
    thread_.join();
  }
  const std::string& target() const { return target_; }

 private:
  boost::asio::io_context io_;
  std::unique_ptr<cablesim::Scenario> scenario_;
  std::unique_ptr<cablesim::Gateway> gw_;
  std::string target_;
  std::thread thread_;
};

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = TempPath(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// A listening socket that accepts and never answers; the port, or 0.
int SilentListener(std::uint16_t* port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || ::listen(fd, 4) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    *port = 0;
  } else {
    *port = ntohs(addr.sin_port);
  }
  return fd;
}

}  // namespace

TEST_CASE("send files the seed cable and prints its replies until all 27 are delivered" *
          doctest::timeout(120)) {
  Gateway gw;
  const auto r = RunCli("send scenarios/cables/ntm-iraq-2008-state-060837.txt " + gw.target());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  const std::vector<Json> events = JsonLines(r.out);  // one JSON object a line
  REQUIRE(!events.empty());
  CHECK(FieldMismatches(events[0], R"({"event":"accepted","message":"RUEHC 0837",
                                      "addressees":27})"_json) == "");
  CHECK(CountEvents(events, "delivered") == 27);
  for (const Json& e : events) CHECK(e.at("event").is_string());
  // The cable file has no NNNN: send adds it (the same text with CRLF reads the same).
  std::string crlf;
  for (const char c : cablesim::testing::SeedCableText())
    crlf += c == '\n' ? "\r\n" : std::string(1, c);
  const std::string path = WriteTemp("send_crlf.txt", crlf);
  const auto again = RunCli("send '" + path + "' " + gw.target() + " --at RUEHC");
  std::remove(path.c_str());
  CHECK(again.exit_code == 0);
  CHECK(CountEvents(JsonLines(again.out), "delivered") == 27);
}

TEST_CASE("send sends every cable of a file and waits for the addressees of each" *
          doctest::timeout(120)) {
  Gateway gw;
  const std::string cable = cablesim::testing::SeedCableText();
  const std::string path = WriteTemp("send_two.txt", cable + "\nNNNN\n" + cable);
  const auto r = RunCli("send '" + path + "' " + gw.target());
  std::remove(path.c_str());
  CHECK(r.exit_code == 0);
  const std::vector<Json> events = JsonLines(r.out);
  CHECK(CountEvents(events, "accepted") == 2);
  CHECK(CountEvents(events, "delivered") == 54);
}

TEST_CASE("send: a cable the server rejects is exit 1, with the server's reason" *
          doctest::timeout(120)) {
  Gateway gw;
  const std::string path = WriteTemp("send_bad.txt", "FM NOWHERE\n");
  const auto r = RunCli("send '" + path + "' " + gw.target());
  std::remove(path.c_str());
  CHECK(r.exit_code == 1);
  const std::vector<Json> events = JsonLines(r.out);
  REQUIRE(!events.empty());
  CHECK(events[0]["event"] == "rejected");
  CHECK(events[0]["error"].is_string());
}

TEST_CASE("send: no server, a server that never answers, bad arguments" * doctest::timeout(60)) {
  std::uint16_t port = 0;
  const int silent = SilentListener(&port);
  REQUIRE(port != 0);
  const std::string cable = "scenarios/cables/ntm-iraq-2008-state-060837.txt";
  const auto quiet =
      RunCli("send " + cable + " 127.0.0.1:" + std::to_string(port) + " --timeout 1s");
  CHECK(quiet.exit_code == 1);
  CHECK(quiet.err == "cablesim send: no reply for 1s\n");
  ::close(silent);  // now nothing listens there
  const auto refused = RunCli("send " + cable + " 127.0.0.1:" + std::to_string(port));
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.rfind(
            "cablesim send: cannot connect to 127.0.0.1:" + std::to_string(port) + ": ", 0) == 0);
  CHECK(RunCli("send").exit_code == 2);
  CHECK(RunCli("send " + cable + " localhost").exit_code == 2);
  CHECK(RunCli("send " + cable + " localhost:99999").exit_code == 2);
  CHECK(RunCli("send " + cable + " --timeout soon").exit_code == 2);
  const auto missing = RunCli("send no-such-cable.txt");
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("no-such-cable.txt") != std::string::npos);
}
