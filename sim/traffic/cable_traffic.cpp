#include "sim/traffic/cable_traffic.h"

#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

#include "base/input_file.h"
#include "sim/message/acp127_formatter.h"

namespace cablesim {

std::int64_t CableFilingUnixSeconds(const Message& m) {
  const auto filed = FiledAt(m);
  if (m.station_ri.empty() || !filed) return DtgToUnixSeconds(m.dtg);
  return filed->unix_seconds;
}

std::string CableId(const Message& m, const std::string& fallback) {
  if (!m.station_ri.empty()) {
    return m.station_ri + " " + m.station_serial + (m.section.empty() ? "" : "/" + m.section);
  }
  if (!m.reference.empty()) return m.reference;
  return fallback;
}

Classification CableClassification(const Message& m, Classification efto) {
  if (!m.security_group.empty()) {
    // A lower-case letter is read as upper case, as a classification line is (warned of).
    const auto letter =
        static_cast<char>(std::toupper(static_cast<unsigned char>(m.security_group[0])));
    if (letter == 'E') return efto;
    if (auto c = ClassificationOfLetter(letter)) return *c;
  }
  if (auto c = ParseClassification(m.classification)) return *c;
  // ZNY: "do not forward unencrypted" (ACP 127 §124), with no letter to read and no
  // classification line: the lowest classification, kept off circuits approved for none.
  // (A line of another marking, LIMITED OFFICIAL USE or UNCLASSIFIED EFTO, is unclassified.)
  if (m.security_signal == "ZNY" && m.classification.empty()) {
    return Classification::kConfidential;
  }
  return Classification::kUnclassified;
}

void AddresseesFromMessage(const Message& m, MessageSpec* spec) {
  auto add = [&](const Addressee& a, bool info) {
    AddresseeSpec s;
    s.address = a.address;
    s.ri = a.ri.value_or("");
    s.zen = a.zen;
    s.collective = a.collective;
    s.info = info;
    s.precedence = a.precedence;
    spec->addressees.push_back(std::move(s));
  };
  for (const auto& a : m.to) add(a, false);
  for (const auto& a : m.info) add(a, true);
  for (const auto& x : m.exempt) spec->exempt.push_back(x.ri.value_or(x.address));
}

std::int64_t EstimateWireChars(std::size_t addressees, std::int64_t text) {
  return 120 + 40 * static_cast<std::int64_t>(addressees) + text + 26;
}

Result<CableMessages> ReadCableMessages(const std::string& path,
                                        std::optional<std::int64_t> filed_unix,
                                        const std::optional<std::string>& file_at,
                                        bool skip_errors) {
  auto text = ReadInputFile(path);
  if (!text) return text.error();
  CableMessages out;
  const auto parsed = ParseAcp127(*text);
  if (parsed.empty()) return Error{path, 1, 1, "", "no message in the cable file"};
  for (const auto& pm : parsed) {
    const Message& m = pm.message;
    const std::string name = !pm.label.empty() ? pm.label : CableId(m, "");
    if (!pm.ok()) {
      const Diagnostic& d = pm.errors.front();
      if (!skip_errors) return Error{path, d.line, d.column, "", d.message};
      out.skipped.push_back({d.line, d.column, (name.empty() ? "" : name + ": ") + d.message});
      continue;
    }
    for (const auto& w : pm.warnings) out.warnings.push_back(w);
    MessageSpec spec;
    spec.id = CableId(m, path + ":" + std::to_string(pm.first_line));
    spec.origin_ri = file_at ? *file_at : m.station_ri;
    if (spec.origin_ri.empty()) {
      const std::string why =
          "the cable has no DE line (FL3), so its originating station is unknown: say where "
          "it is filed with file_at or fallback_file_at";
      if (!skip_errors) return Error{path, pm.first_line, 1, "", why};
      out.skipped.push_back({pm.first_line, 1, (name.empty() ? "" : name + ": ") + why});
      continue;
    }
    AddresseesFromMessage(m, &spec);
    spec.classification = CableClassification(m);
    spec.chars = static_cast<std::int64_t>(WireChars(m));
    spec.cable = std::make_shared<const Message>(m);
    out.filed_unix.push_back(filed_unix ? *filed_unix : CableFilingUnixSeconds(m));
    out.first_lines.push_back(pm.first_line);
    out.messages.push_back(std::move(spec));
  }
  return out;
}

}  // namespace cablesim
