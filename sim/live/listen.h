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

/// Connections open, in all and from each client (ClientOf: a local user, or a remote IPv4
/// address or IPv6 /64), against two limits, so that one client cannot take every
/// connection. Pure: no sockets.
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

/// Who a connection is, for the limits per client: the user of the process at the other end
/// when that process is on this machine ("local user 1000"), else its address or network
/// (RemoteClient); "" when the socket has no peer any more.
/// An address names no local client: a process here may connect from any address of
/// 127.0.0.0/8 (or ::1, or this machine's own addresses), so counting by address would let
/// one process take every connection. Its user it cannot choose. The kernel's socket table
/// says whose the other end is (Linux's sock_diag, as `ss -e` asks it); where it cannot
/// (another system, or no sock_diag), every connection from a loopback address is one
/// client, "this machine".
std::string ClientOf(const boost::asio::ip::tcp::socket& socket);

/// ClientOf for a peer on another machine: an IPv4 address as written ("192.0.2.7", also
/// from its IPv4-mapped IPv6 form); an IPv6 address as its /64 ("2001:db8:1:2::/64"), the
/// network one site is given, every address of which a host there may take at will.
std::string RemoteClient(const boost::asio::ip::address& peer);

/// Opens, binds (address reuse on) and listens `acceptor` on host:port; returns the port
/// bound (useful with port 0) or an error for `option` naming the address and the cause.
Result<std::uint16_t> ListenOn(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                               std::uint16_t port, const std::string& option);

/// Accepts connections on `acceptor` until `stopping()` says so or the acceptor is closed.
/// A new connection that `limits` has no room for, counted by client (ClientOf), is sent
/// `refusal(verdict, client)` (without waiting: a client that does not read cannot hold the
/// loop) and closed; the others are counted in `limits` and go to `take` with their client,
/// which must Release it when the connection closes.
boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    ConnectionLimits& limits,
    std::function<std::string(ConnectionLimits::Verdict, const std::string& client)> refusal,
    std::function<void(boost::asio::ip::tcp::socket, std::string client)> take);

}  // namespace cablesim
