#include <pybind11/stl.h>

#include "python/bindings.h"
#include "sim/message/acp127_parser.h"
#include "sim/report/json_writer.h"
#include "sim/report/message_json.h"
#include "sim/report/palette.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace cablesim::python {

void BindTools(py::module_& m, py::class_<PyScenario>& scenario,
               py::class_<PyRun, std::shared_ptr<PyRun>>& run) {
  m.def(
      "parse",
      [](const std::string& text, const std::string& name) {
        std::string json = "[";
        {
          py::gil_scoped_release unlocked;
          for (const ParsedMessage& pm : ParseAcp127(text)) {
            JsonWriter w;
            WriteMessageJson(pm, name, &w);
            json += (json.size() > 1 ? "," : "") + w.str();
          }
        }
        return JsonValue(json + "]");
      },
      "text"_a, "name"_a = "-",
      R"(The ACP 127 messages (cables) in `text`, each a dict as `cablesim parse --format json`
writes it (its heading's fields, addressees, errors and warnings, located in `name`).)");
  scenario.def(
      "dot",
      [](const PyScenario& s, const std::string& layout) {
        return NetworkToDot(*s.scenario()->network, {}, {}, LayoutOf(layout), {}, {}, kRegionFills);
      },
      py::kw_only(), "layout"_a = "auto",
      R"(The scenario's network as Graphviz DOT text, as `cablesim dot` draws it; layout:
auto, detailed or overview.)");
  run.def("dot", &PyRun::HeatDot, py::kw_only(), "layout"_a = "auto",
          R"(The network with each link's utilisation over this run and the faults marked, as
DOT text (`cablesim dot --heat`).)")
      .def("route_dot", &PyRun::RouteDot, "message"_a,
           R"(The routing tree of one message of this run (its id, e.g. 'RUEHC 0837') as DOT
text (`cablesim dot --message`).)");
}

}  // namespace cablesim::python
