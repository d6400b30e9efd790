// Helpers for reading YAML with errors that name file, line, column and field.
// Inside a loader, helpers throw YamlLoadError; the loader's entry point catches it (and
// yaml-cpp's own exceptions) and returns an Error value: no exception leaves a loader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "base/did_you_mean.h"
#include "base/error.h"
#include "base/routing_indicator.h"
#include "base/units.h"
#include "topology/classification.h"

namespace cablesim {

/// Thrown by the helpers below; caught at a loader's boundary. Never escapes a loader.
class YamlLoadError : public std::exception {
 public:
  explicit YamlLoadError(Error e) : error_(std::move(e)) {}
  const char* what() const noexcept override { return error_.message.c_str(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
};

/// One mapping's keys, read once (YamlSource::Keys): finds a key by comparing strings.
/// yaml-cpp's `map["key"]` instead builds a node and copies a string for each key it passes,
/// and a std::stringstream when the key is absent; a loader asks for every optional key.
/// Lives no longer than the document it indexes (it holds views of the key strings).
class YamlMap {
 public:
  /// Precondition: `map` is a mapping (YamlSource::Keys checks).
  explicit YamlMap(const YAML::Node& map);

  /// The value of the first `key` in the mapping, or nullptr when it holds none.
  const YAML::Node* Find(std::string_view key) const;
  bool Has(std::string_view key) const { return Find(key) != nullptr; }
  /// The value of `key`; when absent, yaml-cpp's undefined node for it, as `map[key]` gives.
  const YAML::Node operator[](std::string_view key) const;
  /// The mapping itself.
  const YAML::Node& node() const { return map_; }

 private:
  friend struct YamlSource;
  struct Entry {
    std::string_view key;
    YAML::Node value;
  };
  YAML::Node map_;
  std::vector<Entry> entries_;
};

/// Where a loader is reading: the file name, for messages.
struct YamlSource {
  std::string file;

  /// An error located at `node` (yaml-cpp marks are 0-based; ours are 1-based).
  Error At(const YAML::Node& node, const std::string& field, const std::string& message) const;
  [[noreturn]] void Fail(const YAML::Node& node, const std::string& field,
                         const std::string& message) const;

  /// Fails on any key of `map` not in `allowed`, suggesting the closest allowed key.
  void CheckKeys(const YAML::Node& map, const std::string& field,
                 const std::vector<std::string>& allowed) const;
  /// CheckKeys, and the keys read for finding: fails unless `map` is a mapping whose every
  /// key is in `allowed`.
  YamlMap Keys(const YAML::Node& map, const std::string& field,
               const std::vector<std::string>& allowed) const;
  void RequireMap(const YAML::Node& node, const std::string& field) const;
  void RequireSequence(const YAML::Node& node, const std::string& field) const;

  std::string String(const YAML::Node& node, const std::string& field) const;
  Duration DurationValue(const YAML::Node& node, const std::string& field) const;
  std::int64_t Rate(const YAML::Node& node, const std::string& field) const;
  double Number(const YAML::Node& node, const std::string& field) const;
  std::int64_t Integer(const YAML::Node& node, const std::string& field, std::int64_t min,
                       std::int64_t max) const;
  /// A whole number from 0 to 2^64 - 1 (seeds).
  std::uint64_t Unsigned(const YAML::Node& node, const std::string& field) const;
  bool Bool(const YAML::Node& node, const std::string& field) const;
  /// UNCLASSIFIED, CONFIDENTIAL, SECRET or TOP SECRET (a did-you-mean otherwise).
  Classification ClassificationValue(const YAML::Node& node, const std::string& field) const;
  std::vector<std::string> StringList(const YAML::Node& node, const std::string& field) const;
};

/// Reads and parses a YAML file; errors (unreadable file, syntax) carry the file and mark.
Result<YAML::Node> LoadYamlFile(const std::string& path);
/// Parses YAML text; errors name `path` (where the text came from) and the mark.
Result<YAML::Node> LoadYamlText(const std::string& text, const std::string& path);

/// What a key that is not a word was written as: "a list", "a mapping" or "empty (~)".
const char* NonWordKey(const YAML::Node& key);

/// "field.key" or "key" when field is empty; "field[3]" for indices.
std::string FieldPath(const std::string& field, const std::string& key);
std::string FieldIndex(const std::string& field, std::size_t index);

}  // namespace cablesim
