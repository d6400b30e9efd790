#include "sim/report/json_writer.h"

#include <doctest/doctest.h>

#include <limits>
#include <optional>

using cablesim::JsonWriter;

TEST_CASE("objects, arrays and escapes") {
  JsonWriter w;
  w.BeginObject()
      .Key("a")
      .Int(-3)
      .Key("b")
      .String("q\"u\\o\nte")
      .Key("c")
      .BeginArray()
      .Double(0.1)
      .Bool(true)
      .Null()
      .EndArray()
      .Key("d")
      .BeginObject()
      .EndObject()
      .EndObject();
  CHECK(w.str() == R"({"a":-3,"b":"q\"u\\o\nte","c":[0.1,true,null],"d":{}})");
}

TEST_CASE("non-finite doubles become null") {
  JsonWriter w;
  w.BeginArray().Double(std::numeric_limits<double>::infinity()).EndArray();
  CHECK(w.str() == "[null]");
}

TEST_CASE("a figure that does not exist is null, and so is an interval without one") {
  JsonWriter w;
  w.BeginArray().DoubleIf(true, 1.5).DoubleIf(false, 1.5);
  w.DoubleOrNull(2.5).DoubleOrNull(std::nullopt);
  w.IntervalIf(true, 1, 2).IntervalIf(false, 1, 2).EndArray();
  CHECK(w.str() == "[1.5,null,2.5,null,[1,2],null]");
}

TEST_CASE("indented output puts one member per line") {
  JsonWriter w(2);
  w.BeginObject().Key("x").Int(1).Key("y").BeginArray().Int(2).EndArray().EndObject();
  CHECK(w.str() == "{\n  \"x\": 1,\n  \"y\": [\n    2\n  ]\n}");
}

TEST_CASE("strings that are not UTF-8 become valid JSON: U+FFFD for each bad byte") {
  using cablesim::JsonEscape;
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(JsonEscape("caf\xC3\xA9") == "caf\xC3\xA9");  // é, kept
  CHECK(JsonEscape("\xE2\x82\xAC \xF0\x9F\x93\xA1") == "\xE2\x82\xAC \xF0\x9F\x93\xA1");  // € 📡
  CHECK(JsonEscape("a\xFF"
                   "b") == "a" + fffd + "b");                          // never a UTF-8 byte
  CHECK(JsonEscape("\xC3") == fffd);                                   // cut short
  CHECK(JsonEscape("\xC0\xAF") == fffd + fffd);                        // overlong '/'
  CHECK(JsonEscape("\xE0\x80\xAF") == fffd + fffd + fffd);             // overlong, 3 bytes
  CHECK(JsonEscape("\xED\xA0\x80") == fffd + fffd + fffd);             // a surrogate
  CHECK(JsonEscape("\xF4\x90\x80\x80") == fffd + fffd + fffd + fffd);  // past U+10FFFF
  CHECK(JsonEscape("\x80") == fffd);                                   // a lone continuation
  CHECK(JsonEscape(std::string("\x01\x7F", 2)) == "\\u0001\x7F");
}

TEST_CASE("every byte is escaped alike wherever it stands in a long string") {
  // The escaper reads eight bytes at a time where it can: each byte value, at each place
  // of a 17-byte string, must come out as it does alone between plain letters.
  using cablesim::JsonEscape;
  auto alone = [](unsigned char b) -> std::string {
    switch (b) {
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (b < 0x20) {
      const char* hex = "0123456789abcdef";
      return std::string("\\u00") + hex[b >> 4] + hex[b & 15];
    }
    return b < 0x80 ? std::string(1, static_cast<char>(b)) : "\xEF\xBF\xBD";  // a lone byte
  };
  for (int b = 0; b < 256; ++b) {
    for (std::size_t at = 0; at < 17; ++at) {
      std::string in(17, 'a');
      in[at] = static_cast<char>(b);
      const std::string want =
          std::string(at, 'a') + alone(static_cast<unsigned char>(b)) + std::string(16 - at, 'a');
      CHECK_MESSAGE(JsonEscape(in) == want, "byte " << b << " at " << at);
    }
  }
  // Keys and strings take a shorter way when short (up to 120 bytes) and plain: each byte
  // value, at each place of strings of lengths about 8 and its multiples and about 120,
  // comes out as it does alone, as a key and as a string.
  for (const std::size_t length : {1U, 2U, 7U, 8U, 9U, 15U, 16U, 17U, 119U, 120U, 121U}) {
    for (int b = 0; b < 256; ++b) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string in(length, 'a');
        in[at] = static_cast<char>(b);
        const std::string want = std::string(at, 'a') + alone(static_cast<unsigned char>(b)) +
                                 std::string(length - 1 - at, 'a');
        cablesim::JsonWriter w;
        w.BeginObject().Key(in).String(in).Key("k").String(in).EndObject();
        const std::string expected = "{\"" + want + "\":\"" + want + "\",\"k\":\"" + want + "\"}";
        if (w.str() != expected) {
          CHECK_MESSAGE(w.str() == expected, "byte " << b << " at " << at << " of " << length);
        }
      }
    }
  }
  CHECK(JsonEscape(std::string(40, 'x') + "\xC3\xA9" + std::string(9, 'y')) ==
        std::string(40, 'x') + "\xC3\xA9" + std::string(9, 'y'));
}

TEST_CASE("a plain string is written as String writes it, short or long") {
  for (const std::size_t length : {0U, 5U, 24U, 120U, 121U, 300U}) {
    const std::string text(length, 'x');
    cablesim::JsonWriter plain, escaped;
    plain.BeginArray().PlainString(text).PlainString("2008-06-05T21:33:00.000Z").EndArray();
    escaped.BeginArray().String(text).String("2008-06-05T21:33:00.000Z").EndArray();
    CHECK(plain.str() == escaped.str());
    CHECK(plain.str() == "[\"" + text + "\",\"2008-06-05T21:33:00.000Z\"]");
  }
}
