#include "sim/live/gateway.h"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <cstdio>
#include <deque>
#include <limits>
#include <stdexcept>

#include "sim/live/listen.h"
#include "sim/report/run_report.h"

namespace cablesim {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

/// One client connection: a reader coroutine that frames lines for the line protocol, a
/// writer coroutine that drains a bounded outbox, and an idle watch.
class Session : public std::enable_shared_from_this<Session>, public LiveClient {
 public:
  Session(tcp::socket socket, std::string address, Gateway& gw, const GatewayOptions& o)
      : socket_(std::move(socket)),
        address_(std::move(address)),
        timer_(socket_.get_executor()),
        idle_(socket_.get_executor()),
        write_deadline_(socket_.get_executor()),
        gw_(gw),
        o_(o),
        id_(gw.run().Connect(this)),
        protocol_(gw.run(), id_, o.line_limits) {
    timer_.expires_at(std::chrono::steady_clock::time_point::max());
  }

  void Start() {
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->Reader(); },
        asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->Writer(); },
        asio::detached);
    asio::co_spawn(
        socket_.get_executor(), [self = shared_from_this()] { return self->IdleWatch(); },
        asio::detached);
  }

  /// Closes the connection now, whatever is queued (shutdown grace over, second signal).
  void Abort() { Stop(); }

  /// Queues one JSON line. A client that falls too far behind is dropped with a notice; it
  /// never holds up the simulation or other clients.
  void Send(const std::string& line) override {
    if (closed_) return;
    if (outbox_.size() >= o_.max_queued_lines ||
        queued_bytes_ + line.size() + 1 > o_.max_queued_bytes) {
      // Dropped: whatever is being written is abandoned (the client is not reading it), the
      // notice gets a short time to go out, then the connection is closed.
      outbox_.clear();
      queued_bytes_ = 0;
      outbox_.push_back(ErrorLine("dropped",
                                  "too far behind: more than " +
                                      std::to_string(o_.max_queued_lines) + " lines or " +
                                      std::to_string(o_.max_queued_bytes) + " bytes waiting",
                                  0));
      close_after_flush_ = true;
      dropping_ = true;
      boost::system::error_code ec;
      socket_.cancel(ec);
    } else if (!close_after_flush_) {
      outbox_.push_back(line);
      queued_bytes_ += line.size() + 1;
    }
    timer_.cancel_one();
  }

  /// The client's cables are all done: a client that has stopped sending is closed now.
  void Settled() override {
    if (read_closed_) CloseAfterFlush();
  }

  /// Sends what is queued, then closes. Nothing more is read.
  void CloseAfterFlush() {
    close_after_flush_ = true;
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_receive, ec);
    timer_.cancel_one();
  }

 private:
  awaitable<void> Reader() {
    bool end_of_input = false;  // the client closed its side (it may still read)
    try {
      std::string buf;
      bool discarding_line = false;  // inside a line over the limit: drop up to its newline
      for (;;) {
        boost::system::error_code ec;
        // Room for a line of max_line bytes and its terminator, "\r\n" or "\n": the limit
        // counts the line without it.
        const std::size_t n = co_await asio::async_read_until(
            socket_, asio::dynamic_buffer(buf, o_.line_limits.max_line + 2), '\n',
            asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::not_found) {
          // A line over the limit: drop what we have and the rest of it, unbuffered. It is
          // one line however many reads it takes.
          buf.clear();
          if (!discarding_line) {
            discarding_line = true;
            Handle(protocol_.OverlongLine());
          }
          continue;
        }
        end_of_input = ec == asio::error::eof;
        if (end_of_input) FinishInput(buf, discarding_line);
        if (ec) break;
        std::string line = buf.substr(0, n - 1);
        buf.erase(0, n);
        if (discarding_line) {
          discarding_line = false;  // the tail of the long line
          continue;
        }
        if (!Handle(Overlong(line) ? protocol_.OverlongLine() : protocol_.Line(line))) break;
      }
    } catch (const std::exception&) {
      // A broken connection ends the session; nothing else is affected.
    }
    if (close_after_flush_) co_return;  // the writer ends the session once the outbox is empty
    if (end_of_input && !closed_) {
      // Half-closed: the client still hears of its cables until they are all done.
      read_closed_ = true;
      if (gw_.run().CablesInFlight(id_) == 0) CloseAfterFlush();
      co_return;
    }
    Stop();
  }

  // The client closed its sending side: a last line without its newline is still a line,
  // and a message whose NNNN never came is filed as it stands or rejected, located.
  void FinishInput(const std::string& rest, bool discarding_line) {
    if (!rest.empty() && !discarding_line) {
      const bool go_on = Handle(Overlong(rest) ? protocol_.OverlongLine() : protocol_.Line(rest));
      if (!go_on) return;
    }
    Handle(protocol_.EndOfInput());
  }

  // Whether a line read (without its newline) is over the limit, counted without the '\r'
  // of a CRLF: a line of exactly max_line bytes is a line however it ends.
  bool Overlong(const std::string& line) const {
    const bool cr = !line.empty() && line.back() == '\r';
    return line.size() - (cr ? 1 : 0) > o_.line_limits.max_line;
  }

  // Sends the replies of one line; false to stop reading (QUIT).
  bool Handle(const LineProtocol::Outcome& out) {
    for (const std::string& r : out.replies) Send(r);
    if (out.completed) idle_.expires_after(o_.idle_timeout);  // a command or message: not idle
    if (out.close) {
      CloseAfterFlush();
      return false;
    }
    return !close_after_flush_;
  }

  awaitable<void> Writer() {
    try {
      bool cut = false;  // the last write was abandoned part-way through a line
      while (socket_.is_open()) {
        if (outbox_.empty()) {
          if (close_after_flush_) break;
          boost::system::error_code ec;
          co_await timer_.async_wait(asio::redirect_error(use_awaitable, ec));
          continue;
        }
        // One write for everything queued (up to 256 KiB): a syscall per line would let a
        // reading client fall behind a fast simulation.
        std::string chunk = cut ? "\n" : "";
        while (!outbox_.empty() && chunk.size() < 256 * 1024) {
          chunk += outbox_.front();
          chunk += '\n';
          queued_bytes_ -= std::min(queued_bytes_, outbox_.front().size() + 1);
          outbox_.pop_front();
        }
        // A write that makes no progress for write_timeout (1 s for a dropped client's
        // notice) closes the connection: a client that does not read cannot hold it open.
        write_deadline_.expires_after(dropping_ ? std::chrono::milliseconds(1000)
                                                : o_.write_timeout);
        write_deadline_.async_wait([weak = weak_from_this()](const boost::system::error_code& e) {
          if (auto self = weak.lock(); self && !e) self->Stop();
        });
        boost::system::error_code ec;
        const std::size_t written = co_await asio::async_write(
            socket_, asio::buffer(chunk), asio::redirect_error(use_awaitable, ec));
        write_deadline_.cancel();
        if (ec == asio::error::operation_aborted && dropping_ && !closed_) {
          cut = written < chunk.size();  // cancelled to send the dropped notice
          continue;
        }
        if (ec) break;
        cut = false;
      }
    } catch (const std::exception&) {
    }
    Stop();
  }

  // Closes a connection that completes no command or message for idle_timeout, saying why.
  // One that has stopped sending and waits for its cables' deliveries is not idle.
  awaitable<void> IdleWatch() {
    idle_.expires_after(o_.idle_timeout);
    while (!closed_) {
      boost::system::error_code ec;
      co_await idle_.async_wait(asio::redirect_error(use_awaitable, ec));
      if (closed_) break;
      if (ec == asio::error::operation_aborted) continue;  // a line came: the wait moved on
      if (idle_.expiry() > std::chrono::steady_clock::now()) continue;
      if (read_closed_) break;
      const auto seconds = std::chrono::duration<double>(o_.idle_timeout).count();
      char why[128];
      std::snprintf(why, sizeof why, "idle for %gs without a complete command or message", seconds);
      Send(ErrorLine("closed", why, 0));
      CloseAfterFlush();
      break;
    }
  }

  void Stop() {
    if (closed_) return;
    closed_ = true;
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    timer_.cancel();
    idle_.cancel();
    write_deadline_.cancel();
    gw_.run().Disconnect(id_);
    gw_.Closed(this, address_);
  }

  tcp::socket socket_;
  std::string address_;  // its client (ClientOf), for the limit per client
  asio::steady_timer timer_;
  asio::steady_timer idle_;
  asio::steady_timer write_deadline_;
  Gateway& gw_;
  const GatewayOptions& o_;
  ClientId id_;
  LineProtocol protocol_;
  std::deque<std::string> outbox_;
  std::size_t queued_bytes_ = 0;  // in outbox_, a newline each
  bool closed_ = false;
  bool close_after_flush_ = false;
  bool dropping_ = false;
  bool read_closed_ = false;
};

