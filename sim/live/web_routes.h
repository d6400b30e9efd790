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
//                 the located rejection {"event":"rejected","error":...,"line":N}
// A known path asked with another method is 405 (with Allow). With a token, every request
// must carry it (?token=T or "Authorization: Bearer T"), else 401.
#pragma once

#include <string>
#include <string_view>

#include "sim/live/line_protocol.h"

namespace cablesim {

struct WebRequest {
  std::string method;  ///< as sent ("GET", "POST", ...)
  std::string target;  ///< the request target, path and query, not decoded
  std::string authorization;
  std::string body;
  bool websocket_upgrade = false;  ///< Connection: upgrade and Upgrade: websocket
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

class WebRoutes {
 public:
  /// Cables are filed for `poster`, a client of the live run whose own lines go nowhere
  /// (the pages hear of deliveries through the event stream).
  WebRoutes(LiveService& service, ClientId poster, std::string page, std::string token)
      : service_(service), poster_(poster), page_(std::move(page)), token_(std::move(token)) {}

  WebAnswer Handle(const WebRequest& request);

 private:
  bool Authorized(const WebRequest& r, std::string_view query) const;
  WebAnswer FileCable(const WebRequest& r, std::string_view query);

  LiveService& service_;
  ClientId poster_;
  std::string page_;
  std::string token_;
};

}  // namespace cablesim
