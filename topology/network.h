// The static world: stations with routing indicators, full-duplex links, collectives, and
// the per-station routing tables the relays consult.
//
// Invariants: stations and links are owned here in insertion order and named elsewhere by
// dense ids (StationId, LinkId, ChannelId). A link between a and b has two channels (one
// transmitter per direction): channel 2*link carries a -> b, 2*link+1 carries b -> a.
// Routing tables are valid after Finalize() and until the next change.
#pragma once

#include <array>
#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "base/units.h"
#include "topology/classification.h"

namespace cablesim {

using StationId = std::uint32_t;
using LinkId = std::uint32_t;
using ChannelId = std::uint32_t;
inline constexpr StationId kNoStation = static_cast<StationId>(-1);

enum class StationKind : std::uint8_t { kPost, kRelay, kSwitch };
std::string_view StationKindName(StationKind k);
std::optional<StationKind> ParseStationKind(std::string_view s);

/// How each copy's processing time is drawn: always `processing`, or exponential with that
/// mean.
enum class ProcessingLaw : std::uint8_t { kFixed, kExponential };

/// From `from` (a time of day, UTC) until the next shift, `staff` operators are on duty.
struct Shift {
  Duration from;
  std::uint32_t staff = 1;
};

/// What happens at a change of shift to the copies operators have in hand.
enum class ShiftHandover : std::uint8_t {
  kFinish,    ///< they count against the incoming shift's staff until finished
  kOvertime,  ///< the outgoing operators finish them; the incoming shift comes on whole
};

struct Station {
  std::string ri;    ///< routing indicator, unique
  std::string name;  ///< plain-language address
  StationKind kind = StationKind::kPost;
  std::string region;                          ///< for pictures and reports
  Duration processing = Duration::Minutes(2);  ///< in-station handling per copy (or its mean)
  ProcessingLaw processing_law = ProcessingLaw::kFixed;
  /// How many copies the station handles at once (operators, or positions); the others wait
  /// in precedence order. 0 = no limit.
  std::uint32_t operators = 0;
  /// A daily schedule of operators instead (sorted by `from`, each staff >= 1; the last
  /// shift runs on to the first of the next day); `operators` is then its largest staff.
  std::vector<Shift> shifts{};
  /// At each change of shift (stations with shifts): what becomes of the copies in hand.
  ShiftHandover handover = ShiftHandover::kFinish;
  /// Handling time added per character of the copy (a torn-tape relay reads the tape).
  Duration per_char{};
  /// The highest classification the station may handle (no limit unless set).
  Clearance clearance{};
};

struct Link {
  StationId a = kNoStation;
  StationId b = kNoStation;
  std::int64_t rate = 2400;  ///< signal units (bits, bauds) per second
  Framing framing = Framing::kAsyncAscii;
  Duration propagation = Duration::Milliseconds(250);
  /// Routing cost in nanoseconds of equivalent delay; 0 = default: the time to send 1,000
  /// characters plus the propagation delay. At most kMaxLinkCost either way.
  std::int64_t cost = 0;
  /// The highest classification the circuit is approved for (no limit unless set).
  Clearance clearance{};
  /// Probability that a transmission never arrives, and per character that it arrives
  /// garbled (ACP 127 §412-420: found by the receiver and rerun; sim/relay/procedure.h).
  double loss = 0;
  double garble = 0;
  /// The receivers' no-traffic check on this link (ACP 127 §412b: 30 minutes, 60 on lightly
  /// loaded tributaries); unset: the scenario's procedure.no_traffic_check.
  std::optional<Duration> no_traffic_check{};
};

/// Limits that keep routing exact and bounded: a link's cost (explicit or derived) is at most
/// kMaxLinkCost, so that no path of at most kMaxStations links can overflow a 64-bit sum of
/// nanoseconds (5e18 < 9.2e18); the routing tables hold at most kMaxRouteSlots entries (2
/// bytes each: 512 MiB); collectives expand to at most kMaxCollectiveEntries stations in all.
inline constexpr std::int64_t kMaxLinkCost = 100'000LL * 1'000'000'000LL;  // 100,000 s
inline constexpr std::size_t kMaxStations = 50'000;
inline constexpr std::size_t kMaxRouteSlots = std::size_t{1} << 28;
inline constexpr std::size_t kMaxCollectiveEntries = 10'000'000;

/// Operators on duty at station `s` at time of day `tod` (in [0, 24h)): its shift's staff, or
/// `operators` without shifts.
std::uint32_t StaffAt(const Station& s, Duration tod);
/// The next time of day after `tod` at which `s`'s staff changes, as an offset from `tod`
/// (at most 24 h); precondition: s has shifts.
Duration UntilNextShift(const Station& s, Duration tod);

/// The default routing cost of a link: the time to send 1,000 characters on it plus its
/// propagation delay, in nanoseconds; nullopt when that is beyond kMaxLinkCost.
std::optional<std::int64_t> DerivedLinkCost(const Link& l);

/// A collective or address indicator group (ACP 127 §205, §221-222).
struct Collective {
  std::string name;                  ///< as written in FL7/FL8, e.g. "ALL NATO POST COLLECTIVE"
  std::optional<std::string> ri;     ///< its collective RI (e.g. RUEHZL), if it has one
  std::vector<std::string> members;  ///< station RIs or names/RIs of other collectives
  /// Where it is expanded into its members: nullopt = the originating station (practice);
  /// else the station with this RI.
  std::optional<std::string> expand_at;
};

/// A routing-table override: at station `at`, traffic for `to` leaves toward `via`.
struct StaticRoute {
  StationId at;
  StationId to;
  StationId via;
};

class Network {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                      boost::no_property, ChannelId>;

