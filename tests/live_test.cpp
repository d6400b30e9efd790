// Live mode with real sockets on 127.0.0.1 and ephemeral ports.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "sim/live/gateway.h"
#include "tests/cli_support.h"
#include "tests/json_support.h"

namespace {

using cablesim::testing::FieldMismatches;
using cablesim::testing::Json;

// A line from the server as JSON; discarded (is_discarded()) when it is not JSON. Never
// throws: client threads call it too.
Json Parsed(const std::string& line) { return Json::parse(line, nullptr, false); }

// The "event" a line tells of; "" when the line is not a JSON object with one.
std::string EventOf(const std::string& line) {
  const Json j = Parsed(line);
  return j.is_object() ? j.value("event", "") : "";
}

std::string Source(const std::string& rel) { return std::string(CABLESIM_SOURCE_DIR) + "/" + rel; }

// A gateway on its own io thread, at max speed, on a free port.
class LiveFixture {
 public:
  explicit LiveFixture(std::size_t max_connections = 64, std::size_t max_queued = 10000,
                       const std::string& scenario = "tests/data/live-dts.yaml",
                       std::chrono::milliseconds idle_timeout = std::chrono::seconds(60),
                       std::size_t max_queued_bytes = 2 << 20, std::size_t max_per_client = 16) {
    auto s = cablesim::LoadScenario(Source(scenario));
    REQUIRE(s.ok());
    scenario_ = std::make_unique<cablesim::Scenario>(std::move(s).value());
    cablesim::GatewayOptions o;
    o.port = 0;
    o.max_speed = true;
    o.handle_signals = false;
    o.max_connections = max_connections;
    o.max_connections_per_address = max_per_client;
    o.max_queued_lines = max_queued;
    o.max_queued_bytes = max_queued_bytes;
    o.idle_timeout = idle_timeout;
    gw_ = std::make_unique<cablesim::Gateway>(io_, *scenario_, o);
    auto port = gw_->Listen();
    REQUIRE(port.ok());
    port_ = *port;
    gw_->Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~LiveFixture() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] { gw_->Shutdown(); });
    thread_.join();
  }
  std::uint16_t port() const { return port_; }
  cablesim::Gateway& gateway() { return *gw_; }

 private:
  boost::asio::io_context io_;
  std::unique_ptr<cablesim::Scenario> scenario_;
  std::unique_ptr<cablesim::Gateway> gw_;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// A blocking client with a read timeout, from the loopback address `source`, its socket
