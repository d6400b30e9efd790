#include "sim/live/web_server.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cctype>
#include <charconv>
#include <cmath>
#include <deque>

#include "sim/live/listen.h"
#include "sim/report/json_writer.h"

namespace cablesim {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

std::string TypeLine(const std::string& type, const std::string& key, const std::string& value) {
  JsonWriter w;
  w.BeginObject().Key("type").String(type);
  if (!key.empty()) w.Key(key).String(value);
  w.EndObject();
  return w.str();
}

// What WebRoutes needs of a request read on `socket` from `address` (the body is moved).
WebRequest RequestOf(http::request<http::string_body>& req, const tcp::socket& socket,
                     const std::string& address) {
  WebRequest r;
  r.method = std::string(req.method_string());
  r.target = std::string(req.target());
  r.authorization = std::string(req[http::field::authorization]);
  r.websocket_upgrade = websocket::is_upgrade(req);
  r.websocket_key = std::string(req[http::field::sec_websocket_key]);
  r.host = std::string(req[http::field::host]);
  if (req.find(http::field::origin) != req.end()) r.origin = std::string(req[http::field::origin]);
  r.repeated_host = req.count(http::field::host) > 1;
  r.repeated_origin = req.count(http::field::origin) > 1;
  boost::system::error_code ec;
  const tcp::endpoint local = socket.local_endpoint(ec);
  r.local_address = ec ? "" : local.address().to_string();
  r.local_port = ec ? 0 : local.port();
  r.remote_address = address;
  r.body = std::move(req.body());
  return r;
}

// The least bytes a request's header fields take on the wire (NAME:VALUE CRLF), those of a
// chunked body's trailer included: the parser's header limit counts the header alone, and
// the trailer is merged into the fields.
std::size_t FieldBytes(const http::request<http::string_body>& req) {
  std::size_t n = 0;
  for (const auto& f : req) n += f.name_string().size() + f.value().size() + 3;
  return n;
}

// Why a request's Transfer-Encoding must be refused (400, then closed), or "" when it has none
// or exactly "chunked", the only one read here. Any other ("gzip", "xchunked", "chunked,
// identity", two fields) would leave its body unread and taken for the next request
// (request smuggling): RFC 9112 section 6.1.
std::string TransferEncodingRefusal(const http::request_parser<http::string_body>& parser) {
  const auto& header = parser.get();
  const std::size_t fields = header.count(http::field::transfer_encoding);
  if (fields == 0) return "";
  std::string value(header[http::field::transfer_encoding]);
  const auto first = value.find_first_not_of(" \t");
  const auto last = value.find_last_not_of(" \t");
  value = first == std::string::npos ? "" : value.substr(first, last - first + 1);
  for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (fields == 1 && value == "chunked" && parser.chunked()) return "";
  return "Transfer-Encoding '" + std::string(header[http::field::transfer_encoding]) +
         (fields > 1 ? "' (and more)" : "'") + " is not understood: only chunked is";
}

// Headers of every HTTP answer: no page of another site may frame ours (clickjacking).
template <class Body>
void SetFramingHeaders(http::response<Body>& res) {
  res.set(http::field::x_frame_options, "DENY");
  res.set("Content-Security-Policy", "frame-ancestors 'none'");
}

// A close code no peer may send (RFC 6455 section 7.4: none is defined from 5000 on). Beast 1.74
// fails a close frame with the other invalid codes (0-999, 1004-1006, 1014-2999) with 1002
// itself, but takes 5000 and above and would echo them.
bool UndefinedCloseCode(std::uint16_t code) { return code >= 5000; }

}  // namespace

std::optional<double> ParseSpeed(std::string_view text) {
  double v = 0;
  // from_chars reads decimal only: no hexadecimal, no leading space or '+'.
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v > 0) || v > 1e9) {
    return std::nullopt;
  }
  return v;
}

