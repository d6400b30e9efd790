#include "sim/message/acp127_reader.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

#include "base/routing_indicator.h"

namespace cablesim::acp127 {

void MessageReader::Read() {
  SkipBlank();
  SkipPreamble();
  ReadTransmissionId();
  SkipBlank();
  ReadRoutingLine();
  SkipBlank();
  ReadDeLine();
  SkipBlank();
  ReadSecurityLine();
  SkipBlank();
  // A malformed FL5 or FM is an error at its line; reading resumes at the next line that
  // starts a known format line, so every other field is still read.
  if (!ReadPrecedenceLine()) {
    SkipToFormatLine();
    if (AtEnd()) return;
  }
  SkipBlank();
  if (!ReadFromLine()) {
    SkipToFormatLine();
    if (AtEnd()) return;
  }
  ReadAddressees();
  ReadText();
}

void MessageReader::SkipBlank() {
  while (!AtEnd() && Cur().text.empty()) ++i_;
}

void MessageReader::Warn(const Line& l, std::size_t offset, std::string msg) {
  out_->warnings.push_back({l.number, l.indent + static_cast<int>(offset) + 1, std::move(msg)});
}

void MessageReader::Fail(const Line& l, std::size_t offset, std::string msg) {
  out_->errors.push_back({l.number, l.indent + static_cast<int>(offset) + 1, std::move(msg)});
}

void MessageReader::FailHere(std::string msg) {
  if (AtEnd()) {
    out_->errors.push_back(
        {LastLine() + (end_ > 0 ? 1 : 0), 1, std::move(msg) + ", found the end of the message"});
  } else {
    Fail(Cur(), 0, std::move(msg));
  }
}

void MessageReader::SkipPreamble() {
  std::size_t j = i_;
  while (j < end_ && !CanStartHeading(lines_[j].text)) ++j;
  if (j == end_ || j == i_) return;
  std::size_t skipped = 0;
  for (std::size_t k = i_; k < j; ++k) skipped += !lines_[k].text.empty();
  Warn(Cur(), 0,
       "ignored " + std::to_string(skipped) +
           " line(s) before the message heading "
           "(line " +
           std::to_string(lines_[j].number) + ")");
  i_ = j;
}

void MessageReader::SkipToFormatLine() {
  while (!AtEnd()) {
    const std::string& t = Cur().text;
    if (StartsWith(t, "FM ") || IsSectionStart(t) || LooksLikeClassificationLine(t)) return;
    ++i_;
  }
}

void MessageReader::ReadTransmissionId() {
  if (AtEnd()) return;
  const std::string& t = Cur().text;
  if (StartsWith(t, "VZCZC")) {
    m_.transmission_id = t.substr(5);
    ++i_;
  } else if (StartsWith(t, "ZCZC")) {
    m_.transmission_id = t.substr(4);
    Warn(Cur(), 0, "start of message 'ZCZC' without the 'V' of start of transmission");
    ++i_;
  }
}

void MessageReader::ReadRoutingLine() {
  if (AtEnd()) return;
  const std::string& t = Cur().text;
  if (t.size() < 3 || t[0] != t[1] || !IsUpper(t[0]) || t[2] != ' ') return;
  auto tokens = Tokens(t);
  if (tokens.size() < 2 || !IsRoutingIndicator(tokens[1].text)) return;
  if (!PrecedenceFromProsign(t[0])) {
    // A doubled letter that is no precedence prosign, then routing indicators: an FL2 whose
    // precedence is garbled. Say so and go on; FL5 gives the message's precedence.
    Warn(Cur(), 0,
         "unknown precedence prosign '" + t.substr(0, 2) +
             "' in the routing line (FL2: expected YY, ZZ, OO, PP or RR); line ignored");
    ++i_;
    return;
  }
  m_.has_routing_line = true;
  m_.routing_precedence = *PrecedenceFromProsign(t[0]);
  AddRoutingRis(Cur(), tokens, 1);
  ++i_;
  // Continuation lines hold nothing but routing indicators.
  while (!AtEnd() && !Cur().text.empty()) {
    auto more = Tokens(Cur().text);
    if (more.empty() || !std::all_of(more.begin(), more.end(),
                                     [](const Token& tk) { return IsRoutingIndicator(tk.text); })) {
      break;
    }
    AddRoutingRis(Cur(), more, 0);
    ++i_;
  }
}

void MessageReader::AddRoutingRis(const Line& l, const std::vector<Token>& tokens,
                                  std::size_t from) {
  for (std::size_t k = from; k < tokens.size(); ++k) {
    std::string ri(tokens[k].text);
    if (!IsRoutingIndicator(ri)) {
      Warn(l, tokens[k].offset,
           "'" + ri +
               "' is not a routing indicator (4-7 letters); "
               "left out of the routing line");
      continue;
    }
    if (!routing_seen_.insert(ri).second) {  // a set: linear in the line, however long
      Warn(l, tokens[k].offset, "routing indicator " + ri + " appears twice in FL2");
      continue;
    }
    m_.routing_ris.push_back(ri);
  }
}

void MessageReader::ReadDeLine() {
  if (AtEnd() || !StartsWith(Cur().text, "DE ")) return;
  const Line& l = Cur();
  ++i_;
  auto tokens = Tokens(l.text);
  if (tokens.size() < 2 || !IsRoutingIndicator(tokens[1].text)) {
    Fail(l, tokens.size() > 1 ? tokens[1].offset : 2,
         "expected the originating station's routing indicator after DE "
         "(e.g. 'DE RUEHC #0837 1572133')");
    return;
  }
  m_.station_ri = std::string(tokens[1].text);
  if (tokens.size() < 4) {
    Fail(l, l.text.size(),
         "expected '#serial filing-time' after the station "
         "(e.g. 'DE RUEHC #0837 1572133')");
    return;
  }
  std::string_view serial = tokens[2].text;
  if (serial.empty() || serial[0] != '#') {
    Fail(l, tokens[2].offset,
         "expected '#' and the station serial number, found '" + std::string(serial) + "'");
    return;
  }
  serial.remove_prefix(1);
  if (auto slash = serial.find('/'); slash != std::string_view::npos) {
    m_.section = std::string(serial.substr(slash + 1));
    serial = serial.substr(0, slash);
    if (!AllDigits(m_.section)) {
      Fail(l, tokens[2].offset + 2 + slash, "section '" + m_.section + "' is not a number");
    }
  }
  if (!AllDigits(serial)) {
    Fail(l, tokens[2].offset + 1, "station serial '" + std::string(serial) + "' is not a number");
  }
  m_.station_serial = std::string(serial);
  std::string_view filed = tokens[3].text;
  if (filed.size() != 7 || !AllDigits(filed)) {
    Fail(l, tokens[3].offset,
         "expected the filing time as Julian day and hhmm (7 digits, "
         "e.g. 1572133), found '" +
             std::string(filed) + "'");
    return;
  }
  m_.filed_julian_day = std::stoi(std::string(filed.substr(0, 3)));
  m_.filed_time = std::string(filed.substr(3));
  const int hh = std::stoi(m_.filed_time.substr(0, 2));
  const int mm = std::stoi(m_.filed_time.substr(2));
  if (m_.filed_julian_day < 1 || m_.filed_julian_day > 366 || hh > 23 || mm > 59) {
    Fail(l, tokens[3].offset,
         "filing time '" + std::string(filed) +
             "' is not a Julian day 001-366 and a time 0000-2359");
  } else {
    filed_line_ = &l;
    filed_offset_ = tokens[3].offset;
  }
  if (tokens.size() > 4) {
    Warn(l, tokens[4].offset,
         "ignored text after the filing time: '" + Join(tokens, 4, tokens.size()) + "'");
  }
}

void MessageReader::ReadSecurityLine() {
  if (AtEnd()) return;
  const Line& l = Cur();
  if (!StartsWith(l.text, "ZNR") && !StartsWith(l.text, "ZNY")) return;
  auto tokens = Tokens(l.text);
  if (tokens[0].text.size() != 3) return;
  ++i_;
  m_.security_signal = std::string(tokens[0].text);
  if (tokens.size() < 2) {
    Warn(l, l.text.size(), "no classification group after " + m_.security_signal);
    return;
  }
  m_.security_group = std::string(tokens[1].text);
  const auto& g = m_.security_group;
  const bool repeated = std::all_of(g.begin(), g.end(), [&](char c) { return c == g[0]; });
  if (!repeated || g.size() != 5) {
    Warn(l, tokens[1].offset,
         "classification group '" + g + "' should be one letter repeated 5 times (e.g. CCCCC)");
  }
  const auto upper = static_cast<char>(std::toupper(static_cast<unsigned char>(g[0])));
  if (upper != g[0] && std::string_view("UCSTE").find(upper) != std::string_view::npos) {
    Warn(l, tokens[1].offset, "classification group '" + g + "' in lower case; read as upper case");
  } else if (std::string_view("UCSTE").find(g[0]) == std::string_view::npos) {
    Warn(l, tokens[1].offset,
         "'" + g.substr(0, 1) +
             "' is no classification letter (U, C, S, T, or E for EFTO): the classification "
             "line decides, else " +
             (m_.security_signal == "ZNY" ? "CONFIDENTIAL (ZNY: not to go unencrypted)"
                                          : "UNCLASSIFIED"));
  }
  for (std::size_t k = 2; k < tokens.size(); ++k) {
    m_.operating_signals.emplace_back(tokens[k].text);
  }
}

bool MessageReader::ReadPrecedenceLine() {
  if (AtEnd()) {
    FailHere("expected FL5, precedence and date-time group (e.g. 'O P 052124Z JUN 08')");
    return false;
  }
  const Line& l = Cur();
  auto tokens = Tokens(l.text);
  std::size_t k = 0;
  std::vector<Precedence> prosigns;
  while (k < tokens.size() && k < 2 && tokens[k].text.size() == 1 &&
         PrecedenceFromProsign(tokens[k].text[0])) {
    prosigns.push_back(*PrecedenceFromProsign(tokens[k].text[0]));
    ++k;
  }
  if (prosigns.empty()) {
    Fail(l, 0,
         "expected FL5, precedence prosign(s) and date-time group "
         "(e.g. 'O P 052124Z JUN 08'), found '" +
             l.text + "'");
    return false;
  }
  ++i_;
  m_.action_precedence = prosigns[0];
  m_.info_precedence = prosigns.size() > 1 ? prosigns[1] : prosigns[0];
  m_.dual_precedence = prosigns.size() > 1;
  if (k + 3 > tokens.size()) {
    Fail(l, k < tokens.size() ? tokens[k].offset : l.text.size(),
         "expected a date-time group like 052124Z JUN 08 after the precedence");
    return false;
  }
  std::string dtg = Join(tokens, k, k + 3);
  std::string why;
  auto parsed = ParseDtg(dtg, &why);
  if (!parsed) {
    Fail(l, tokens[k].offset, why);
    return false;
  }
  m_.dtg = *parsed;
  m_.dtg_signals = Join(tokens, k + 3, tokens.size());
  CheckFilingAgainstDtg();
  if (m_.has_routing_line) {
    const Precedence highest = std::max(m_.action_precedence, m_.info_precedence);
    if (m_.routing_precedence != highest) {
      Warn(l, 0,
           "FL2 precedence " + std::string(PrecedenceName(m_.routing_precedence)) +
               " differs from the highest in FL5, " + std::string(PrecedenceName(highest)));
    }
  }
  return true;
}

void MessageReader::CheckFilingAgainstDtg() {
  const auto filed = FiledAt(m_);
  if (filed_line_ == nullptr || !filed) return;
  const FilingTime& t = *filed;
  const std::string when = DtgToIso(DtgFromUnixSeconds(t.unix_seconds));
  if (m_.filed_julian_day == 366 && !IsLeapYear(t.year)) {
    Warn(*filed_line_, filed_offset_,
         "filing day 366 of " + std::to_string(t.year) + ", a year of 365 days: read as " + when);
  }
  const std::int64_t apart_s = t.unix_seconds - DtgToUnixSeconds(m_.dtg);
  constexpr std::int64_t kDay = 86400;
  if (apart_s > 30 * kDay || apart_s < -30 * kDay) {
    Warn(*filed_line_, filed_offset_,
         "filing time " + when + " is " +
             FormatDuration(Duration::Seconds(apart_s < 0 ? -apart_s : apart_s)) + " " +
             (apart_s < 0 ? "before" : "after") + " the DTG (" + DtgToIso(m_.dtg) +
             "): the cable is filed at this time; check FL3's day");
  }
}

bool MessageReader::ReadFromLine() {
  if (AtEnd() || !StartsWith(Cur().text, "FM ")) {
    FailHere("expected FL6, 'FM' and the originator (e.g. 'FM SECSTATE WASHDC')");
    return false;
  }
  const auto tokens = Tokens(std::string_view(Cur().text).substr(3));
  m_.from = Join(tokens, 0, tokens.size());
  if (m_.from.empty()) Fail(Cur(), 2, "FM without an originator");
  ++i_;
  return true;
}

bool MessageReader::IsSectionStart(const std::string& t) {
  return StartsWith(t, "TO ") || t == "TO" || StartsWith(t, "INFO ") || t == "INFO" ||
         StartsWith(t, "XMT ") || t == "XMT" || t == "BT";
}

void MessageReader::ReadAddressees() {
  Section section = Section::kNone;
  while (!AtEnd()) {
    const Line& l = Cur();
    const std::string& t = l.text;
    if (t.empty()) {
      // A blank line ends the heading unless another addressee section follows it.
      std::size_t j = i_;
      while (j < end_ && lines_[j].text.empty()) ++j;
      if (j < end_ && (StartsWith(lines_[j].text, "TO ") || StartsWith(lines_[j].text, "INFO ") ||
                       StartsWith(lines_[j].text, "XMT "))) {
        i_ = j;
        continue;
      }
      break;
    }
    if (t == "BT") break;
    std::size_t offset = 0;
    if (StartsWith(t, "TO ") || t == "TO") {
      section = Section::kTo;
      offset = 3;
    } else if (StartsWith(t, "INFO ") || t == "INFO") {
      section = Section::kInfo;
      offset = 5;
    } else if (StartsWith(t, "XMT ") || t == "XMT") {
      section = Section::kExempt;
      offset = 4;
    } else if (StartsWith(t, "TO") && t.find('/') != std::string::npos &&
               IsRoutingIndicator(t.substr(2, t.find('/') - 2))) {
      Warn(l, 2, "missing space after TO (read as 'TO " + t.substr(2) + "')");
      section = Section::kTo;
      offset = 2;
    } else if (LooksLikeClassificationLine(t)) {
      break;
    } else if (section == Section::kNone) {
      Fail(l, 0, "expected TO, INFO or XMT before an addressee, found '" + t + "'");
      ++i_;
      continue;
    }
    ++i_;
    while (offset < t.size() && t[offset] == ' ') ++offset;
    if (offset >= t.size()) continue;  // keyword alone on its line
    ReadAddressee(l, offset, section);
  }
  const int where = AtEnd() ? LastLine() : Cur().number;
  if (m_.to.empty() && m_.info.empty()) {
    out_->errors.push_back({where, 1, "no addressee: expected TO (FL7) or INFO (FL8) lines"});
  } else if (m_.to.empty()) {
    out_->warnings.push_back({where, 1, "no TO addressee (FL7); only INFO addressees"});
  }
}

void MessageReader::ReadAddressee(const Line& l, std::size_t offset,
                                  MessageReader::Section section) {
  Addressee a;
  std::string_view rest = std::string_view(l.text).substr(offset);
  if (StartsWith(rest, "ZEN/")) {
    a.zen = true;
    rest.remove_prefix(4);
    offset += 4;
  } else if (auto slash = rest.find('/');
             slash != std::string_view::npos && IsRoutingIndicator(rest.substr(0, slash))) {
    a.ri = std::string(rest.substr(0, slash));
    rest.remove_prefix(slash + 1);
    offset += slash + 1;
  }
  if (!a.ri && !a.zen && StartsWith(rest, "/")) {
    // "TO /..." names no station: an RI goes before the slash, or none is written at all.
    Fail(l, offset, "addressee with '/' but no routing indicator before it");
    return;
  }
  auto tokens = Tokens(rest);
  std::size_t n = tokens.size();
  if (n > 0) {
    std::string_view last = tokens[n - 1].text;
    const auto dash = last.find('-');
    const bool serial = dash == std::string_view::npos
                            ? AllDigits(last)
                            : AllDigits(last.substr(0, dash)) && AllDigits(last.substr(dash + 1));
    if (serial && n > 1) {
      a.serial = std::string(last);
      --n;
    }
  }
  if (n > 1) {
    if (auto p = PrecedenceFromWord(tokens[n - 1].text)) {
      a.word = *p;
      --n;
      if (*p == Precedence::kImmediate && n > 1 && tokens[n - 1].text == "NIACT") {
        a.niact = true;
        --n;
      }
    }
  }
  a.address = Join(tokens, 0, n);
  if (a.address.empty()) {
    Fail(l, offset, "addressee without a plain-language address");
    return;
  }
  a.collective =
      a.address.size() >= 10 && a.address.compare(a.address.size() - 10, 10, "COLLECTIVE") == 0;
  switch (section) {
    case Section::kTo:
      a.precedence = a.word.value_or(m_.action_precedence);
      m_.to.push_back(std::move(a));
      break;
    case Section::kInfo:
      a.precedence = a.word.value_or(m_.info_precedence);
      m_.info.push_back(std::move(a));
      break;
    case Section::kExempt:
      a.precedence = a.word.value_or(m_.info_precedence);
      m_.exempt.push_back(std::move(a));
      break;
    case Section::kNone:
      break;
  }
}

void MessageReader::ReadText() {
  SkipBlank();
  if (!AtEnd() && Cur().text == "BT") {
    ++i_;
    SkipBlank();
  }
  if (AtEnd() || Cur().text == "BT" || Cur().text == "NNNN") {
    return;  // a heading alone (as in a corpus of headers) has no text
  }
  // A date or archive line may stand before the classification line: look a few lines on.
  for (std::size_t j = i_, seen = 0; j < end_ && seen < kClassificationLookahead; ++j) {
    if (lines_[j].text.empty()) continue;
    if (lines_[j].text == "BT" || lines_[j].text == "NNNN") break;
    if (LooksLikeClassificationLine(lines_[j].text)) {
      if (j != i_) {
        Warn(Cur(), 0,
             "ignored " + std::to_string(seen) + " line(s) before the classification line (line " +
                 std::to_string(lines_[j].number) + ")");
        i_ = j;
      }
      break;
    }
    ++seen;
  }
  ReadClassificationLine(Cur());
  ++i_;
  std::size_t text_end = end_;
  for (std::size_t j = i_; j < end_; ++j) {
    if (lines_[j].text == "BT" || lines_[j].text == "NNNN") {
      text_end = j;
      break;
    }
  }
  while (text_end > i_ && lines_[text_end - 1].text.empty()) --text_end;
  for (std::size_t j = i_; j < text_end; ++j) m_.text.push_back(lines_[j].text);
}

void MessageReader::ReadClassificationLine(const Line& l) {
  std::string t = l.text;
  const std::string upper = ToUpper(t);
  std::size_t start = 0;
  if (StartsWith(t, "Cable dated:")) {
    // The web archive glued its own date before the classification line.
    Warn(l, 0, "a 'Cable dated:' prefix stands before the classification line; ignored");
    start = std::string::npos;
    for (std::size_t p = 12; p < upper.size(); ++p) {
      if (ClassificationAt(std::string_view(upper).substr(p))) {
        start = p;
        break;
      }
    }
    if (start == std::string::npos) {
      m_.classification_line = t;
      Warn(l, 0, "no classification found in the first text line");
      return;
    }
  }
  m_.classification_line = t.substr(start);
  const ClassificationPattern* c = ClassificationAt(std::string_view(upper).substr(start));
  if (!c) {
    Warn(l, start,
         "no classification (UNCLAS, C O N F I D E N T I A L, S E C R E T, ...) "
         "at the start of the first text line");
    return;
  }
  if (!StartsWith(std::string_view(t).substr(start), c->written)) {
    // Some archives lower-cased the line ("S e c r e t state 068250").
    Warn(l, start, "classification line in lower case; read as upper case");
    t = upper;
  }
  m_.classification = std::string(c->meaning);
  std::string_view rest = std::string_view(t).substr(start + c->written.size());
  // Markings glued to the classification ("SECRET//NOFORN") are not part of the reference.
  while (!rest.empty() && rest[0] != ' ') rest.remove_prefix(1);
  auto tokens = Tokens(rest);
  std::size_t k = 0;
  if (tokens.size() >= 4 && tokens[0].text == "SECTION" && tokens[2].text == "OF") k = 4;
  // The reference: words up to and including the first token that starts with digits.
  std::string ref;
  for (; k < tokens.size(); ++k) {
    std::string_view tk = tokens[k].text;
    if (!ref.empty()) ref += ' ';
    if (IsDigit(tk[0])) {
      std::size_t d = 0;
      while (d < tk.size() && IsDigit(tk[d])) ++d;
      ref += tk.substr(0, d);
      if (d < tk.size() || k + 1 < tokens.size()) {
        Warn(l, static_cast<std::size_t>(rest.data() - t.data()) + tokens[k].offset + d,
             "text after the message reference; kept in the classification line only");
      }
      m_.reference = ref;
      return;
    }
    ref += tk;
  }
  Warn(l, start, "no message reference (originator and number) in the first text line");
}

}  // namespace cablesim::acp127