Gateway::Gateway(asio::io_context& io, const Scenario& scenario, GatewayOptions options)
    : io_(io),
      options_(std::move(options)),
      run_(scenario, options_.cable_limits),
      pacer_clock_(options_.speed, options_.max_speed),
      acceptor_(io),
      pacer_(io),
      signals_(io),
      grace_(io),
      connections_(options_.max_connections, options_.max_connections_per_address) {}

Gateway::~Gateway() = default;

Result<std::uint16_t> Gateway::ListenWeb() {
  if (!options_.web) return Error{"", 0, 0, "--http", "no web server was asked for"};
  web_ = std::make_unique<WebServer>(io_, run_, run_.scenario(), options_.web_layout,
                                     static_cast<WebControl&>(*this), *options_.web);
  web_->set_on_closed([this] {
    if (stopping_) MaybeDone();
  });
  return web_->Listen();
}

double Gateway::speed() const {
  return pacer_clock_.max_speed() ? std::numeric_limits<double>::infinity() : pacer_clock_.speed();
}

void Gateway::SetPaused(bool paused) {
  if (paused == pacer_clock_.paused() || stopping_) return;
  if (paused) {
    pacer_clock_.Pause(run_.simulation().now());
  } else {
    pacer_clock_.Resume(std::chrono::steady_clock::now(), run_.simulation().now());
  }
}

