#include "topology/yaml_support.h"

#include <doctest/doctest.h>

namespace {

using cablesim::YamlLoadError;
using cablesim::YamlMap;
using cablesim::YamlSource;

const std::vector<std::string> kAllowed = {"rate", "framing", "cost", "loss"};

// The error a loader would report for `yaml`'s keys, as text ("" when they are allowed).
std::string KeysError(const std::string& yaml) {
  try {
    YamlSource{"net.yaml"}.Keys(YAML::Load(yaml), "links[0]", kAllowed);
  } catch (const YamlLoadError& e) {
    return e.error().ToString();
  }
  return "";
}

TEST_CASE("YamlMap finds the keys a mapping holds and no other") {
  const YAML::Node doc = YAML::Load("{rate: 600bd, framing: ita2, cost: }");
  const YamlMap m = YamlSource{"net.yaml"}.Keys(doc, "links[0]", kAllowed);
  REQUIRE(m.Find("rate") != nullptr);
  CHECK(m.Find("rate")->Scalar() == "600bd");
  CHECK(m["framing"].Scalar() == "ita2");
  CHECK(m.Find("framing")->Mark().column == doc["framing"].Mark().column);
  // A key given without a value is there (null), as doc["cost"] is defined.
  CHECK(m.Has("cost"));
  CHECK(m.Find("cost")->IsNull());
  CHECK_FALSE(m.Has("loss"));
  CHECK_FALSE(m.Has("rat"));
  CHECK_FALSE(m.Has("rates"));
  CHECK(m.node().IsMap());
}

TEST_CASE("YamlMap gives an absent key the node yaml-cpp gives") {
  const YAML::Node doc = YAML::Load("{rate: 600bd}");
  const YamlMap m = YamlSource{"net.yaml"}.Keys(doc, "", kAllowed);
  const YAML::Node absent = m["loss"];
  CHECK_FALSE(absent.IsDefined());
  CHECK_FALSE(absent);
  // Reading it fails as reading doc["loss"] does, naming the key.
  std::string ours, theirs;
  try {
    (void)absent.Scalar();
  } catch (const YAML::Exception& e) {
    ours = e.what();
  }
  try {
    (void)doc["loss"].Scalar();
  } catch (const YAML::Exception& e) {
    theirs = e.what();
  }
  CHECK(ours == theirs);
  CHECK(ours.find("\"loss\"") != std::string::npos);
}

TEST_CASE("Keys refuses a key not allowed, as CheckKeys does") {
  CHECK(KeysError("{rate: 600bd, framing: ita2}") == "");
  CHECK(KeysError("{rate: 600bd, framng: ita2}") ==
        "net.yaml:1:15: links[0]: unknown key 'framng' (did you mean 'framing'?); expected one "
        "of: rate, framing, cost, loss");
  // A key that is no word (it would read as '') is told so.
  CHECK(KeysError("{[rate]: 600bd}") ==
        "net.yaml:1:2: links[0]: a key must be a word, not a list; expected one of: rate, "
        "framing, cost, loss");
  CHECK(KeysError("{? {rate: 1}: 600bd}") ==
        "net.yaml:1:4: links[0]: a key must be a word, not a mapping; expected one of: rate, "
        "framing, cost, loss");
  CHECK(KeysError("{~: 600bd}") ==
        "net.yaml:1:2: links[0]: a key must be a word, not empty (~); expected one of: rate, "
        "framing, cost, loss");
  CHECK(KeysError("[rate]") == "net.yaml:1:1: links[0]: expected a mapping (key: value lines)");
}

// The error LoadYamlText gives `yaml` as text ("" when it loads).
std::string LoadError(const std::string& yaml) {
  auto doc = cablesim::LoadYamlText(yaml, "x.yaml");
  return doc ? "" : doc.error().ToString();
}

TEST_CASE("LoadYamlText refuses a key given twice in any mapping") {
  CHECK(LoadError("a: 1\nb: {c: 1, d: 2}\ne: [{c: 1}, {c: 2}]\n") == "");
  // The same key in sibling or nested mappings is no duplicate.
  CHECK(LoadError("a: {a: {a: 1}, b: 2}\nb: [{a: 1, b: 2}, {a: 3}]\n") == "");
  CHECK(LoadError("a: 1\nb: 2\na: 3\n") ==
        "x.yaml:3:1: the key 'a' appears twice in this mapping (first at line 1); give it once");
  CHECK(LoadError("top:\n  - {x: 1}\n  - {y: 1, z: {q: 1}, y: 2}\n") ==
        "x.yaml:3:23: the key 'y' appears twice in this mapping (first at line 3); give it once");
  // After a nested mapping's keys, the outer mapping's own.
  CHECK(LoadError("a:\n  b: 1\n  c: 2\nb: 1\nc: 2\nb: 3\n") ==
        "x.yaml:6:1: the key 'b' appears twice in this mapping (first at line 4); give it once");
  // The first duplicate in the file is the one reported.
  CHECK(LoadError("a: {b: 1, b: 2}\nc: {d: 1, d: 2}\n") ==
        "x.yaml:1:11: the key 'b' appears twice in this mapping (first at line 1); give it once");
}

TEST_CASE("LoadYamlText refuses a key given twice in a mapping of many keys") {
  std::string yaml;
  for (int k = 0; k < 100; ++k) yaml += "k" + std::to_string(k) + ": {k: 1}\n";
  CHECK(LoadError(yaml) == "");
  CHECK(LoadError(yaml + "k7: 1\n") ==
        "x.yaml:101:1: the key 'k7' appears twice in this mapping (first at line 8); give it "
        "once");
  CHECK(LoadError(yaml + "k100: {a: 1, a: 2}\n") ==
        "x.yaml:101:14: the key 'a' appears twice in this mapping (first at line 101); give it "
        "once");
}

TEST_CASE("LoadYamlText walks a node named by many aliases once") {
  // A list naming itself twice, and forty lists each naming the one before twice (2^40 paths
  // through them): each is checked once, not once per path (without: no end in sight).
  CHECK(LoadError("a: &a [*a, *a]\n") == "");
  std::string chain = "l0: &l0 [x]\n";
  for (int k = 1; k <= 40; ++k) {
    const std::string before = "*l" + std::to_string(k - 1);
    chain += "l" + std::to_string(k) + ": &l" + std::to_string(k) + " [" + before + ", " + before +
             "]\n";
  }
  CHECK(LoadError(chain) == "");
  // A mapping's duplicate is found where the mapping is written, however it is reached.
  CHECK(LoadError("b: &b {x: 1, x: 2}\nc: [*b, *b]\n") ==
        "x.yaml:1:14: the key 'x' appears twice in this mapping (first at line 1); give it once");
  CHECK(LoadError("c: &c [{y: 1}]\nd: [*c, {y: 1, y: 2}]\n") ==
        "x.yaml:2:16: the key 'y' appears twice in this mapping (first at line 2); give it once");
}

TEST_CASE("LoadYamlText says that lists nested past yaml-cpp's depth are too deep") {
  const std::string deep = "a: " + std::string(600, '[') + std::string(600, ']') + "\n";
  const std::string error = LoadError(deep);
  CHECK(error.rfind("x.yaml:1:", 0) == 0);
  CHECK(error.find(": lists and mappings nested too deep (yaml-cpp reads at most about 500 "
                   "levels; a cablesim file needs a few)") != std::string::npos);
  CHECK(LoadError("a: " + std::string(50, '[') + std::string(50, ']') + "\n") == "");
}

TEST_CASE("LoadYamlText refuses a quoted value never closed") {
  const std::string never_closed =
      ": a quoted value is never closed: its closing quote is missing, so the rest of the "
      "file would be read into it";
  // yaml-cpp itself refuses one cut off in its first line, but reads the rest of the file
  // into one that has a line break before the end.
  CHECK(LoadError("a: 1\nb: \"x\n") == "x.yaml:2:4" + never_closed);
  CHECK(LoadError("a: \"x\nb: 2\n\n") == "x.yaml:1:4" + never_closed);
  CHECK(LoadError("- 'it''s\n- b\n") == "x.yaml:1:3" + never_closed);
  // With an anchor and a tag before the quote; as a key.
  CHECK(LoadError("a: &k !!str \"x\n").find("x.yaml:1:4: a quoted value is never closed") == 0);
  CHECK(LoadError("a: 1\n\"b\n").find("x.yaml:2:1: a quoted value is never closed") == 0);
  // Closed ones, escapes and doubled quotes in them, over lines, last in the file.
  CHECK(LoadError("a: \"x\\\"y\"\n") == "");
  CHECK(LoadError("a: 'it''s'\n") == "");
  CHECK(LoadError("a: \"one\n  two\"\n") == "");
  CHECK(LoadError("a: &k !!str # why\n  \"x\"\nb: *k\n") == "");
  // After a byte-order mark (not counted in yaml-cpp's marks), and with CRLF line ends.
  CHECK(LoadError("\xEF\xBB\xBF"
                  "a: 'x'\n") == "");
  CHECK(LoadError("\xEF\xBB\xBF"
                  "a: 1\nb: 'x\n")
            .find("x.yaml:2:4: a quoted value is never") == 0);
  CHECK(LoadError("a: 1\r\nb: \"x\"\r\n") == "");
  CHECK(LoadError("a: 1\r\nb: \"x\r\n").find("x.yaml:2:4: a quoted value is never") == 0);
  CHECK(LoadError("a: [\"x\", 'y']\nb: |\n  \"z\n") == "");  // a quote in a literal block
  // A tag written against the quote (yaml-cpp reads it so), closed or not.
  CHECK(LoadError("a: !!str\"a 'b\"\nc: !\"x 'y\"\n") == "");
  CHECK(LoadError("a: !\"adv\nb: 1\n").find("x.yaml:1:4: a quoted value is never closed") == 0);
  CHECK(LoadError("a: !!str\"x\n").find("x.yaml:1:4: a quoted value is never closed") == 0);
  // In a flow list, and after a comment with a quote in it.
  CHECK(LoadError("a: [\"x\", \"y\"]  # say \"hi\n") == "");
  CHECK(LoadError("a: [\"x\", \"y\n").find("x.yaml:2:1: YAML syntax") == 0);  // yaml-cpp's own
}

TEST_CASE("LoadYamlText reads UTF-16 whose characters hold a quote's byte") {
  // U+4E22 is 22 4E in UTF-16LE: a byte like '"' that is no quote. yaml-cpp's marks count
  // the UTF-8 it makes of the text, so the text is not looked through for quotes. (In this
  // file, once was: the mark of the last value fell on such a byte.)
  const std::string utf8 =
      "name: t\nnetwork: /work/main/scenarios/networks/dts-2008.yaml\n"
      "description: 丢络试验中的电报传递延迟测量网络试验中的电\ndiscipline: fifo\n";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    unsigned unit = c;
    if (c >= 0xE0) {  // three bytes (the only wide characters here)
      unit = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
      i += 3;
    } else {
      ++i;
    }
    utf16 += static_cast<char>(unit & 0xFF);
    utf16 += static_cast<char>(unit >> 8);
  }
  CHECK(LoadError(utf16) == "");
}

