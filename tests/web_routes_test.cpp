// sim/live/web_routes.h and web_access.h: the HTTP routes of serve --http without sockets:
// exact paths only (traversal, encoded or not, is 404 and nothing is read from disk),
// methods, the token, Host and Origin, and POST /cables through the live service's File
// with located rejections, for one client per address.
#include "sim/live/web_routes.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/live/web_server.h"
#include "tests/json_support.h"

namespace {

const std::string kKey = "dGhlIHNhbXBsZSBub25jZQ==";  // RFC 6455's example Sec-WebSocket-Key

// The "error" of a JSON answer's body (words for people, so tests match them as text); ""
// when the body is no JSON object with an error.
std::string ErrorOf(const cablesim::WebAnswer& a) {
  const auto body = cablesim::testing::Json::parse(a.body, nullptr, false);
  return body.is_object() ? body.value("error", "") : "";
}

using cablesim::WebAnswer;
using cablesim::WebRequest;

class FakeService : public cablesim::LiveService {
 public:
  std::vector<std::string> File(cablesim::ClientId client, const std::string& text, int first_line,
                                const std::string& file_at) override {
    filed.push_back(text);
    at.push_back(file_at);
    last_client = client;
    if (text.find("NNNN") == std::string::npos) {
      return {cablesim::ErrorLine("rejected", "no NNNN", first_line + 2)};
    }
    if (text.find("ZEN") != std::string::npos) {
      return {"{\"event\":\"accepted\",\"message\":\"M1\",\"addressees\":2}",
              "{\"event\":\"other_means\",\"message\":\"M1\",\"addressee\":\"X\"}"};
    }
    return {"{\"event\":\"accepted\",\"message\":\"M1\",\"addressees\":1}"};
  }
  std::string Stats() override { return "{}"; }
  void Subscribe(cablesim::ClientId) override {}
  bool StationExists(const std::string& ri) const override { return ri == "RUEHC"; }
  cablesim::FilingRoom RoomFor(cablesim::ClientId client) const override {
    auto it = room.find(client);
    return it == room.end() ? cablesim::FilingRoom::kOpen : it->second;
  }

  std::vector<std::string> filed, at;
  cablesim::ClientId last_client = 0;
  std::map<cablesim::ClientId, cablesim::FilingRoom> room;
};

// Posts from 10.0.0.N are filed for client N.
cablesim::ClientId PosterOf(const std::string& address) {
  return static_cast<cablesim::ClientId>(std::stoul(address.substr(address.rfind('.') + 1)));
}

// A server listening on 127.0.0.1 (port 8127), letting pages of https://ops.example in.
cablesim::WebRoutes Routes(FakeService& service, const std::string& page = "",
                           const std::string& token = "") {
  return cablesim::WebRoutes(service, PosterOf, page, token,
                             cablesim::WebAccess("127.0.0.1", {"https://ops.example"}));
}

WebAnswer Ask(cablesim::WebRoutes& routes, const std::string& method, const std::string& target,
              const std::string& body = "", bool upgrade = false, const std::string& auth = "",
              const std::string& from = "10.0.0.7") {
  WebRequest r;
  r.host = "127.0.0.1:8127";
  r.local_address = "127.0.0.1";
  r.local_port = 8127;
  r.remote_address = from;
  r.method = method;
  r.target = target;
  r.body = body;
  r.websocket_upgrade = upgrade;
  r.websocket_key = kKey;
  r.authorization = auth;
  return routes.Handle(r);
}

}  // namespace

