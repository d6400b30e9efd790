// Addressing: from the addressees a message names (TO and INFO lines, collectives, ZEN) to
// the records of whom it must reach and the targets its first copy carries.
//
// Contract (ACP 127 §204: an RI appears once in FL2, a station gets one copy):
// - one AddresseeRecord per station a message must reach, however many ways it was
//   addressed (TO and a collective, two collectives, TO and INFO). Of several ways, action
//   beats info and the highest precedence wins; the winner is the record's own, every
//   other way is kept in ways();
// - one record per address that reaches no station: sent by other means (ZEN) or
//   undeliverable with a reason. The same address written twice is one record.
// Records of a message are contiguous and never move; their outcome is the runtime's to set.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/message/precedence.h"
#include "sim/relay/message_spec.h"
#include "sim/relay/record_store.h"
#include "topology/network.h"

namespace cablesim {

inline constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);

/// What became of one (message, addressee). Every record is exactly one of these.
enum class Outcome : std::uint8_t {
  kInFlight,      ///< accepted, not yet delivered (queued, being sent, or not yet filed)
  kDelivered,     ///< handed to the station that serves it
  kOtherMeans,    ///< ZEN/: delivered by other means, never over the network
  kUndeliverable  ///< the network cannot reach it (reason says why)
};

/// Why an addressee cannot be reached (its words: report/outcome_words.h).
enum class Undeliverable : std::uint8_t {
  kNotApplicable,      ///< delivered, in flight or sent by other means
  kUnservedRi,         ///< no station owns the RI or a prefix of it
  kUnknownAddress,     ///< no RI and no station or collective of that name
  kUnknownCollective,  ///< a collective the network does not define, without a usable RI
  kOriginUnknown,      ///< the originating station is not in the network
  /// No route over links and stations cleared for the message's classification (found at
  /// the station a copy could not leave): one value per classification above UNCLASSIFIED.
  kNotClearedConfidential,
  kNotClearedSecret,
  kNotClearedTopSecret,
  /// With outcome kOtherMeans: refused under a MINIMIZE order (relay_options.h).
  kMinimized,
  /// The ACP 127 procedure gave up on a copy (relay_options.h, Procedure): lost or garbled
  /// on its first attempt and on every one of its max_reruns reruns over one link direction.
  kRerunLimit,
  /// The receiver asked for a lost or garbled copy max_requests times and no answer came.
  kRequestsUnanswered,
};
/// kNotCleared... for a classification above UNCLASSIFIED.
Undeliverable NotClearedFor(Classification c);

/// One way a message addressed a station: a TO or INFO line, directly or through a
/// collective.
struct AddressedWay {
  std::uint32_t address = 0;         ///< into names(): the address as written, or station name
  std::uint32_t collective = kNone;  ///< into names(): the collective it came through
  Precedence precedence = Precedence::kRoutine;
  bool info = false;
};

/// One (message, addressee): a station the message must reach, or an address that reaches
/// none. `address`, `collective` and `info` are the winning way's; `precedence` is the
/// highest of every way.
struct AddresseeRecord {
  std::uint32_t message = 0;
  std::uint32_t address = 0;         ///< into names()
  std::uint32_t collective = kNone;  ///< into names()
  StationId station = kNoStation;    ///< the station that delivers it
  Precedence precedence = Precedence::kRoutine;
  bool info = false;
  Outcome outcome = Outcome::kInFlight;
  Undeliverable reason = Undeliverable::kNotApplicable;
  /// Delivered first by a copy relayed "subject to correction" (garbled on its way, ACP 127
  /// §420a): `delivered` is that first delivery (what the addressee acted on, and what the
  /// latency figures count), `corrected` when the corrected copy was delivered.
  bool subject_to_correction = false;
  /// Every way it was addressed: the winning one (this record's address, collective and
  /// info) and way_count - 1 others, kept in ways() from first_also (none kept for an
  /// addressee reached one way, the usual: no record beyond this one).
  std::uint32_t way_count = 1;
  std::uint32_t first_also = 0;        ///< into ways(): the other ways, way_count - 1 of them
  std::uint32_t delivered_by = kNone;  ///< the copy that was processed when it was delivered
  SimTime delivered;
  SimTime corrected = SimTime::Max();  ///< Max(): no corrected copy delivered (or none due)
};

