#include "sim/live/listen.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace cablesim {

Result<std::uint16_t> ListenOn(boost::asio::ip::tcp::acceptor& acceptor, const std::string& host,
                               std::uint16_t port, const std::string& option) {
  using boost::asio::ip::tcp;
  boost::system::error_code ec;
  const auto address = boost::asio::ip::make_address(host, ec);
  if (ec) return Error{"", 0, 0, option, "bad address '" + host + "'"};
  const tcp::endpoint ep(address, port);
  acceptor.open(ep.protocol(), ec);
  if (!ec) acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor.bind(ep, ec);
  if (!ec) acceptor.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{"", 0, 0, option,
                 "cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message()};
  }
  return acceptor.local_endpoint().port();
}

boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    std::function<std::size_t()> open, std::size_t max, std::string refusal,
    std::function<void(boost::asio::ip::tcp::socket)> take) {
  namespace asio = boost::asio;
  while (!stopping()) {
    boost::system::error_code ec;
    asio::ip::tcp::socket socket =
        co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping() || ec == asio::error::operation_aborted) break;
      continue;
    }
    if (open() >= max) {
      boost::system::error_code wec;
      socket.non_blocking(true, wec);
      socket.write_some(asio::buffer(refusal), wec);
      socket.close(wec);
      continue;
    }
    take(std::move(socket));
  }
}

}  // namespace cablesim
