#include "sim/report/json_writer.h"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace cablesim {

namespace {

constexpr std::size_t kBuffer = std::size_t{64} << 10;  // written out from this size on

// The length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t Utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  auto continuation = [&](std::size_t k, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return k < s.size() && byte(k) >= lo && byte(k) <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;  // E0: no overlong forms
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;  // ED: no surrogates
    return continuation(i + 1, lo, hi) && continuation(i + 2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;  // F0: no overlong forms
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;  // F4: nothing past U+10FFFF
    return continuation(i + 1, lo, hi) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}

// The bytes a JSON string holds as they are: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> kAsIs = [] {
  std::array<bool, 256> as_is{};
  for (int c = 0x20; c < 0x80; ++c) as_is[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return as_is;
}();

// Whether any of the 8 bytes of w is not kAsIs: below 0x20, from 0x80, '"' or '\\' (the
// bit tricks "has less than" and "has zero byte", exact for presence).
bool AnyNotAsIs(std::uint64_t w) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHigh = 0x8080808080808080;
  auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  return ((w & kHigh) | below_space | has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) !=
         0;
}

// The end of the run of kAsIs bytes from s[i]: eight bytes at a time, then one by one.
std::size_t AsIsRunEnd(std::string_view s, std::size_t i) {
  std::uint64_t w;
  while (i + sizeof w <= s.size()) {
    std::memcpy(&w, s.data() + i, sizeof w);
    if (AnyNotAsIs(w)) break;
    i += sizeof w;
  }
  while (i < s.size() && kAsIs[static_cast<unsigned char>(s[i])]) ++i;
  return i;
}

}  // namespace

// Every byte of s is kAsIs: eight at a time, the last eight overlapping the ones before (a
// string of 8 bytes or more), or one by one (a shorter one).
bool JsonTakesAsIs(std::string_view s) {
  std::uint64_t w;
  if (s.size() < sizeof w) {
    for (const char c : s) {
      if (!kAsIs[static_cast<unsigned char>(c)]) return false;
    }
    return true;
  }
  for (std::size_t i = 0; i + sizeof w < s.size(); i += sizeof w) {
    std::memcpy(&w, s.data() + i, sizeof w);
    if (AnyNotAsIs(w)) return false;
  }
  std::memcpy(&w, s.data() + s.size() - sizeof w, sizeof w);
  return !AnyNotAsIs(w);
}

void AppendJsonEscaped(std::string& out, std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // A run of bytes JSON takes as they are is appended whole: most text is one run.
    const std::size_t plain = AsIsRunEnd(s, i);
    out.append(s.data() + i, plain - i);
    if (plain == s.size()) return;
    i = plain;
    const char c = s[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else if (const std::size_t n = Utf8Length(s, i); n > 0) {
          out.append(s.substr(i, n));
          i += n - 1;
        } else {
          out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8: JSON must be
        }
    }
    ++i;
  }
}

std::string JsonEscape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendJsonEscaped(out, s);
  return out;
}

void JsonWriter::NewLine() {
  if (indent_ <= 0) return;
  out_ += '\n';
  out_.append(stack_.size() * static_cast<std::size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!stack_.empty()) {
    assert(!stack_.back().is_object && "a value inside an object needs a key");
    if (!stack_.back().empty) out_ += ',';
    stack_.back().empty = false;
    NewLine();
  }
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  if (indent_ <= 0 && key.size() <= kShort && JsonTakesAsIs(key)) {
    AppendPlainKey<kShort>(key);
    return *this;
  }
  assert(!stack_.empty() && stack_.back().is_object);
  if (!stack_.back().empty) out_ += ',';
  stack_.back().empty = false;
  NewLine();
  out_ += '"';
  AppendJsonEscaped(out_, key);
  out_ += indent_ > 0 ? "\": " : "\":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_ += '{';
  stack_.push_back({true, true});
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  assert(!stack_.empty() && stack_.back().is_object);
  const bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) NewLine();
  out_ += '}';
  if (sink_ != nullptr && out_.size() >= kBuffer) Flush();
  return *this;
}

void JsonWriter::Flush() {
  if (sink_ == nullptr || out_.empty()) return;
  sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
  out_.clear();
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_ += '[';
  stack_.push_back({false, true});
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  assert(!stack_.empty() && !stack_.back().is_object);
  const bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) NewLine();
  out_ += ']';
  return *this;
}

void JsonWriter::AppendQuoted(std::string_view s) {
  if (s.size() > kShort) {
    out_ += '"';
    out_ += s;
    out_ += '"';
    return;
  }
  char text[kShort + 2];  // "s"
  text[0] = '"';
  std::memcpy(text + 1, s.data(), s.size());
  text[s.size() + 1] = '"';
  out_.append(text, s.size() + 2);
}

JsonWriter& JsonWriter::PlainString(std::string_view s) {
  assert(JsonTakesAsIs(s) && "plain text");
  BeforeValue();
  AppendQuoted(s);
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  BeforeValue();
  if (s.size() <= kShort && JsonTakesAsIs(s)) {
    AppendQuoted(s);
    return *this;
  }
  out_ += '"';
  AppendJsonEscaped(out_, s);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::Int(std::int64_t v) {
  BeforeValue();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  return *this;
}

JsonWriter& JsonWriter::Uint(std::uint64_t v) {
  BeforeValue();
  char buf[24];
  out_.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  return *this;
}

JsonWriter& JsonWriter::Double(double v) {
  BeforeValue();
  if (!std::isfinite(v)) {
    out_ += "null";
    return *this;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool v) {
  BeforeValue();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

}  // namespace cablesim