/// A station where a copy must arrive, with the addressee it delivers there, or a
/// collective to be expanded there into member targets.
struct Target {
  StationId station = kNoStation;
  std::uint32_t addressee = kNone;  ///< into addressees(); kNone for an expansion
  std::uint32_t first_child = 0;    ///< into targets(), for a collective expansion
  std::uint32_t children = 0;
  Precedence precedence = Precedence::kRoutine;  ///< highest it serves
};

class Addressing {
 public:
  explicit Addressing(const Network& net);
  Addressing(const Addressing&) = delete;
  Addressing& operator=(const Addressing&) = delete;

  /// Resolves the addressees of message `message` (its index in the run), filed at `origin`
  /// (kNoStation when the network has no such station): appends its records, ways and
  /// targets, and puts the targets its first copy carries into `*root` (empty when it
  /// reaches no station). Returns the index of its first record.
  std::uint32_t Resolve(const MessageSpec& spec, std::uint32_t message, StationId origin,
                        std::vector<std::uint32_t>* root);

  /// The index of `s` in names(), added if new.
  std::uint32_t Intern(std::string_view s);
  const std::string& name(std::uint32_t index) const { return names_[index]; }

  const RecordStore<AddresseeRecord>& addressees() const { return addressees_; }
  AddresseeRecord& addressee(std::uint32_t id) { return addressees_[id]; }
  const RecordStore<AddressedWay>& ways() const { return ways_; }
  const RecordStore<Target>& targets() const { return targets_; }

  /// The records of one message, as Resolve made them: addressees, their other ways
  /// (AddresseeRecord::first_also), its targets.
  struct Ranges {
    std::uint32_t first_addressee = 0, addressees = 0;
    std::uint32_t first_also = 0, also = 0;  ///< the other ways (ways()): none for one each
    std::uint32_t first_target = 0, targets = 0;
  };
  /// What the last Resolve made.
  const Ranges& last() const { return last_; }
  /// Gives back a finished message's records (no longer read by anyone).
  void Release(const Ranges& r);

 private:
  // One way an addressee line reaches a station (or fails to), before merging.
  struct Entry {
    StationId station = kNoStation;
    StationId expand_at = kNoStation;  // the relay that expands its collective; none = origin
    AddressedWay way;
    Outcome outcome = Outcome::kInFlight;
    Undeliverable reason = Undeliverable::kNotApplicable;
    std::uint32_t group = 0;  // the record it becomes, counted from the message's first
  };
  // The entries that become one record.
  struct EntryGroup {
    std::uint32_t first_entry = 0;     // its first entry, the one that decides its place
    StationId expand_at = kNoStation;  // kNoStation once any of its entries is direct
    std::uint32_t entries = 0;
  };

  /// True when every addressee of `spec` is a station its source resolved, none by other
  /// means (ZEN), each station named once, no exemptions and the origin known: the general
  /// path would give each one record, one way and one target from the origin, in order.
  bool EachStationOnce(const MessageSpec& spec, StationId origin);
  /// Resolve for such a message: those records, without expanding and grouping.
  std::uint32_t ResolveStations(const MessageSpec& spec, std::uint32_t message,
                                std::vector<std::uint32_t>* root);
  void Expand(const MessageSpec& spec, StationId origin);
  void Add(StationId station, StationId expand_at, const AddressedWay& way, Outcome outcome,
           Undeliverable reason);
  void MergeIntoGroups();
  /// Names interned once: a station's plain-language name, a collective's name.
  std::uint32_t StationName(StationId s);
  std::uint32_t CollectiveName(const Collective& c);
  std::uint32_t MakeTarget(StationId station, std::uint32_t addressee);

  const Network& net_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> name_index_;
  RecordStore<AddresseeRecord> addressees_;
  RecordStore<AddressedWay> ways_;
  RecordStore<Target> targets_;
  Ranges last_;
  // Scratch of Resolve, kept to avoid allocations per message.
  std::vector<Entry> entries_;
  std::vector<EntryGroup> groups_;
  std::vector<std::uint32_t> order_;
  std::vector<std::uint32_t> group_start_;       // entry indices sorted by group, stable
  std::vector<std::uint32_t> group_of_station_;  // per station: group + 1 this message, or 0
  std::unordered_map<std::uint64_t, std::uint32_t> unreached_group_;  // address key -> group
  std::vector<StationId> exempt_;
  std::vector<std::uint32_t> station_name_;     // per station: its name in names_, or kNone
  std::vector<std::uint32_t> collective_name_;  // per collective of the network
  std::vector<StationId> deferred_relays_;
};

}  // namespace cablesim