/// One page's WebSocket: a reader of its commands and a writer that drains a bounded queue
/// of frames (shared by every page: built once per tick) and of replies to its commands.
class PageSession : public std::enable_shared_from_this<PageSession> {
 public:
  PageSession(websocket::stream<beast::tcp_stream> ws, std::string address, WebServer& server)
      : ws_(std::move(ws)),
        address_(std::move(address)),
        wake_(ws_.get_executor()),
        write_timer_(ws_.get_executor()),
        server_(server) {
    wake_.expires_at(std::chrono::steady_clock::time_point::max());
    // A close frame with a code no peer may send is answered 1002 (protocol error), not echoed.
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::close && UndefinedCloseCode(ws_.reason().code)) {
        FailProtocol();
      }
    });
  }

  void Start() {
    asio::co_spawn(
        ws_.get_executor(), [self = shared_from_this()] { return self->Reader(); }, asio::detached);
    asio::co_spawn(
        ws_.get_executor(), [self = shared_from_this()] { return self->Writer(); }, asio::detached);
  }

  /// Queues a message; a frame that finds the queue full is dropped and counted.
  void Queue(std::shared_ptr<const std::string> message, bool is_frame) {
    if (closing_) return;
    const std::size_t max = server_.options().max_queued_frames;
    if (is_frame && outbox_.size() >= max) {
      ++dropped_;
      ++untold_;
      return;
    }
    if (is_frame && untold_ > 0 && outbox_.size() + 1 < max) {
      outbox_.push_back(
          Outgoing{std::make_shared<const std::string>(
                       "{\"type\":\"dropped\",\"frames\":" + std::to_string(dropped_) + "}"),
                   false});
      untold_ = 0;
    }
    outbox_.push_back(Outgoing{std::move(message), false});
    wake_.cancel_one();
  }

  /// Queues the answer to a page's command. A page that sends commands without reading their
  /// answers would grow the queue without bound: when max_queued_replies are still unsent, the
  /// page is closed instead (close code 1008, policy), and what was queued is dropped.
  void Reply(std::shared_ptr<const std::string> message) {
    if (closing_) return;
    if (replies_ >= server_.options().max_queued_replies) {
      outbox_.clear();
      replies_ = 0;
      close_reason_ =
          websocket::close_reason(websocket::close_code::policy_error, "too many replies unread");
      closing_ = true;
      wake_.cancel_one();
      return;
    }
    ++replies_;
    outbox_.push_back(Outgoing{std::move(message), true});
    wake_.cancel_one();
  }

  /// Sends what is queued, then a close frame.
  void CloseAfterFlush() {
    closing_ = true;
    wake_.cancel_one();
  }

  void Abort() {
    boost::system::error_code ec;
    beast::get_lowest_layer(ws_).socket().close(ec);
    wake_.cancel();
    write_timer_.cancel();
  }

  std::uint64_t dropped() const { return dropped_; }

 private:
  awaitable<void> Reader() {
    try {
      beast::flat_buffer buffer;
      for (;;) {
        buffer.clear();
        co_await ws_.async_read(buffer, use_awaitable);
        const std::string text = beast::buffers_to_string(buffer.data());
        Command(text);
      }
    } catch (const std::exception&) {
      // Closed, timed out, too large or malformed: the session ends.
    }
    Done();
  }

  // "pause", "resume", "speed X"; anything else is answered with an error.
  void Command(const std::string& text) {
    WebControl& control = server_.control();
    if (text == "pause" || text == "resume") {
      control.SetPaused(text == "pause");
      return;
    }
    if (text.starts_with("speed ")) {
      if (const auto speed = ParseSpeed(std::string_view(text).substr(6))) {
        control.SetSpeed(*speed);
        return;
      }
    }
    std::string shown = text.substr(0, 60);
    Reply(std::make_shared<const std::string>(
        TypeLine("error", "error", "unknown command '" + shown + "' (pause, resume, speed X)")));
  }

  // A close frame with a code no peer may send: answered with 1002 and the connection closed
  // (RFC 6455 section 7.1.7), unless a write is under way (then closed without it). Called
  // from Beast's read, before it would echo the code; it then finds the socket closed.
  void FailProtocol() {
    auto& socket = beast::get_lowest_layer(ws_).socket();
    if (!writing_) {
      // An unmasked close frame, 2 bytes of payload: 1002 (0x03ea).
      static constexpr unsigned char kClose1002[] = {0x88, 0x02, 0x03, 0xea};
      boost::system::error_code ec;
      socket.non_blocking(true, ec);
      if (!ec) socket.write_some(asio::buffer(kClose1002), ec);
    }
    boost::system::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    Abort();
  }

  // One write (a message or the close), bounded in time: a page whose socket takes no data
  // for options().page_write_timeout (its client reads nothing, yet may keep sending, so it is
  // never idle) is closed.
  template <class Op>
  awaitable<void> Bounded(Op op) {
    const std::uint64_t write = ++writes_;
    writing_ = true;
    write_timer_.expires_after(server_.options().page_write_timeout);
    write_timer_.async_wait(
        [self = shared_from_this(), write](const boost::system::error_code& ec) {
          if (!ec && self->writing_ && self->writes_ == write) self->Abort();
        });
    try {
      co_await op();
    } catch (...) {
      writing_ = false;
      write_timer_.cancel();
      throw;
    }
    writing_ = false;
    write_timer_.cancel();
  }

  awaitable<void> Writer() {
    try {
      for (;;) {
        if (outbox_.empty()) {
          if (closing_) break;
          boost::system::error_code ec;
          co_await wake_.async_wait(asio::redirect_error(use_awaitable, ec));
          if (done_) co_return;
          continue;
        }
        const Outgoing next = outbox_.front();
        outbox_.pop_front();
        if (next.reply) --replies_;
        co_await Bounded(
            [&] { return ws_.async_write(asio::buffer(*next.message), use_awaitable); });
      }
      co_await Bounded([&] { return ws_.async_close(close_reason_, use_awaitable); });
    } catch (const std::exception&) {
    }
    Abort();
    Done();
  }

  void Done() {
    if (done_) return;
    done_ = true;
    Abort();
    server_.PageClosed(this, address_);
  }

  struct Outgoing {
    std::shared_ptr<const std::string> message;
    bool reply;  // an answer to the page's command (counted in replies_)
  };

  websocket::stream<beast::tcp_stream> ws_;
  std::string address_;  // the client's
  asio::steady_timer wake_;
  asio::steady_timer write_timer_;
  WebServer& server_;
  std::deque<Outgoing> outbox_;
  std::size_t replies_ = 0;  // of them in outbox_
  std::uint64_t dropped_ = 0;
  std::uint64_t untold_ = 0;  // dropped since the page was last told
  std::uint64_t writes_ = 0;  // started, so that a late timer knows its write is over
  bool writing_ = false;
  websocket::close_reason close_reason_{websocket::close_code::going_away};
  bool closing_ = false;
  bool done_ = false;
};

