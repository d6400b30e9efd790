#include "sim/live/listen.h"

#include <algorithm>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cstring>
#include <optional>

#ifdef __linux__
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#endif

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

namespace {

using boost::asio::ip::address;

address Unmapped(address a) {
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  }
  return a;
}

#ifdef __linux__
// The user owning the TCP socket on this machine whose own end is `from` and whose peer is
// `to`, asked of the kernel's socket table (sock_diag, one exact lookup); nullopt when no such
// socket is here (the peer is on another machine) or the table cannot be asked.
std::optional<unsigned> SocketOwner(const address& from, unsigned short from_port,
                                    const address& to, unsigned short to_port) {
  if (from.is_v4() != to.is_v4()) return std::nullopt;
  struct Request {
    nlmsghdr header;
    inet_diag_req_v2 diag;
  } request{};
  request.header.nlmsg_len = sizeof request;
  request.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
  request.header.nlmsg_flags = NLM_F_REQUEST;
  request.diag.sdiag_family = from.is_v4() ? AF_INET : AF_INET6;
  request.diag.sdiag_protocol = IPPROTO_TCP;
  request.diag.idiag_states = ~0U;
  request.diag.id.idiag_sport = htons(from_port);
  request.diag.id.idiag_dport = htons(to_port);
  request.diag.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
  request.diag.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;
  if (from.is_v4()) {
    const auto f = from.to_v4().to_bytes();
    const auto t = to.to_v4().to_bytes();
    std::memcpy(request.diag.id.idiag_src, f.data(), f.size());
    std::memcpy(request.diag.id.idiag_dst, t.data(), t.size());
  } else {
    const auto f = from.to_v6().to_bytes();
    const auto t = to.to_v6().to_bytes();
    std::memcpy(request.diag.id.idiag_src, f.data(), f.size());
    std::memcpy(request.diag.id.idiag_dst, t.data(), t.size());
  }
  const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return std::nullopt;
  const timeval wait{0, 200'000};  // the kernel answers at once; never hold the loop long
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  std::optional<unsigned> owner;
  if (::sendto(fd, &request, sizeof request, 0, reinterpret_cast<sockaddr*>(&kernel),
               sizeof kernel) == static_cast<ssize_t>(sizeof request)) {
    alignas(nlmsghdr) char answer[8192];
    const ssize_t n = ::recv(fd, answer, sizeof answer, 0);
    // One answer: the socket, or NLMSG_ERROR when there is no such socket here.
    const auto* h = reinterpret_cast<const nlmsghdr*>(answer);
    if (n >= static_cast<ssize_t>(NLMSG_LENGTH(sizeof(inet_diag_msg))) &&
        h->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
        h->nlmsg_len >= NLMSG_LENGTH(sizeof(inet_diag_msg))) {
      // Only the connected socket asked for: when there is none, the kernel may answer with
      // a listener on every address at that port (anyone's, reachable from anywhere), and a
      // socket in TIME_WAIT has no owner any more.
      const auto* found = reinterpret_cast<const inet_diag_msg*>(answer + NLMSG_HDRLEN);
      const bool same = found->id.idiag_sport == request.diag.id.idiag_sport &&
                        found->id.idiag_dport == request.diag.id.idiag_dport &&
                        std::memcmp(found->id.idiag_src, request.diag.id.idiag_src,
                                    sizeof found->id.idiag_src) == 0 &&
                        std::memcmp(found->id.idiag_dst, request.diag.id.idiag_dst,
                                    sizeof found->id.idiag_dst) == 0;
      if (same && found->idiag_state != TCP_LISTEN && found->idiag_state != TCP_TIME_WAIT) {
        owner = found->idiag_uid;
      }
    }
  }
  ::close(fd);
  return owner;
}
#endif

}  // namespace

std::string ClientOf(const boost::asio::ip::tcp::socket& socket) {
  boost::system::error_code ec;
  const auto remote = socket.remote_endpoint(ec);
  if (ec) return "";
  const auto local = socket.local_endpoint(ec);
  if (ec) return "";
  const address peer = Unmapped(remote.address());
#ifdef __linux__
  // Asked only of a peer on this machine: a loopback address, or the address it reached us
  // at (a process here connecting to one of this machine's addresses comes from it). Any
  // other peer is another machine, whatever the kernel's table holds at its address.
  if (peer.is_loopback() || peer == Unmapped(local.address())) {
    // The peer's socket has our ends the other way round. A peer that reached a dual-stack
    // listener from IPv4 has an IPv4 socket; one that wrote the mapped form, an IPv6 one.
    std::optional<unsigned> owner =
        SocketOwner(peer, remote.port(), Unmapped(local.address()), local.port());
    if (!owner && remote.address() != peer) {
      owner = SocketOwner(remote.address(), remote.port(), local.address(), local.port());
    }
    if (owner) return "local user " + std::to_string(*owner);
  }
#endif
  if (peer.is_loopback()) return "this machine";
  return RemoteClient(peer);
}

std::string RemoteClient(const address& peer) {
  const address a = Unmapped(peer);
  if (a.is_v4()) return a.to_string();
  auto bytes = a.to_v6().to_bytes();
  std::fill(bytes.begin() + 8, bytes.end(), 0);  // the interface part: the host's to choose
  return boost::asio::ip::address_v6(bytes).to_string() + "/64";
}

boost::asio::awaitable<void> AcceptConnections(
    boost::asio::ip::tcp::acceptor& acceptor, std::function<bool()> stopping,
    ConnectionLimits& limits,
    std::function<std::string(ConnectionLimits::Verdict, const std::string& client)> refusal,
    std::function<void(boost::asio::ip::tcp::socket, std::string client)> take) {
  namespace asio = boost::asio;
  while (!stopping()) {
    boost::system::error_code ec;
    asio::ip::tcp::socket socket =
        co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      if (stopping() || ec == asio::error::operation_aborted) break;
      continue;
    }
    std::string client = ClientOf(socket);
    if (client.empty()) continue;  // gone already (the socket closes as it goes)
    const ConnectionLimits::Verdict verdict = limits.Take(client);
    if (verdict != ConnectionLimits::Verdict::kTaken) {
      boost::system::error_code wec;
      socket.non_blocking(true, wec);
      const std::string answer = refusal(verdict, client);
      socket.write_some(asio::buffer(answer), wec);
      socket.close(wec);
      continue;
    }
    take(std::move(socket), std::move(client));
  }
}

}  // namespace cablesim