TEST_CASE("LoadYamlText reads one document and refuses a second") {
  CHECK(LoadError("a: 1\n---\nb: 2\n") ==
        "x.yaml:3:1: a second YAML document (after '---'): give one document a file");
  // Empty documents around the one given are no second document.
  CHECK(LoadError("---\n---\na: 1\n") == "");
  CHECK(LoadError("a: 1\n---\n") == "");
  CHECK(LoadError("a: 1\n...\n") == "");
  CHECK(LoadError("---\n...\n") == "x.yaml:1:1: the file is empty");
}

TEST_CASE("LoadYamlText refuses a NUL byte, and a NUL character in a key or value") {
  CHECK(LoadError(std::string("a: 1\nname: x\0y\n", 16)) ==
        "x.yaml:2:8: a NUL byte: not allowed in a YAML file (if it is UTF-16, save it as UTF-8)");
  CHECK(LoadError("a: 1\ncables: [\"c.txt\\0x\"]\n") ==
        "x.yaml:2:10: a NUL character (\\0) in this value: not allowed");
  CHECK(LoadError("a: {\"k\\0\": 1}\n") ==
        "x.yaml:1:5: a NUL character (\\0) in this value: not allowed");
  // UTF-16 with its byte-order mark is YAML as yaml-cpp reads it.
  CHECK(LoadError(std::string("\xFF\xFE"
                              "a\0:\0 \0"
                              "1\0\n\0",
                              12)) == "");
}

}  // namespace
