// The live run behind `cablesim serve`, as a pure class: the simulation, the clients that
// file cables into it and hear of their relays and deliveries, and the pacing of simulated
// time against a wall clock that the caller reads and passes in. No sockets, no timers: the
// gateway (gateway.h) drives it from its io_context; tests drive it directly.
//
// Every (message, addressee) a client files ends delivered, sent by other means (ZEN),
// undeliverable, or in flight, and the client hears each of the first three as an event
// line: `delivered` as it happens, `other_means` and `undeliverable` at acceptance.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/live/line_protocol.h"
#include "sim/relay/relay_simulation.h"
#include "sim/scenario/scenario.h"

namespace cablesim {

/// Where a client's event lines go (a connection, in the gateway).
class LiveClient {
 public:
  virtual ~LiveClient() = default;
  /// One JSON line, without its newline.
  virtual void Send(const std::string& line) = 0;
  /// None of the client's cables has an addressee in flight any more (after the events
  /// that told it so).
  virtual void Settled() {}
};

/// Simulated time against the wall clock: `speed` simulated seconds per wall second from
/// the moment Start is called, or as fast as possible. A paced target never passes kHorizon
/// (about 146 years after the start), so no speed can drive simulated time out of range.
class LivePacer {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr SimTime kHorizon = SimTime::Nanoseconds(SimTime::Max().ns() / 2);

  LivePacer(double speed, bool max_speed) : speed_(speed), max_speed_(max_speed) {}
  void Start(Clock::time_point wall, SimTime sim) {
    wall_base_ = wall;
    sim_base_ = sim;
  }
  bool max_speed() const { return max_speed_; }
  double speed() const { return speed_; }
  bool paused() const { return paused_; }
  /// Holds simulated time at `sim` (where the run is) until Resume.
  void Pause(SimTime sim) {
    paused_ = true;
    sim_base_ = sim;
  }
  /// Goes on from `sim` at `wall`, at the speed it had.
  void Resume(Clock::time_point wall, SimTime sim) {
    paused_ = false;
    Start(wall, sim);
  }
  /// A new speed from `sim` at `wall` (no longer max speed); still paused if it was.
  void SetSpeed(double speed, Clock::time_point wall, SimTime sim) {
    speed_ = speed;
    max_speed_ = false;
    Start(wall, sim);
  }
  /// Where simulated time should be at `wall`: kHorizon at most; with max speed
  /// SimTime::Max(), "run whatever is pending" (simulated time then stays at the last event);
  /// paused, where it was paused.
  SimTime Target(Clock::time_point wall) const;

 private:
  double speed_;
  bool max_speed_;
  bool paused_ = false;
  Clock::time_point wall_base_{};
  SimTime sim_base_;
};

struct LiveLimits {
  /// Cables of one client (a TCP connection; for POST /cables, an address) with addressees
  /// still in flight; beyond it a cable is rejected ("too many cables in flight"), never
  /// dropped. One client thus takes at most this share of `cables_in_flight`.
  std::size_t cables_in_flight_per_client = 200;
  /// The same over every client.
  std::size_t cables_in_flight = 2000;
  /// Cables accepted over the whole run (every record is kept for the final report).
  std::size_t cables_accepted = 100'000;
  /// TO and INFO addressees of one cable (real ones have at most a few hundred); a cable
  /// with more is rejected, at the line of the first one too many. With cables_accepted it
  /// bounds the records clients can make, however many of their addressees are unknown.
  std::size_t addressees_per_cable = 500;
  /// Addressees of the cables accepted over the whole run, as made (a collective counted by
  /// its members): once reached, a cable is rejected. With addressees_per_cable it bounds the
  /// records clients can make (the last cable passes it by its own at most).
  std::size_t addressees_accepted = 1'000'000;
  /// Warnings on unknown addressees in one acceptance; the rest are counted
  /// ("more_warnings"), and every addressee is still told undeliverable.
  std::size_t warnings_per_cable = 20;
};

class LiveRun : public LiveService, private RelayListener {
 public:
  LiveRun(const Scenario& scenario, LiveLimits limits);
  ~LiveRun() override;
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  const Scenario& scenario() const { return scenario_; }

