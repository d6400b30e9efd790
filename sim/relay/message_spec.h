// What traffic sources hand to the relay network: a message to file, before resolution.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/sim_time.h"
#include "sim/message/message.h"
#include "topology/network.h"

namespace cablesim {

/// One TO or INFO addressee as the source wrote it.
struct AddresseeSpec {
  std::string address;      ///< plain-language address or collective name ("" = use the RI)
  std::string ri;           ///< routing indicator, "" when the line had none
  bool zen = false;         ///< delivered by other means: not over the network
  bool collective = false;  ///< names a collective: expanded per the network's collectives
  bool info = false;        ///< INFO (else TO)
  Precedence precedence = Precedence::kRoutine;
  /// The station that owns the RI, when the source already knows it (generators): then
  /// `ri` and `address` may be left empty and no name is looked up.
  StationId station = kNoStation;
};

struct MessageSpec {
  std::string id;                 ///< unique in the run: "RUEHC 0837", a YAML id, "poisson-1/42"
  SimTime filed;                  ///< when it is handed to the originating station
  std::string origin_ri;          ///< station that files it (resolved like any RI)
  StationId origin = kNoStation;  ///< the same, when the source knows it (then origin_ri unused)
  std::vector<AddresseeSpec> addressees;
  std::vector<std::string> exempt;  ///< XMT: RIs or names of stations left out of collectives
  std::int64_t chars = 0;           ///< characters on the wire, end-of-message sequence included
  /// Its copies go only over links and through stations cleared for it (classification.h).
  Classification classification = Classification::kUnclassified;
  /// The cable itself, when the message came from ACP 127 text (for --trace).
  std::shared_ptr<const Message> cable;
};

/// A stream of messages in filing order (generators, traces). Next() fills *out with the
/// next message, reusing its storage (the same spec is handed back each time), or returns
/// false when the source has no more.
class MessageSource {
 public:
  virtual ~MessageSource() = default;
  virtual bool Next(MessageSpec* out) = 0;
};

}  // namespace cablesim
