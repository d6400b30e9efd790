#include "sim/live/web_routes.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "sim/report/json_writer.h"

namespace cablesim {
namespace {

// RFC 6455 4.1: the key is 16 random bytes in base64: 22 characters of its alphabet, "==".
bool IsWebSocketKey(std::string_view key) {
  if (key.size() != 24 || key.substr(22) != "==") return false;
  for (const char c : key.substr(0, 22)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/') return false;
  }
  return true;
}

WebAnswer Json(unsigned status, std::string body) {
  return WebAnswer{status, "application/json", std::move(body), "", false};
}

WebAnswer Problem(unsigned status, const std::string& why) {
  JsonWriter w;
  w.BeginObject().Key("error").String(why).EndObject();
  return Json(status, w.str());
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Equal strings, in time that depends on their lengths only.
bool SameSecret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace

namespace {

// Calls visit(name, key, value) for each part of a query ("a=1&b" gives "a", "1" then "b",
// nullopt: no '='), in order, until visit returns false: `name` is the key percent-decoded
// ("%61t" is "at"), `key` and `value` are as written. Empty parts ("a=1&") are passed over.
template <class Visit>
void ForEachQueryPart(std::string_view query, Visit visit) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    if (pair.empty()) continue;
    const auto eq = pair.find('=');
    const std::optional<std::string_view> value =
        eq == std::string_view::npos ? std::nullopt : std::optional(pair.substr(eq + 1));
    const std::string_view key = pair.substr(0, eq);
    if (!visit(PercentDecode(key), key, value)) return;
  }
}

}  // namespace

std::string QueryValue(std::string_view query, std::string_view key) {
  std::string found;
  ForEachQueryPart(
      query, [&](const std::string& name, std::string_view, std::optional<std::string_view> value) {
        if (name != key) return true;
        if (value) found = PercentDecode(*value);
        return false;
      });
  return found;
}

std::string QueryRefusal(std::string_view query, std::string_view path,
                         const std::vector<std::string_view>& allowed) {
  std::vector<std::string> seen;
  std::string takes;
  for (const std::string_view k : allowed)
    takes += (takes.empty() ? "?" : " and ?") + std::string(k);
  std::string refusal;
  ForEachQueryPart(query, [&](const std::string& name, std::string_view key,
                              std::optional<std::string_view> value) {
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      refusal = "unknown query parameter '" + std::string(key) + "': " + std::string(path) +
                " takes " + takes;
    } else if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      refusal = "query parameter '" + std::string(key) + "'" +
                (name != key ? " (that is '" + name + "')" : "") + " given twice: give it once";
    } else if (!value || value->empty()) {
      refusal = "query parameter '" + std::string(key) + "' has no value" +
                (name == "at" ? ": give a station's RI, or leave ?at out to file at the cable's "
                                "DE station"
                              : "");
    }
    seen.push_back(name);
    return refusal.empty();
  });
  return refusal;
}

bool WebRoutes::Authorized(const WebRequest& r, std::string_view query) const {
  if (token_.empty()) return true;
  // The scheme is case-insensitive (RFC 9110 section 11.1): "bearer T" is "Bearer T".
  constexpr std::string_view kBearer = "bearer ";
  const std::string_view auth = r.authorization;
  bool bearer = auth.size() > kBearer.size();
  for (std::size_t i = 0; bearer && i < kBearer.size(); ++i) {
    bearer = std::tolower(static_cast<unsigned char>(auth[i])) == kBearer[i];
  }
  if (bearer && SameSecret(auth.substr(kBearer.size()), token_)) return true;
  return SameSecret(QueryValue(query, "token"), token_);
}

