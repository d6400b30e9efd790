// What serve's line protocol and live run must do with any client input, checked by the
// libFuzzer target tests/fuzz/live_fuzz.cpp and replayed by tests/fuzz_regression_test.cpp
// on the inputs in tests/fuzz/live-corpus/.
//
// The input is split into lines and fed to one client's LineProtocol over a LiveRun of the
// small live scenario (tests/data/live-dts.yaml, whose path is relative to the repository's
// top), with the simulation advanced between lines as the gateway does, and ended as a
// half-close ends it (a message without its NNNN is filed or rejected). Properties: no crash,
// throw or sanitizer report; every reply and event is strict JSON; every (message,
// addressee) the client filed is accounted for, and none is in flight once the run ran out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sim/live/line_protocol.h"
#include "sim/live/live_run.h"
#include "tests/fuzz/json_check.h"

namespace cablesim::fuzz {

/// Checks the properties on `text`; returns the first one violated, or "".
inline std::string CheckLiveInput(std::string_view text, const Scenario& live_scenario) {
  class CheckingClient : public LiveClient {
   public:
    void Send(const std::string& line) override { ok = ok && StrictJsonText(line); }
    bool ok = true;
  };
  LiveLimits limits;
  limits.cables_in_flight_per_client = 5;
  limits.cables_in_flight = 5;
  limits.cables_accepted = 20;
  LiveRun run(live_scenario, limits);
  CheckingClient client;
  const ClientId id = run.Connect(&client);
  LineProtocol protocol(run, id, {200, 4000});
  bool quit = false;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(at, nl - at);
    const auto out = line.size() > 200 ? protocol.OverlongLine() : protocol.Line(line);
    for (const std::string& r : out.replies) client.Send(r);
    quit = out.close;
    if (quit) break;
    run.Advance(SimTime::Max(), 2000);
    at = nl + 1;
  }
  if (!quit) {  // the end of input, as the gateway sees a half-close
    for (const std::string& r : protocol.EndOfInput().replies) client.Send(r);
  }
  for (int i = 0; i < 100 && !run.FinishClientCables(100'000); ++i) {
  }
  run.Close();
  if (!client.ok) return "a reply or event is not strict JSON";
  const auto c = run.simulation().Count();
  if (c.addressed != c.delivered + c.other_means + c.undeliverable + c.in_flight) {
    return "conservation broken";
  }
  if (c.in_flight != 0) return "addressees still in flight after the run ran out";
  return "";
}

}  // namespace cablesim::fuzz
