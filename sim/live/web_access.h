// Which requests `cablesim serve --http` answers, by their Host and Origin headers. A page on
// any other site could otherwise drive the run: browsers send a WebSocket handshake and a
// "simple" POST (Content-Type text/plain) without asking the server first (no CORS
// preflight), so the server itself must refuse a foreign Origin; and a name of the attacker's
// that resolves to this address (DNS rebinding) makes the browser treat the server as that
// site, which only checking Host stops. Pure: the web server (web_server.h) passes the
// headers and the address the connection arrived at; tests call it directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"

namespace cablesim {

/// The origin of `url` as a browser sends it in Origin: scheme://host[:port] in lower case,
/// without a default port (80 for http, 443 for https), path or trailing slash. An error for
/// anything but an http or https URL with a host (and at most a port after it, 1 to 65535).
Result<std::string> NormalizeOrigin(std::string_view url);

/// True when `host` is an address that names no host: 0.0.0.0 or :: (listening on every
/// interface). A browser's Host is never that, so the page is opened by another address.
bool IsUnspecifiedAddress(std::string_view host);

class WebAccess {
 public:
  /// `listen_host` is the address given to --http; `origins` (NormalizeOrigin's form) are
  /// the other sites whose pages may use the server (--http-origin).
  WebAccess(std::string listen_host, std::vector<std::string> origins);

  /// Why a request must be refused (a 403), or "" when it may be served. Its Host must be
  /// host:port of the address the connection arrived at (`local_address`, `local_port`) or
  /// of the listen address, `localhost:PORT` when that address is a loopback one, or the
  /// host of an allowed origin (to reach the server by that name); the port may be left out
  /// when it is 80. An Origin, when the request has one (browsers send it on WebSockets and
  /// POSTs; curl and cablesim send do not), must be http:// and an accepted Host (the
  /// page's own origin) or an allowed origin.
  std::string Refusal(std::string_view host, const std::optional<std::string>& origin,
                      std::string_view local_address, std::uint16_t local_port) const;

 private:
  std::vector<std::string> AcceptedHosts(std::string_view local_address,
                                         std::uint16_t local_port) const;

  std::string listen_host_;
  std::vector<std::string> origins_;
};

}  // namespace cablesim
