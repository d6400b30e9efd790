// sim/live/line_protocol.h: the serve protocol of one client, lines in and replies out, with
// a fake live run. No sockets, no clock, no sleeps.
#include "sim/live/line_protocol.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace {

using cablesim::LineProtocol;

// Records what the protocol asked for; files every message as "accepted".
class FakeService : public cablesim::LiveService {
 public:
  std::vector<std::string> File(cablesim::ClientId client, const std::string& text, int first_line,
                                const std::string& file_at) override {
    filed.push_back({client, text, first_line, file_at});
    return {"accepted " + std::to_string(filed.size())};
  }
  std::string Stats() override { return "stats"; }
  void Subscribe(cablesim::ClientId client) override { subscribed.push_back(client); }
  bool StationExists(const std::string& ri) const override { return ri == "RUEHC"; }

  struct Filed {
    cablesim::ClientId client;
    std::string text;
    int first_line;
    std::string file_at;
  };
  std::vector<Filed> filed;
  std::vector<cablesim::ClientId> subscribed;
};

// Feeds lines; the replies of all of them, in order.
std::vector<std::string> Feed(LineProtocol& p, const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    for (auto& r : p.Line(l).replies) out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("commands: SUBSCRIBE, STATS, FILE AT, QUIT, and an error for any other word") {
  FakeService svc;
  LineProtocol p(svc, 7, {});
  auto sub = p.Line("SUBSCRIBE");
  CHECK(sub.replies == std::vector<std::string>{"{\"event\":\"subscribed\"}"});
  CHECK(sub.completed);
  CHECK(svc.subscribed == std::vector<cablesim::ClientId>{7});
  CHECK(p.Line("STATS").replies == std::vector<std::string>{"stats"});
  CHECK(p.Line("STATS\r").replies == std::vector<std::string>{"stats"});  // CRLF
  CHECK(p.Line("FILE AT RXXXX").replies ==
        std::vector<std::string>{
            "{\"event\":\"rejected\",\"error\":\"FILE AT: no station RXXXX in the network\","
            "\"line\":4}"});
  CHECK(p.Line("HELLO").replies ==
        std::vector<std::string>{
            "{\"event\":\"error\",\"error\":\"unknown command 'HELLO'; expected SUBSCRIBE, STATS, "
            "FILE AT RI, QUIT, or an ACP 127 message ending with a line NNNN\",\"line\":5}"});
  CHECK(p.Line("STATZ").replies.at(0).find("(did you mean STATS?)") != std::string::npos);
  const auto quit = p.Line("QUIT");
  CHECK(quit.close);
  CHECK(quit.replies.empty());
  CHECK(p.lines() == 7);
}

TEST_CASE("a message is filed at its NNNN, at FILE AT's station, with its first line") {
  FakeService svc;
  LineProtocol p(svc, 3, {});
  CHECK(Feed(p, {"FILE AT RUEHC", "", "R 052124Z JUN 08", "FM SECSTATE WASHDC"}).empty());
  CHECK(p.in_message());
  const auto end = p.Line("NNNN");
  CHECK(end.completed);
  CHECK(end.replies == std::vector<std::string>{"accepted 1"});
  REQUIRE(svc.filed.size() == 1);
  CHECK(svc.filed[0].client == 3);
  CHECK(svc.filed[0].first_line == 3);  // the blank line 2 does not start a message
  CHECK(svc.filed[0].file_at == "RUEHC");
  CHECK(svc.filed[0].text == "R 052124Z JUN 08\nFM SECSTATE WASHDC\nNNNN\n");
  // FILE AT applies to one message only.
  Feed(p, {"VZCZCXYZ0001", "NNNN"});
  REQUIRE(svc.filed.size() == 2);
  CHECK(svc.filed[1].file_at.empty());
  CHECK(svc.filed[1].first_line == 6);
}

TEST_CASE("idle means no command or message completed: blank lines and message lines are not") {
  FakeService svc;
  LineProtocol p(svc, 1, {});
  CHECK_FALSE(p.Line("").completed);
  CHECK_FALSE(p.Line("   ").completed);
  CHECK_FALSE(p.Line("\r").completed);
  CHECK_FALSE(p.Line("R 052124Z JUN 08").completed);  // inside a message
  CHECK_FALSE(p.Line("FM X").completed);
  CHECK(p.Line("NNNN").completed);
  CHECK(p.Line("STATS").completed);
  CHECK(p.Line("BOGUS").completed);  // answered with an error, but a complete command
}

TEST_CASE("an overlong line or message is rejected, skipped to its NNNN, and the client goes on") {
  FakeService svc;
  LineProtocol p(svc, 1, {10, 40});
  // A line over the limit outside a message: one rejection, counted as a line.
  auto r = p.OverlongLine();
  CHECK(r.replies == std::vector<std::string>{
                         "{\"event\":\"rejected\",\"error\":\"a line is longer than 10 bytes\","
                         "\"line\":1}"});
  // One inside a message: the message is dropped up to its NNNN.
  Feed(p, {"R 05Z"});
  CHECK(p.OverlongLine().replies.size() == 1);
  CHECK(Feed(p, {"MORE", "TEXT"}).empty());
  CHECK(p.in_message());
  CHECK(p.Line("NNNN").completed);
  CHECK_FALSE(p.in_message());
  CHECK(svc.filed.empty());
  // A message of short lines over 40 bytes: rejected once, the rest skipped.
  const auto lines = Feed(
      p, {"AAAA AAAA", "BBBB BBBB", "CCCC CCCC", "DDDD DDDD", "EEEE EEEE", "FFFF FFFF", "NNNN"});
  CHECK(lines == std::vector<std::string>{
                     "{\"event\":\"rejected\",\"error\":\"the message is longer than 40 bytes\","
                     "\"line\":11}"});
  CHECK(svc.filed.empty());
  // And the next one is filed.
  Feed(p, {"VZCZCX", "NNNN"});
  CHECK(svc.filed.size() == 1);
  CHECK(p.lines() == 15);
}

TEST_CASE("at end of input a message without its NNNN is filed as it stands, once") {
  FakeService svc;
  LineProtocol p(svc, 4, {});
  CHECK(p.EndOfInput().replies.empty());  // nothing open: nothing to say
  Feed(p, {"STATS", "FILE AT RUEHC", "R 052124Z JUN 08", "FM SECSTATE WASHDC"});
  const auto end = p.EndOfInput();
  CHECK(end.completed);
  CHECK(end.replies == std::vector<std::string>{"accepted 1"});
  REQUIRE(svc.filed.size() == 1);
  CHECK(svc.filed[0].text == "R 052124Z JUN 08\nFM SECSTATE WASHDC\n");
  CHECK(svc.filed[0].first_line == 3);
  CHECK(svc.filed[0].file_at == "RUEHC");
  CHECK_FALSE(p.in_message());
  CHECK(p.EndOfInput().replies.empty());  // filed once
  // A message rejected part-way was told so already: nothing more at the end.
  LineProtocol q(svc, 5, {10, 40});
  Feed(q, {"R 05Z"});
  CHECK(q.OverlongLine().replies.size() == 1);
  CHECK(q.EndOfInput().replies.empty());
  CHECK(svc.filed.size() == 1);
}

TEST_CASE("an unknown command or station is echoed by its first 60 bytes, whatever its length") {
  FakeService svc;
  LineProtocol p(svc, 1, {});
  // 4,000 control characters (each a 6-character JSON escape): the reply stays short.
  const auto reply = p.Line(std::string(4000, '\x01')).replies;
  REQUIRE(reply.size() == 1);
  std::string shown;
  for (int i = 0; i < 60; ++i) shown += "\\u0001";
  CHECK(reply[0].find("unknown command '" + shown + "...'; expected") != std::string::npos);
  CHECK(reply[0].size() < 600);
  // Cut at a character boundary: 59 ASCII bytes, then a 2-byte character across byte 60.
  const std::string word = std::string(59, 'A') + "\xC3\xA9" + std::string(100, 'B');
  CHECK(p.Line(word).replies.at(0).find("unknown command '" + std::string(59, 'A') + "...'") !=
        std::string::npos);
  const auto at = p.Line("FILE AT " + std::string(4000, 'R')).replies;
  REQUIRE(at.size() == 1);
  CHECK(at[0] == "{\"event\":\"rejected\",\"error\":\"FILE AT: no station " + std::string(60, 'R') +
                     "... in the network\",\"line\":3}");
  // Short ones are shown whole, as before.
  CHECK(p.Line(std::string(60, 'Z')).replies.at(0).find("'" + std::string(60, 'Z') + "'") !=
        std::string::npos);
}
