// An ACP 127 message as cablesim reads and writes it: format lines FL1-FL16 (ACP 127 §142).
// Every field that a cable may lack is explicit about it ("" or nullopt), never guessed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/message/dtg.h"
#include "sim/message/precedence.h"

namespace cablesim {

/// One TO, INFO or XMT line: [RI/ | ZEN/] ADDRESS [precedence word] [serial].
struct Addressee {
  std::optional<std::string> ri;  ///< routing indicator before '/', nullopt if none or ZEN
  bool zen = false;               ///< "ZEN/": delivered by other means, not over this circuit
  std::string address;            ///< plain-language address (PLA), e.g. "AMEMBASSY PARIS"
  /// The precedence word written after the address, if any (overrides FL5).
  std::optional<Precedence> word;
  bool niact = false;  ///< "NIACT IMMEDIATE": act at any hour
  /// The effective precedence: `word` if present, else FL5's action precedence for TO and
  /// its info precedence for INFO and XMT.
  Precedence precedence = Precedence::kRoutine;
  bool collective = false;  ///< the address names a collective ("... COLLECTIVE")
  std::string serial;       ///< per-addressee serial or range ("0000", "2276-2279"), or ""
  bool operator==(const Addressee&) const = default;
};

struct Message {
  // FL1
  std::string transmission_id;  ///< after VZCZC, e.g. "XYZ0003"; "" when FL1 is absent
  // FL2
  bool has_routing_line = false;
  Precedence routing_precedence = Precedence::kRoutine;  ///< the doubled prosign
  std::vector<std::string> routing_ris;
  // FL3
  std::string station_ri;      ///< originating station, "" when FL3 is absent
  std::string station_serial;  ///< "0837"
  std::string section;         ///< "01" from "#0443/01", or ""
  int filed_julian_day = 0;    ///< 1..366, 0 when FL3 is absent
  std::string filed_time;      ///< "2133" (hhmm, UTC)
  // FL4
  std::string security_signal;                 ///< "ZNR" or "ZNY", "" when absent
  std::string security_group;                  ///< "CCCCC", "UUUUU", ...
  std::vector<std::string> operating_signals;  ///< after the group, e.g. {"ZZH"}
  // FL5
  Precedence action_precedence = Precedence::kRoutine;
  Precedence info_precedence = Precedence::kRoutine;
  bool dual_precedence = false;  ///< FL5 carried two prosigns ("O P")
  Dtg dtg;
  std::string dtg_signals;  ///< operating signals after the DTG ("ZDK RE YOUR SVC")
  // FL6-FL9
  std::string from;
  std::vector<Addressee> to;
  std::vector<Addressee> info;
  std::vector<Addressee> exempt;  ///< XMT: members exempted from a collective
  // FL12: the text
  std::string classification;       ///< UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET, ...
  std::string reference;            ///< "STATE 060837", "" when unreadable
  std::string classification_line;  ///< the first text line as written
  std::vector<std::string> text;    ///< text lines after the classification line

  bool operator==(const Message&) const = default;

  /// Characters of the text (classification line and the lines after it, newlines counted).
  std::size_t TextChars() const;
  /// All addressees that receive the message: TO then INFO (XMT entries excluded).
  std::vector<const Addressee*> Recipients() const;
};

/// FL3's filing time (day and hhmm) placed against the DTG (PlaceFilingTime); nullopt when
/// the message has no FL3.
std::optional<FilingTime> FiledAt(const Message& m);

/// A problem found while reading a message: line and column are 1-based in the input file.
struct Diagnostic {
  int line = 0;
  int column = 0;
  std::string message;
  bool operator==(const Diagnostic&) const = default;
};

}  // namespace cablesim