TEST_CASE("web routes: the page, the stream and cables, and 404 for every other path") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service, "<html>page</html>");
  const WebAnswer page = Ask(routes, "GET", "/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body == "<html>page</html>");
  CHECK(Ask(routes, "GET", "/?").status == 200);  // an empty query
  CHECK(Ask(routes, "HEAD", "/").status == 200);
  CHECK(Ask(routes, "GET", "/ws", "", true).upgrade);
  CHECK(Ask(routes, "GET", "/ws").status == 426);
  // The upgrade's key must be one (RFC 6455, 4.1: 16 bytes in base64), else 400.
  for (const char* key : {"", "abc", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZQ==x",
                          "dGhlIHNhbXBsZSBub25j*Q==", "dGhlIHNhbXBsZSBub25jZQ=A"}) {
    CAPTURE(key);
    WebRequest r;
    r.host = "127.0.0.1:8127";
    r.local_address = "127.0.0.1";
    r.local_port = 8127;
    r.remote_address = "10.0.0.7";
    r.method = "GET";
    r.target = "/ws";
    r.websocket_upgrade = true;
    r.websocket_key = key;
    const WebAnswer a = routes.Handle(r);
    CHECK(a.status == 400);
    CHECK_FALSE(a.upgrade);
  }
  for (const char* path : {"/index.html", "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fx", "//",
                           "/ws/", "/cables/../", "/%2F", "", "*", "/favicon.ico"}) {
    CAPTURE(path);
    const WebAnswer a = Ask(routes, "GET", path);
    CHECK(a.status == 404);
    CHECK(a.content_type == "application/json");
    CHECK(ErrorOf(a).find("not found") != std::string::npos);
  }
  const WebAnswer post_page = Ask(routes, "POST", "/");
  CHECK(post_page.status == 405);
  CHECK(post_page.allow == "GET, HEAD");
  CHECK(Ask(routes, "GET", "/cables").allow == "POST");
  CHECK(Ask(routes, "DELETE", "/ws").status == 405);
  CHECK(service.filed.empty());
}

TEST_CASE("web routes: POST /cables files the body for the poster, at ?at= or its DE station") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service);
  const WebAnswer ok = Ask(routes, "POST", "/cables", "LINE\r\nNNNN");
  CHECK(ok.status == 200);
  CHECK(ok.body == "{\"event\":\"accepted\",\"message\":\"M1\",\"addressees\":1}");
  REQUIRE(service.filed.size() == 1);
  CHECK(service.filed[0] == "LINE\nNNNN\n");  // '\r' dropped, a final newline added
  CHECK(service.at[0].empty());
  CHECK(service.last_client == 7);

  CHECK(Ask(routes, "POST", "/cables?at=RUEHC", "A\nNNNN\n").status == 200);
  CHECK(service.at.back() == "RUEHC");
  const WebAnswer bad_at = Ask(routes, "POST", "/cables?at=RUEHXX", "A\nNNNN\n");
  CHECK(bad_at.status == 422);
  CHECK(bad_at.body ==
        "{\"event\":\"rejected\",\"error\":\"station RUEHXX is not in the network (?at=RI)\"}");
  CHECK(service.filed.size() == 2);

  const WebAnswer rejected = Ask(routes, "POST", "/cables", "A\nB\n");
  CHECK(rejected.status == 422);
  CHECK(rejected.body == "{\"event\":\"rejected\",\"error\":\"no NNNN\",\"line\":3}");
  const WebAnswer empty = Ask(routes, "POST", "/cables", " \r\n\n");
  CHECK(empty.status == 422);
  CHECK(ErrorOf(empty).find("the body is empty") != std::string::npos);

  const WebAnswer with_final = Ask(routes, "POST", "/cables", "ZEN\nNNNN\n");
  CHECK(with_final.status == 200);
  CHECK(with_final.body ==
        "{\"event\":\"accepted\",\"message\":\"M1\",\"addressees\":2,\"final\":[{\"event\":"
        "\"other_means\",\"message\":\"M1\",\"addressee\":\"X\"}]}");
}

