// Opening a listening TCP socket for the gateway (--listen) and the web server (--http).
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <string>

#include "base/error.h"

namespace cablesim {

/// Opens, binds (address reuse on) and listens `acceptor` on host:port; returns the port
/// bound (useful with port 0) or an error for `option` naming the address and the cause.
Result<std::uint16_t> ListenOn(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                               std::uint16_t port, const std::string& option);

}  // namespace cablesim