  Network() = default;
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;
  Network(Network&&) = default;
  Network& operator=(Network&&) = default;

  /// Adds a station; the caller has checked that its RI is new.
  StationId AddStation(Station s);
  /// Adds a full-duplex link; the caller has checked both ends exist and differ.
  LinkId AddLink(Link l);
  void AddCollective(Collective c) { collectives_.push_back(std::move(c)); }
  void AddStaticRoute(StaticRoute r) { static_routes_.push_back(r); }
  /// A located warning from reading the network ("file:line:column: field: warning: ..."),
  /// for whoever loads it to show (a scenario lists them among its own).
  void AddWarning(std::string w) { warnings_.push_back(std::move(w)); }
  const std::vector<std::string>& warnings() const { return warnings_; }

  /// Computes every station's next-hop table and every collective's stations. Error when
  /// some station cannot reach another (it names both), a static route's `via` is not a
  /// neighbour or the routes make a loop, a collective contains itself, or a limit above is
  /// passed (the error names the link, collective or count). Time O(R (S + L) log S) for R
  /// stations with more than one link, S stations, L links; a station with one link is
  /// routed through its neighbour's table.
  Result<bool> Finalize();

  std::size_t station_count() const { return stations_.size(); }
  std::size_t link_count() const { return links_.size(); }
  std::size_t channel_count() const { return links_.size() * 2; }
  const Station& station(StationId id) const { return stations_[id]; }
  const Link& link(LinkId id) const { return links_[id]; }
  const std::vector<Collective>& collectives() const { return collectives_; }

  /// The station that owns exactly this RI.
  std::optional<StationId> FindStation(std::string_view ri) const;
  /// The station that serves an RI: its owner, else the owner of its longest prefix (RUEHXX
  /// goes toward the relay RUEH, as relays route by the RI hierarchy). Error naming the RI
  /// when neither exists.
  Result<StationId> ResolveRi(std::string_view ri) const;
  /// A collective by its name as written or by its RI.
  const Collective* FindCollective(std::string_view name_or_ri) const;
  /// The stations a collective stands for, members of nested collectives included, without
  /// the `exempt` stations (XMT), each once, in order of first appearance. After Finalize
  /// each collective was expanded once (memoised); before it, this expands on the spot.
  Result<std::vector<StationId>> ExpandCollective(const Collective& c,
                                                  const std::vector<StationId>& exempt) const;

  /// Channel from `from` to its neighbour `to`; nullopt if they are not linked.
  std::optional<ChannelId> ChannelBetween(StationId from, StationId to) const;
  StationId ChannelFrom(ChannelId c) const { return c % 2 ? links_[c / 2].b : links_[c / 2].a; }
  StationId ChannelTo(ChannelId c) const { return c % 2 ? links_[c / 2].a : links_[c / 2].b; }
  LinkId ChannelLink(ChannelId c) const { return c / 2; }
  /// The routing cost of one link (default or explicit).
  std::int64_t LinkCost(LinkId id) const;

  /// True when some station or link is cleared below `c`: traffic of that classification
  /// cannot follow the routing tables and goes by RoutesToward over ChannelCleared (after
  /// Finalize).
  bool Restricts(Classification c) const { return restricts_[static_cast<std::size_t>(c)]; }
  /// The channel's link and both its stations are cleared for `c`.
  bool ChannelCleared(ChannelId c, Classification cls) const {
    const Link& l = links_[c / 2];
    return l.clearance.Allows(cls) && stations_[l.a].clearance.Allows(cls) &&
           stations_[l.b].clearance.Allows(cls);
  }

