// The line protocol of `cablesim serve`, one client's side, as a pure class: lines in,
// replies out. No sockets, no clock, no threads: the gateway (gateway.h) feeds it the lines
// it reads and sends what it answers; tests feed it strings.
//
// A client sends commands (SUBSCRIBE, STATS, FILE AT RI, QUIT), one a line, or ACP 127
// messages, each ending with a line NNNN (or with the end of input). Every reply is one JSON object
// (a line without its newline). Lines are counted as read, however long; a line or a message over
// its limit is rejected without being kept, and the connection goes on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cablesim {

/// Names a client of the live run (LiveRun hands them out).
using ClientId = std::uint32_t;

/// Whether a client may file a cable now, and if not, which limit stops it.
enum class FilingRoom {
  kOpen,
  kClientFull,  ///< the client has its share of cables in flight
  kAllFull,     ///< all clients together have theirs
  kClosed,      ///< the run takes no more (stopping, or its limit of cables accepted)
};

/// What the protocol asks of the live run. LiveRun implements it; tests may fake it.
class LiveService {
 public:
  virtual ~LiveService() = default;
  /// Files one message (text up to and including NNNN or the end of input, first_line its line in
  /// the connection) at `file_at` ("": its DE station): the reply lines, in order: accepted (then
  /// an event for each addressee already final: undeliverable, by other means) or rejected.
  virtual std::vector<std::string> File(ClientId client, const std::string& text, int first_line,
                                        const std::string& file_at) = 0;
  /// The STATS reply line.
  virtual std::string Stats() = 0;
  /// The client hears every relay and delivery event from now on.
  virtual void Subscribe(ClientId client) = 0;
  virtual bool StationExists(const std::string& ri) const = 0;
  /// Whether File would find room for one more cable of `client` (File says why not).
  virtual FilingRoom RoomFor(ClientId) const { return FilingRoom::kOpen; }
};

/// {"event":EVENT,"error":ERROR,"line":LINE}, without "line" when it is 0.
std::string ErrorLine(const std::string& event, const std::string& error, int line);

class LineProtocol {
 public:
  struct Limits {
    std::size_t max_line = 4096;      ///< bytes, newline excluded
    std::size_t max_message = 65536;  ///< bytes of one message, NNNN included
  };

  LineProtocol(LiveService& service, ClientId client, Limits limits)
      : service_(service), client_(client), limits_(limits) {}

  /// What one line did.
  struct Outcome {
    std::vector<std::string> replies;  ///< to send, in order
    /// A command ran or a message ended (NNNN): the client is not idle. Blank lines and
    /// lines inside a message are not.
    bool completed = false;
    bool close = false;  ///< QUIT: send the replies, then close
  };

  /// One line as read, without its newline (a final '\r' is dropped).
  Outcome Line(std::string_view line);
  /// A line longer than Limits::max_line was read and thrown away (call once per line).
  Outcome OverlongLine();
  /// The client closed its sending side (after its last line, which the caller feeds to
  /// Line even without its newline). A message still open, whose NNNN never came, is filed
  /// as it stands: accepted if it parses (the parser takes a message without NNNN), else
  /// rejected with its located error. Nothing else happens; call once.
  Outcome EndOfInput();

  /// Lines read so far.
  int lines() const { return line_no_; }
  /// True while a message is being read (its first line came, its NNNN not yet).
  bool in_message() const { return in_message_ || skipping_message_; }

 private:
  Outcome Command(const std::string& line);
  void Reject(Outcome* out, const std::string& why);

  LiveService& service_;
  ClientId client_;
  Limits limits_;
  int line_no_ = 0;
  bool in_message_ = false;
  bool skipping_message_ = false;  // rejected part-way: skip to its NNNN
  int first_line_ = 0;
  std::string message_;
  std::string file_at_;
};

}  // namespace cablesim