  /// A new client whose lines go to `sink` (which must outlive it or be disconnected);
  /// `who` names it in a rejection for its share of cables in flight ("this connection").
  ClientId Connect(LiveClient* sink, std::string who = "this connection");
  /// The client is gone: its cables go on, unheard.
  void Disconnect(ClientId client);

  // LiveService (the line protocol's requests).
  std::vector<std::string> File(ClientId client, const std::string& text, int first_line,
                                const std::string& file_at) override;
  std::string Stats() override;
  void Subscribe(ClientId client) override;
  bool StationExists(const std::string& ri) const override;
  FilingRoom RoomFor(ClientId client) const override;

  /// Runs at most `max_events` events up to `until` (simulated time then `until` if they
  /// were all run). True when it caught up: nothing was left to do before `until`.
  bool Advance(SimTime until, std::uint64_t max_events);
  /// Runs on (simulated time only) toward the end of the clients' cables: at most
  /// `max_events` events, up to `until`; true when none of their addressees is in flight,
  /// nothing is left to do, or simulated time has reached `until` (what is still in flight
  /// then is reported as such).
  bool FinishClientCables(std::uint64_t max_events, SimTime until = SimTime::Max());
  /// Closes the books (once): transmissions still in progress count as busy up to now.
  void Close();
  /// No more cables are accepted ("the gateway is stopping").
  void StopAccepting() { accepting_ = false; }

  /// Cables of `client` with addressees still in flight.
  std::size_t CablesInFlight(ClientId client) const;
  /// STATS replies computed so far (a reply is reused while the run has not moved).
  std::uint64_t stats_computed() const { return stats_computed_; }
  /// The run's text report and a line on the clients' cables. After Close.
  std::string FinalReport() const;
  const RelaySimulation& simulation() const { return *sim_; }

 private:
  struct Client {
    LiveClient* sink = nullptr;
    std::string who;  // in a rejection: "too many cables in flight from <who>"
    bool subscribed = false;
    std::size_t in_flight = 0;  // its cables with addressees in flight
  };
  /// The STATS reply for the run as it stands.
  std::string ComputeStats() const;
  /// RelayListener: deliveries and refusals made during the run (those final at acceptance
  /// are told with the acceptance), and transmissions, as events to the clients.
  void OnOutcome(const MessageRecord& m, const AddresseeRecord& a, bool at_acceptance) override;
  void OnTransmitted(const CopyRecord& c) override;
  void OnDelivered(const MessageRecord& m, const AddresseeRecord& a);
  void OnRefused(const AddresseeRecord& a);
  /// After an outcome of `message`: when none of its addressees is in flight any more, its
  /// client may be settled.
  void MaybeSettled(std::uint32_t message);
  /// To the client that filed `message` and to every subscriber.
  void Broadcast(std::uint32_t message, const std::string& line);

  const Scenario& scenario_;
  LiveLimits limits_;
  std::unique_ptr<RelaySimulation> sim_;
  bool accepting_ = true;
  bool closed_ = false;
  // The last STATS reply and the state it was computed in: while no event has run, no cable
  // has been accepted and the clock has not moved, it is the answer again. A flood of STATS
  // then costs one summary (which reads every record) per step of the run, not one per ask.
  struct StatsReply {
    SimTime now;
    std::uint64_t events = 0;
    std::size_t messages = 0;
    bool closed = false;
    std::string text;
  };
  std::optional<StatsReply> last_stats_;
  std::uint64_t stats_computed_ = 0;
  ClientId next_client_ = 1;
  std::unordered_map<ClientId, Client> clients_;
  std::vector<ClientId> subscribers_;                  // in order of subscription
  std::unordered_map<std::uint32_t, ClientId> owner_;  // message -> the client that filed it
  std::vector<std::uint32_t> client_messages_;
  std::size_t client_addressees_ = 0;  // addressees (ways) made for client_messages_
  std::size_t in_flight_ = 0;          // clients' cables with addressees in flight
};

}  // namespace cablesim
