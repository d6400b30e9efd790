// What a relay run is told before it starts: its options (discipline, preemption, copy
// precedence, alternative routing, seed) and the faults of its links and stations.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <variant>

#include "base/units.h"
#include "sim/engine/sim_time.h"
#include "sim/relay/discipline.h"
#include "topology/network.h"

namespace cablesim {

/// How copies made by segregation are ranked in queues.
enum class CopyPrecedence : std::uint8_t {
  kKeep,   ///< every copy keeps the message's highest precedence (automatic segregation)
  kLower,  ///< a copy takes the highest precedence among the addressees it serves
};

struct RelayOptions {
  Discipline discipline = Discipline::kPriority;
  /// Per-station overrides of the discipline of its outgoing transmitters.
  std::unordered_map<StationId, Discipline> station_discipline;
  PreemptionRules preemption = PreemptionRules::Default();
  CopyPrecedence copy_precedence = CopyPrecedence::kKeep;
  /// A copy waiting longer than this at a transmitter takes another path if there is one;
  /// nullopt = never. A rerouted copy and the copies made from it route over the links and
  /// stations working at each moment, never straight back to the station it came from, and
  /// are rerouted at most once per station visit. Scenarios refuse values under 1 s.
  std::optional<Duration> reroute_after;
  /// The run's seed: a station with exponential processing draws from the stream
  /// (seed, kStationStreamBase + station id).
  std::uint64_t seed = 1;
  /// The anatomy tallies (RelaySimulation::anatomy) cover messages filed at or after this:
  /// the scenario's warm-up, as every latency figure.
  SimTime statistics_from;
  /// The time of day (UTC) at simulated time 0: stations' shifts are times of day.
  Duration day_offset;
  /// What the receiving station does about lost and garbled transmissions (ACP 127 §412-433,
  /// ACP127.md §6), on links with loss or garble.
  struct Procedure {
    /// With no traffic for this long after a transmission that never arrived, the receiver
    /// sends a PRIORITY service message giving the last number it received (§412b).
    Duration no_traffic_check = Duration::Minutes(30);
    /// Characters of a service message, on the wire and for the operator who writes it.
    std::int64_t service_chars = 100;
    /// Precedence of the service messages (§407, "consistent with operating requirements"):
    /// the no-traffic check's (§412b: PRIORITY), a request for numbers found open (§433:
    /// IMMEDIATE) and for a garbled transmission (unset: the traffic's own, as the §419
    /// examples). A request is repeated at the precedence it was first sent at.
    Precedence check_precedence = Precedence::kPriority;
    std::optional<Precedence> open_precedence = Precedence::kImmediate;
    std::optional<Precedence> garble_precedence;
    /// IMMEDIATE and higher arriving garbled are relayed at once "subject to correction"
    /// (§420a) and a correcting rerun asked for; else discarded and rerun like the others.
    bool subject_to_correction = true;
    /// A request not answered is repeated this long after it was sent, by the lost copy's
    /// precedence (§419f: IMMEDIATE 2 h, PRIORITY 8 h, ROUTINE 16 h; FLASH and above as IMMEDIATE).
    std::array<Duration, kPrecedenceCount> repeat_after{Duration::Hours(16), Duration::Hours(8),
                                                        Duration::Hours(2), Duration::Hours(2),
                                                        Duration::Hours(2)};
    /// A copy lost or garbled on its first attempt and on this many reruns over one link
    /// direction is given up by its sender: its addressees are undeliverable
    /// (Undeliverable::kRerunLimit), as a station passes traffic it cannot get through to
    /// other means. A choice: ACP 127 sets no number.
    int max_reruns = 3;
    /// The receiver asks for a transmission at most this many times (the first request and
    /// its repeats, §419f names three); when the last goes unanswered for its repeat time, the
    /// copy's addressees are undeliverable (Undeliverable::kRequestsUnanswered).
    int max_requests = 3;
    /// The third request (once two went unanswered) goes as a service message to the major
    /// relay serving the calling station, which sends it on to that station (§419f(3)-(4):
    /// over the network, so it may reach the station when the circuit's return direction
    /// does not); false: to the calling station like the others. The major relay serving a
    /// station is the relay (kind: relay) owning the longest shorter prefix of its RI; a
    /// station with none is asked directly.
    bool third_request_to_major_relay = true;
  };
  Procedure procedure;
};

/// What became of one completed transmission (the ACP 127 procedure's test seam decides it
/// instead of the link's loss and garble draws: RelaySimulation::set_transmission_fate).
enum class TransmissionFate : std::uint8_t { kArrived, kLost, kGarbled };

/// Random streams of stations start here; traffic generators use small stream ids.
inline constexpr std::uint64_t kStationStreamBase = std::uint64_t{1} << 32;
/// Random streams of link directions (their loss and garble draws) start here.
inline constexpr std::uint64_t kChannelStreamBase = std::uint64_t{1} << 33;

/// A link out of service: both its directions.
struct LinkFault {
  LinkId link = 0;
};
/// A station out of service: all its links, and it processes nothing.
struct StationFault {
  StationId station = 0;
};

/// A link or station out of service from `at` for `length`.
struct Fault {
  std::variant<LinkFault, StationFault> what;
  SimTime at;
  Duration length;
};

/// MINIMIZE (an ACP 121 command measure, not in ACP 127; every choice is the scenario's):
/// from `at` for `length`, a message filed at a station in scope whose precedence (the highest
/// of its addressees, FL2's) is below `below` is held at its station until the order ends
/// (its time counts as "minimized"), or, when `refuse`, sent by other means with the reason.
struct MinimizeOrder {
  std::vector<StationId> stations;  ///< in scope; empty = every station
  SimTime at;
  Duration length;
  Precedence below = Precedence::kImmediate;
  bool refuse = false;
  /// What it stops: messages filed at a station in scope (the default), and copies passing
  /// through one (handled there on their way to another station): held there until the
  /// order ends, or refused.
  bool filed = true;
  bool passing = false;
};

}  // namespace cablesim
