// Listening TCP sockets for the gateway (--listen) and the web server (--http): opening one,
// and the loop that accepts connections up to a limit.
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

#include "base/error.h"

namespace cablesim {

/// Opens, binds (address reuse on) and listens `acceptor` on host:port; returns the port
/// bound (useful with port 0) or an error for `option` naming the address and the cause.
Result<std::uint16_t> ListenOn(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                               std::uint16_t port, const std::string& option);

/// Accepts connections on `acceptor` until `stopping()` says so or the acceptor is closed.
/// While `open()` connections are at `max` already, a new one is sent `refusal` (without
/// waiting: a client that does not read cannot hold the loop) and closed; the others go to
/// `take`.
boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    std::function<std::size_t()> open, std::size_t max, std::string refusal,
    std::function<void(boost::asio::ip::tcp::socket)> take);

}  // namespace cablesim
