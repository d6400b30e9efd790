#include "sim/experiment/scenario_edit.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "base/input_file.h"
#include "topology/yaml_support.h"

namespace cablesim {
namespace {

std::vector<std::string> SplitPath(const std::string& key) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1) {
    out.push_back(key.substr(start, dot - start));
  }
  out.push_back(key.substr(start));
  return out;
}

// "station" for a list under "stations", and so on.
std::string Noun(const std::string& list_key) {
  if (list_key == "stations") return "station";
  if (list_key == "links") return "link";
  if (list_key == "generators") return "generator";
  if (list_key == "collectives") return "collective";
  if (list_key == "messages") return "message";
  if (list_key == "faults") return "fault";
  return "element";
}

// The names an element of a list answers to: its ri, name or id, or its link "A-B" / "B-A".
std::vector<std::string> Identities(const YAML::Node& e) {
  std::vector<std::string> out;
  if (!e.IsMap()) return out;
  for (const char* k : {"ri", "name", "id"}) {
    if (e[k] && e[k].IsScalar()) out.push_back(e[k].Scalar());
  }
  const YAML::Node b = e["between"];
  if (b && b.IsSequence() && b.size() == 2 && b[0].IsScalar() && b[1].IsScalar()) {
    out.push_back(b[0].Scalar() + "-" + b[1].Scalar());
    out.push_back(b[1].Scalar() + "-" + b[0].Scalar());
  }
  return out;
}

bool IsIndex(const std::string& s) {
  return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// Reads the value of `kv` as YAML into *out; "" on success, else why not. One document only:
// yaml-cpp's Load would keep the first of 'a\n---\nb' and drop the rest unseen.
std::string ReadValue(const KeyValue& kv, YAML::Node* out) {
  if (kv.value.find('\0') != std::string::npos) return "a NUL character in the value of " + kv.key;
  const std::vector<YAML::Node> documents = YAML::LoadAll(kv.value);
  if (documents.size() > 1) {
    return "the value of " + kv.key + " holds a second YAML document (after '---'): give one value";
  }
  *out = documents.empty() ? YAML::Node(YAML::NodeType::Null) : documents.front();
  return "";
}

// Applies key=value to root; "" on success, else why not.
std::string Apply(YAML::Node root, const KeyValue& kv) {
  const auto path = SplitPath(kv.key);
  YAML::Node node;
  node.reset(root);
  std::string where;  // the path so far, for messages
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& seg = path[i];
    const bool last = i + 1 == path.size();
    if (seg.empty()) return "an empty part in the key (two dots, or a dot at an end)";
    if (node.IsSequence()) {
      const std::string parent = where.empty() ? "" : where.substr(where.rfind('.') + 1);
      std::optional<std::size_t> found;
      std::vector<std::string> known;
      for (std::size_t k = 0; k < node.size(); ++k) {
        for (const auto& id : Identities(node[k])) {
          known.push_back(id);
          if (id == seg && !found) found = k;
        }
      }
      if (!found && IsIndex(seg) && std::stoul(seg) < node.size()) found = std::stoul(seg);
      if (!found) {
        const std::string guess = DidYouMean(seg, known);
        return "no " + Noun(parent) + " " + seg + " in " + where +
               (guess.empty() ? "" : " (did you mean " + guess + "?)");
      }
      if (last) {
        YAML::Node value;
        if (std::string why = ReadValue(kv, &value); !why.empty()) return why;
        node[*found] = value;
        return "";
      }
      YAML::Node child = node[*found];
      node.reset(child);
    } else if (node.IsMap() || node.IsNull()) {
      if (last) {
        YAML::Node value;
        if (std::string why = ReadValue(kv, &value); !why.empty()) return why;
        node[seg] = value;
        return "";
      }
      if (!node[seg] && where.empty() && (seg == "objectives" || seg == "procedure")) {
        // Left out, they are their defaults: a setting adds to them as the key would.
        node[seg] = YAML::Node(YAML::NodeType::Map);
      }
      if (!node[seg]) {
        std::vector<std::string> known;
        for (const auto& child : node) known.push_back(child.first.Scalar());
        const std::string guess = DidYouMean(seg, known);
        return "no " + seg + " in " + (where.empty() ? "the scenario" : where) +
               (guess.empty() ? "" : " (did you mean " + guess + "?)");
      }
      YAML::Node child = node[seg];
      node.reset(child);
    } else {
      return where + " is a value, not something with a " + seg + " in it";
    }
    where += (where.empty() ? "" : ".") + seg;
  }
  return "";
}