  /// Next station from `at` toward `dest` (precondition: Finalize() succeeded, at != dest).
  StationId NextHop(StationId at, StationId dest) const { return ChannelTo(NextChannel(at, dest)); }
  /// The channel from `at` toward `dest` (same preconditions as NextHop). A station with one
  /// link needs no table; the others have a row of 16-bit slots into their own channels, so
  /// the tables stay small enough to live in cache (at 1,000 stations of which 21 relays,
  /// 42 KB rather than 4 MB).
  ChannelId NextChannel(StationId at, StationId dest) const {
    const std::uint32_t row = route_row_[at];
    const std::uint32_t slot =
        row == kNoRow ? 0 : route_slot_[static_cast<std::size_t>(row) * stations_.size() + dest];
    return out_channels_[out_first_[at] + slot];
  }
  /// The station whose plain-language name is exactly `name` (first one if several).
  std::optional<StationId> FindStationByName(std::string_view name) const;
  /// The cost from `at` to `dest` along the routing tables (walks the path).
  std::int64_t Distance(StationId at, StationId dest) const;

  /// Routes toward one destination over part of the network (the links still working).
  struct RoutesTo {
    std::vector<StationId> next_hop;     ///< per station; kNoStation where dest is unreachable
    std::vector<std::int64_t> distance;  ///< per station; meaningful where reachable
  };
  /// Shortest paths toward `dest` using only the channels `usable` accepts (a link is used
  /// when both its channels are usable), ties broken by RI as in the routing tables.
  /// Static routes do not apply. `dest` itself has next_hop kNoStation and distance 0.
  RoutesTo RoutesToward(StationId dest, const std::function<bool(ChannelId)>& usable) const;

  /// The stations visited from `from` to `to` following the tables (both ends included).
  std::vector<StationId> Path(StationId from, StationId to) const;

 private:
  std::vector<Station> stations_;
  std::vector<Link> links_;
  std::array<bool, kClassificationCount> restricts_{};  // see Restricts
  std::vector<std::int64_t> link_cost_;                 // per link, computed by Finalize
  std::vector<Collective> collectives_;
  // Per collective, its stations (Finalize); empty until then.
  std::vector<std::vector<StationId>> collective_stations_;
  /// Every collective's stations, each collective expanded once (nested ones reused).
  Result<std::vector<std::vector<StationId>>> ExpandAllCollectives() const;
  /// Error naming the first loop of static routes, if any: O(S) per destination.
  std::optional<Error> StaticRouteLoop() const;
  // Finalize's steps, in order; each returns the error that stops it, if any.
  /// Every link's routing cost, once (Dijkstra asks for them again and again).
  std::optional<Error> CacheLinkCosts();
  /// The graph, each station's channels in the graph's order, and the rows of the tables.
  std::optional<Error> BuildChannels();
  /// Next hops by least cost (one Dijkstra per destination with more than one link).
  std::optional<Error> RouteByLeastCost();
  /// s's neighbour on a least-cost path, given every station's distance to the destination.
  StationId NearestNeighbourTowards(StationId s, const std::vector<std::int64_t>& dist) const;
  /// The columns of destinations with one link: their neighbour's, but at the neighbour.
  std::optional<Error> RouteToLeaves(const std::vector<StationId>& leaves);
  /// The scenario's static routes over the least-cost ones, refused if not linked or a loop.
  std::optional<Error> ApplyStaticRoutes();
  /// At s, the next hop towards t is via (s's table has a row; via is linked to s).
  void SetRoute(StationId s, StationId t, StationId via);
  std::vector<StaticRoute> static_routes_;
  std::vector<std::string> warnings_;
  std::unordered_map<std::string, StationId> by_ri_;
  // Held by pointer: boost::adjacency_list (Boost 1.74) has no move constructor (and its swap
  // copies), so a Network holding it by value would copy the graph at each move, and each load
  // moves its Network two or three times. Never null but in a moved-from Network.
  std::unique_ptr<Graph> graph_ = std::make_unique<Graph>();
  static constexpr std::uint32_t kNoRow = 0xffffffffU;
  std::vector<std::uint32_t> out_first_;   // per station (+1): its first in out_channels_
  std::vector<ChannelId> out_channels_;    // every station's channels, station by station
  std::vector<std::uint32_t> route_row_;   // per station: its row of route_slot_, or kNoRow
  std::vector<std::uint16_t> route_slot_;  // rows x station_count: slot of the next channel
};

}  // namespace cablesim
