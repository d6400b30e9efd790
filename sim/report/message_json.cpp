#include "sim/report/message_json.h"

namespace cablesim {
namespace {

void WriteAddressees(const std::vector<Addressee>& list, JsonWriter* w) {
  w->BeginArray();
  for (const auto& a : list) {
    w->BeginObject().Key("ri");
    if (a.ri)
      w->String(*a.ri);
    else
      w->Null();
    w->Key("address")
        .String(a.address)
        .Key("precedence")
        .String(PrecedenceName(a.precedence))
        .Key("niact")
        .Bool(a.niact)
        .Key("collective")
        .Bool(a.collective)
        .Key("zen")
        .Bool(a.zen)
        .Key("serial");
    if (a.serial.empty())
      w->Null();
    else
      w->String(a.serial);
    w->EndObject();
  }
  w->EndArray();
}

void WriteDiagnostics(const std::vector<Diagnostic>& list, JsonWriter* w) {
  w->BeginArray();
  for (const auto& d : list) {
    w->BeginObject()
        .Key("line")
        .Int(d.line)
        .Key("column")
        .Int(d.column)
        .Key("message")
        .String(d.message)
        .EndObject();
  }
  w->EndArray();
}

void StringOrNull(const std::string& s, JsonWriter* w) {
  if (s.empty())
    w->Null();
  else
    w->String(s);
}

std::string AddresseeText(const Addressee& a) {
  std::string s = "  " + (a.zen ? std::string("ZEN") : a.ri.value_or("-")) + "  " + a.address +
                  "  " + std::string(PrecedenceName(a.precedence));
  if (a.niact) s += " (NIACT)";
  if (a.collective) s += " [collective]";
  return s + "\n";
}

}  // namespace

void WriteMessageJson(const ParsedMessage& pm, const std::string& file, JsonWriter* w) {
  const Message& m = pm.message;
  w->BeginObject();
  w->Key("file").String(file);
  w->Key("line").Int(pm.first_line);
  if (!pm.label.empty()) w->Key("label").String(pm.label);
  w->Key("transmission_id");
  StringOrNull(m.transmission_id, w);
  w->Key("routing");
  if (m.has_routing_line) {
    w->BeginObject().Key("precedence").String(PrecedenceName(m.routing_precedence));
    w->Key("ris").BeginArray();
    for (const auto& ri : m.routing_ris) w->String(ri);
    w->EndArray().EndObject();
  } else {
    w->Null();
  }
  w->Key("station");
  if (!m.station_ri.empty()) {
    w->BeginObject().Key("ri").String(m.station_ri).Key("serial").String(m.station_serial);
    w->Key("section");
    StringOrNull(m.section, w);
    w->Key("filed").BeginObject().Key("julian_day").Int(m.filed_julian_day);
    w->Key("time").String(m.filed_time).EndObject();
    w->EndObject();
  } else {
    w->Null();
  }
  w->Key("security");
  if (!m.security_signal.empty()) {
    w->BeginObject().Key("signal").String(m.security_signal);
    w->Key("classification");
    StringOrNull(m.security_group, w);
    w->Key("operating_signals").BeginArray();
    for (const auto& s : m.operating_signals) w->String(s);
    w->EndArray().EndObject();
  } else {
    w->Null();
  }
  const bool has_fl5 = m.dtg.year != 0;
  w->Key("precedence");
  if (has_fl5) {
    w->BeginObject()
        .Key("action")
        .String(PrecedenceName(m.action_precedence))
        .Key("info")
        .String(PrecedenceName(m.info_precedence))
        .EndObject();
  } else {
    w->Null();
  }
  w->Key("dtg");
  if (has_fl5)
    w->String(DtgToIso(m.dtg));
  else
    w->Null();
  w->Key("from");
  StringOrNull(m.from, w);
  w->Key("to");
  WriteAddressees(m.to, w);
  w->Key("info");
  WriteAddressees(m.info, w);
  w->Key("exempt");
  WriteAddressees(m.exempt, w);
  w->Key("classification");
  StringOrNull(m.classification, w);
  w->Key("reference");
  StringOrNull(m.reference, w);
  w->Key("text_chars").Uint(m.TextChars());
  w->Key("warnings");
  WriteDiagnostics(pm.warnings, w);
  w->Key("errors");
  WriteDiagnostics(pm.errors, w);
  w->EndObject();
}

std::string MessageSummaryText(const ParsedMessage& pm, const std::string& file) {
  const Message& m = pm.message;
  std::string s = file + ":" + std::to_string(pm.first_line) + ": ";
  if (!pm.label.empty()) s += pm.label + " ";
  if (!m.station_ri.empty()) {
    s += m.station_ri + " #" + m.station_serial + (m.section.empty() ? "" : "/" + m.section);
  }
  s += "\n";
  if (m.dtg.year != 0) {
    s += "  precedence " + std::string(PrecedenceName(m.action_precedence));
    if (m.dual_precedence) s += " / info " + std::string(PrecedenceName(m.info_precedence));
    s += ", DTG " + FormatDtg(m.dtg) + " (" + DtgToIso(m.dtg) + ")\n";
  }
  if (!m.from.empty()) s += "  from " + m.from + "\n";
  if (!m.classification.empty() || !m.reference.empty()) {
    s += "  " + (m.classification.empty() ? std::string("?") : m.classification) + "  " +
         m.reference + "  (" + std::to_string(m.TextChars()) + " text characters)\n";
  }
  if (!m.to.empty()) s += " TO\n";
  for (const auto& a : m.to) s += AddresseeText(a);
  if (!m.info.empty()) s += " INFO\n";
  for (const auto& a : m.info) s += AddresseeText(a);
  if (!m.exempt.empty()) s += " XMT\n";
  for (const auto& a : m.exempt) s += AddresseeText(a);
  for (const auto& d : pm.warnings) {
    s += file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) +
         ": warning: " + d.message + "\n";
  }
  for (const auto& d : pm.errors) {
    s += file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) +
         ": error: " + d.message + "\n";
  }
  return s;
}

}  // namespace cablesim
