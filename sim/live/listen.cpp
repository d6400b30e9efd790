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

ConnectionLimits::Verdict ConnectionLimits::Take(const std::string& address) {
  if (open_ >= max_open_) return Verdict::kFull;
  if (open_from(address) >= max_per_address_) return Verdict::kFullForAddress;
  ++open_;
  ++by_address_[address];
  return Verdict::kTaken;
}

void ConnectionLimits::Release(const std::string& address) {
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;  // never counted: nothing to give back
  --open_;
  if (--it->second == 0) by_address_.erase(it);
}

std::size_t ConnectionLimits::open_from(const std::string& address) const {
  auto it = by_address_.find(address);
  return it == by_address_.end() ? 0 : it->second;
}

std::string RemoteAddress(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  auto address = socket.remote_endpoint(ec).address();
  if (ec) return "";
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    address = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  }
  return address.to_string();
}

boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    ConnectionLimits& limits, std::function<std::string(ConnectionLimits::Verdict)> refusal,
    std::function<void(boost::asio::ip::tcp::socket, std::string address)> take) {
  namespace asio = boost::asio;
  while (!stopping()) {
    boost::system::error_code ec;
    asio::ip::tcp::socket socket =
        co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping() || ec == asio::error::operation_aborted) break;
      continue;
    }
    std::string address = RemoteAddress(socket);
    if (address.empty()) continue;  // gone already (the socket closes as it goes)
    const ConnectionLimits::Verdict verdict = limits.Take(address);
    if (verdict != ConnectionLimits::Verdict::kTaken) {
      boost::system::error_code wec;
      socket.non_blocking(true, wec);
      const std::string answer = refusal(verdict);
      socket.write_some(asio::buffer(answer), wec);
      socket.close(wec);
      continue;
    }
    take(std::move(socket), std::move(address));
  }
}

}  // namespace cablesim
