#include "sim/live/listen.h"

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

}  // namespace cablesim
