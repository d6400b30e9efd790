// Listening TCP sockets for the gateway (--listen) and the web server (--http): opening one,
// the count of connections open against limits in all and per client address, and the loop
// that accepts connections within them.
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>

#include "base/error.h"

namespace cablesim {

/// Connections open, in all and from each remote address, against two limits, so that one
/// client (one address) cannot take every connection. Pure: no sockets.
class ConnectionLimits {
 public:
  ConnectionLimits(std::size_t max_open, std::size_t max_per_address)
      : max_open_(max_open), max_per_address_(max_per_address) {}

  enum class Verdict { kTaken, kFull, kFullForAddress };
  /// Counts a new connection from `address` when both limits leave room; else says which
  /// one it met (all connections are taken first, then the address's share).
  Verdict Take(const std::string& address);
  /// A connection from `address` that Take counted has closed.
  void Release(const std::string& address);

  std::size_t open() const { return open_; }
  std::size_t open_from(const std::string& address) const;
  std::size_t max_open() const { return max_open_; }
  std::size_t max_per_address() const { return max_per_address_; }

 private:
  std::size_t max_open_;
  std::size_t max_per_address_;
  std::size_t open_ = 0;
  std::unordered_map<std::string, std::size_t> by_address_;  // addresses with connections open
};

/// The remote address of a connected socket as text (an IPv4-mapped IPv6 address in its IPv4
/// form), "" when it has none any more.
std::string RemoteAddress(const boost::asio::ip::tcp::socket& socket);

/// Opens, binds (address reuse on) and listens `acceptor` on host:port; returns the port
/// bound (useful with port 0) or an error for `option` naming the address and the cause.
Result<std::uint16_t> ListenOn(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                               std::uint16_t port, const std::string& option);

/// Accepts connections on `acceptor` until `stopping()` says so or the acceptor is closed.
/// A new connection that `limits` has no room for is sent `refusal(verdict)` (without
/// waiting: a client that does not read cannot hold the loop) and closed; the others are
/// counted in `limits` and go to `take` with their remote address, which must Release it
/// when the connection closes.
boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    ConnectionLimits& limits, std::function<std::string(ConnectionLimits::Verdict)> refusal,
    std::function<void(boost::asio::ip::tcp::socket, std::string address)> take);

}  // namespace cablesim
