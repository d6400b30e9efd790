#include "sim/live/gateway.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <cstdio>
#include <deque>

#include "base/did_you_mean.h"
#include "sim/message/acp127_formatter.h"
#include "sim/message/acp127_parser.h"
#include "sim/message/dtg.h"
#include "sim/report/json_writer.h"
#include "sim/report/run_report.h"
#include "sim/traffic/cable_traffic.h"

namespace cablesim {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

std::string EventLine(const std::string& event, const std::string& error, int line) {
  JsonWriter w;
  w.BeginObject().Key("event").String(event).Key("error").String(error);
  if (line > 0) w.Key("line").Int(line);
  w.EndObject();
  return w.str();
}

}  // namespace

/// One client connection: a reader coroutine that frames lines and messages, and a writer
/// coroutine that drains a bounded outbox.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Gateway& gw, const GatewayOptions& o)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        idle_(socket_.get_executor()),
        write_deadline_(socket_.get_executor()),
        gw_(gw),
        o_(o) {
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
  void Send(const std::string& line) {
    if (closed_) return;
    if (outbox_.size() >= o_.max_queued_lines) {
      // Dropped: whatever is being written is abandoned (the client is not reading it), the
      // notice gets a short time to go out, then the connection is closed.
      outbox_.clear();
      outbox_.push_back(EventLine(
          "dropped",
          "too far behind: more than " + std::to_string(o_.max_queued_lines) + " lines waiting",
          0));
      close_after_flush_ = true;
      dropping_ = true;
      boost::system::error_code ec;
      socket_.cancel(ec);
    } else if (!close_after_flush_) {
      outbox_.push_back(line);
    }
    timer_.cancel_one();
  }

  /// Sends what is queued, then closes. Nothing more is read.
  void CloseAfterFlush() {
    close_after_flush_ = true;
    boost::system::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_receive, ec);
    timer_.cancel_one();
  }

  bool subscribed = false;

 private:
  awaitable<void> Reader() {
    try {
      std::string buf;
      for (;;) {
        boost::system::error_code ec;
        const std::size_t n =
            co_await asio::async_read_until(socket_, asio::dynamic_buffer(buf, o_.max_line + 1),
                                            '\n', asio::redirect_error(use_awaitable, ec));
        if (ec == asio::error::not_found) {
          // A line over the limit: drop what we have and the rest of it, unbuffered. It is
          // one line however many reads it takes.
          buf.clear();
          if (!discarding_line_) {
            discarding_line_ = true;
            ++line_no_;
            RejectCurrent("a line is longer than " + std::to_string(o_.max_line) + " bytes");
          }
          continue;
        }
        if (ec) break;
        std::string line = buf.substr(0, n - 1);
        buf.erase(0, n);
        idle_.expires_after(o_.idle_timeout);  // a line completed: not idle
        if (discarding_line_) {
          discarding_line_ = false;  // the tail of the long line
          continue;
        }
        ++line_no_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!HandleLine(line)) break;
      }
    } catch (const std::exception&) {
      // A broken connection ends the session; nothing else is affected.
    }
    // When closing after a flush, the writer ends the session once the outbox is empty.
    if (!close_after_flush_) Stop();
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

  // Closes a connection that completes no line for idle_timeout, saying why.
  awaitable<void> IdleWatch() {
    idle_.expires_after(o_.idle_timeout);
    while (!closed_) {
      boost::system::error_code ec;
      co_await idle_.async_wait(asio::redirect_error(use_awaitable, ec));
      if (closed_) break;
      if (ec == asio::error::operation_aborted) continue;  // a line came: the wait moved on
      if (idle_.expiry() > std::chrono::steady_clock::now()) continue;
      const auto seconds = std::chrono::duration<double>(o_.idle_timeout).count();
      char why[128];
      std::snprintf(why, sizeof why, "idle for %gs without a complete line", seconds);
      Send(EventLine("closed", why, 0));
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
    gw_.Closed(this);
  }

  // A message being read is abandoned: say so once, and skip to its NNNN.
  void RejectCurrent(const std::string& why) {
    if (in_message_) {
      skipping_message_ = true;
      message_.clear();
      message_.shrink_to_fit();
    }
    Send(EventLine("rejected", why, line_no_));
  }

  // False to close the connection.
  bool HandleLine(const std::string& line) {
    if (close_after_flush_) return false;
    if (skipping_message_) {
      if (line == "NNNN") {
        skipping_message_ = false;
        in_message_ = false;
      }
      return true;
    }
    if (!in_message_) {
      if (line == "QUIT") {
        CloseAfterFlush();
        return false;
      }
      if (line == "SUBSCRIBE") {
        subscribed = true;
        gw_.Subscribe(shared_from_this());
        Send("{\"event\":\"subscribed\"}");
        return true;
      }
      if (line == "STATS") {
        Send(gw_.StatsJson());
        return true;
      }
      if (line.rfind("FILE AT ", 0) == 0) {
        const std::string ri = line.substr(8);
        if (!gw_.StationExists(ri)) {
          Send(EventLine("rejected", "FILE AT: no station " + ri + " in the network", line_no_));
        } else {
          file_at_ = ri;
        }
        return true;
      }
      if (line.find_first_not_of(" \t") == std::string::npos) return true;
      if (IsUnknownCommand(line)) {
        const std::string guess = DidYouMean(line, {"SUBSCRIBE", "STATS", "QUIT", "FILE AT"});
        Send(EventLine("error",
                       "unknown command '" + line + "'" +
                           (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                           "; expected SUBSCRIBE, STATS, FILE AT RI, QUIT, or an ACP 127 "
                           "message ending with a line NNNN",
                       line_no_));
        return true;
      }
      in_message_ = true;
      first_line_ = line_no_;
      message_.clear();
    }
    message_ += line;
    message_ += '\n';
    if (message_.size() > o_.max_message) {
      RejectCurrent("the message is longer than " + std::to_string(o_.max_message) + " bytes");
      if (line == "NNNN") skipping_message_ = in_message_ = false;
      return true;
    }
    if (line == "NNNN") {
      in_message_ = false;
      Send(gw_.FileMessage(*this, message_, first_line_, file_at_));
      file_at_.clear();
      message_.clear();
    }
    return true;
  }

  // A first line that is one word and cannot start a message (VZCZC..., ZCZC...): a
  // command, misspelt or unknown. Every other line may begin a message.
  static bool IsUnknownCommand(const std::string& line) {
    if (line.find_first_of(" \t") != std::string::npos) return false;
    return line.rfind("VZCZC", 0) != 0 && line.rfind("ZCZC", 0) != 0 && line != "NNNN";
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  asio::steady_timer idle_;
  asio::steady_timer write_deadline_;
  Gateway& gw_;
  const GatewayOptions& o_;
  std::deque<std::string> outbox_;
  bool closed_ = false;
  bool close_after_flush_ = false;
  bool dropping_ = false;
  bool in_message_ = false;
  bool skipping_message_ = false;
  bool discarding_line_ = false;
  int line_no_ = 0;
  int first_line_ = 0;
  std::string message_;
  std::string file_at_;
};

Gateway::Gateway(asio::io_context& io, const Scenario& scenario, GatewayOptions options)
    : io_(io),
      scenario_(scenario),
      options_(std::move(options)),
      acceptor_(io),
      pacer_(io),
      signals_(io),
      grace_(io) {
  // The scenario's generators stop at its end (if it has one); clients file for as long as
  // the gateway runs.
  sim_ = Instantiate(scenario_, scenario_.seed, std::nullopt, ScenarioEnd(scenario_));
  sim_->set_observer(this);
}

Gateway::~Gateway() { sim_->set_observer(nullptr); }

Result<std::uint16_t> Gateway::Listen() {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(options_.host, ec);
  if (ec) return Error{"", 0, 0, "--listen", "bad address '" + options_.host + "'"};
  const tcp::endpoint ep(address, options_.port);
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error{"", 0, 0, "--listen",
                 "cannot listen on " + options_.host + ":" + std::to_string(options_.port) + ": " +
                     ec.message()};
  }
  return acceptor_.local_endpoint().port();
}

void Gateway::Start() {
  wall_base_ = std::chrono::steady_clock::now();
  sim_base_ = sim_->now();
  asio::co_spawn(io_, Accept(), asio::detached);
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
    if (!finished_) {
      sim_->Finish();
      finished_ = true;
    }
    CloseAll();
    io_.stop();
  });
}

