#include "topology/yaml_support.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <unordered_map>

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

void YamlSource::CheckKeys(const YAML::Node& map, const std::string& field,
                           const std::vector<std::string>& allowed) const {
  RequireMap(map, field);
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string msg = "unknown key '" + key + "'";
    const std::string guess = DidYouMean(key, allowed);
    if (!guess.empty()) msg += " (did you mean '" + guess + "'?)";
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    msg += "; expected one of: " + list;
    Fail(kv.first, field, msg);
  }
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

// The first key written twice in a mapping anywhere under `node` (yaml-cpp keeps both and
// answers lookups with the first, so the second would be silently ignored).
std::optional<Error> DuplicateKey(const YAML::Node& node, const std::string& path, int depth) {
  if (depth > 200) return std::nullopt;  // yaml-cpp's own nesting is what bounds a file
  if (node.IsMap()) {
    std::unordered_map<std::string, int> first_line;
    for (const auto& kv : node) {
      if (kv.first.IsScalar()) {
        const auto [it, fresh] = first_line.emplace(kv.first.Scalar(), kv.first.Mark().line + 1);
        if (!fresh) {
          return Error{path, kv.first.Mark().line + 1, kv.first.Mark().column + 1, "",
                       "the key '" + kv.first.Scalar() + "' appears twice in this mapping (first " +
                           "at line " + std::to_string(it->second) + "); give it once"};
        }
      }
      if (auto e = DuplicateKey(kv.second, path, depth + 1)) return e;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) {
      if (auto e = DuplicateKey(item, path, depth + 1)) return e;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<YAML::Node> LoadYamlText(const std::string& text, const std::string& path) {
  try {
    YAML::Node root = YAML::Load(text);
    if (!root.IsDefined() || root.IsNull()) return Error{path, 1, 1, "", "the file is empty"};
    if (auto dup = DuplicateKey(root, path, 0)) return *dup;
    return root;
  } catch (const YAML::Exception& e) {
    return Error{path, e.mark.line + 1, e.mark.column + 1, "", "YAML syntax: " + e.msg};
  }
}

std::string FieldPath(const std::string& field, const std::string& key) {
  return field.empty() ? key : field + "." + key;
}

std::string FieldIndex(const std::string& field, std::size_t index) {
  return field + "[" + std::to_string(index) + "]";
}

}  // namespace cablesim