TEST_CASE("web routes: with a token every route asks for it, in the query or as a bearer") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service, "page", "s3cret");
  CHECK(Ask(routes, "GET", "/").status == 401);
  CHECK(Ask(routes, "GET", "/?token=wrong").status == 401);
  CHECK(Ask(routes, "GET", "/?token=s3cre").status == 401);
  CHECK(Ask(routes, "GET", "/?token=s3cret").status == 200);
  CHECK(Ask(routes, "GET", "/?token=s3cret&").status == 200);   // an empty part is passed over
  CHECK(Ask(routes, "GET", "/?token=s3%63ret").status == 200);  // percent-decoded
  CHECK(Ask(routes, "GET", "/ws", "", true).status == 401);
  CHECK(Ask(routes, "GET", "/ws?token=s3cret", "", true).upgrade);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n").status == 401);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "Bearer s3cret").status == 200);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "Bearer s3cretX").status == 401);
  // The scheme in any case (RFC 9110 section 11.1), the token as written.
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "bearer s3cret").status == 200);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "BEARER s3cret").status == 200);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "bearer S3CRET").status == 401);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "Basic s3cret").status == 401);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "bearer").status == 401);
  CHECK(service.filed.size() == 3);
  CHECK(Ask(routes, "GET", "/nothing").status == 404);  // no token needed to be told 404
}

TEST_CASE("web routes: a query parameter not taken, given twice or without a value is a 400") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service);
  const auto refused = [&](const std::string& method, const std::string& target,
                           const std::string& why) {
    const WebAnswer a = Ask(routes, method, target, method == "POST" ? "A\nNNNN\n" : "");
    CHECK(a.status == 400);
    CHECK(ErrorOf(a) == "bad request: " + why);
  };
  // ?at= filed at the DE station as if absent; a second ?at was not read; ?At was not ?at.
  refused("POST", "/cables?at=",
          "query parameter 'at' has no value: give a station's RI, or leave ?at out to file "
          "at the cable's DE station");
  refused("POST", "/cables?at=RUEHC&at=RUEHFR", "query parameter 'at' given twice: give it once");
  refused("POST", "/cables?At=RUEHC", "unknown query parameter 'At': /cables takes ?at and ?token");
  refused("GET", "/?a=b", "unknown query parameter 'a': / takes ?token");
  // Keys are compared decoded (%61t is at) and shown as written.
  refused("POST", "/cables?at=RUEHC&%61t=RUEHFR",
          "query parameter '%61t' (that is 'at') given twice: give it once");
  refused("POST", "/cables?%41t=RUEHC",
          "unknown query parameter '%41t': /cables takes ?at and ?token");
  refused("GET", "/?token", "query parameter 'token' has no value");
  CHECK(service.filed.empty());
  CHECK(Ask(routes, "POST", "/cables?at=RUEHC&", "A\nNNNN\n").status == 200);
  CHECK(Ask(routes, "POST", "/cables?%61t=RUEH%43", "A\nNNNN\n").status == 200);
  REQUIRE(service.at.size() == 2);
  CHECK(service.at.back() == "RUEHC");
}

TEST_CASE("web routes: a WebSocket upgrade with a body is a 400") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service);
  const WebAnswer a = Ask(routes, "GET", "/ws", "hello", true);
  CHECK(a.status == 400);
  CHECK_FALSE(a.upgrade);
  CHECK(ErrorOf(a) == "a WebSocket upgrade has no body");
}

TEST_CASE("web routes: query values are found by key and percent-decoded") {
  using cablesim::QueryValue;
  CHECK(QueryValue("a=1&b=x%20y", "b") == "x y");
  CHECK(QueryValue("a=1&b=x+y", "b") == "x y");
  CHECK(QueryValue("ab=1&b=2", "b") == "2");
  CHECK(QueryValue("a=1", "b").empty());
  CHECK(QueryValue("b", "b").empty());
  CHECK(QueryValue("b=%zz%4", "b") == "%zz%4");  // malformed escapes are kept as written
  CHECK(QueryValue("", "b").empty());
}