WebAnswer WebRoutes::Handle(const WebRequest& r) {
  const std::string_view target = r.target;
  const auto q = target.find('?');
  const std::string_view path = target.substr(0, q);
  const std::string_view query = q == std::string_view::npos ? "" : target.substr(q + 1);
  // RFC 9112 section 3.2: more than one Host is a 400; two Origins are as ambiguous.
  if (r.repeated_host) return Problem(400, "bad request: more than one Host header");
  if (r.repeated_origin) return Problem(400, "bad request: more than one Origin header");
  const std::string refusal = access_.Refusal(r.host, r.origin, r.local_address, r.local_port);
  if (!refusal.empty()) return Problem(403, refusal);
  const bool known = path == "/" || path == "/ws" || path == "/cables";
  if (!known)
    return Problem(404,
                   "not found: the page is at /, the events at /ws, cables go to POST /cables");
  const std::string bad_query = path == "/cables" ? QueryRefusal(query, path, {"at", "token"})
                                                  : QueryRefusal(query, path, {"token"});
  if (!bad_query.empty()) return Problem(400, "bad request: " + bad_query);
  if (!Authorized(r, query)) {
    return Problem(401, "missing or wrong token (add ?token=... to the address)");
  }
  if (path == "/") {
    if (r.method != "GET" && r.method != "HEAD") {
      WebAnswer a = Problem(405, "/ takes GET");
      a.allow = "GET, HEAD";
      return a;
    }
    return WebAnswer{200, "text/html; charset=utf-8", page_, "", false};
  }
  if (path == "/ws") {
    if (r.method != "GET") {
      WebAnswer a = Problem(405, "/ws takes GET with a WebSocket upgrade");
      a.allow = "GET";
      return a;
    }
    if (!r.websocket_upgrade) return Problem(426, "/ws is a WebSocket: ask for an upgrade");
    if (!r.body.empty()) return Problem(400, "a WebSocket upgrade has no body");
    if (!IsWebSocketKey(r.websocket_key)) {
      return Problem(400, "Sec-WebSocket-Key must be 16 bytes in base64 (RFC 6455, 4.1)");
    }
    WebAnswer a;
    a.status = 101;
    a.upgrade = true;
    return a;
  }
  if (r.method != "POST") {
    WebAnswer a = Problem(405, "/cables takes POST with the cable as the body");
    a.allow = "POST";
    return a;
  }
  return FileCable(r, query);
}

WebAnswer WebRoutes::FileCable(const WebRequest& r, std::string_view query) {
  const std::string at = QueryValue(query, "at");
  if (!at.empty() && !service_.StationExists(at)) {
    return Json(422, ErrorLine("rejected", "station " + at + " is not in the network (?at=RI)", 0));
  }
  // The line protocol's own text: lines without their '\r', ending with a newline.
  std::string text;
  text.reserve(r.body.size() + 1);
  for (std::size_t i = 0; i < r.body.size(); ++i) {
    if (r.body[i] == '\r' && (i + 1 == r.body.size() || r.body[i + 1] == '\n')) continue;
    text += r.body[i];
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (text.find_first_not_of(" \t\n") == std::string::npos) {
    return Json(422, ErrorLine("rejected", "the body is empty: POST the cable's text", 0));
  }
  const ClientId poster = poster_for_(r.remote_address);
  // No room is told by File as any rejection is; the status says which kind it is.
  const FilingRoom room = service_.RoomFor(poster);
  const std::vector<std::string> lines = service_.File(poster, text, 1, at);
  if (lines.empty()) return Problem(500, "the live run gave no answer");
  const bool accepted = lines.front().starts_with("{\"event\":\"accepted\"");
  const unsigned status = accepted                          ? 200
                          : room == FilingRoom::kClientFull ? 429
                          : room != FilingRoom::kOpen       ? 503
                                                            : 422;
  if (lines.size() == 1) return Json(status, lines.front());
  // Addressees already final at acceptance (undeliverable, by other means) follow as "final".
  std::string body = lines.front();
  body.pop_back();  // its closing brace
  body += ",\"final\":[";
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (i > 1) body += ',';
    body += lines[i];
  }
  body += "]}";
  return Json(status, body);
}

}  // namespace cablesim
