// The ACP 127 procedure for transmissions that do not get through (internal to sim/relay;
// ACP 127 §412-433, ACP127.md §6), present only when some link has loss or garble or a test
// decides fates. Each link direction numbers every transmission it completes, service
// messages and corrections included. A transmission that never arrives is found open by the
// receiver when a later number arrives, or by its no-traffic check, which runs from the last
// transmission received on that direction (the link's procedure.no_traffic_check, else the
// scenario's); a garbled PRIORITY or ROUTINE copy is discarded on arrival. Either way the
// receiver asks for it again by one service message on the reverse direction naming every
// number found open at once (at the options' precedences), repeated if unanswered the repeat
// time after it was sent (the end of its transmission on its first circuit, as transmissions
// are numbered and timed here when they complete; a request still waiting at its station for
// an operator or the circuit is not repeated), the third time (§419f) by the major relay
// serving the sender, over the network, and the
// sender reruns them from its log under new numbers. Service messages, reruns and
// corrections are made ready at their sending station (CopyFlow::Prepare) before they go. A service
// message lost or garbled is found and asked for the same way, except one that itself asks for a
// service message: its sender repeats it its repeat time after it was sent. A garbled IMMEDIATE or
// higher goes on at once "subject to correction" (§420a) and its correction is asked for the same
// way: a copy toward the same targets, rerun from the sender's log and relayed on to the
// addressees, where it records the corrected copy's delivery beside the first (§420d-f;
// OutcomeLedger::Deliver). A copy subject to correction garbled again further on goes on and waits
// for the same correction. Nothing is lost: a copy waiting for its rerun is in flight, and a
// correction is no new addressee. The procedure is bounded: a copy that does not get through after
// max_reruns reruns, or whose rerun was asked for max_requests times without an answer, is given up
// (its addressees undeliverable with the reason), and a request whose transmissions were rerun or
// given up is dropped (when it was itself one of numbers asked for together, the next of them takes
// over their request).
//
// Owns: per channel the sender's log of transmissions that did not get through, the numbers
// the receiver has not seen, when it last received a transmission, its no-traffic check, and
// for each range of numbers asked for together (held by its first number left) the request
// waiting at its station or, once sent, its repeat timer (cancelled once answered or given
// up, moved to the next number when the first goes), the links' random streams,
// the fate seam, the major relay serving each station, the count of its service messages
// still on their way and of the corrections it asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <vector>

#include "sim/engine/random.h"
#include "sim/engine/simulation.h"
#include "sim/relay/copies.h"
#include "sim/relay/copy_flow.h"
#include "sim/relay/outcome_ledger.h"
#include "sim/relay/relay_options.h"
#include "sim/relay/transmitters.h"
#include "topology/network.h"

namespace cablesim::relay {

class LinkProcedure {
 public:
  using Fate = TransmissionFate;
  LinkProcedure(const Network& net, const RelayOptions& options, Simulation& sim, Copies& copies,
                Transmitters& transmitters, OutcomeLedger& ledger, CopyFlow& flow);

  /// Decides each completed transmission's fate instead of the links' draws (tests).
  void set_fate(std::function<Fate(ChannelId, std::uint32_t)> fate) { fate_ = std::move(fate); }
  /// Completes a transmission under the procedure; false when the copy goes no further here
  /// (lost, discarded or a service message).
  bool AtTxEnd(ChannelId channel, std::uint32_t copy);
  /// relay_events.h kServiceArrived, kNoTrafficCheck, kRequestTimeout.
  void OnServiceArrived(std::uint32_t copy);
  void OnNoTrafficCheck(ChannelId channel);
  void OnRequestTimeout(ChannelId channel, std::uint32_t serial);
  /// Service messages made and not yet retired.
  std::uint64_t copies_alive() const { return copies_alive_; }
  /// Garbled copies relayed subject to correction, each with its correction asked for.
  std::uint64_t corrections_made() const { return corrections_made_; }