void Gateway::SetSpeed(double speed) {
  if (stopping_ || !(speed > 0) || speed > 1e9) return;
  pacer_clock_.SetSpeed(speed, std::chrono::steady_clock::now(), run_.simulation().now());
}

Result<std::uint16_t> Gateway::Listen() {
  return ListenOn(acceptor_, options_.host, options_.port, "--listen");
}

void Gateway::Start() {
  pacer_clock_.Start(std::chrono::steady_clock::now(), run_.simulation().now());
  asio::co_spawn(io_, Accept(), asio::detached);
  if (web_) web_->Start();
  if (options_.handle_signals) {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    WaitForSignal();
  }
  Tick();
}

void Gateway::WaitForSignal() {
  // The first signal finishes what clients handed us; a second one stops at once.
  signals_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    if (!stopping_) {
      WaitForSignal();  // first: Shutdown may finish at once and cancel the wait (MaybeDone)
      Shutdown();
      return;
    }
    stopped_at_once_ = true;
    run_.Close();
    finished_ = true;
    CloseAll();
    io_.stop();
  });
}

awaitable<void> Gateway::Accept() {
  co_await AcceptConnections(
      acceptor_, [this] { return stopping_; }, connections_,
      [this](ConnectionLimits::Verdict v, const std::string& client) {
        const std::string why =
            v == ConnectionLimits::Verdict::kFull
                ? "too many connections (" + std::to_string(options_.max_connections) + ")"
                : "too many connections from " + client + " (" +
                      std::to_string(options_.max_connections_per_address) + " of " +
                      std::to_string(options_.max_connections) + ")";
        return ErrorLine("refused", why, 0) + "\n";
      },
      [this](tcp::socket socket, std::string client) {
        auto s = std::make_shared<Session>(std::move(socket), std::move(client), *this, options_);
        sessions_.insert(s);
        s->Start();
      });
}

