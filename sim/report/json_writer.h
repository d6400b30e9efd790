// A small streaming JSON writer: commas, nesting and string escaping, nothing else. It
// writes into a string (str()) or to a stream as it goes, a buffer of at most about 64 KiB
// at a time, so a report of any size is never held whole.
// Numbers are written in the shortest form that reads back to the same double, so output
// is byte-identical for identical values.
#pragma once

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace cablesim {

/// Whether a JSON string holds s as it is: bytes 0x20 to 0x7F but '"' and '\\'.
bool JsonTakesAsIs(std::string_view s);

class JsonWriter {
 public:
  /// indent > 0 writes one member per line with that many spaces per level.
  explicit JsonWriter(int indent = 0) : indent_(indent) {}
  /// Writes to `out` (str() then holds only what is not yet written out).
  explicit JsonWriter(std::ostream& out, int indent = 0) : sink_(&out), indent_(indent) {}
  ~JsonWriter() { Flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;
  /// Writes out what is buffered (a stream writer; nothing for a string one).
  void Flush();

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  /// The next value's key; only inside an object.
  JsonWriter& Key(std::string_view key);
  /// The same for a key the program writes as a literal (Key("event")): one that needs no
  /// escape (asserted), so it is copied as it is, its length known where it is written.
  template <std::size_t N>
  JsonWriter& Key(const char (&key)[N]) {
    assert(key[N - 1] == '\0' && std::char_traits<char>::length(key) == N - 1 &&
           JsonTakesAsIs({key, N - 1}) && "a literal key is plain text");
    if (indent_ > 0) return Key(std::string_view(key, N - 1));
    AppendPlainKey<N - 1>(std::string_view(key, N - 1));
    return *this;
  }

  JsonWriter& String(std::string_view s);
  /// String(s) for text the caller vouches needs no escape (JsonTakesAsIs: asserted in
  /// debug builds), a time say: not looked through again.
  JsonWriter& PlainString(std::string_view s);
  JsonWriter& Int(std::int64_t v);
  JsonWriter& Uint(std::uint64_t v);
  /// Non-finite values are written as null (JSON has no NaN or infinity).
  JsonWriter& Double(double v);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  /// `v` when `known`, else null (a figure that does not exist is null, never 0).
  JsonWriter& DoubleIf(bool known, double v) { return known ? Double(v) : Null(); }
  /// `*v`, or null when there is none.
  JsonWriter& DoubleOrNull(const std::optional<double>& v) {
    return DoubleIf(v.has_value(), v.value_or(0.0));
  }
  /// The interval [lo, hi] as a two-element array when `known`, else null.
  JsonWriter& IntervalIf(bool known, double lo, double hi) {
    return known ? BeginArray().Double(lo).Double(hi).EndArray() : Null();
  }
  /// A value that is JSON text already (an event line, say), put in as it is: the caller
  /// vouches that it is one well-formed JSON value.
  JsonWriter& Raw(std::string_view json);

  const std::string& str() const { return out_; }

 private:
  void BeforeValue();
  /// Appends ,"key": (no comma for an object's first key) at once, for a key of at most
  /// kMost bytes that needs no escape, without indent: the key's own way when it is known
  /// where the call is written (a literal), the short key's way otherwise.
  template <std::size_t kMost>
  void AppendPlainKey(std::string_view key) {
    assert(!stack_.empty() && stack_.back().is_object && key.size() <= kMost);
    char text[kMost + 4];
    char* end = text;
    *end = ',';
    end += stack_.back().empty ? 0 : 1;
    stack_.back().empty = false;
    *end++ = '"';
    std::memcpy(end, key.data(), key.size());
    end += key.size();
    *end++ = '"';
    *end++ = ':';
    out_.append(text, end);
    after_key_ = true;
  }
  /// Keys and strings this long or shorter that need no escape are put together on the
  /// stack and appended at once (one append rather than four, most of a key's cost).
  static constexpr std::size_t kShort = 120;
  /// Appends "s" (s as it is, between quotes).
  void AppendQuoted(std::string_view s);
  void NewLine();

  struct Level {
    bool is_object;
    bool empty;
  };
  std::string out_;
  std::ostream* sink_ = nullptr;
  std::vector<Level> stack_;
  bool after_key_ = false;
  int indent_;
};

/// s with JSON escapes, without the surrounding quotes. Bytes that are not well-formed
/// UTF-8 become U+FFFD, one for each, so the output is valid JSON whatever the input.
std::string JsonEscape(std::string_view s);
/// Appends JsonEscape(s) to out, with no string made on the way. s must not point into out
/// (appending may move out's bytes).
void AppendJsonEscaped(std::string& out, std::string_view s);

}  // namespace cablesim