WebServer::WebServer(asio::io_context& io, LiveRun& run, const Scenario& scenario, WebLayout layout,
                     WebControl& control, WebOptions options)
    : io_(io),
      run_(run),
      control_(control),
      options_(std::move(options)),
      stream_(run, scenario, std::move(layout), options_.stream),
      stream_client_(run.Connect(&stream_)),
      routes_(
          run, [this](const std::string& address) { return PosterFor(address); }, WebPageHtml(),
          options_.token, WebAccess(options_.host, options_.origins)),
      acceptor_(io),
      frames_(io),
      connections_(options_.max_connections, options_.max_connections_per_address) {
  // The stream hears every event, those of the cables posted here among them, once.
  run_.Subscribe(stream_client_);
}

WebServer::~WebServer() {
  run_.Disconnect(stream_client_);
  for (const auto& [address, client] : posters_) run_.Disconnect(client);
}

ClientId WebServer::PosterFor(const std::string& address) {
  if (auto it = posters_.find(address); it != posters_.end()) return it->second;
  if (posters_.size() >= 256) {
    // Many addresses have posted: forget those with nothing in flight (their share is free
    // again anyway). Those left are bounded by the cables in flight of all clients.
    for (auto it = posters_.begin(); it != posters_.end();) {
      if (run_.CablesInFlight(it->second) == 0) {
        run_.Disconnect(it->second);
        it = posters_.erase(it);
      } else {
        ++it;
      }
    }
  }
  const ClientId client = run_.Connect(&discard_, address);
  posters_.emplace(address, client);
  return client;
}

Result<std::uint16_t> WebServer::Listen() {
  return ListenOn(acceptor_, options_.host, options_.port, "--http");
}

void WebServer::Start() {
  asio::co_spawn(io_, Accept(), asio::detached);
  Tick();
}