// made as the local user `user` (a socket is its maker's; another user's needs root).
class Client {
 public:
  explicit Client(std::uint16_t port, const char* source = nullptr, int user = -1) {
    const uid_t me = ::geteuid();
    if (user >= 0 && ::seteuid(static_cast<uid_t>(user)) != 0) return;
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (user >= 0 && ::seteuid(me) != 0) return;
    if (source) {
      sockaddr_in from{};
      from.sin_family = AF_INET;
      ::inet_pton(AF_INET, source, &from.sin_addr);
      if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) return;
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }
  /// Closes the sending side: the server reads end of input, and may still write.
  void ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }
  void Send(const std::string& text) {
    std::size_t sent = 0;
    while (sent < text.size()) {
      const auto n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<std::size_t>(n);
    }
  }
  /// The next line, or "" after `timeout_s` seconds or at end of stream.
  std::string ReadLine(double timeout_s = 30) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
    for (;;) {
      if (auto nl = buf_.find('\n'); nl != std::string::npos) {
        std::string line = buf_.substr(0, nl);
        buf_.erase(0, nl + 1);
        return line;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) return "";
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) return "";
      char chunk[4096];
      const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return "";
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  /// True when the server closes the connection within `timeout_s` (what it still sends
  /// before that is read and dropped).
  bool WaitClosed(double timeout_s) {
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::milliseconds(static_cast<int>(timeout_s * 1000));
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0) return false;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
      char chunk[65536];
      const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return true;
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  const std::string& buffered() const { return buf_; }

  /// Lines until one tells of `event` (included), or until timeout.
  std::vector<std::string> ReadUntil(const std::string& event, double timeout_s = 30) {
    std::vector<std::string> out;
    for (std::string l; !(l = ReadLine(timeout_s)).empty();) {
      out.push_back(l);
      if (EventOf(l) == event) break;
    }
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string SeedCable() {
  return cablesim::testing::ReadFile(Source("scenarios/cables/ntm-iraq-2008-state-060837.txt")) +
         "\nNNNN\n";
}

std::string SmallCable(int n, const char* to = "RUEHFR/AMEMBASSY PARIS") {
  return "VZCZCXYZ" + std::to_string(1000 + n) + "\nRR RUEHWEB\nDE RUEHC #" +
         std::to_string(1000 + n) +
         " 1572133\nZNR UUUUU ZZH\nR 052124Z JUN 08\n"
         "FM SECSTATE WASHDC\nTO " +
         to + "\nBT\nUNCLAS STATE 0" + std::to_string(n) + "\nTEST MESSAGE\nBT\nNNNN\n";
}

// How many of `lines` tell of `event`.
int Count(const std::vector<std::string>& lines, const std::string& event) {
  int n = 0;
  for (const auto& l : lines) n += EventOf(l) == event;
  return n;
}

// Asks STATS until the reply says `done` of its stats, or two minutes pass: a wait for the
// simulation, not for a clock.
void WaitForStats(Client& c, const std::function<bool(const Json&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (std::chrono::steady_clock::now() < deadline) {
    c.Send("STATS\n");
    const auto stats = c.ReadUntil("stats", 30);
    if (stats.empty() || done(Parsed(stats.back()))) return;
  }
}

// Asks STATS until nothing is in flight.
void WaitUntilSettled(Client& c) {
  WaitForStats(c, [](const Json& stats) {
    return stats.contains("conservation") && stats["conservation"].value("in_flight", -1) == 0;
  });
}

// Asks STATS until the simulation has handled at least `messages` messages.
void WaitForMessages(Client& c, int messages) {
  WaitForStats(c, [messages](const Json& stats) { return stats.value("messages", 0) >= messages; });
}

}  // namespace

TEST_CASE("the seed cable is accepted and its 27 deliveries arrive in time order" *
          doctest::timeout(120)) {
  LiveFixture live;
  Client c(live.port());
  REQUIRE(c.connected());
  c.Send(SeedCable());
  CHECK(FieldMismatches(Parsed(c.ReadLine()), R"({"event":"accepted","message":"RUEHC 0837",
                                                  "addressees":27})"_json) == "");
  std::vector<std::string> times;  // "2008-06-05T21:37:49.123Z": sorted as text, sorted in time
  while (times.size() < 27) {
    const std::string l = c.ReadLine();
    REQUIRE(!l.empty());
    if (EventOf(l) != "delivered") continue;
    times.push_back(Parsed(l).at("time").get<std::string>());
  }
  CHECK(std::is_sorted(times.begin(), times.end()));
  c.Send("STATS\n");
  auto stats = c.ReadUntil("stats");
  REQUIRE(!stats.empty());
  CHECK(Parsed(stats.back())["conservation"]["delivered"] == 27);
}

TEST_CASE("malformed and oversize messages are rejected, and the connection and others go on" *
          doctest::timeout(120)) {
  LiveFixture live;
  Client bad(live.port()), good(live.port());
  REQUIRE(bad.connected());
  REQUIRE(good.connected());
  bad.Send("O 322124Z JUN 08\nFM X\nTO Y\nNNNN\n");
  // The error of a rejection (the words are for people: matched as text).
  const auto rejection = [&] {
    Json r = Parsed(bad.ReadLine());
    CHECK(r["event"] == "rejected");
    return r;
  };
  Json r1 = rejection();
  CHECK(r1["error"].get<std::string>().find("day 32 does not exist") != std::string::npos);
  CHECK(r1["line"] == 1);
  // A line over 4 KiB, and a message over 64 KiB made of short lines.
  bad.Send(std::string(5000, 'A') + "\n");
  CHECK(rejection()["error"].get<std::string>().find("longer than 4096 bytes") !=
        std::string::npos);
  std::string big = "R 052124Z JUN 08\nFM SECSTATE WASHDC\nTO RUEHFR/AMEMBASSY PARIS\nBT\n";
  while (big.size() < 70000) big += std::string(60, 'X') + "\n";
  bad.Send(big + "NNNN\n");
  CHECK(rejection()["error"].get<std::string>().find("longer than 65536 bytes") !=
        std::string::npos);
  // Unknown originating station.
  bad.Send("FILE AT RXXXX\n");
  CHECK(rejection()["error"].get<std::string>().find("no station RXXXX") != std::string::npos);
  // The same connection still works, and so does the other one.
  bad.Send(SmallCable(1));
  CHECK(EventOf(bad.ReadLine()) == "accepted");
  good.Send(SmallCable(2));
  auto lines = good.ReadUntil("delivered");
  CHECK(Count(lines, "accepted") == 1);
  CHECK(Count(lines, "delivered") == 1);
}

TEST_CASE("50 concurrent clients x 20 messages: all accepted and all delivered" *
          doctest::timeout(300)) {
  // One local user's 50 connections: beyond the 16 of one client by default.
  LiveFixture live(64, 10000, "tests/data/live-dts.yaml", std::chrono::seconds(60), 2 << 20, 64);
  std::atomic<int> accepted{0}, delivered{0};
  std::vector<std::thread> clients;
  for (int k = 0; k < 50; ++k) {
    clients.emplace_back([&, k] {
      Client c(live.port());
      if (!c.connected()) return;
      std::string all;
      for (int i = 0; i < 20; ++i) all += SmallCable(k * 100 + i);
      c.Send(all);
      int a = 0, d = 0;
      while (d < 20) {
        const std::string l = c.ReadLine(60);
        if (l.empty()) break;
        a += EventOf(l) == "accepted";
        d += EventOf(l) == "delivered";
      }
      accepted += a;
      delivered += d;
    });
  }
  for (auto& t : clients) t.join();
  CHECK(accepted == 1000);
  CHECK(delivered == 1000);
  live.Stop();
  const auto c = live.gateway().simulation().Count();
  CHECK(c.addressed == 1000);
  CHECK(c.delivered == 1000);
}

TEST_CASE("shutdown under load finishes every accepted message" * doctest::timeout(300)) {
  LiveFixture live;
  std::atomic<int> accepted{0};
  std::vector<std::thread> clients;
  for (int k = 0; k < 8; ++k) {
    clients.emplace_back([&, k] {
      Client c(live.port());
      if (!c.connected()) return;
      for (int i = 0; i < 30; ++i) {
        c.Send(SmallCable(k * 100 + i, "RUEHGB/AMEMBASSY BAGHDAD"));
        const auto lines = c.ReadUntil("accepted", 30);
        if (lines.empty()) return;  // the gateway has closed this connection
        if (EventOf(lines.back()) == "accepted") ++accepted;
      }
    });
  }
  // Stop once the first cable is in, while the clients are still sending.
  while (accepted.load() == 0) std::this_thread::yield();
  live.Stop();
  for (auto& t : clients) t.join();
  const std::string report = live.gateway().FinalReport();
  const std::string expect =
      "live: messages accepted from clients: " + std::to_string(accepted.load()) + "; ";
  INFO(report.substr(report.size() > 300 ? report.size() - 300 : 0));
  CHECK(report.find(expect) != std::string::npos);
  CHECK(report.find(" undeliverable + 0 in flight\n", report.find("live: ")) != std::string::npos);
}

TEST_CASE("beyond the connection limit new clients are refused politely" * doctest::timeout(60)) {
  LiveFixture live(3);
  Client a(live.port()), b(live.port()), c(live.port());
  a.Send("STATS\n");
  b.Send("STATS\n");
  c.Send("STATS\n");
  CHECK(EventOf(a.ReadLine()) == "stats");
  CHECK(EventOf(b.ReadLine()) == "stats");
  CHECK(EventOf(c.ReadLine()) == "stats");
  Client d(live.port());
  CHECK(FieldMismatches(Parsed(d.ReadLine()),
                        R"j({"event":"refused","error":"too many connections (3)"})j"_json) == "");
}

TEST_CASE("a local client is its user, whatever loopback address it connects from" *
          doctest::timeout(60)) {
  // A process here may connect from any of 127.0.0.0/8: counted by address, one could take
  // every connection (hostile test). It cannot choose its user.
  LiveFixture live;  // 64 connections, 16 of them for one client
  std::vector<std::unique_ptr<Client>> held;
  for (int i = 0; i < 16; ++i) {
    const std::string source = "127.0.0." + std::to_string(2 + i);
    held.push_back(std::make_unique<Client>(live.port(), source.c_str()));
    held.back()->Send("STATS\n");
    REQUIRE(EventOf(held.back()->ReadLine()) == "stats");
  }
  Client more(live.port(), "127.0.0.99");
  const std::string me = "local user " + std::to_string(::geteuid());
  CHECK(FieldMismatches(Parsed(more.ReadLine()),
                        Json{{"event", "refused"},
                             {"error", "too many connections from " + me + " (16 of 64)"}}) == "");
  if (::geteuid() != 0) {
    MESSAGE("another local user is served: not checked (making its socket needs root)");
    return;
  }
  Client other(live.port(), "127.0.0.99", 65534);
  REQUIRE(other.connected());
  other.Send("STATS\n");
  CHECK(EventOf(other.ReadLine()) == "stats");
}

TEST_CASE("a subscriber that stops reading is dropped, and the others are not held up" *
          doctest::timeout(300)) {
  // congested-relay makes about 150,000 events; a subscriber that reads none of them fills
  // the kernel's socket buffers and then its own queue of 1,000 lines.
  LiveFixture live(64, 1000, "scenarios/congested-relay.yaml");
  Client slow(live.port());
  REQUIRE(slow.connected());
  slow.Send("SUBSCRIBE\n");
  const std::string reply = slow.ReadLine();
  INFO(reply);
  CHECK(EventOf(reply) == "subscribed");
  // slow now stops reading. Another client files a message and hears of its delivery.
  Client busy(live.port());
  busy.Send("FILE AT RUQAA\n" + SmallCable(1, "RUQHA/HEADQUARTERS"));
  auto lines = busy.ReadUntil("delivered", 120);
  CHECK(Count(lines, "accepted") == 1);
  CHECK(Count(lines, "delivered") == 1);
  // Let the simulation run through its traffic, then read what the slow one got: it ends
  // with the notice that it was dropped.
  WaitUntilSettled(busy);
  // It is really closed: after what the server managed to send, the stream ends.
  CHECK(slow.WaitClosed(30));
  // Matched as text: the write cut short by the drop may leave part of a line before the
  // notice, on the same line.
  CHECK(slow.buffered().find("{\"event\":\"dropped\"") != std::string::npos);
}

TEST_CASE("a client that does not read is dropped once its queue holds too many bytes" *
          doctest::timeout(300)) {
  // As above, but the queue may hold any number of lines and 64 KiB: what a client that does
  // not read costs is bounded in bytes, whatever the number or the length of its lines.
  LiveFixture live(64, 10'000'000, "scenarios/congested-relay.yaml", std::chrono::seconds(60),
                   64 << 10);
  Client slow(live.port());
  REQUIRE(slow.connected());
  slow.Send("SUBSCRIBE\n");  // and never reads
  Client busy(live.port());
  busy.Send("STATS\n");
  CHECK(EventOf(busy.ReadLine()) == "stats");
  WaitUntilSettled(busy);
  CHECK(slow.WaitClosed(30));
  CHECK(slow.buffered().find("{\"event\":\"dropped\",\"error\":\"too far behind: more than "
                             "10000000 lines or 65536 bytes waiting\"}") != std::string::npos);
}

TEST_CASE("an idle connection is told why and closed, and others can then connect" *
          doctest::timeout(60)) {
  LiveFixture live(3, 10000, "tests/data/live-dts.yaml", std::chrono::milliseconds(1000));
  Client a(live.port()), b(live.port()), c(live.port());
  REQUIRE(a.connected());
  a.Send("STATS\n");
  CHECK(EventOf(a.ReadLine()) == "stats");
  // None of them completes another line: each is closed after a second.
  for (Client* idle : {&a, &b, &c}) {
    CHECK(idle->ReadLine(10) ==
          "{\"event\":\"closed\",\"error\":\"idle for 1s without a complete command or message\"}");
    CHECK(idle->WaitClosed(10));
  }
  Client d(live.port());
  d.Send("STATS\n");
  CHECK(EventOf(d.ReadLine()) == "stats");
}

TEST_CASE("unknown commands get an error line, and lines are counted as lines" *
          doctest::timeout(120)) {
  LiveFixture live;
  Client c(live.port());
  c.Send("HELLO\n");
  CHECK(c.ReadLine() ==
        "{\"event\":\"error\",\"error\":\"unknown command 'HELLO'; expected SUBSCRIBE, STATS, "
        "FILE AT RI, QUIT, or an ACP 127 message ending with a line NNNN\",\"line\":1}");
  c.Send("STATZ\n");
  Json statz = Parsed(c.ReadLine());
  CHECK(statz["event"] == "error");
  CHECK(statz["error"].get<std::string>().find("unknown command 'STATZ' (did you mean STATS?)") !=
        std::string::npos);
  // A 10 MB line is one line: the message after it starts on line 4 (after HELLO, STATZ).
  c.Send(std::string(10 << 20, 'A') + "\n");
  CHECK(c.ReadLine() ==
        "{\"event\":\"rejected\",\"error\":\"a line is longer than 4096 bytes\",\"line\":3}");
  c.Send("FM NOWHERE\nNNNN\n");
  const std::string rejected = c.ReadLine();
  INFO(rejected);
  CHECK(FieldMismatches(Parsed(rejected), R"({"event":"rejected","line":4})"_json) == "");
}

TEST_CASE("the line limit counts a line without its terminator, CRLF or LF" *
          doctest::timeout(60)) {
  LiveFixture live;
  Client c(live.port());
  // 4,096 bytes before CRLF (or LF) are a line: an unknown command, not an overlong line.
  for (const char* end : {"\r\n", "\n"}) {
    c.Send(std::string(4096, 'A') + end);
    const Json r = Parsed(c.ReadLine());
    INFO(std::string(end[0] == '\r' ? "CRLF" : "LF"));
    CHECK(r["event"] == "error");
    CHECK(r["error"].get<std::string>().find("unknown command 'AAAA") != std::string::npos);
  }
  // One byte more is too long, however the line ends.
  for (const char* end : {"\r\n", "\n"}) {
    c.Send(std::string(4097, 'A') + end);
    CHECK(Parsed(c.ReadLine())["error"] == "a line is longer than 4096 bytes");
  }
  // So is a last line of 4,097 bytes without its newline, and one of 4,096 and a '\r' is not.
  Client last(live.port());
  last.Send(std::string(4096, 'A') + "\r");
  last.ShutdownWrite();
  CHECK(Parsed(last.ReadLine())["event"] == "error");
  Client longer(live.port());
  longer.Send(std::string(4097, 'A'));
  longer.ShutdownWrite();
  CHECK(Parsed(longer.ReadLine())["error"] == "a line is longer than 4096 bytes");
}

namespace {

// `cablesim serve` as a child process on a free port, stdout and stderr in files. The
// destructor kills it if a test gave up before it exited.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& scenario)
      : out_path_(cablesim::testing::TempPath("serve_out")),
        err_path_(cablesim::testing::TempPath("serve_err")) {
    pid_ = ::fork();
    if (pid_ == 0) {  // the child: only async-signal-safe calls until exec
      const int out = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out < 0 || err < 0 || ::chdir(CABLESIM_SOURCE_DIR) != 0) ::_exit(126);
      ::dup2(out, STDOUT_FILENO);
      ::dup2(err, STDERR_FILENO);
      ::execl(CABLESIM_BINARY, "cablesim", "serve", scenario.c_str(), "--listen", "127.0.0.1:0",
              "--speed", "max", static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::remove(out_path_.c_str());
    std::remove(err_path_.c_str());
  }
  bool started() const { return pid_ > 0; }

  /// The port from the banner on standard error ("... on 127.0.0.1:PORT, speed ..."), or 0
  /// if none appears within `timeout_s`.
  std::uint16_t WaitForPort(double timeout_s = 30) {
    const std::string prefix = "on 127.0.0.1:";
    for (int waited_ms = 0; waited_ms < timeout_s * 1000; waited_ms += 50) {
      const std::string err = cablesim::testing::ReadFile(err_path_);
      const auto at = err.find(prefix);
      const auto comma = at == std::string::npos ? at : err.find(',', at);
      if (comma != std::string::npos) {
        return static_cast<std::uint16_t>(
            std::stoi(err.substr(at + prefix.size(), comma - at - prefix.size())));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return 0;
  }

  /// Sends `signal` and waits for the exit; returns the exit code (-1 if it did not exit
  /// normally).
  int SignalAndWait(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return done > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  void Signal(int signal) { ::kill(pid_, signal); }
  /// The exit code if it exits within `timeout_s`, else -2 (it is then killed).
  int WaitFor(double timeout_s) {
    for (int waited_ms = 0; waited_ms < timeout_s * 1000; waited_ms += 20) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -2;
  }
  std::string Out() const { return cablesim::testing::ReadFile(out_path_); }

 private:
  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
};

}  // namespace

TEST_CASE("cablesim serve: SIGINT and SIGTERM finish the accepted messages, then report" *
          doctest::timeout(120)) {
  for (const int signal : {SIGTERM, SIGINT}) {
    CAPTURE(signal);
    ServeProcess serve("tests/data/live-dts.yaml");
    REQUIRE(serve.started());
    const std::uint16_t port = serve.WaitForPort();
    REQUIRE(port != 0);
    {
      Client c(port);
      REQUIRE(c.connected());
      c.Send(SeedCable());
      CHECK(Count(c.ReadUntil("accepted"), "accepted") == 1);
    }
    CHECK(serve.SignalAndWait(signal) == 0);
    const std::string report = serve.Out();
    INFO(report.substr(report.size() > 300 ? report.size() - 300 : 0));
    CHECK(report.find("live: messages accepted from clients: 1; 27 addressed = 27 delivered + 0 "
                      "by other means + 0 undeliverable + 0 in flight\n") != std::string::npos);
  }
}

TEST_CASE("cablesim serve stops within seconds whatever a client does" * doctest::timeout(120)) {
  ServeProcess serve("scenarios/congested-relay.yaml");
  REQUIRE(serve.started());
  const std::uint16_t port = serve.WaitForPort();
  REQUIRE(port != 0);
  // A subscriber that never reads: its queue and the kernel's buffers fill up.
  Client stuck(port);
  REQUIRE(stuck.connected());
  stuck.Send("SUBSCRIBE\n");
  {
    Client watch(port);  // until a few thousand messages have flowed past the stuck one
    WaitForMessages(watch, 3000);
  }
  const auto start = std::chrono::steady_clock::now();
  serve.Signal(SIGTERM);
  const int code = serve.WaitFor(20);
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(code == 0);
  CHECK(took < 10);  // the shutdown grace is 2 s, the write timeout 10 s
  CHECK(serve.Out().find("live: messages accepted from clients: 0;") != std::string::npos);
}

TEST_CASE("a second signal stops the gateway at once" * doctest::timeout(60)) {
  // In-process, so the first signal's grace can be made long: a subscriber that never reads
  // (and is never dropped) holds the shutdown for 30 s, until the second signal.
  auto s = cablesim::LoadScenario(Source("scenarios/congested-relay.yaml"));
  REQUIRE(s.ok());
  cablesim::GatewayOptions o;
  o.port = 0;
  o.max_speed = true;
  o.max_queued_lines = 10'000'000;
  o.write_timeout = std::chrono::seconds(60);
  o.shutdown_grace = std::chrono::seconds(30);
  boost::asio::io_context io;
  cablesim::Gateway gw(io, *s, o);
  auto port = gw.Listen();
  REQUIRE(port.ok());
  gw.Start();
  std::thread runner([&] { io.run(); });
  Client stuck(*port);
  stuck.Send("SUBSCRIBE\n");
  {
    Client watch(*port);  // until a few thousand messages have flowed past the stuck one
    WaitForMessages(watch, 3000);
  }
  const auto start = std::chrono::steady_clock::now();
  // Signals are handled in order: the first starts the shutdown (held by the stuck
  // subscriber), the second stops it at once.
  ::raise(SIGTERM);
  ::raise(SIGTERM);
  runner.join();
  const double took =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(gw.stopped_at_once());
  CHECK(took < 5);
}

TEST_CASE("a paced run that reaches its horizon ends by itself and says why" *
          doctest::timeout(120)) {
  // At 1e12 simulated seconds a wall second the pacer reaches its horizon (about 146 years)
  // within a tick: simulated time can go no further, so the run must end, not freeze and go
  // on taking cables that would never move.
  auto s = cablesim::LoadScenario(Source("tests/data/live-dts.yaml"));
  REQUIRE(s.ok());
  boost::asio::io_context io;
  cablesim::GatewayOptions o;
  o.port = 0;
  o.speed = 1e12;
  o.handle_signals = false;
  cablesim::Gateway gw(io, *s, o);
  REQUIRE(gw.Listen().ok());
  gw.Start();
  std::atomic<bool> ended{false};
  std::thread t([&] {
    io.run();
    ended = true;
  });
  // A wait for the run to end by itself, not a clock: a minute is ample for one tick.
  for (int i = 0; i < 600 && !ended; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const bool ended_by_itself = ended;
  if (!ended) boost::asio::post(io, [&] { gw.Shutdown(); });
  t.join();
  CHECK(ended_by_itself);
  INFO(gw.failure());
  CHECK(gw.failure().starts_with("simulated time reached the limit of a paced run, 2154-"));
  CHECK(gw.failure().ends_with(" (about 146 years after the start); it cannot go on"));
  CHECK(gw.FinalReport().find("live: messages accepted from clients: 0;") != std::string::npos);
}

TEST_CASE("a client that half-closes after sending still hears of its cable, then is closed" *
          doctest::timeout(120)) {
  LiveFixture live;
  Client c(live.port());
  REQUIRE(c.connected());
  c.Send(SeedCable());
  c.ShutdownWrite();
  const auto lines = c.ReadUntil("never", 60);  // everything, until the server closes
  CHECK(Count(lines, "accepted") == 1);
  CHECK(Count(lines, "delivered") == 27);
  CHECK(c.WaitClosed(10));
}

TEST_CASE("a cable half-closed without NNNN is filed, and one that does not parse is rejected" *
          doctest::timeout(120)) {
  LiveFixture live;
  Client c(live.port());
  REQUIRE(c.connected());
  std::string cable = SeedCable();
  cable.resize(cable.rfind("NNNN"));  // no NNNN, and the last line without its newline
  while (!cable.empty() && cable.back() == '\n') cable.pop_back();
  c.Send(cable);
  c.ShutdownWrite();
  const auto lines = c.ReadUntil("never", 60);  // everything, until the server closes
  CHECK(Count(lines, "accepted") == 1);
  CHECK(Count(lines, "delivered") == 27);
  CHECK(c.WaitClosed(10));

  Client bad(live.port());
  REQUIRE(bad.connected());
  bad.Send("STATS\nTHIS IS NOT\nA CABLE");
  bad.ShutdownWrite();
  const auto answer = bad.ReadUntil("rejected", 30);
  REQUIRE_FALSE(answer.empty());
  CHECK(FieldMismatches(Parsed(answer.back()), R"({"event":"rejected","line":2})"_json) == "");
  CHECK(bad.WaitClosed(10));
}
