// cablesim parse FILE...|- [--format text|json] [--stats]
#include <iostream>
#include <map>
#include <sstream>

#include "sim/message/acp127_parser.h"
#include "sim/report/message_json.h"
#include "tools/cablesim/args.h"
#include "tools/cablesim/commands.h"
#include "tools/cablesim/input_files.h"
#include "tools/cablesim/output_files.h"

namespace cablesim::cli {
namespace {

constexpr const char* kHelp =
    "usage: cablesim parse FILE...|- [--format text|json] [--stats]\n"
    "\n"
    "Reads ACP 127 messages (a file may hold several, separated by NNNN, a new VZCZC line or a\n"
    "'=== LABEL' line) and prints what was read, with warnings and errors by line and column.\n"
    "  --format text   a short summary per message (default)\n"
    "  --format json   one JSON object per message, one per line\n"
    "  --stats         instead, counts over all messages: precedences, classifications,\n"
    "                  addressees, text lengths, messages with warnings or errors\n"
    "Exit 0 when every message parsed, 1 when any had an error (the rest are still printed).\n";

struct Stats {
  long messages = 0, with_errors = 0, with_warnings = 0, with_fl1 = 0;
  std::map<std::string, long> fl5, classification_group, classification, error_kinds;
  std::map<int, long> addressees;  // recipients per message
  long addressee_total = 0;
  std::vector<std::size_t> text_chars;

  void Add(const ParsedMessage& pm) {
    const Message& m = pm.message;
    ++messages;
    with_errors += !pm.ok();
    with_warnings += !pm.warnings.empty();
    with_fl1 += !m.transmission_id.empty() || m.has_routing_line;
    if (m.dtg.year != 0) {
      std::string p(1, PrecedenceProsign(m.action_precedence));
      if (m.dual_precedence) p += std::string(" ") + PrecedenceProsign(m.info_precedence);
      ++fl5[p];
    }
    if (!m.security_group.empty()) ++classification_group[m.security_group];
    ++classification[m.classification.empty() ? "(none)" : m.classification];
    const int n = static_cast<int>(m.to.size() + m.info.size());
    ++addressees[n];
    addressee_total += n;
    text_chars.push_back(m.TextChars());
    for (const auto& e : pm.errors) ++error_kinds[e.message.substr(0, e.message.find(','))];
  }

  void WriteJson(JsonWriter* w) const {
    w->BeginObject();
    w->Key("messages").Int(messages).Key("with_errors").Int(with_errors);
    w->Key("with_warnings").Int(with_warnings).Key("with_fl1_or_fl2").Int(with_fl1);
    auto map_out = [&](const char* key, const std::map<std::string, long>& m) {
      w->Key(key).BeginObject();
      for (const auto& [k, v] : m) w->Key(k).Int(v);
      w->EndObject();
    };
    map_out("fl5_precedence", fl5);
    map_out("classification_group", classification_group);
    map_out("classification", classification);
    map_out("errors", error_kinds);
    w->Key("addressees_per_message").BeginObject();
    for (const auto& [k, v] : addressees) w->Key(std::to_string(k)).Int(v);
    w->EndObject();
    w->Key("mean_addressees")
        .Double(messages ? static_cast<double>(addressee_total) / static_cast<double>(messages)
                         : 0.0);
    w->EndObject();
  }

  void WriteText(std::ostream& out) const {
    out << "messages " << messages << ", with errors " << with_errors << ", with warnings "
        << with_warnings << ", with FL1/FL2 " << with_fl1 << "\n";
    auto map_out = [&](const char* title, const std::map<std::string, long>& m) {
      out << title << ":";
      for (const auto& [k, v] : m) out << "  " << k << " " << v;
      out << "\n";
    };
    map_out("FL5 precedence", fl5);
    map_out("classification group", classification_group);
    map_out("classification", classification);
    map_out("errors", error_kinds);
    out << "mean addressees per message "
        << (messages ? static_cast<double>(addressee_total) / static_cast<double>(messages) : 0)
        << "\n";
  }
};

}  // namespace

int ParseCommand(const Words& words) {
  std::string err;
  auto args = Args::Parse(words, {{"format", true}, {"stats", false}}, &err);
  if (!args) return UsageError("parse", err);
  if (args->Has("help")) {
    std::cout << kHelp;
    return kExitOk;
  }
  const std::string format = args->Get("format", "text");
  if (format != "text" && format != "json") {
    return UsageError("parse", "--format must be text or json, not '" + format + "'");
  }
  if (args->positional().empty()) return UsageError("parse", "expected FILE... or -");

  bool any_error = false;
  Stats stats;
  for (const auto& path : args->positional()) {
    auto content = ReadInput(path, &err);
    if (!content) {
      std::cerr << "cablesim parse: " << err << "\n";
      any_error = true;
      continue;
    }
    const std::string shown = path == "-" ? "-" : path;
    auto messages = ParseAcp127(*content);
    if (messages.empty()) {
      std::cerr << "cablesim parse: " << shown << ": no message found\n";
      any_error = true;
    }
    for (const auto& pm : messages) {
      any_error |= !pm.ok();
      if (args->Has("stats")) {
        stats.Add(pm);
      } else if (format == "json") {
        JsonWriter w;
        WriteMessageJson(pm, shown, &w);
        PrintOut(w.str() + "\n");
      } else {
        PrintOut(MessageSummaryText(pm, shown));
      }
    }
  }
  if (args->Has("stats")) {
    if (format == "json") {
      JsonWriter w;
      stats.WriteJson(&w);
      PrintOut(w.str() + "\n");
    } else {
      std::ostringstream text;
      stats.WriteText(text);
      PrintOut(text.str());
    }
  }
  return any_error ? kExitInputError : kExitOk;
}

}  // namespace cablesim::cli
