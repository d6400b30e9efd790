// The web side of `cablesim serve --http HOST:PORT`: an HTTP server (Boost.Beast) on the
// gateway's io_context that answers WebRoutes (web_routes.h) and streams WebStream frames
// (web_stream.h) to every page over a WebSocket, at most one frame per frame_interval.
//
// Bounds, so that no client can make the server hold more than a fixed amount: connections
// (HTTP and WebSocket together), a request's header and body, a message from a page, and
// per page a queue of frames: a page whose browser stops reading loses frames (counted,
// and told so by {"type":"dropped","frames":N} when it reads again) instead of growing the
// queue; one that stops answering pings is closed. Malformed requests get a 400 and are
// closed; malformed WebSocket frames close the connection (Beast checks them).
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
#include <memory>
#include <set>
#include <string>

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

struct WebOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8127;                            ///< 0 = any free port
  std::string token;                                    ///< "" = none asked
  std::size_t max_connections = 128;                    ///< HTTP and WebSocket together
  std::size_t max_header = 8 * 1024;                    ///< bytes of a request's header
  std::size_t max_body = 64 * 1024;                     ///< bytes of a request's body (one cable)
  std::size_t max_page_message = 1024;                  ///< bytes of one message from a page
  std::size_t max_queued_frames = 8;                    ///< per page; beyond, frames are dropped
  std::chrono::milliseconds frame_interval{50};         ///< at most 20 frames a second
  unsigned stats_every = 10;                            ///< frames between STATS figures (0.5 s)
  std::chrono::milliseconds request_timeout{10'000};    ///< to read a request, write an answer
  std::chrono::milliseconds page_idle_timeout{20'000};  ///< a page that answers no ping
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
  std::size_t open() const { return connections_; }
  /// Called whenever a connection closes (the gateway waits for them at shutdown).
  void set_on_closed(std::function<void()> f) { on_closed_ = std::move(f); }

  // Called by sessions.
  WebStream& stream() { return stream_; }
  WebControl& control() { return control_; }
  const WebOptions& options() const { return options_; }
  void PageClosed(PageSession* page);
  void ConnectionClosed();

 private:
  boost::asio::awaitable<void> Accept();
  boost::asio::awaitable<void> Serve(boost::asio::ip::tcp::socket socket);
  void Tick();
  void SendFrame();

  boost::asio::io_context& io_;
  LiveRun& run_;
  WebControl& control_;
  WebOptions options_;
  WebStream stream_;
  ClientId poster_;
  WebRoutes routes_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer frames_;
  bool stopping_ = false;
  std::size_t connections_ = 0;
  unsigned frame_count_ = 0;  // frames sent, for stats_every
  std::set<std::shared_ptr<PageSession>> pages_;
  std::set<boost::asio::ip::tcp::socket*> http_;  // sockets of requests being served
  std::function<void()> on_closed_;
};

/// The page, one self-contained HTML file (inline CSS, SVG and script; nothing fetched).
const std::string& WebPageHtml();

}  // namespace cablesim
