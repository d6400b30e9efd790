// Replay of a recorded trace: a CSV file with one message per row.
//
//   time,from,to,info,precedence,chars
//   90s,RUEHC,RUEHFR;RUEHNO,RUEHGB,IMMEDIATE,2400
//
// time: an offset from the scenario start (90s, 1h30m) or a UTC time (2008-06-05T21:33:00Z);
// to and info: routing indicators separated by ';' (info may be empty); precedence: a word
// (FLASH, IMMEDIATE, PRIORITY, ROUTINE) or FL5 prosigns ("O" or "O P" for action and info);
// chars: characters on the wire. Rows need not be in time order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"
#include "sim/relay/message_spec.h"

namespace cablesim {

/// Where a message's row is in its file, so that what is found wrong with it later (against
/// the network) can be said at the place it was written.
struct TracePlace {
  int line = 0;
  int from_column = 0;
  std::vector<int> addressee_columns;  ///< one per MessageSpec::addressees entry, in order
};

/// A trace's messages and, at the same index, where each was written.
struct Trace {
  std::vector<MessageSpec> messages;
  std::vector<TracePlace> places;
};

/// Reads a trace; `epoch_unix` is the scenario start, for rows given in UTC. Errors name the
/// file, line, column and what was expected. Ids are FILE-ROW (e.g. "trace.csv-3"). A UTF-8
/// byte-order mark before the header is skipped.
Result<Trace> ReadTrace(const std::string& path, std::int64_t epoch_unix);

/// Hands out messages from a list in filing order (stable for equal times).
class VectorSource : public MessageSource {
 public:
  explicit VectorSource(std::vector<MessageSpec> messages);
  bool Next(MessageSpec* out) override;

 private:
  std::vector<MessageSpec> messages_;
  std::size_t next_ = 0;
};

}  // namespace cablesim
