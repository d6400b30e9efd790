// Live mode: a TCP gateway that feeds cables into a running simulation and paces the engine
// against the wall clock. The engine stays the only source of truth: clients file messages
// at the current simulated time and hear of relays and deliveries as the engine makes them.
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
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 7127;  ///< 0 = any free port (tests)
  double speed = 60;          ///< simulated seconds per wall second
  bool max_speed = false;     ///< as fast as possible
  std::size_t max_connections = 64;
  std::size_t max_line = 4096;      ///< bytes, newline excluded
  std::size_t max_message = 65536;  ///< bytes of one message, NNNN included
  std::size_t max_queued_lines =
      10000;  ///< per client; a client that falls further behind is dropped
  /// A connection that completes no line for this long is told so and closed.
  std::chrono::milliseconds idle_timeout{60'000};
  /// A write to a client that makes no progress for this long closes the connection.
  std::chrono::milliseconds write_timeout{10'000};
  /// After a shutdown starts, clients still open after this long are closed, whatever
  /// they do.
  std::chrono::milliseconds shutdown_grace{2'000};
  bool handle_signals = true;  ///< SIGINT/SIGTERM shut down cleanly; a second one at once
};

class Session;

class Gateway : public RelayObserver {
 public:
  Gateway(boost::asio::io_context& io, const Scenario& scenario, GatewayOptions options);
  ~Gateway() override;
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  /// Binds and listens; returns the port (useful with port 0) or an error naming the address.
  Result<std::uint16_t> Listen();
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
  /// The final report: the run's text report and a line on client messages. After Shutdown.
  std::string FinalReport() const;

  const RelaySimulation& simulation() const { return *sim_; }

  // Called by sessions.
  std::string FileMessage(Session& from, const std::string& text, int first_line,
                          const std::string& file_at);
  std::string StatsJson() const;
  bool StationExists(const std::string& ri) const;
  void Subscribe(const std::shared_ptr<Session>& s);
  void Closed(Session* s);

  // RelayObserver
  void OnDelivered(std::uint32_t addressee) override;
  void OnTransmitted(std::uint32_t copy) override;

 private:
  boost::asio::awaitable<void> Accept();
  void Tick();
  void WaitForSignal();
  void FinishClientMessages();
  void CloseAll();
  void MaybeDone();
  void Broadcast(std::uint32_t message, const std::string& line);

  boost::asio::io_context& io_;
  const Scenario& scenario_;
  GatewayOptions options_;
  std::unique_ptr<RelaySimulation> sim_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer pacer_;
  boost::asio::signal_set signals_;
  std::chrono::steady_clock::time_point wall_base_;
  SimTime sim_base_;
  bool stopping_ = false;
  bool stopped_at_once_ = false;
  bool finished_ = false;  // the simulation's books are closed (Finish called)
  boost::asio::steady_timer grace_;
  std::set<std::shared_ptr<Session>> sessions_;
  std::vector<std::weak_ptr<Session>> subscribers_;
  std::unordered_map<std::uint32_t, std::weak_ptr<Session>> owner_;  // message -> who filed it
  std::vector<std::uint32_t> client_messages_;
};

}  // namespace cablesim
