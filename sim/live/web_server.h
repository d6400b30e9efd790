// The web side of `cablesim serve --http HOST:PORT`: an HTTP server (Boost.Beast) on the
// gateway's io_context that answers WebRoutes (web_routes.h) and streams WebStream frames
// (web_stream.h) to every page over a WebSocket, at most one frame per frame_interval.
//
// Who: a request whose Host is not this server's address or whose Origin is another site's
// is refused (403; WebAccess, web_access.h), so pages elsewhere cannot drive the run.
//
// Bounds, so that no client can make the server hold more than a fixed amount: connections
// (HTTP and WebSocket together, in all and per client, ClientOf in listen.h: one client cannot
// take them all), cables in flight per client (a share of the run's), a request's header and
// body, a message from a page, and per page a queue of frames: a page whose browser stops reading
// loses frames (counted, and told so by {"type":"dropped","frames":N} when it reads again) instead
// of growing the queue; one that stops answering pings is closed. Answers to a page's commands
// are bounded too (max_queued_replies unsent: the page is closed, 1008), and a page whose socket
// takes nothing for page_write_timeout is closed, though it keeps sending. Malformed requests
// get a 400 and are closed, as are a Transfer-Encoding other than chunked (request smuggling)
// and two Host or Origin headers; malformed WebSocket frames close the connection (Beast checks
// them), and a close code above 4999 is answered 1002. Every answer forbids framing the page.
//
// A page may send text commands: "pause", "resume", "speed X" (simulated seconds per wall
// second); they act on the whole run (TCP clients too), through WebControl.
//
// Threading: the one thread that runs the io_context, like the gateway (gateway.h).
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sim/live/listen.h"
#include "sim/live/live_run.h"
#include "sim/live/web_routes.h"
#include "sim/live/web_stream.h"

namespace cablesim {

/// What a page may change of the run (the gateway implements it).
class WebControl {
 public:
  virtual ~WebControl() = default;
  virtual double speed() const = 0;  ///< simulated seconds per wall second; inf: max
  virtual bool paused() const = 0;
  virtual void SetPaused(bool paused) = 0;
  virtual void SetSpeed(double speed) = 0;  ///< (0, 1e9]
};

/// A pace written as a plain decimal number ("60", "0.5", "1e3"), in (0, 1e9]; nullopt for
/// anything else (hexadecimal, spaces, a sign, inf, nan), as serve --speed and the page's
/// "speed X" read it.
std::optional<double> ParseSpeed(std::string_view text);

struct WebOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8127;                     ///< 0 = any free port
  std::string token;                             ///< "" = none asked
  std::vector<std::string> origins;              ///< other sites allowed (NormalizeOrigin)
  std::size_t max_connections = 128;             ///< HTTP and WebSocket together
  std::size_t max_connections_per_address = 32;  ///< of them from one client (ClientOf)
  std::size_t max_header = 8 * 1024;             ///< bytes of a request's header
  std::size_t max_body = 64 * 1024;              ///< bytes of a request's body (one cable)
  std::size_t max_page_message = 1024;           ///< bytes of one message from a page
  std::size_t max_queued_frames = 8;             ///< per page; beyond, frames are dropped
  std::size_t max_queued_replies = 8;  ///< per page, answers to its commands; beyond, it is closed
  std::chrono::milliseconds frame_interval{50};          ///< at most 20 frames a second
  unsigned stats_every = 10;                             ///< frames between STATS figures (0.5 s)
  std::chrono::milliseconds request_timeout{10'000};     ///< to read a request, write an answer
  std::chrono::milliseconds page_idle_timeout{20'000};   ///< a page that answers no ping
  std::chrono::milliseconds page_write_timeout{10'000};  ///< a page whose socket takes nothing
  std::size_t page_send_buffer = 256 * 1024;             ///< SO_SNDBUF of a page's socket
  WebStream::Limits stream;
};

class PageSession;

class WebServer {
 public:
  WebServer(boost::asio::io_context& io, LiveRun& run, const Scenario& scenario, WebLayout layout,
            WebControl& control, WebOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  /// Binds and listens; returns the port or an error naming the address.
  Result<std::uint16_t> Listen();
  /// Starts accepting and the frame timer.
  void Start();
  /// Sends every page a last frame and {"type":"shutdown"}, then closes them (politely; Abort
  /// after a grace). No more connections are accepted. Safe to call more than once.
  void Stop();
  /// Closes every connection now.
  void Abort();
  /// Connections open (HTTP and WebSocket).
  std::size_t open() const { return connections_.open(); }
  /// Called whenever a connection closes (the gateway waits for them at shutdown).
  void set_on_closed(std::function<void()> f) { on_closed_ = std::move(f); }

  // Called by sessions.
  WebStream& stream() { return stream_; }
  WebControl& control() { return control_; }
  const WebOptions& options() const { return options_; }
  void PageClosed(PageSession* page, const std::string& address);
  void ConnectionClosed(const std::string& address);

 private:
  // Where the lines of the cables posted go: nowhere (the pages hear through the stream).
  class Discard : public LiveClient {
   public:
    void Send(const std::string&) override {}
  };

  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket, std::string address);
  /// The live run's client that files the cables posted by `client` (ClientOf; made on its first
  /// cable; forgotten once it has none in flight, when there are many).
  ClientId PosterFor(const std::string& client);
  void Tick();
  void SendFrame();

  boost::asio::io_context& io_;
  LiveRun& run_;
  WebControl& control_;
  WebOptions options_;
  WebStream stream_;
  ClientId stream_client_;  // the stream's subscription to every event
  Discard discard_;
  std::map<std::string, ClientId> posters_;  // by client (ClientOf)
  WebRoutes routes_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer frames_;
  bool stopping_ = false;
  ConnectionLimits connections_;
  unsigned frame_count_ = 0;  // frames sent, for stats_every
  std::set<std::shared_ptr<PageSession>> pages_;
  std::set<boost::asio::ip::tcp::socket*> http_;  // sockets of requests being served
  std::function<void()> on_closed_;
};

/// The page, one self-contained HTML file (inline CSS, SVG and script; nothing fetched).
const std::string& WebPageHtml();

}  // namespace cablesim