void Gateway::Tick() {
  if (stopping_) return;
  constexpr std::uint64_t kEventsPerSlice = 2000;  // then let the sockets have a turn
  bool caught_up = true;
  const SimTime target = pacer_clock_.Target(std::chrono::steady_clock::now());
  try {
    caught_up = run_.Advance(target, kEventsPerSlice);
  } catch (const std::exception& e) {
    // Simulated time out of range (a delay beyond 292 years) or the engine's limits: the
    // run cannot go on, but what it did is reported.
    failure_ = e.what();
    broken_ = true;
    Shutdown();
    return;
  }
  if (caught_up && target == LivePacer::kHorizon && run_.simulation().now() >= target) {
    // Paced to its limit: simulated time goes no further, so a cable filed now would wait
    // for ever. The run ends as if signalled (the cables accepted are finished), saying why.
    failure_ = "simulated time reached the limit of a paced run, " +
               UtcTime(run_.scenario(), LivePacer::kHorizon) +
               " (about 146 years after the start); it cannot go on";
    Shutdown();
    return;
  }
  if (!caught_up) {
    asio::post(io_, [this] { Tick(); });
    return;
  }
  pacer_.expires_after(std::chrono::milliseconds(pacer_clock_.max_speed() ? 5 : 50));
  pacer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

void Gateway::Closed(Session* s, const std::string& address) {
  connections_.Release(address);
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->get() == s) {
      // Keep the session alive until its coroutines have unwound.
      asio::post(io_, [keep = *it] {});
      sessions_.erase(it);
      if (stopping_) MaybeDone();
      break;
    }
  }
}

void Gateway::Shutdown() {
  if (stopping_) return;
  stopping_ = true;
  run_.StopAccepting();
  boost::system::error_code ec;
  acceptor_.close(ec);
  pacer_.cancel();
  const SimTime now = run_.simulation().now();
  finish_until_ = options_.drain_limit.ns() > SimTime::Max().ns() - now.ns()
                      ? SimTime::Max()
                      : now + options_.drain_limit;
  FinishClientCables();
}

// Runs the simulation on (simulated time only) until none of the clients' addressees is in
// flight, or nothing is left to do: in slices, so that a second signal is heard meanwhile.
void Gateway::FinishClientCables() {
  if (stopped_at_once_) return;
  bool done = true;
  if (!broken_) {
    try {
      done = run_.FinishClientCables(100000, finish_until_);
    } catch (const std::exception& e) {
      failure_ = e.what();
      broken_ = true;
    }
  }
  if (!done) {
    asio::post(io_, [this] { FinishClientCables(); });
    return;
  }
  run_.Close();
  finished_ = true;
  if (web_) web_->Stop();  // the pages get the last frame and a shutdown notice
  for (const auto& s : sessions_) {
    s->Send(ErrorLine(
        "shutdown",
        failure_.empty() ? "the gateway is stopping" : "the gateway is stopping: " + failure_, 0));
    s->CloseAfterFlush();
  }
  // Clients get shutdown_grace to take their last lines; then they are closed regardless.
  grace_.expires_after(options_.shutdown_grace);
  grace_.async_wait([this](const boost::system::error_code& e) {
    if (!e) CloseAll();
  });
  MaybeDone();
}

void Gateway::CloseAll() {
  const auto open = sessions_;  // Abort removes each from sessions_
  for (const auto& s : open) s->Abort();
  if (web_) web_->Abort();
  MaybeDone();
}

void Gateway::MaybeDone() {
  if (!finished_ || !sessions_.empty() || (web_ && web_->open() > 0)) return;
  // Nothing keeps the io_context busy any more: it ends and the report is printed.
  boost::system::error_code ec;
  signals_.cancel(ec);
  grace_.cancel();
}

}  // namespace cablesim