 private:
  struct Unanswered {
    std::uint32_t copy = kNone;  // the copy to rerun (a correction, a service message)
    std::uint32_t message = 0;
    Precedence precedence = Precedence::kRoutine;
    std::int64_t chars = 0;
    int requests = 0;     // service messages made asking for it
    EventHandle timeout;  // the next (re)request, while one is scheduled
    /// The last number asked for with this one (numbers found open at once go in one
    /// service message, and are asked again together); 0: this one alone.
    std::uint32_t through = 0;
    bool garbled = false;                          // else lost
    Precedence asked_at = Precedence::kImmediate;  // its first request's, and repeats'
    /// The last request made for it while it waits at its station (for an operator, for the
    /// circuit): its repeat time starts only once it is sent. kNone: none waiting.
    std::uint32_t waiting = kNone;
  };
  struct Channel {
    std::uint32_t sent = 0;                   // numbers given to completed transmissions
    std::map<std::uint32_t, Unanswered> log;  // by the transmission's number
    std::vector<std::uint32_t> unnoticed;     // lost numbers the receiver has not seen
    SimTime last_received;                    // when the receiver last had a transmission
    Duration check_interval;                  // its no-traffic check
    EventHandle check;                        // its no-traffic check, while one is due
  };

  Fate DrawFate(ChannelId channel, const CopyRecord& c);
  /// When the receiver of `channel`, which last had a transmission at last_received, next
  /// checks at or after `seen`: a whole number of check intervals (at least one) after it.
  SimTime CheckDue(const Channel& pr, SimTime seen) const;
  /// Logs a transmission of `copy` numbered `serial` that was lost or garbled: asked for on
  /// arrival (garbled), or left for the receiver to find (lost).
  void Log(ChannelId channel, std::uint32_t serial, std::uint32_t copy, Fate fate, SimTime seen);
  /// `copy`, garbled as transmission `serial` and seen at `seen`, goes on subject to
  /// correction; its correction is logged as the transmission to rerun.
  void AskCorrection(ChannelId channel, std::uint32_t serial, std::uint32_t copy, SimTime seen);
  /// The receiver of `channel` asks for its transmission `serial` (and those asked with it)
  /// again, a service message on the reverse channel at `precedence`, or gives them up after
  /// max_requests requests.
  void RequestRerun(ChannelId channel, std::uint32_t serial, Precedence precedence);
  /// The sender of `channel` reruns its transmission `serial` (the copy, or its correction),
  /// or gives it up after max_reruns reruns.
  void Rerun(ChannelId channel, std::uint32_t serial);
  /// Gives up the log entry: the copy's addressees still in flight are undeliverable with
  /// `why` (a correction is simply dropped: they keep the delivery subject to correction; a
  /// service message retired).
  void GiveUp(ChannelId channel, std::uint32_t serial, Undeliverable why);
  /// A service message about `channel` asking for its transmissions `serial` to `through`
  /// at `precedence`, from the receiver of `channel`: to the sender over the reverse
  /// channel, or (a third request, RelayOptions::Procedure::third_request_to_major_relay)
  /// over the network by the major relay serving the sender.
  /// Returns the service message.
  std::uint32_t SendRequest(ChannelId channel, std::uint32_t serial, std::uint32_t through,
                            Precedence precedence, bool about_service, bool third);
  /// The service message `svc` completed a transmission: if it is the request a log entry
  /// of its range waits for, it is sent, and its repeat time (by that entry's precedence)
  /// starts now.
  void RequestSent(std::uint32_t svc);
  /// The service message `svc`, arrived at `here`, goes on toward its next station (made
  /// ready there first); false when `here` is where it was going.
  bool ForwardService(std::uint32_t svc, StationId here);
  /// Drops the logged service messages of the reverse of `channel` whose transmissions of
  /// `channel` are all rerun or given up: nothing is left for them to ask.
  void DropMootRequests(ChannelId channel);
  /// The log entry `serial` of `channel`, about to go, heads a range of numbers asked for
  /// together: the next of them left takes the range and its pending request (the repeat
  /// timer at its time, or the request waiting at its station), so none is left without one.
  /// The repeats then go by the precedence of the new first number.
  void HandOverRange(ChannelId channel, std::uint32_t serial);
  void Retire(std::uint32_t copy);

  const Network& net_;
  const RelayOptions::Procedure options_;
  Simulation& sim_;
  Copies& copies_;
  Transmitters& transmitters_;
  OutcomeLedger& ledger_;
  CopyFlow& flow_;
  std::vector<Channel> channels_;
  std::vector<RandomStream> rng_;       // per channel, drawn only on lossy links
  std::vector<StationId> major_relay_;  // per station: the relay serving it, or kNoStation
  std::function<Fate(ChannelId, std::uint32_t)> fate_;
  std::uint64_t copies_alive_ = 0;
  std::uint64_t corrections_made_ = 0;
};

}  // namespace cablesim::relay
