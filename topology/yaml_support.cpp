#include "topology/yaml_support.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "base/did_you_mean.h"
#include "base/input_file.h"

namespace cablesim {

Error YamlSource::At(const YAML::Node& node, const std::string& field,
                     const std::string& message) const {
  Error e{file, 0, 0, field, message};
  if (node.IsDefined() && node.Mark().line >= 0) {
    e.line = node.Mark().line + 1;
    e.column = node.Mark().column + 1;
  }
  return e;
}

void YamlSource::Fail(const YAML::Node& node, const std::string& field,
                      const std::string& message) const {
  throw YamlLoadError(At(node, field, message));
}

YamlMap::YamlMap(const YAML::Node& map) : map_(map) {}

const YAML::Node* YamlMap::Find(std::string_view key) const {
  for (const Entry& e : entries_) {
    if (e.key == key) return &e.value;
  }
  return nullptr;
}

const YAML::Node YamlMap::operator[](std::string_view key) const {
  if (const YAML::Node* v = Find(key)) return *v;
  return map_[std::string(key)];
}

void YamlSource::CheckKeys(const YAML::Node& map, const std::string& field,
                           const std::vector<std::string>& allowed) const {
  Keys(map, field, allowed);
}

YamlMap YamlSource::Keys(const YAML::Node& map, const std::string& field,
                         const std::vector<std::string>& allowed) const {
  RequireMap(map, field);
  YamlMap index(map);
  index.entries_.reserve(map.size());
  std::string list;  // the keys allowed, for the errors
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  for (const auto& kv : map) {
    // A key written as a list, a mapping or ~ would read as the empty word.
    if (!kv.first.IsScalar()) {
      Fail(kv.first, field,
           std::string("a key must be a word, not ") + NonWordKey(kv.first) +
               "; expected one of: " + list);
    }
    // A view of the key: the document owns the string, and `index` holds the document.
    const std::string& key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) {
      // Only scalar keys can be allowed (any other reads as ""), as only they match map["key"].
      index.entries_.push_back({key, kv.second});
      continue;
    }
    std::string msg = "unknown key '" + key + "'";
    const std::string guess = DidYouMean(key, allowed);
    if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
    msg += "; expected one of: " + list;
    Fail(kv.first, field, msg);
  }
  return index;
}

void YamlSource::RequireMap(const YAML::Node& node, const std::string& field) const {
  if (!node.IsMap()) Fail(node, field, "expected a mapping (key: value lines)");
}

void YamlSource::RequireSequence(const YAML::Node& node, const std::string& field) const {
  if (!node.IsSequence()) Fail(node, field, "expected a list");
}

std::string YamlSource::String(const YAML::Node& node, const std::string& field) const {
  if (!node.IsScalar()) Fail(node, field, "expected a single value");
  return node.Scalar();
}

Duration YamlSource::DurationValue(const YAML::Node& node, const std::string& field) const {
  std::string err;
  auto d = ParseDuration(String(node, field), &err);
  if (!d) Fail(node, field, err);
  return *d;
}

Classification YamlSource::ClassificationValue(const YAML::Node& node,
                                               const std::string& field) const {
  const std::string s = String(node, field);
  const auto c = ParseClassification(s);
  if (!c) {
    const std::string near = DidYouMean(s, ClassificationNames());
    Fail(node, field,
         "unknown classification '" + s + "'" +
             (near.empty() ? "" : " (did you mean '" + near + "'?)") +
             "; expected UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET");
  }
  return *c;
}

std::int64_t YamlSource::Rate(const YAML::Node& node, const std::string& field) const {
  std::string err;
  auto r = ParseRate(String(node, field), &err);
  if (!r) Fail(node, field, err);
  return *r;
}

double YamlSource::Number(const YAML::Node& node, const std::string& field) const {
  const std::string s = String(node, field);
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  Fail(node, field, "expected a number, found '" + s + "'");
}

std::uint64_t YamlSource::Unsigned(const YAML::Node& node, const std::string& field) const {
  const std::string s = String(node, field);
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) {
    Fail(node, field, "expected a whole number from 0 to 18446744073709551615, found '" + s + "'");
  }
  return v;
}

std::int64_t YamlSource::Integer(const YAML::Node& node, const std::string& field, std::int64_t min,
                                 std::int64_t max) const {
  const std::string s = String(node, field);
  try {
    std::size_t used = 0;
    const long long v = std::stoll(s, &used);
    if (used == s.size()) {
      if (v < min || v > max) {
        Fail(node, field,
             "'" + s + "' is out of range [" + std::to_string(min) + ", " + std::to_string(max) +
                 "]");
      }
      return v;
    }
  } catch (const YamlLoadError&) {
    throw;
  } catch (const std::exception&) {
  }
  Fail(node, field, "expected a whole number, found '" + s + "'");
}