TEST_CASE(
    "web routes: cables posted from each address are its own client's, 429 and 503 when full") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "", "10.0.0.3").status == 200);
  CHECK(service.last_client == 3);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "", "10.0.0.4").status == 200);
  CHECK(service.last_client == 4);
  // The live run rejects (FakeService files "no NNNN" as rejected); the status says why.
  service.room[3] = cablesim::FilingRoom::kClientFull;
  service.room[4] = cablesim::FilingRoom::kAllFull;
  service.room[5] = cablesim::FilingRoom::kClosed;
  CHECK(Ask(routes, "POST", "/cables", "A\n", false, "", "10.0.0.3").status == 429);
  CHECK(Ask(routes, "POST", "/cables", "A\n", false, "", "10.0.0.4").status == 503);
  CHECK(Ask(routes, "POST", "/cables", "A\n", false, "", "10.0.0.5").status == 503);
  CHECK(Ask(routes, "POST", "/cables", "A\n", false, "", "10.0.0.6").status == 422);
}

namespace {

WebAnswer AskAs(cablesim::WebRoutes& routes, const std::string& method, const std::string& path,
                const std::string& host, const std::optional<std::string>& origin,
                const std::string& local = "127.0.0.1") {
  WebRequest r;
  r.method = method;
  r.target = path;
  r.body = path == "/cables" ? "A\nNNNN\n" : "";
  r.websocket_upgrade = path == "/ws";
  r.websocket_key = kKey;
  r.host = host;
  r.origin = origin;
  r.local_address = local;
  r.local_port = 8127;
  r.remote_address = "10.0.0.7";
  return routes.Handle(r);
}

}  // namespace

TEST_CASE("web routes: a Host that is not the server's, or another site's Origin, is 403") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service, "page");
  // The listen address, localhost on a loopback one, any case; no Origin (curl) or its own.
  for (const char* host : {"127.0.0.1:8127", "localhost:8127", "LocalHost:8127"}) {
    CAPTURE(host);
    CHECK(AskAs(routes, "GET", "/", host, std::nullopt).status == 200);
    CHECK(AskAs(routes, "GET", "/ws", host, "http://" + std::string(host)).upgrade);
    CHECK(AskAs(routes, "POST", "/cables", host, "http://" + std::string(host)).status == 200);
  }
  CHECK(AskAs(routes, "POST", "/cables", "127.0.0.1:8127", "https://ops.example").status == 200);
  CHECK(AskAs(routes, "GET", "/", "ops.example", std::nullopt).status == 200);
  // DNS rebinding: a name of the attacker's that resolves here.
  const WebAnswer rebound = AskAs(routes, "GET", "/", "evil.example:8127", std::nullopt);
  CHECK(rebound.status == 403);
  CHECK(rebound.body ==
        "{\"error\":\"Host 'evil.example:8127' is not this server's address (127.0.0.1:8127): "
        "refused, as a name that only resolves here (DNS rebinding) would be; to reach the "
        "server by that name, start it with --http-origin http://evil.example:8127\"}");
  CHECK(AskAs(routes, "GET", "/", "127.0.0.1:9999", std::nullopt).status == 403);
  CHECK(ErrorOf(AskAs(routes, "GET", "/", "", std::nullopt)).find("no Host header") !=
        std::string::npos);
  // A page elsewhere: its WebSocket, its text/plain POST (no preflight), even a 404.
  for (const char* path : {"/ws", "/cables", "/", "/nothing"}) {
    CAPTURE(path);
    const WebAnswer a = AskAs(routes, path == std::string("/cables") ? "POST" : "GET", path,
                              "127.0.0.1:8127", "http://evil.example");
    CHECK(a.status == 403);
    CHECK_FALSE(a.upgrade);
    CHECK(ErrorOf(a).find("a page of http://evil.example may not use this server (its own page is "
                          "http://127.0.0.1:8127/); to let pages of that site in, start the server "
                          "with --http-origin http://evil.example") != std::string::npos);
  }
  CHECK(AskAs(routes, "GET", "/ws", "127.0.0.1:8127", "null").status == 403);
  CHECK(AskAs(routes, "GET", "/ws", "127.0.0.1:8127", "http://127.0.0.1:8128").status == 403);
  CHECK(service.filed.size() == 4);  // the three hosts' and ops.example's
  // Listening on every address: the address the connection arrived at is the server's.
  cablesim::WebRoutes any(service, PosterOf, "page", "", cablesim::WebAccess("0.0.0.0", {}));
  CHECK(AskAs(any, "GET", "/", "192.168.1.5:8127", std::nullopt, "192.168.1.5").status == 200);
  CHECK(AskAs(any, "GET", "/", "0.0.0.0:8127", std::nullopt, "192.168.1.5").status == 403);
  CHECK(AskAs(any, "GET", "/", "localhost:8127", std::nullopt, "192.168.1.5").status == 403);
  CHECK(AskAs(any, "GET", "/", "[::1]:8127", std::nullopt, "::1").status == 200);
  CHECK(AskAs(any, "GET", "/", "localhost:8127", std::nullopt, "::ffff:127.0.0.1").status == 200);
}

