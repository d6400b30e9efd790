// What the browser page of `cablesim serve --http` is told, as a pure class: a hello (the
// network, where each station is drawn, the precedences and objectives), then frames, each
// holding the events since the last one (the TCP stream's lines: relayed, delivered,
// undeliverable, other_means) and a snapshot of the state: queues by precedence per link
// direction, copies waiting for operators, what is down, the conservation, and now and then
// the STATS figures. No sockets or clocks: the web server (web_server.h) asks for a frame
// on its timer and sends it to every page; tests ask directly.
//
// Bounds: a frame holds at most Limits::max_events events (the others are counted as
// "omitted", never kept), so its size is bounded whatever the simulation does between frames.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/live/live_run.h"

namespace cablesim {

/// Where each station is drawn (units of the layout, y up, as Graphviz's plain output gives
/// them) and its fill colour ("" for the page's default), indexed by StationId; `how` says
/// how the positions were found ("graphviz sfdp", "a circle: graphviz not found").
struct WebLayout {
  std::vector<double> x, y;
  std::vector<std::string> fill;
  std::string how;
};

/// Positions on a circle (the fallback when Graphviz is not available).
WebLayout CircleLayout(std::size_t stations, std::string how);

class WebStream : public LiveClient {
 public:
  struct Limits {
    std::size_t max_events = 2000;  ///< events in one frame; the rest are counted, not kept
  };

  WebStream(LiveRun& run, const Scenario& scenario, WebLayout layout, Limits limits);
  WebStream(const WebStream&) = delete;
  WebStream& operator=(const WebStream&) = delete;

  /// Collect events from now on (the first page connected) or stop (the last one left).
  void set_active(bool active);
  bool active() const { return active_; }

  /// An event line of the live run (WebStream is one of its subscribers).
  void Send(const std::string& line) override;

  /// The page's first message: {"type":"hello",...}.
  std::string Hello(double speed, bool paused) const;
  /// The next frame: the events since the last one and the state now, with the STATS
  /// figures when `with_stats`. Numbered from 1.
  std::string Frame(double speed, bool paused, bool with_stats);

  /// Events held for the next frame, and those counted past the limit.
  std::size_t pending() const { return events_.size(); }
  std::uint64_t omitted() const { return omitted_; }

 private:
  LiveRun& run_;
  const Scenario& scenario_;
  WebLayout layout_;
  Limits limits_;
  bool active_ = false;
  std::vector<std::string> events_;
  std::uint64_t omitted_ = 0;  // since the last frame
  std::uint64_t seq_ = 0;
};

}  // namespace cablesim