bool YamlSource::Bool(const YAML::Node& node, const std::string& field) const {
  const std::string s = String(node, field);
  if (s == "true" || s == "yes") return true;
  if (s == "false" || s == "no") return false;
  Fail(node, field, "expected true or false, found '" + s + "'");
}

std::vector<std::string> YamlSource::StringList(const YAML::Node& node,
                                                const std::string& field) const {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  RequireSequence(node, field);
  for (std::size_t i = 0; i < node.size(); ++i)
    out.push_back(String(node[i], FieldIndex(field, i)));
  return out;
}

Result<YAML::Node> LoadYamlFile(const std::string& path) {
  auto text = ReadInputFile(path);
  if (!text) return text.error();
  return LoadYamlText(*text, path);
}

namespace {

// A key of a mapping being walked, and the line it is on.
struct SeenKey {
  std::string_view key;  // the document owns the string
  int line;
};

// Mappings with more keys than this check with a hash table; smaller ones by looking along.
constexpr std::size_t kLinearKeys = 32;

// The mappings and sequences a walk has been through, by where they begin in the text: an
// alias (*a) is the very node its anchor (&a) names, so each is walked once however often it
// is named. Else `a: &a [*a, *a]`, or ten lists of ten aliases to the list before, would take
// 2^200 or 10^10 steps: the walk stays linear in the text.
using WalkedNodes = std::unordered_set<std::size_t>;

// A key or value holding a NUL character ("\0" in a quoted string): text is cut there by
// whatever reads it next (a file name opened, a name drawn in a picture), so it is refused.
std::optional<Error> NulIn(const YAML::Node& scalar, const std::string& path) {
  if (scalar.Scalar().find('\0') == std::string::npos) return std::nullopt;
  return Error{path, scalar.Mark().line + 1, scalar.Mark().column + 1, "",
               "a NUL character (\\0) in this value: not allowed"};
}

// Keeps in *last the mark of `scalar` when it begins after every scalar met before.
void NoteScalar(const YAML::Node& scalar, YAML::Mark* last) {
  if (scalar.Mark().pos > last->pos) *last = scalar.Mark();
}

// The first key written twice in a mapping anywhere under `node` (yaml-cpp keeps both and
// answers lookups with the first, so the second would be silently ignored), or else the first
// key or value holding a NUL character. `seen` holds the keys of the mappings being walked;
// each walk leaves it as it found it. *last_scalar ends as the mark of the scalar (key or
// value) that begins last in the text, of those walked.
std::optional<Error> FirstBadKeyOrValue(const YAML::Node& node, const std::string& path, int depth,
                                        std::vector<SeenKey>* seen, WalkedNodes* walked,
                                        YAML::Mark* last_scalar) {
  if (depth > 200) return std::nullopt;  // yaml-cpp's own nesting is what bounds a file
  if (node.IsScalar()) {
    NoteScalar(node, last_scalar);
    return NulIn(node, path);
  }
  if (node.IsMap() || node.IsSequence()) {
    // Two containers never begin at the same place; the kind is in the key all the same.
    const std::size_t where =
        static_cast<std::size_t>(node.Mark().pos) * 2 + (node.IsMap() ? 1 : 0);
    if (!walked->insert(where).second) return std::nullopt;  // walked already (an alias)
  }
  if (node.IsMap()) {
    const std::size_t start = seen->size();
    std::unordered_map<std::string_view, int> first_line;  // only for a large mapping
    const bool linear = node.size() <= kLinearKeys;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        NoteScalar(kv.first, last_scalar);
        if (auto e = NulIn(kv.first, path)) return e;
        const std::string& key = kv.first.Scalar();
        const int line = kv.first.Mark().line + 1;
        std::optional<int> first;
        if (linear) {
          for (std::size_t k = start; k < seen->size() && !first; ++k) {
            if ((*seen)[k].key == key) first = (*seen)[k].line;
          }
          seen->push_back({key, line});
        } else if (const auto [it, fresh] = first_line.emplace(key, line); !fresh) {
          first = it->second;
        }
        if (first) {
          return Error{path, line, kv.first.Mark().column + 1, "",
                       "the key '" + key + "' appears twice in this mapping (first " + "at line " +
                           std::to_string(*first) + "); give it once"};
        }
      }
      if (auto e = FirstBadKeyOrValue(kv.second, path, depth + 1, seen, walked, last_scalar)) {
        return e;
      }
    }
    seen->resize(start);
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (auto e = FirstBadKeyOrValue(item, path, depth + 1, seen, walked, last_scalar)) return e;
    }
  }
  return std::nullopt;
}

