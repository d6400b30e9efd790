#include "sim/live/web_access.h"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>

namespace cablesim {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// An address as text (an IPv4-mapped IPv6 address as its IPv4 form), or nullopt when `text`
// is not an address.
std::optional<boost::asio::ip::address> ParseAddress(std::string_view text) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v6() && a.to_v6().is_v4_mapped()) {
    a = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, a.to_v6());
  }
  return a;
}

// host:port as a Host header writes it: an IPv6 address in brackets.
std::string HostPort(const std::string& host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace

bool IsUnspecifiedAddress(std::string_view host) {
  const auto address = ParseAddress(host);
  return address && address->is_unspecified();
}

Result<std::string> NormalizeOrigin(std::string_view url) {
  const auto fail = [&](const std::string& why) -> Result<std::string> {
    return Error{"", 0, 0, "--http-origin", "'" + std::string(url) + "' " + why};
  };
  const std::string u = Lower(url);
  std::string scheme;
  if (u.starts_with("http://")) scheme = "http";
  if (u.starts_with("https://")) scheme = "https";
  if (scheme.empty()) return fail("is not an origin: write http://HOST[:PORT] or https://...");
  std::string rest = u.substr(scheme.size() + 3);
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    if (rest.find_first_not_of('/', slash) != std::string::npos) {
      return fail("has a path: an origin is only scheme://HOST[:PORT]");
    }
    rest.resize(slash);
  }
  if (rest.empty() || rest.find_first_of("@?#") != std::string::npos) {
    return fail("is not an origin: write http://HOST[:PORT] or https://...");
  }
  const auto bracket = rest.rfind(']');
  const auto colon = rest.rfind(':');
  std::string host = rest, port;
  if (colon != std::string::npos && (bracket == std::string::npos || colon > bracket)) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
    const bool digits =
        !port.empty() && port.size() <= 5 &&
        std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) {
      return fail("has no valid port (1 to 65535)");
    }
    if ((scheme == "http" && port == "80") || (scheme == "https" && port == "443")) port.clear();
  }
  if (host.empty()) return fail("has no host");
  return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

WebAccess::WebAccess(std::string listen_host, std::vector<std::string> origins)
    : listen_host_(Lower(listen_host)), origins_(std::move(origins)) {}

std::vector<std::string> WebAccess::AcceptedHosts(std::string_view local_address,
                                                  std::uint16_t local_port) const {
  std::vector<std::string> hosts;
  bool loopback = false;
  for (const std::string_view a : {std::string_view(listen_host_), local_address}) {
    const auto address = ParseAddress(a);
    if (!address || address->is_unspecified()) continue;  // 0.0.0.0 names no host
    loopback = loopback || address->is_loopback();
    hosts.push_back(HostPort(address->to_string(), local_port));
  }
  if (loopback) hosts.push_back(HostPort("localhost", local_port));
  if (local_port == 80) {
    const std::size_t n = hosts.size();
    for (std::size_t i = 0; i < n; ++i) hosts.push_back(hosts[i].substr(0, hosts[i].rfind(':')));
  }
  for (const std::string& o : origins_) hosts.push_back(o.substr(o.find("://") + 3));
  return hosts;
}

std::string WebAccess::Refusal(std::string_view host, const std::optional<std::string>& origin,
                               std::string_view local_address, std::uint16_t local_port) const {
  const std::vector<std::string> hosts = AcceptedHosts(local_address, local_port);
  const std::string own = hosts.empty() ? "" : hosts.front();
  if (host.empty()) return "the request has no Host header";
  const std::string h = Lower(host);
  if (std::find(hosts.begin(), hosts.end(), h) == hosts.end()) {
    return "Host '" + std::string(host) + "' is not this server's address (" + own +
           "): refused, as a name that only resolves here (DNS rebinding) would be; to reach "
           "the server by that name, start it with --http-origin http://" +
           std::string(host);
  }
  if (!origin) return "";
  const std::string o = Lower(*origin);
  for (const std::string& accepted : hosts) {
    if (o == "http://" + accepted) return "";
  }
  if (std::find(origins_.begin(), origins_.end(), o) != origins_.end()) return "";
  return "a page of " + *origin + " may not use this server (its own page is http://" + own +
         "/); to let pages of that site in, start the server with --http-origin " + *origin;
}

}  // namespace cablesim
