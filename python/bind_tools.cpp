#include <pybind11/stl.h>

#include "python/bindings.h"
#include "sim/message/acp127_parser.h"
#include "sim/report/json_writer.h"
#include "sim/report/message_json.h"
#include "sim/report/palette.h"
#include "topology/network_yaml.h"
#include "topology/route_query.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace cablesim::python {
namespace {

// The network of a Scenario, or of the network or scenario file at a path.
std::shared_ptr<const Network> NetworkOf(const py::object& network) {
  if (py::isinstance<PyScenario>(network)) {
    const auto scenario = network.cast<const PyScenario&>().scenario();
    return std::shared_ptr<const Network>(scenario, scenario->network.get());
  }
  const std::string path =
      PathValue(network, "network", "a Scenario or a file path (a str or a pathlib.Path)");
  py::gil_scoped_release unlocked;
  if (LooksLikeScenario(path)) {
    auto s = LoadScenario(path);
    if (!s) throw InputError(s.error().ToString());
    return std::make_shared<const Network>(std::move(*s->network));
  }
  auto net = LoadNetworkFile(path);
  if (!net) throw InputError(net.error().ToString());
  return std::make_shared<const Network>(std::move(net).value());
}

// The route as `cablesim route` prints it, as a dict: path, hops with their lines, cost.
py::dict Route(const py::object& network, const std::string& from_ri, const std::string& to_ri,
               const std::optional<std::string>& classification) {
  std::optional<Classification> cls;
  if (classification) {
    cls = ParseClassification(*classification);
    if (!cls) throw InputError("classification: " + UnknownClassification(*classification));
  }
  const auto net = NetworkOf(network);
  std::vector<std::string> warnings;
  auto route = FindRoute(*net, from_ri, to_ri, cls, &warnings);
  if (!route) throw InputError(route.error().message);
  py::list path, hops;
  for (StationId s : route->path) path.append(net->station(s).ri);
  Duration total;
  for (std::size_t i = 0; i < route->channels.size(); ++i) {
    const Link& l = net->link(net->ChannelLink(route->channels[i]));
    const Duration cost =
        Duration::Nanoseconds(net->LinkCost(net->ChannelLink(route->channels[i])));
    total += cost;
    hops.append(py::dict(
        "from"_a = net->station(route->path[i]).ri, "to"_a = net->station(route->path[i + 1]).ri,
        "rate"_a = FormatRate(l.rate), "framing"_a = std::string(FramingName(l.framing)),
        "propagation_s"_a = l.propagation.seconds(), "cost_s"_a = cost.seconds()));
  }
  return py::dict("path"_a = path, "hops"_a = hops, "cost_s"_a = total.seconds(),
                  "warnings"_a = warnings);
}

}  // namespace

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
  m.def("route", &Route, "network"_a, "from_ri"_a, "to_ri"_a, "classification"_a = py::none(),
        R"(The route from one routing indicator to another, as `cablesim route` finds it:
{"path": [RI, ...], "hops": [{"from", "to", "rate", "framing", "propagation_s", "cost_s"}],
"cost_s": total, "warnings": [...]}. network: a Scenario, or a network or scenario file.
classification: the path a message of it takes, over circuits cleared for it only.)");
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