// yaml-cpp accepts a quoted value that is never closed when the file ends after a line break
// in it (`a: "x` then a new line): the rest of the file becomes the value. Such a value runs
// to the end, so it is the scalar that begins last: `last` is its mark (at its anchor or tag
// when it has one). The text from there, its trailing blanks cut, is read again alone: a
// quote open there now meets the end within a line, which yaml-cpp refuses as an "illegal
// EOF in scalar"; any other answer (the tail of a well-formed file read alone may be no
// document) says nothing. Not for UTF-16 or UTF-32 text (`wide`: yaml-cpp's marks count the
// UTF-8 it converted that to), nor for scalars nested deeper than the walk goes.
std::optional<Error> UnclosedQuote(std::string_view text, const YAML::Mark& last, bool wide,
                                   const std::string& path) {
  if (wide || last.is_null() || last.pos < 0) return std::nullopt;
  // yaml-cpp's marks do not count a UTF-8 byte-order mark.
  const std::size_t from =
      static_cast<std::size_t>(last.pos) + (text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  if (from >= text.size()) return std::nullopt;
  std::string_view tail = text.substr(from);
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r' || tail.back() == ' ' ||
                           tail.back() == '\t')) {
    tail.remove_suffix(1);
  }
  try {
    YAML::LoadAll(std::string(tail));
  } catch (const YAML::ParserException& e) {
    if (e.msg == YAML::ErrorMsg::EOF_IN_SCALAR) {
      return Error{path, last.line + 1, last.column + 1, "",
                   "a quoted value is never closed: its closing quote is missing, so the rest "
                   "of the file would be read into it"};
    }
  } catch (const YAML::Exception&) {
    // The tail alone is no document: nothing to say of it.
  }
  return std::nullopt;
}

}  // namespace

Result<YAML::Node> LoadYamlText(const std::string& text, const std::string& path) {
  // A NUL byte in the text: yaml-cpp reads on past it into other characters. (UTF-16 and
  // UTF-32 are full of them: yaml-cpp reads those when they start with their byte-order mark.)
  const bool wide = text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
                    text.starts_with(std::string_view("\0\0\xFE\xFF", 4));
  if (const std::size_t nul = wide ? std::string::npos : text.find('\0');
      nul != std::string::npos) {
    const std::size_t line_start = text.rfind('\n', nul);
    const auto line =
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n');
    const std::size_t column = nul - (line_start == std::string::npos ? 0 : line_start + 1);
    return Error{path, static_cast<int>(line) + 1, static_cast<int>(column) + 1, "",
                 "a NUL byte: not allowed in a YAML file (if it is UTF-16, save it as UTF-8)"};
  }
  try {
    // Every document is read (yaml-cpp's Load keeps the first and drops the rest unseen); the
    // one that is not empty is the file's, and a second such is refused.
    YAML::Node root;
    for (const YAML::Node& document : YAML::LoadAll(text)) {
      if (!document.IsDefined() || document.IsNull()) continue;
      if (root.IsDefined() && !root.IsNull()) {
        const YAML::Mark at = document.Mark();
        return Error{path, at.is_null() ? 0 : at.line + 1, at.is_null() ? 0 : at.column + 1, "",
                     "a second YAML document (after '---'): give one document a file"};
      }
      root = document;
    }
    if (!root.IsDefined() || root.IsNull()) return Error{path, 1, 1, "", "the file is empty"};
    std::vector<SeenKey> seen;
    WalkedNodes walked;
    YAML::Mark last_scalar = YAML::Mark::null_mark();
    if (auto bad = FirstBadKeyOrValue(root, path, 0, &seen, &walked, &last_scalar)) return *bad;
    if (auto unclosed = UnclosedQuote(text, last_scalar, wide, path)) return *unclosed;
    return root;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp says only "bad file" here.
    return Error{path, e.mark.line + 1, e.mark.column + 1, "",
                 "lists and mappings nested too deep (yaml-cpp reads at most about 500 levels; "
                 "a cablesim file needs a few)"};
  } catch (const YAML::Exception& e) {
    return Error{path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax: " + e.msg};
  }
}

const char* NonWordKey(const YAML::Node& key) {
  return key.IsSequence() ? "a list" : key.IsMap() ? "a mapping" : "empty (~)";
}

std::string FieldPath(const std::string& field, const std::string& key) {
  return field.empty() ? key : field + "." + key;
}

std::string FieldIndex(const std::string& field, std::size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

}  // namespace cablesim