awaitable<void> Gateway::Accept() {
  while (!stopping_) {
    boost::system::error_code ec;
    tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(use_awaitable, ec));
    if (ec) {
      if (stopping_ || ec == asio::error::operation_aborted) break;
      continue;
    }
    if (sessions_.size() >= options_.max_connections) {
      const std::string refusal =
          EventLine("refused",
                    "too many connections (" + std::to_string(options_.max_connections) + ")", 0) +
          "\n";
      boost::system::error_code wec;
      asio::write(socket, asio::buffer(refusal), wec);
      socket.close(wec);
      continue;
    }
    auto s = std::make_shared<Session>(std::move(socket), *this, options_);
    sessions_.insert(s);
    s->Start();
  }
}

void Gateway::Tick() {
  if (stopping_) return;
  using namespace std::chrono;
  constexpr std::uint64_t kEventsPerSlice = 2000;  // then let the sockets have a turn
  bool empty;
  if (options_.max_speed) {
    empty = sim_->AdvanceSome(SimTime::Max(), kEventsPerSlice);
  } else {
    const double wall = duration<double>(steady_clock::now() - wall_base_).count();
    const SimTime target = sim_base_ + Duration::FromSecondsRounded(wall * options_.speed);
    empty = sim_->AdvanceSome(target, kEventsPerSlice);
    if (sim_->now() >= target) empty = true;  // caught up with the wall clock
  }
  if (!empty) {
    asio::post(io_, [this] { Tick(); });
    return;
  }
  pacer_.expires_after(milliseconds(options_.max_speed ? 5 : 50));
  pacer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

std::string Gateway::FileMessage(Session& from, const std::string& text, int first_line,
                                 const std::string& file_at) {
  if (stopping_) return EventLine("rejected", "the gateway is stopping", first_line);
  auto pm = ParseOneAcp127(text);
  if (!pm.ok()) {
    const Diagnostic& d = pm.errors.front();
    return EventLine("rejected", d.message, first_line + d.line - 1);
  }
  const Message& m = pm.message;
  MessageSpec spec;
  spec.origin_ri = !file_at.empty() ? file_at : m.station_ri;
  if (spec.origin_ri.empty()) {
    return EventLine("rejected",
                     "the message has no DE line (FL3): say where it is filed with a line "
                     "'FILE AT RI' before it",
                     first_line);
  }
  if (!StationExists(spec.origin_ri)) {
    return EventLine("rejected",
                     "station " + spec.origin_ri +
                         " is not in the network (send 'FILE AT RI' before the message)",
                     first_line);
  }
  spec.id = CableId(m, "client-" + std::to_string(client_messages_.size() + 1));
  spec.filed = sim_->now();
  AddresseesFromMessage(m, &spec);
  spec.chars = static_cast<std::int64_t>(WireChars(m));
  spec.cable = std::make_shared<const Message>(m);
  const std::uint32_t id = sim_->AddMessage(std::move(spec));
  client_messages_.push_back(id);
  owner_[id] = from.shared_from_this();
  const MessageRecord& rec = sim_->messages()[id];
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("accepted")
      .Key("message")
      .String(rec.id)
      .Key("addressees")
      .Uint(rec.addressee_count)
      .Key("filed")
      .String(UtcTime(scenario_, rec.filed))
      .EndObject();
  // Addressees that cannot be reached are told at once.
  for (std::uint32_t k = 0; k < rec.addressee_count; ++k) {
    const AddresseeRecord& a = sim_->addressees()[rec.first_addressee + k];
    if (a.outcome != Outcome::kUndeliverable) continue;
    JsonWriter u;
    u.BeginObject()
        .Key("event")
        .String("undeliverable")
        .Key("message")
        .String(rec.id)
        .Key("addressee")
        .String(sim_->name(a.address))
        .Key("reason")
        .String(UndeliverableReason(a.reason))
        .EndObject();
    asio::post(io_, [this, id, line = u.str()] { Broadcast(id, line); });
  }
  return w.str();
}

bool Gateway::StationExists(const std::string& ri) const {
  return sim_->network().FindStation(ri).has_value();
}

std::string Gateway::StatsJson() const {
  JsonWriter w;
  SummaryOptions o;
  o.lists = false;  // the latency figures and conservation: all STATS says
  const RunSummary r = SummarizeRun(*sim_, scenario_, o);
  w.BeginObject().Key("event").String("stats");
  w.Key("time").String(UtcTime(scenario_, sim_->now()));
  w.Key("messages").Uint(sim_->messages().size());
  w.Key("by_precedence").BeginObject();
  for (int p = kPrecedenceCount - 1; p >= 0; --p) {
    const auto& x = r.by_precedence[static_cast<std::size_t>(p)];
    if (!x.addressed) continue;
    w.Key(PrecedenceName(static_cast<Precedence>(p))).BeginObject();
    WriteSummaryKeys(x, scenario_.objectives[static_cast<std::size_t>(p)], &w);
    w.EndObject();
  }
  w.EndObject();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(r.conservation, &w);
  w.EndObject();
  w.EndObject();
  return w.str();
}

void Gateway::Subscribe(const std::shared_ptr<Session>& s) { subscribers_.push_back(s); }

void Gateway::Closed(Session* s) {
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

void Gateway::Broadcast(std::uint32_t message, const std::string& line) {
  std::shared_ptr<Session> owner;
  if (auto it = owner_.find(message); it != owner_.end()) owner = it->second.lock();
  if (owner) owner->Send(line);
  bool expired = false;
  for (const auto& weak : subscribers_) {
    auto s = weak.lock();
    if (!s) {
      expired = true;
      continue;
    }
    if (s != owner) s->Send(line);
  }
  if (expired) {
    std::erase_if(subscribers_, [](const std::weak_ptr<Session>& w) { return w.expired(); });
  }
}

void Gateway::OnDelivered(std::uint32_t addressee) {
  const AddresseeRecord& a = sim_->addressees()[addressee];
  const MessageRecord& m = sim_->messages()[a.message];
  const Dtg dtg =
      DtgFromUnixSeconds(scenario_.start_unix + a.delivered.ns() / Duration::kNsPerSecond);
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("delivered")
      .Key("message")
      .String(m.id)
      .Key("addressee")
      .String(sim_->name(a.address))
      .Key("ri")
      .String(sim_->network().station(a.station).ri)
      .Key("precedence")
      .String(PrecedenceName(a.precedence))
      .Key("latency_s")
      .Double((a.delivered - m.filed).seconds())
      .Key("dtg")
      .String(FormatDtg(dtg))
      .Key("time")
      .String(UtcTime(scenario_, a.delivered));
  if (a.way_count > 1) w.Key("also_via").String(AlsoVia(*sim_, a));
  w.EndObject();
  Broadcast(a.message, w.str());
}

void Gateway::OnTransmitted(std::uint32_t copy) {
  const CopyRecord& c = sim_->copies()[copy];
  const Network& net = sim_->network();
  JsonWriter w;
  w.BeginObject()
      .Key("event")
      .String("relayed")
      .Key("message")
      .String(sim_->messages()[c.message].id)
      .Key("from")
      .String(net.station(c.from).ri)
      .Key("to")
      .String(net.station(net.ChannelTo(c.channel)).ri)
      .Key("precedence")
      .String(PrecedenceName(c.precedence))
      .Key("start")
      .String(UtcTime(scenario_, c.tx_start))
      .Key("end")
      .String(UtcTime(scenario_, c.tx_end))
      .EndObject();
  Broadcast(c.message, w.str());
}

void Gateway::Shutdown() {
  if (stopping_) return;
  stopping_ = true;
  boost::system::error_code ec;
  acceptor_.close(ec);
  pacer_.cancel();
  FinishClientMessages();
}

// Runs the simulation on (simulated time only) until none of the clients' addressees is in
// flight, or nothing is left to do: in slices, so that a second signal is heard meanwhile.
void Gateway::FinishClientMessages() {
  if (stopped_at_once_) return;
  if (sim_->CountOf(client_messages_).in_flight > 0 && !sim_->AdvanceSome(SimTime::Max(), 100000)) {
    asio::post(io_, [this] { FinishClientMessages(); });
    return;
  }
  sim_->Finish();
  finished_ = true;
  for (const auto& s : sessions_) {
    s->Send(EventLine("shutdown", "the gateway is stopping", 0));
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
  MaybeDone();
}

void Gateway::MaybeDone() {
  if (!finished_ || !sessions_.empty()) return;
  // Nothing keeps the io_context busy any more: it ends and the report is printed.
  boost::system::error_code ec;
  signals_.cancel(ec);
  grace_.cancel();
}

std::string Gateway::FinalReport() const {
  SummaryOptions o;
  o.seed = scenario_.seed;
  o.discipline = scenario_.options.discipline;
  std::string out = RunReportText(*sim_, scenario_, SummarizeRun(*sim_, scenario_, o));
  const Conservation c = sim_->CountOf(client_messages_);
  out += "live: messages accepted from clients: " + std::to_string(client_messages_.size()) + "; " +
         ConservationText(c) + "\n";
  return out;
}

}  // namespace cablesim