awaitable<void> WebServer::Accept() {
  co_await AcceptConnections(
      acceptor_, [this] { return stopping_; }, connections_,
      [this](ConnectionLimits::Verdict v, const std::string& client) {
        const bool full = v == ConnectionLimits::Verdict::kFull;
        JsonWriter w;
        w.BeginObject()
            .Key("error")
            .String(full ? "too many connections (" + std::to_string(options_.max_connections) +
                               "), later"
                         : "too many connections from " + client + " (" +
                               std::to_string(options_.max_connections_per_address) + " of " +
                               std::to_string(options_.max_connections) + "): close some")
            .EndObject();
        return std::string(full ? "HTTP/1.1 503 Service Unavailable"
                                : "HTTP/1.1 429 Too Many Requests") +
               "\r\nContent-Type: application/json\r\nConnection: close\r\n"
               "X-Frame-Options: DENY\r\nContent-Security-Policy: frame-ancestors 'none'\r\n"
               "Content-Length: " +
               std::to_string(w.str().size()) + "\r\n\r\n" + w.str();
      },
      [this](tcp::socket socket, std::string address) {
        asio::co_spawn(io_, Serve(std::move(socket), std::move(address)), asio::detached);
      });
}

awaitable<void> WebServer::Serve(tcp::socket socket, std::string address) {
  beast::tcp_stream stream(std::move(socket));
  tcp::socket* registered = &stream.socket();
  http_.insert(registered);
  // Bounded: what the parser has not consumed is at most a header or a chunk's size line or
  // trailer (each within max_header) and what one read brings besides. Unbounded, a chunk
  // line or a trailer that never ends grew it by gigabytes before any limit was checked;
  // now the read stops at the bound (buffer_overflow: 413).
  beast::flat_buffer buffer(options_.max_header + options_.max_body);
  bool upgraded = false;
  try {
    for (;;) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.max_header));
      parser.body_limit(options_.max_body);
      stream.expires_after(options_.request_timeout);
      boost::system::error_code ec;
      co_await http::async_read_header(stream, buffer, parser,
                                       asio::redirect_error(use_awaitable, ec));
      if (ec == http::error::end_of_stream || ec == asio::error::eof) break;
      // The header decides how the body is read: a Transfer-Encoding not read here is refused
      // before any of the body is.
      const std::string refused = ec ? "" : TransferEncodingRefusal(parser);
      if (!ec && refused.empty() && !parser.is_done()) {
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, ec));
      }
      const bool trailer_too_large = !ec && refused.empty() && parser.chunked() &&
                                     FieldBytes(parser.get()) > options_.max_header;
      // Bytes after a WebSocket handshake, sent before its answer (RFC 6455 4.1: a client
      // waits for the 101), would be lost with the HTTP reader's buffer: refused instead.
      const bool early_frames = !ec && refused.empty() && !trailer_too_large &&
                                websocket::is_upgrade(parser.get()) && buffer.size() > 0;
      if (ec || !refused.empty() || trailer_too_large || early_frames) {
        // Malformed or too large: answered if the socket still takes it, then closed.
        if (ec == beast::error::timeout || ec == asio::error::operation_aborted) break;
        const bool too_large = ec == http::error::body_limit || ec == http::error::header_limit ||
                               ec == http::error::buffer_overflow || trailer_too_large;
        http::response<http::string_body> bad{
            too_large ? http::status::payload_too_large : http::status::bad_request, 11};
        bad.set(http::field::content_type, "application/json");
        bad.set(http::field::connection, "close");
        SetFramingHeaders(bad);
        JsonWriter w;
        w.BeginObject().Key("error").String(too_large          ? "request too large"
                                            : !refused.empty() ? "bad request: " + refused
                                            : early_frames
                                                ? "bad request: data sent after the WebSocket "
                                                  "handshake before its answer (wait for 101)"
                                                : "bad request: " + ec.message());
        w.EndObject();
        bad.body() = w.str();
        bad.prepare_payload();
        boost::system::error_code wec;
        co_await http::async_write(stream, bad, asio::redirect_error(use_awaitable, wec));
        break;
      }
      http::request<http::string_body> req = parser.release();
      WebRequest r = RequestOf(req, stream.socket(), address);
      const WebAnswer a = stopping_
                              ? WebAnswer{503, "application/json",
                                          "{\"error\":\"the gateway is stopping\"}", "", false}
                              : routes_.Handle(r);
      if (a.upgrade) {
        stream.expires_never();
        websocket::stream<beast::tcp_stream> ws(std::move(stream));
        ws.read_message_max(options_.max_page_message);
        websocket::stream_base::timeout t{};
        t.handshake_timeout = options_.request_timeout;
        t.idle_timeout = options_.page_idle_timeout;
        t.keep_alive_pings = true;
        ws.set_option(t);
        http_.erase(registered);
        registered = nullptr;
        // A page's socket buffers a fixed amount, not the kernel's autotuned megabytes: a client
        // that reads nothing fills it in seconds, and then page_write_timeout closes it.
        boost::system::error_code bec;
        beast::get_lowest_layer(ws).socket().set_option(
            asio::socket_base::send_buffer_size(static_cast<int>(options_.page_send_buffer)), bec);
        co_await ws.async_accept(req, use_awaitable);
        auto page = std::make_shared<PageSession>(std::move(ws), address, *this);
        pages_.insert(page);
        stream_.set_active(true);
        page->Queue(
            std::make_shared<const std::string>(stream_.Hello(control_.speed(), control_.paused())),
            false);
        page->Start();
        upgraded = true;  // the page session owns the connection now
        break;
      }
      http::response<http::string_body> res{static_cast<http::status>(a.status), req.version()};
      res.set(http::field::server, "cablesim");
      if (!a.content_type.empty()) res.set(http::field::content_type, a.content_type);
      if (!a.allow.empty()) res.set(http::field::allow, a.allow);
      res.set(http::field::cache_control, "no-store");
      SetFramingHeaders(res);
      res.keep_alive(req.keep_alive() && !stopping_);
      if (r.method == "HEAD") {
        res.content_length(a.body.size());  // the body GET would have, left out
      } else {
        res.body() = a.body;
        res.prepare_payload();
      }
      stream.expires_after(options_.request_timeout);
      co_await http::async_write(stream, res, use_awaitable);
      if (!res.keep_alive()) break;
    }
  } catch (const std::exception&) {
    // A broken connection, a failed handshake: this connection ends, nothing else.
  }
  if (registered) http_.erase(registered);
  if (!upgraded) {
    boost::system::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream.socket().close(ec);
    ConnectionClosed(address);
  }
}

