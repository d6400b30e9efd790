// The Python module's scenario: where it came from (a file, or YAML text) and the edits
// asked of it (Scenario.vary, run's duration= and drain=), loaded by the same loaders as
// the command line: LoadScenario, LoadScenarioText, and ScenarioText for edits (--vary).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/experiment/scenario_edit.h"
#include "sim/scenario/scenario.h"

namespace cablesim::python {

/// Bad input of any kind: raised in Python as cablesim.InputError (a ValueError) with the
/// command line's located message ("file:line:column: field: why").
/// A field named as a command-line option ("--load", "--max-messages") is named as the
/// keyword argument instead ("load", "max_messages"). A NUL character the message quotes
/// reads "\x00": Python gets what() as a C string, which ended there, reason and all.
class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& what) : std::runtime_error(PythonWording(what)) {}

 private:
  static std::string PythonWording(std::string text) {
    for (std::size_t at = text.find('\0'); at != std::string::npos; at = text.find('\0', at + 4)) {
      text.replace(at, 1, "\\x00");
    }
    if (!text.starts_with("--")) return text;
    const auto colon = text.find(':');
    std::string name = text.substr(2, colon == std::string::npos ? 0 : colon - 2);
    for (char& c : name) c = c == '-' ? '_' : c;
    return colon == std::string::npos ? text : name + text.substr(colon);
  }
};

/// A scenario as a Python user holds it: loaded once (its errors raised at once), edited
/// into new scenarios, never changed.
class PyScenario {
 public:
  /// The scenario file `path`; `max_messages` as run --max-messages.
  static PyScenario Load(const std::string& path, std::uint64_t max_messages);
  /// Scenario YAML `text` known as `name` (files it names are relative to name's directory).
  static PyScenario FromYaml(const std::string& text, const std::string& name,
                             std::uint64_t max_messages);

  /// A scenario with `edits` applied after this one's (keys by path, values as YAML); an
  /// edit refused is named as given `by` (the call: vary, run, compare).
  PyScenario Edited(const std::vector<KeyValue>& edits, const std::string& by = "vary") const;

  /// Its YAML with its network inlined and its edits applied, to be edited further (sweep).
  Result<ScenarioText> Text() const;

  const std::shared_ptr<const Scenario>& scenario() const { return loaded_; }
  const std::vector<KeyValue>& edits() const { return edits_; }
  std::uint64_t max_messages() const { return max_messages_; }

 private:
  PyScenario() = default;
  // The file or text as it was given, network inlined.
  Result<ScenarioText> Source() const;
  // Loads the source with the edits; throws InputError.
  void LoadNow();

  std::string path_;                 // the file, or the name the text goes by
  std::optional<std::string> text_;  // from_yaml's text
  std::vector<KeyValue> edits_;
  std::string edited_by_ = "vary";  // the calls whose edits these are ("vary and run")
  std::uint64_t max_messages_ = kMaxKeptMessages;
  std::shared_ptr<const Scenario> loaded_;
};

}  // namespace cablesim::python
