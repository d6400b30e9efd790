#include "sim/live/line_protocol.h"

#include "base/did_you_mean.h"
#include "sim/report/json_writer.h"

namespace cablesim {
namespace {

// A first line that is one word and cannot start a message (VZCZC..., ZCZC...): a command,
// misspelt or unknown. Every other line may begin a message.
bool IsUnknownCommand(const std::string& line) {
  if (line.find_first_of(" \t") != std::string::npos) return false;
  return line.rfind("VZCZC", 0) != 0 && line.rfind("ZCZC", 0) != 0 && line != "NNNN";
}

// An unknown command as an error shows it: its first 60 bytes (cut at a character
// boundary) and "..." when it is longer, so the reply stays short whatever the line.
std::string Shown(const std::string& line) {
  constexpr std::size_t kShown = 60;
  if (line.size() <= kShown) return line;
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "...";
}

}  // namespace

std::string ErrorLine(const std::string& event, const std::string& error, int line) {
  JsonWriter w;
  w.BeginObject().Key("event").String(event).Key("error").String(error);
  if (line > 0) w.Key("line").Int(line);
  w.EndObject();
  return w.str();
}

void LineProtocol::Reject(Outcome* out, const std::string& why) {
  if (in_message_) {
    skipping_message_ = true;  // the rest of it, up to its NNNN, is dropped unread
    in_message_ = false;
    message_.clear();
    message_.shrink_to_fit();
  }
  out->replies.push_back(ErrorLine("rejected", why, line_no_));
}

LineProtocol::Outcome LineProtocol::OverlongLine() {
  ++line_no_;
  Outcome out;
  Reject(&out, "a line is longer than " + std::to_string(limits_.max_line) + " bytes");
  return out;
}

LineProtocol::Outcome LineProtocol::EndOfInput() {
  Outcome out;
  skipping_message_ = false;  // a rejected message: told already
  if (!in_message_) return out;
  in_message_ = false;
  out.replies = service_.File(client_, message_, first_line_, file_at_);
  out.completed = true;
  file_at_.clear();
  message_.clear();
  return out;
}

LineProtocol::Outcome LineProtocol::Command(const std::string& line) {
  Outcome out;
  out.completed = true;
  if (line == "QUIT") {
    out.close = true;
  } else if (line == "SUBSCRIBE") {
    service_.Subscribe(client_);
    out.replies.push_back("{\"event\":\"subscribed\"}");
  } else if (line == "STATS") {
    out.replies.push_back(service_.Stats());
  } else if (line.rfind("FILE AT ", 0) == 0) {
    const std::string ri = line.substr(8);
    if (service_.StationExists(ri)) {
      file_at_ = ri;
    } else {
      out.replies.push_back(
          ErrorLine("rejected", "FILE AT: no station " + Shown(ri) + " in the network", line_no_));
    }
  } else {
    const std::string guess = DidYouMean(line, {"SUBSCRIBE", "STATS", "QUIT", "FILE AT"});
    out.replies.push_back(ErrorLine("error",
                                    "unknown command '" + Shown(line) + "'" +
                                        (guess.empty() ? "" : " (did you mean " + guess + "?)") +
                                        "; expected SUBSCRIBE, STATS, FILE AT RI, QUIT, or an ACP "
                                        "127 message ending with a line NNNN",
                                    line_no_));
  }
  return out;
}

LineProtocol::Outcome LineProtocol::Line(std::string_view raw) {
  ++line_no_;
  std::string line(raw);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  Outcome out;
  if (skipping_message_) {
    if (line == "NNNN") {
      skipping_message_ = false;
      out.completed = true;  // a whole (rejected) message
    }
    return out;
  }
  if (!in_message_) {
    if (line == "QUIT" || line == "SUBSCRIBE" || line == "STATS" ||
        line.rfind("FILE AT ", 0) == 0 || IsUnknownCommand(line)) {
      if (line.find_first_not_of(" \t") == std::string::npos) return out;  // blank: nothing
      return Command(line);
    }
    if (line.find_first_not_of(" \t") == std::string::npos) return out;
    in_message_ = true;
    first_line_ = line_no_;
    message_.clear();
  }
  message_ += line;
  message_ += '\n';
  if (message_.size() > limits_.max_message) {
    Reject(&out, "the message is longer than " + std::to_string(limits_.max_message) + " bytes");
    if (line == "NNNN") {
      skipping_message_ = false;
      out.completed = true;
    }
    return out;
  }
  if (line == "NNNN") {
    in_message_ = false;
    out.replies = service_.File(client_, message_, first_line_, file_at_);
    out.completed = true;
    file_at_.clear();
    message_.clear();
  }
  return out;
}

}  // namespace cablesim
