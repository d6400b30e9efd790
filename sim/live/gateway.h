// Live mode's sockets: a TCP gateway that feeds cables into a running simulation and paces
// the engine against the wall clock. The protocol is LineProtocol's (line_protocol.h) and
// the run LiveRun's (live_run.h), both pure; this file owns only what touches the outside:
// the acceptor, the connections (a reader, a writer with a bounded outbox, an idle watch),
// timers, signals, and the steady clock that paces the run.
//
// Threading: everything runs on the one thread that runs the io_context (one coroutine per
// connection, as in Asio's chat_server example), so sessions and the simulation need no
// locks; that single thread is the strand of every connection.
#pragma once

// clang-format off
#include <utility>  // first: Boost 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sim/live/line_protocol.h"
#include "sim/live/listen.h"
#include "sim/live/live_run.h"
#include "sim/live/web_server.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 7127;  ///< 0 = any free port (tests)
  double speed = 60;          ///< simulated seconds per wall second
  bool max_speed = false;     ///< as fast as possible
  std::size_t max_connections = 64;
  /// Of them from one client (ClientOf, listen.h: a local user, or a remote IPv4 address or
  /// IPv6 /64), well below the total, so that one client cannot keep the others out.
  std::size_t max_connections_per_address = 16;
  LineProtocol::Limits line_limits;  ///< bytes of a line, of a message
  LiveLimits cable_limits;           ///< cables in flight per client, in all, accepted
  /// Per client, lines and bytes waiting to be written: a client that falls further
  /// behind is dropped. The bytes bound what a client that does not read can cost,
  /// whatever the lines it makes the server write.
  std::size_t max_queued_lines = 10000;
  std::size_t max_queued_bytes = 2 << 20;
  /// A connection that completes no command or message for this long is told so and closed.
  std::chrono::milliseconds idle_timeout{60'000};
  /// A write to a client that makes no progress for this long closes the connection.
  std::chrono::milliseconds write_timeout{10'000};
  /// After a shutdown starts, clients still open after this long are closed, whatever
  /// they do.
  std::chrono::milliseconds shutdown_grace{2'000};
  /// After a shutdown starts, the clients' cables are followed for at most this much more
  /// simulated time (however fast that goes); any still in flight then are reported so.
  Duration drain_limit = Duration::Days(7);
  bool handle_signals = true;  ///< SIGINT/SIGTERM shut down cleanly; a second one at once
  /// The web page and its event stream (serve --http), beside the TCP port; none if unset.
  std::optional<WebOptions> web;
  WebLayout web_layout;  ///< where the page draws each station (a circle when empty)
};

class Session;

class Gateway : private WebControl {
 public:
  Gateway(boost::asio::io_context& io, const Scenario& scenario, GatewayOptions options);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  /// Binds and listens; returns the port (useful with port 0) or an error naming the address.
  Result<std::uint16_t> Listen();
  /// Binds the web server's port (GatewayOptions::web); returns it or an error.
  Result<std::uint16_t> ListenWeb();
  /// Starts accepting and pacing. Run the io_context afterwards.
  void Start();
  /// Stops accepting, runs the simulation (in slices, so a second signal is heard) until
  /// every message accepted from a client is delivered or undeliverable, tells the clients,
  /// closes them (forcibly after shutdown_grace), and lets the io_context end. Safe to call
  /// more than once, from the io thread (or post it there).
  void Shutdown();
  /// True when a second signal stopped the gateway at once, before accepted messages were
  /// finished (the report then counts them in flight).
  bool stopped_at_once() const { return stopped_at_once_; }
  /// Why the run stopped by itself ("" when it was asked to): simulated time out of range,
  /// or a paced run at its horizon (LivePacer::kHorizon), where it cannot advance.
  const std::string& failure() const { return failure_; }
  /// The final report: the run's text report and a line on client messages. After Shutdown.
  std::string FinalReport() const { return run_.FinalReport(); }

  const RelaySimulation& simulation() const { return run_.simulation(); }

  // Called by sessions.
  LiveRun& run() { return run_; }
  /// Session `s`, of `client`, has closed.
  void Closed(Session* s, const std::string& client);

 private:
  boost::asio::awaitable<void> Accept();
  void Tick();
  void WaitForSignal();
  void FinishClientCables();
  void CloseAll();
  void MaybeDone();
  // WebControl: the pages' pause, resume and speed.
  double speed() const override;
  bool paused() const override { return pacer_clock_.paused(); }
  void SetPaused(bool paused) override;
  void SetSpeed(double speed) override;

  boost::asio::io_context& io_;
  GatewayOptions options_;
  LiveRun run_;
  LivePacer pacer_clock_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pacer_;
  boost::asio::signal_set signals_;
  bool stopping_ = false;
  bool stopped_at_once_ = false;
  bool finished_ = false;  // the simulation's books are closed
  SimTime finish_until_;   // Shutdown: where following the clients' cables stops
  std::string failure_;
  bool broken_ = false;  // the simulation threw: it cannot even finish the clients' cables
  boost::asio::steady_timer grace_;
  ConnectionLimits connections_;
  std::set<std::shared_ptr<Session>> sessions_;
  std::unique_ptr<WebServer> web_;
};

}  // namespace cablesim
