// sim/live/web_routes.h: the HTTP routes of serve --http without sockets: exact paths only
// (traversal, encoded or not, is 404 and nothing is read from disk), methods, the token,
// and POST /cables through the live service's File with located rejections.
#include "sim/live/web_routes.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

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

  std::vector<std::string> filed, at;
  cablesim::ClientId last_client = 0;
};

WebAnswer Ask(cablesim::WebRoutes& routes, const std::string& method, const std::string& target,
              const std::string& body = "", bool upgrade = false, const std::string& auth = "") {
  WebRequest r;
  r.method = method;
  r.target = target;
  r.body = body;
  r.websocket_upgrade = upgrade;
  r.authorization = auth;
  return routes.Handle(r);
}

}  // namespace

TEST_CASE("web routes: the page, the stream and cables, and 404 for every other path") {
  FakeService service;
  cablesim::WebRoutes routes(service, 7, "<html>page</html>", "");
  const WebAnswer page = Ask(routes, "GET", "/");
  CHECK(page.status == 200);
  CHECK(page.content_type == "text/html; charset=utf-8");
  CHECK(page.body == "<html>page</html>");
  CHECK(Ask(routes, "GET", "/?x=1").status == 200);
  CHECK(Ask(routes, "HEAD", "/").status == 200);
  CHECK(Ask(routes, "GET", "/ws", "", true).upgrade);
  CHECK(Ask(routes, "GET", "/ws").status == 426);
  for (const char* path : {"/index.html", "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fx", "//",
                           "/ws/", "/cables/../", "/%2F", "", "*", "/favicon.ico"}) {
    CAPTURE(path);
    const WebAnswer a = Ask(routes, "GET", path);
    CHECK(a.status == 404);
    CHECK(a.content_type == "application/json");
    CHECK(a.body.find("not found") != std::string::npos);
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
  cablesim::WebRoutes routes(service, 7, "", "");
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
  CHECK(empty.body.find("the body is empty") != std::string::npos);

  const WebAnswer with_final = Ask(routes, "POST", "/cables", "ZEN\nNNNN\n");
  CHECK(with_final.status == 200);
  CHECK(with_final.body ==
        "{\"event\":\"accepted\",\"message\":\"M1\",\"addressees\":2,\"final\":[{\"event\":"
        "\"other_means\",\"message\":\"M1\",\"addressee\":\"X\"}]}");
}

TEST_CASE("web routes: with a token every route asks for it, in the query or as a bearer") {
  FakeService service;
  cablesim::WebRoutes routes(service, 1, "page", "s3cret");
  CHECK(Ask(routes, "GET", "/").status == 401);
  CHECK(Ask(routes, "GET", "/?token=wrong").status == 401);
  CHECK(Ask(routes, "GET", "/?token=s3cre").status == 401);
  CHECK(Ask(routes, "GET", "/?token=s3cret").status == 200);
  CHECK(Ask(routes, "GET", "/?a=b&token=s3cret").status == 200);
  CHECK(Ask(routes, "GET", "/?token=s3%63ret").status == 200);  // percent-decoded
  CHECK(Ask(routes, "GET", "/ws", "", true).status == 401);
  CHECK(Ask(routes, "GET", "/ws?token=s3cret", "", true).upgrade);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n").status == 401);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "Bearer s3cret").status == 200);
  CHECK(Ask(routes, "POST", "/cables", "A\nNNNN\n", false, "Bearer s3cretX").status == 401);
  CHECK(service.filed.size() == 1);
  CHECK(Ask(routes, "GET", "/nothing").status == 404);  // no token needed to be told 404
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
