// cablesim send FILE|- [HOST:PORT] [--at RI] [--timeout 30s]: a client of `cablesim serve`.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <iostream>
#include <optional>
#include <string>

#include "base/input_file.h"
#include "base/units.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

constexpr const char* kHelp =
    "usage: cablesim send FILE|- [HOST:PORT] [--at RI] [--timeout 30s]\n"
    "\n"
    "Sends the ACP 127 cables of FILE (- is standard input; several in one file are separated\n"
    "by lines NNNN, and a last one without NNNN gets it) to a running `cablesim serve`\n"
    "(default 127.0.0.1:7127; an IPv6 address in brackets, [::1]:7127) and prints the\n"
    "server's replies, one JSON object a line: each cable's acceptance (or rejection, with\n"
    "its line), then the relay and delivery events of the cables it sent, until every\n"
    "addressee of every accepted cable is delivered, undeliverable or sent by other means.\n"
    "--at RI files them at that station (the server's FILE AT RI; default: each cable's DE\n"
    "station). Exit 0 when every cable was accepted and resolved (or the server shut down),\n"
    "1 when one was rejected, the server refused or dropped the connection, or nothing came\n"
    "for --timeout (default 30s).\n";

// The text to send: CRLF as LF, each message ending with a line NNNN (the last gets one if
// it has none) and, with `at`, preceded by FILE AT; *messages is how many it holds.
std::string Framed(const std::string& text, const std::string& at, int* messages) {
  std::string out;
  std::string pending;  // lines of the message being read
  *messages = 0;
  std::size_t from = 0;
  while (from < text.size()) {
    std::size_t end = text.find('\n', from);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(from, end - from);
    from = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pending += line + "\n";
    std::string word = line;
    while (!word.empty() && (word.back() == ' ' || word.back() == '\t')) word.pop_back();
    if (word != "NNNN") continue;
    out += (at.empty() ? "" : "FILE AT " + at + "\n") + pending;
    pending.clear();
    ++*messages;
  }
  if (pending.find_first_not_of(" \t\n") != std::string::npos) {
    out += (at.empty() ? "" : "FILE AT " + at + "\n") + pending + "NNNN\n";
    ++*messages;
  }
  return out;
}

// The string value of "key" in a one-line JSON object, or "".
std::string Member(const std::string& line, const std::string& key) {
  auto at = line.find("\"" + key + "\"");
  if (at == std::string::npos) return "";
  at = line.find_first_not_of(" :", at + key.size() + 2);
  if (at == std::string::npos) return "";
  if (line[at] == '"') return line.substr(at + 1, line.find('"', at + 1) - at - 1);
  return line.substr(at, line.find_first_of(",}", at) - at);
}

// What the replies have told so far.
struct Tally {
  int replies_due = 0;    // acceptances or rejections still to come
  long long waiting = 0;  // addressees of accepted cables not yet resolved
  bool rejected = false;
  bool done() const { return replies_due == 0 && waiting == 0; }
};

// Takes one reply line into the tally; returns the exit code when it ends the exchange.
std::optional<int> Take(const std::string& line, Tally* t) {
  const std::string event = Member(line, "event");
  if (event == "accepted") {
    --t->replies_due;
    t->waiting += std::stoll("0" + Member(line, "addressees"));
  } else if (event == "rejected") {
    --t->replies_due;
    t->rejected = true;
  } else if (event == "delivered" || event == "undeliverable" || event == "other_means") {
    --t->waiting;
  } else if (event == "refused" || event == "dropped" || event == "closed" || event == "error") {
    return kExitInputError;
  } else if (event == "shutdown") {
    return t->rejected ? kExitInputError : kExitOk;
  }
  if (t->done()) return t->rejected ? kExitInputError : kExitOk;
  return std::nullopt;
}

int Fail(const std::string& message) {
  std::cerr << "cablesim send: " << message << "\n";
  return kExitInputError;
}

// Connects, sends, prints each reply until the tally is done. Returns the exit code.
int Exchange(const std::string& host, const std::string& port, const std::string& text, Tally tally,
             std::chrono::nanoseconds timeout) {
  asio::io_context io;
  tcp::socket socket(io);
  boost::system::error_code ec;
  const auto endpoints = tcp::resolver(io).resolve(host, port, ec);
  if (ec) return Fail("cannot resolve " + host + ": " + ec.message());
  bool connected = false;
  asio::async_connect(socket, endpoints, [&](const boost::system::error_code& e, const auto&) {
    ec = e;
    connected = true;
  });
  io.run_for(timeout);
  if (!connected || ec) {
    return Fail("cannot connect to " + host + ":" + port + ": " +
                (connected ? ec.message() : std::string("timed out")));
  }
  // The cables go out while the replies come in: a long file never waits on a full socket
  // whose other end waits for its replies to be read.
  bool sent = false;
  boost::system::error_code send_ec;
  asio::async_write(socket, asio::buffer(text),
                    [&](const boost::system::error_code& e, std::size_t) {
                      send_ec = e;
                      sent = true;
                    });
  std::string buffer;
  for (;;) {
    bool got = false;
    std::size_t n = 0;
    io.restart();
    asio::async_read_until(socket, asio::dynamic_buffer(buffer, 1 << 20), '\n',
                           [&](const boost::system::error_code& e, std::size_t length) {
                             ec = e;
                             n = length;
                             got = true;
                           });
    io.run_for(timeout);
    if (!got) {
      socket.close();
      io.run();
      return Fail("no reply for " + FormatDuration(Duration::Nanoseconds(timeout.count())));
    }
    if (sent && send_ec)
      return Fail("cannot send to " + host + ":" + port + ": " + send_ec.message());
    if (ec) return Fail("the server closed the connection (" + ec.message() + ")");
    const std::string line = buffer.substr(0, n - 1);
    buffer.erase(0, n);
    PrintOut(line + "\n");
    if (const auto code = Take(line, &tally)) {
      if (sent) asio::write(socket, asio::buffer(std::string("QUIT\n")), ec);
      return *code;
    }
  }
}

}  // namespace

int SendCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"at", true}, {"timeout", true}}, &err);
  if (!args) return UsageError("send", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  const auto& pos = args->positional();
  if (pos.empty() || pos.size() > 2) return UsageError("send", "expected FILE|- [HOST:PORT]");
  const std::string target = pos.size() == 2 ? pos[1] : "127.0.0.1:7127";
  const auto server = ParseHostPort(target, 1, &err);
  if (!server) return UsageError("send", "the server " + err);
  Duration timeout = Duration::Seconds(30);
  if (args->Has("timeout")) {
    auto t = ParseDuration(args->Get("timeout"), &err);
    if (!t || *t <= Duration())
      return UsageError("send", "--timeout: " + (t ? "must be positive" : err));
    timeout = *t;
  }
  auto text = ReadInputFile(pos[0], std::size_t{16} << 20);
  if (!text) return Fail(text.error().ToString());
  Tally tally;
  const std::string framed = Framed(*text, args->Get("at"), &tally.replies_due);
  if (tally.replies_due == 0) return Fail(pos[0] + " holds no message");
  return Exchange(server->host, std::to_string(server->port), framed, tally,
                  std::chrono::nanoseconds(timeout.ns()));
}

}  // namespace cablesim::cli
