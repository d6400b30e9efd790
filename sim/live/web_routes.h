// The HTTP side of `cablesim serve --http`, as a pure function of a request: which of the
// three things it asks for (the page, the event stream, filing a cable) and the answer. No
// sockets: the web server (web_server.h) reads requests with Boost.Beast, asks Handle, and
// writes what it answers or upgrades the connection to a WebSocket; tests call Handle.
//
// Routes (exact paths, compared before any decoding: "/%2e%2e/x", "/../x", "/index.html" and
// every other path are 404; nothing is ever read from the file system):
//   GET  /        the page (text/html); HEAD too (the server leaves the body out)
//   GET  /ws      a WebSocket upgrade (426 without the upgrade headers)
//   POST /cables  the body is one ACP 127 message, filed through the line protocol's parser
//                 at its DE station or at ?at=RI: 200 {"event":"accepted",...}, or 422 with
//                 the located rejection {"event":"rejected","error":...,"line":N}; 429 when
//                 the client's address has its share of cables in flight, 503 when all
//                 clients together have theirs or the run takes no more
// First of all, a request with two Host headers or two Origin headers is 400 (which one a
// proxy or browser went by is unknown), then one whose Host or Origin WebAccess refuses is 403
// (web_access.h). A known path asked with another method is 405 (with Allow). With a token,
// every request must carry it (?token=T or "Authorization: Bearer T", the scheme in any
// case), else 401.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/live/line_protocol.h"
#include "sim/live/web_access.h"

namespace cablesim {

struct WebRequest {
  std::string method;  ///< as sent ("GET", "POST", ...)
  std::string target;  ///< the request target, path and query, not decoded
  std::string authorization;
  std::string body;
  bool websocket_upgrade = false;     ///< Connection: upgrade and Upgrade: websocket
  std::string websocket_key;          ///< Sec-WebSocket-Key, "" when absent
  std::string host;                   ///< the Host header, "" when absent
  std::optional<std::string> origin;  ///< the Origin header, when the request has one
  bool repeated_host = false;         ///< more than one Host header (then 400)
  bool repeated_origin = false;       ///< more than one Origin header (then 400)
  std::string local_address;          ///< where the connection arrived (an address)
  std::uint16_t local_port = 0;
  std::string remote_address;  ///< the client's address: its share of the limits
};

struct WebAnswer {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::string allow;     ///< the Allow header of a 405
  bool upgrade = false;  ///< accept the WebSocket (no body is written)
};

/// The value of `key` in a query string ("a=1&b=x%20y"), percent-decoded, "" if absent.
std::string QueryValue(std::string_view query, std::string_view key);
/// Why a query string is refused, or "" when it is not: a parameter other than `allowed`
/// (for "/cables": at, token), one given twice, or one without a value. Empty parts ("a=1&")
/// are passed over.
std::string QueryRefusal(std::string_view query, std::string_view path,
                         const std::vector<std::string_view>& allowed);

class WebRoutes {
 public:
  /// Gives the client of the live run that files the cables posted from an address (one
  /// per address, so each has its own share of the cables in flight; its own lines go
  /// nowhere: the pages hear of deliveries through the event stream).
  using PosterFor = std::function<ClientId(const std::string& remote_address)>;

  WebRoutes(LiveService& service, PosterFor poster_for, std::string page, std::string token,
            WebAccess access)
      : service_(service),
        poster_for_(std::move(poster_for)),
        page_(std::move(page)),
        token_(std::move(token)),
        access_(std::move(access)) {}

  WebAnswer Handle(const WebRequest& request);

 private:
  bool Authorized(const WebRequest& r, std::string_view query) const;
  WebAnswer FileCable(const WebRequest& r, std::string_view query);

  LiveService& service_;
  PosterFor poster_for_;
  std::string page_;
  std::string token_;
  WebAccess access_;
};

}  // namespace cablesim