// The scenario read from `path` (`read`: its YAML, or why not) as YAML text, its network file
// inlined (so that network keys can be reached by path).
Result<std::string> InlinedYaml(Result<YAML::Node> read, const std::string& path) {
  if (!read) return read.error();
  YAML::Node root = *read;
  try {
    if (root.IsMap() && root["network"] && root["network"].IsScalar()) {
      namespace fs = std::filesystem;
      const std::string rel = root["network"].Scalar();
      const fs::path p =
          fs::path(rel).is_absolute() ? fs::path(rel) : fs::path(path).parent_path() / rel;
      auto net = LoadYamlFile(p.string());
      if (!net) return net.error();
      root["network"] = *net;
    }
    YAML::Emitter out;
    out << root;
    return std::string(out.c_str());
  } catch (const YAML::Exception& e) {
    return Error{path, e.mark.line + 1, e.mark.column + 1, "", e.msg};
  }
}

}  // namespace

std::vector<std::string> SplitValues(const std::string& list) {
  std::vector<std::string> out;
  int depth = 0;
  char quote = 0;  // the quote a quoted part began with, 0 outside one
  std::string cur;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const char c = list[i];
    cur += c;
    if (quote) {
      // YAML: a double-quoted part escapes with '\\', a single-quoted one doubles its quote.
      if (quote == '"' && c == '\\' && i + 1 < list.size()) {
        cur += list[++i];
      } else if (quote == '\'' && c == '\'' && i + 1 < list.size() && list[i + 1] == '\'') {
        cur += list[++i];
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    // A quote opens a quoted part only where a YAML value begins: first, or after a ',', a
    // '[', a '{' or a ':' (blanks between); "it's" is a plain word.
    if (c == '"' || c == '\'') {
      const auto before = cur.find_last_not_of(' ', cur.size() - 2);
      const bool starts = cur.size() == 1 || before == std::string::npos ||
                          std::string_view(",[{:").find(cur[before]) != std::string_view::npos;
      if (starts) quote = c;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') --depth;
    if (c == ',' && depth == 0) {
      cur.pop_back();
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  out.push_back(cur);
  return out;
}

Result<ScenarioText> ScenarioText::Read(const std::string& path) {
  auto yaml = InlinedYaml(LoadYamlFile(path), path);
  if (!yaml) return yaml.error();
  return ScenarioText(path, std::move(yaml).value());
}

Result<ScenarioText> ScenarioText::FromText(const std::string& text, const std::string& path) {
  auto yaml = InlinedYaml(LoadYamlText(text, path), path);
  if (!yaml) return yaml.error();
  return ScenarioText(path, std::move(yaml).value());
}

Result<ScenarioText> ScenarioText::With(const std::vector<KeyValue>& edits) const {
  ScenarioText t = *this;
  if (edits.empty()) return t;
  try {
    YAML::Node root = YAML::Load(yaml_);
    for (const KeyValue& kv : edits) {
      const std::string why = Apply(root, kv);
      if (!why.empty()) return Error{"", 0, 0, "--vary", why};
    }
    YAML::Emitter out;
    out << root;
    t.yaml_ = out.c_str();
    return t;
  } catch (const YAML::DeepRecursion&) {
    return Error{"", 0, 0, "--vary", "not a value: lists and mappings nested too deep"};
  } catch (const YAML::Exception& e) {
    return Error{"", 0, 0, "--vary", "not a value: " + e.msg};
  }
}

std::string ScenarioText::WithoutPlace(const std::string& warning) const {
  // "PATH:LINE:COLUMN: " (or "PATH:LINE: ") as Error::ToString writes it.
  if (path_.empty() || warning.compare(0, path_.size() + 1, path_ + ":") != 0) return warning;
  std::size_t at = path_.size() + 1;
  auto digits = [&] {
    const std::size_t from = at;
    while (at < warning.size() && warning[at] >= '0' && warning[at] <= '9') ++at;
    return at > from;
  };
  if (!digits()) return warning;
  if (warning.compare(at, 1, ":") == 0 && at + 1 < warning.size() && warning[at + 1] != ' ') {
    ++at;
    if (!digits()) return warning;
  }
  if (warning.compare(at, 2, ": ") != 0) return warning;
  return warning.substr(at + 2);
}

Result<Scenario> ScenarioText::Load(const std::vector<KeyValue>& edits,
                                    const LoadOptions& options) const {
  const auto edited = With(edits);
  if (!edited) return edited.error();
  const std::string& text = edited->yaml_;
  auto s = LoadScenarioText(text, path_, options);
  if (s.ok() && !edits.empty()) {
    for (std::string& w : s->warnings) w = WithoutPlace(w);  // a line no one wrote
  }
  if (s.ok() || edits.empty()) return s;
  // The edited text has no lines the user wrote: name the edits and the field.
  std::string setting;
  for (const KeyValue& kv : edits)
    setting += (setting.empty() ? "" : ", ") + kv.key + "=" + kv.value;
  const Error& e = s.error();
  return Error{"", 0, 0, "--vary",
               "with " + setting + ": " + (e.field.empty() ? "" : e.field + ": ") + e.message};
}

}  // namespace cablesim