TEST_CASE("web routes: two Host or two Origin headers are 400, whatever the first says") {
  FakeService service;
  cablesim::WebRoutes routes = Routes(service, "page");
  for (const char* path : {"/", "/ws", "/cables"}) {
    CAPTURE(path);
    const std::string method = path == std::string("/cables") ? "POST" : "GET";
    WebRequest r;
    r.method = method;
    r.target = path;
    r.body = "A\nNNNN\n";
    r.websocket_upgrade = path == std::string("/ws");
    r.websocket_key = kKey;
    r.host = "127.0.0.1:8127";  // the first Host, the server's own
    r.local_address = "127.0.0.1";
    r.local_port = 8127;
    r.remote_address = "10.0.0.7";
    r.repeated_host = true;
    WebAnswer a = routes.Handle(r);
    CHECK(a.status == 400);
    CHECK_FALSE(a.upgrade);
    CHECK(ErrorOf(a) == "bad request: more than one Host header");
    r.repeated_host = false;
    r.origin = "http://127.0.0.1:8127";  // the first Origin, the server's own page
    r.repeated_origin = true;
    a = routes.Handle(r);
    CHECK(a.status == 400);
    CHECK_FALSE(a.upgrade);
    CHECK(ErrorOf(a) == "bad request: more than one Origin header");
  }
  CHECK(service.filed.empty());
}

TEST_CASE("web routes: --http-origin takes an origin as browsers write it") {
  using cablesim::NormalizeOrigin;
  CHECK(NormalizeOrigin("https://Ops.Example/").value() == "https://ops.example");
  CHECK(NormalizeOrigin("http://ops.example:80").value() == "http://ops.example");
  CHECK(NormalizeOrigin("https://ops.example:443").value() == "https://ops.example");
  CHECK(NormalizeOrigin("http://[::1]:8127").value() == "http://[::1]:8127");
  CHECK(NormalizeOrigin("http://10.1.2.3:8080").value() == "http://10.1.2.3:8080");
  for (const char* bad : {"ops.example", "ftp://x", "http://", "http://x/path", "http://x:0",
                          "http://x:99999", "http://x:8a", "http://user@x", "http://:80"}) {
    CAPTURE(bad);
    const auto o = NormalizeOrigin(bad);
    REQUIRE_FALSE(o.ok());
    CHECK(o.error().field == "--http-origin");
  }
}

TEST_CASE("the page sets every string from the server as text, never as HTML") {
  // A station named "<img onerror=...>" or a region holding a script must be shown, not run:
  // the page has no way to parse data as HTML at all.
  const std::string page = cablesim::WebPageHtml();
  for (const char* parser : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                             "createContextualFragment", "DOMParser"}) {
    CAPTURE(parser);
    CHECK(page.find(parser) == std::string::npos);
  }
}

TEST_CASE(
    "a pace is a plain decimal number above 0 and up to 1e9, as --speed and speed X read it") {
  using cablesim::ParseSpeed;
  CHECK(ParseSpeed("60") == 60.0);
  CHECK(ParseSpeed("0.5") == 0.5);
  CHECK(ParseSpeed("1e9") == 1e9);
  for (const char* bad : {"0x10", " 5", "5 ", "+5", "0", "-1", "1e10", "inf", "nan", "", "5x"}) {
    INFO(bad);
    CHECK_FALSE(ParseSpeed(bad).has_value());
  }
}