void WebServer::Tick() {
  if (stopping_) return;
  SendFrame();
  frames_.expires_after(options_.frame_interval);
  frames_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

void WebServer::SendFrame() {
  if (pages_.empty()) return;
  const bool with_stats = options_.stats_every <= 1 || frame_count_ % options_.stats_every == 0;
  ++frame_count_;
  auto frame = std::make_shared<const std::string>(
      stream_.Frame(control_.speed(), control_.paused(), with_stats));
  for (const auto& page : pages_) page->Queue(frame, true);
}

void WebServer::Stop() {
  if (stopping_) return;
  SendFrame();  // the last state, with everything delivered by now
  stopping_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  frames_.cancel();
  auto bye =
      std::make_shared<const std::string>(TypeLine("shutdown", "why", "the gateway is stopping"));
  for (const auto& page : pages_) {
    page->Queue(bye, false);
    page->CloseAfterFlush();
  }
}

void WebServer::Abort() {
  stopping_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  frames_.cancel();
  const auto pages = pages_;
  for (const auto& page : pages) page->Abort();
  const auto sockets = http_;
  for (tcp::socket* s : sockets) s->close(ec);
}

void WebServer::PageClosed(PageSession* page, const std::string& address) {
  for (auto it = pages_.begin(); it != pages_.end(); ++it) {
    if (it->get() == page) {
      asio::post(io_, [keep = *it] {});  // alive until its coroutines have unwound
      pages_.erase(it);
      break;
    }
  }
  if (pages_.empty()) stream_.set_active(false);
  ConnectionClosed(address);
}

void WebServer::ConnectionClosed(const std::string& address) {
  connections_.Release(address);
  if (on_closed_) on_closed_();
}

}  // namespace cablesim
