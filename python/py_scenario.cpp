#include "python/py_scenario.h"

namespace cablesim::python {

PyScenario PyScenario::Load(const std::string& path, std::uint64_t max_messages) {
  PyScenario p;
  p.path_ = path;
  p.max_messages_ = max_messages;
  p.LoadNow();
  return p;
}

PyScenario PyScenario::FromYaml(const std::string& text, const std::string& name,
                                std::uint64_t max_messages) {
  PyScenario p;
  p.path_ = name;
  p.text_ = text;
  p.max_messages_ = max_messages;
  p.LoadNow();
  return p;
}

PyScenario PyScenario::Edited(const std::vector<KeyValue>& edits, const std::string& by) const {
  PyScenario p = *this;
  // An error names every edit so far: the calls they came from, in order ("vary and run").
  if (edits_.empty()) {
    p.edited_by_ = by;
  } else if (edited_by_.find(by) == std::string::npos) {
    p.edited_by_ = edited_by_ + " and " + by;
  }
  p.edits_.insert(p.edits_.end(), edits.begin(), edits.end());
  p.LoadNow();
  return p;
}

Result<ScenarioText> PyScenario::Source() const {
  return text_ ? ScenarioText::FromText(*text_, path_) : ScenarioText::Read(path_);
}

Result<ScenarioText> PyScenario::Text() const {
  auto source = Source();
  if (!source) return source.error();
  return source->With(edits_);
}

void PyScenario::LoadNow() {
  LoadOptions options;
  options.max_messages = max_messages_;
  auto loaded = [&]() -> Result<Scenario> {
    if (edits_.empty()) {
      return text_ ? LoadScenarioText(*text_, path_, options) : LoadScenario(path_, options);
    }
    auto source = Source();
    if (!source) return source.error();
    return source->Load(edits_, options);
  }();
  if (!loaded) {
    Error e = loaded.error();
    if (e.field == "--vary") e.field = edited_by_;  // the edits' own call, not the CLI's option
    throw InputError(e.ToString());
  }
  loaded_ = std::make_shared<const Scenario>(std::move(loaded).value());
}

}  // namespace cablesim::python
