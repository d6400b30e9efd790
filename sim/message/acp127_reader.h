// Reads one ACP 127 message from its lines, format line by format line (FL1-FL13), into a
// ParsedMessage with located errors and warnings. Internal to the parser (not installed).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_set>
#include <vector>

#include "sim/message/acp127_parser.h"
#include "sim/message/acp127_text.h"

namespace cablesim::acp127 {

/// How many non-blank lines may stand between the heading and the classification line.
inline constexpr std::size_t kClassificationLookahead = 3;

/// Reads one message from lines [begin, end).
class MessageReader {
 public:
  MessageReader(const std::vector<Line>& lines, std::size_t begin, std::size_t end,
                ParsedMessage* out)
      : lines_(lines), i_(begin), end_(end), out_(out), m_(out->message) {}

  void Read();

 private:
  bool AtEnd() const { return i_ >= end_; }
  const Line& Cur() const { return lines_[i_]; }
  void SkipBlank();
  int LastLine() const { return end_ > 0 && end_ <= lines_.size() ? lines_[end_ - 1].number : 0; }

  void Warn(const Line& l, std::size_t offset, std::string msg);
  void Fail(const Line& l, std::size_t offset, std::string msg);
  void FailHere(std::string msg);

  /// Archives put their own lines (page headers, mail headers, ids) before a message. Skip to
  /// the first line that can start a heading, if there is one, and say what was skipped.
  void SkipPreamble();

  /// After an error: on to the next line that starts FM, TO, INFO, XMT, BT or the text.
  void SkipToFormatLine();

  /// FL1: VZCZC + transmission identification.
  void ReadTransmissionId();

  /// FL2: doubled precedence prosign, then routing indicators, possibly over several lines.
  void ReadRoutingLine();

  void AddRoutingRis(const Line& l, const std::vector<Token>& tokens, std::size_t from);

  /// FL3: DE RI #SSSS[/NN] DDDHHMM.
  void ReadDeLine();

  /// FL4: ZNR/ZNY, classification group, operating signals.
  void ReadSecurityLine();

  /// FL5: action [info] prosign, DTG, optional operating signals.
  bool ReadPrecedenceLine();

  /// FL3's filing time against FL5's DTG, once both are read: a warning, at FL3's time, for
  /// day 366 of a year of 365 days and for a filing more than 30 days from the DTG.
  void CheckFilingAgainstDtg();

  bool ReadFromLine();

  enum class Section { kNone, kTo, kInfo, kExempt };

  static bool IsSectionStart(const std::string& t);

  /// FL7-FL9: TO, INFO, XMT lines and their continuations, up to the end of the heading.
  void ReadAddressees();

  void ReadAddressee(const Line& l, std::size_t offset, Section section);

  /// FL11-FL13: optional BT, the classification line, the text, optional BT.
  void ReadText();

  void ReadClassificationLine(const Line& l);

  const std::vector<Line>& lines_;
  std::size_t i_;
  std::size_t end_;
  ParsedMessage* out_;
  Message& m_;
  std::unordered_set<std::string> routing_seen_;  // FL2's RIs so far
  const Line* filed_line_ = nullptr;              // FL3, when its filing time is valid
  std::size_t filed_offset_ = 0;                  // where the filing time begins on it
};

}  // namespace cablesim::acp127
