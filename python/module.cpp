// The Python module `cablesim` (pybind11): scenarios loaded and run by the same C++ core and
// functions as the command line, their figures as dicts and pandas DataFrames (README.md,
// "From Python"). Everything long runs without the GIL.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>

#include "python/bindings.h"
#include "python/py_run.h"
#include "python/py_scenario.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace cablesim::python {

std::string YamlValue(const py::handle& value) {
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>() ? "true" : "false";
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value)) {
    return py::str(value).cast<std::string>();
  }
  throw InputError("a scenario value must be a str, int, float or bool, not " +
                   py::str(py::type::of(value).attr("__name__")).cast<std::string>());
}

std::string PathValue(const py::handle& value, const char* field, const char* expected) {
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::hasattr(value, "__fspath__")) {
    const py::object path = py::module_::import("os").attr("fspath")(value);
    if (py::isinstance<py::str>(path)) return path.cast<std::string>();
  }
  throw InputError(std::string(field) + ": " + expected + ", not " +
                   py::str(py::type::of(value).attr("__name__")).cast<std::string>());
}

py::object Table(const std::string& csv) {
  if (csv.empty()) return py::none();
  const py::object text = py::module_::import("io").attr("StringIO")(csv);
  return py::module_::import("pandas").attr("read_csv")(text, "keep_default_na"_a = false,
                                                        "na_values"_a = py::make_tuple(""));
}

py::object JsonValue(const std::string& json) {
  return py::module_::import("json").attr("loads")(json);
}

StopCheck CtrlCCheck() {
  const py::module_ threading = py::module_::import("threading");
  if (!threading.attr("current_thread")().is(threading.attr("main_thread")())) return {};
  // A chunk is a few milliseconds of a fast run: the GIL is asked for at most every 50 ms
  // (another thread may hold it for its switch interval), the signals looked at with it.
  using Clock = std::chrono::steady_clock;
  auto next = std::make_shared<Clock::time_point>(Clock::now());
  StopCheck check;
  check.every = 1 << 14;
  check.stop = [next] {
    if (Clock::now() < *next) return false;
    py::gil_scoped_acquire locked;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    *next = Clock::now() + std::chrono::milliseconds(50);
    return false;
  };
  return check;
}

namespace {

std::optional<std::string> OptionalYaml(const py::object& value) {
  if (value.is_none()) return std::nullopt;
  return YamlValue(value);
}

constexpr const char* kModuleDoc =
    R"(cablesim: ACP 127 message-relay networks, simulated from Python.

The module drives the same C++ core as the cablesim program, with the same results:

    import cablesim
    scenario = cablesim.Scenario.load("scenarios/seed-day-1975.yaml")
    run = scenario.run(discipline="priority", seed=7)
    run.summary          # dict: the "summary" of `cablesim run --format json`
    run.conservation     # dict: every (message, addressee) accounted for
    run.addressees       # pandas DataFrame: the rows of addressees.csv (run --out DIR/)
    run.links, run.stations, run.timeseries   # links.csv, stations.csv, timeseries.csv
    scenario.vary({"reroute_after": "10m"})    # a new scenario, keys set as sweep --vary
    scenario.compare(replications=20).table    # compare --format csv as a DataFrame
    scenario.compare(progress=True)            # with a tqdm bar on stderr (python3-tqdm)
    scenario.sweep(load=[0.5, 1], capacity=True).to_dict()   # sweep --capacity's JSON
    cablesim.parse(text)                       # the cables in text (parse --format json)
    cablesim.route(scenario, "RUEHC", "RUEHFR")   # the route, as cablesim route finds it

Bad input raises cablesim.InputError (a ValueError) with the program's located message
(file:line:column: field: why). Runs, compares and sweeps release the GIL: threads run
scenarios side by side; Ctrl-C (KeyboardInterrupt) stops a run, compare or sweep.
README.md, "From Python".
)";

py::class_<PyScenario> BindScenario(py::module_& m) {
  return py::class_<PyScenario>(m, "Scenario",
                                R"(A scenario: a network, its traffic, faults and options.

Load one with Scenario.load(path) or Scenario.from_yaml(text); a scenario never changes
(vary() gives a new one).)")
      .def_static(
          "load",
          [](const py::object& path_value, std::uint64_t max_messages) {
            const std::string path = PathValue(path_value, "path");
            py::gil_scoped_release unlocked;
            return PyScenario::Load(path, max_messages);
          },
          "path"_a, py::kw_only(), "max_messages"_a = kMaxKeptMessages,
          R"(The scenario file at `path` (its network, cables and traces relative to it).

max_messages: refuse a generator expected to file more messages over the run (as
`cablesim run --max-messages`). Raises InputError with the file, line, column and field.)")
      .def_static(
          "from_yaml",
          [](const std::string& text, const py::object& name_value, std::uint64_t max_messages) {
            const std::string name = PathValue(name_value, "name");
            py::gil_scoped_release unlocked;
            return PyScenario::FromYaml(text, name, max_messages);
          },
          "text"_a, "name"_a = "<text>", py::kw_only(), "max_messages"_a = kMaxKeptMessages,
          R"(The scenario written in YAML `text`, known as `name` in messages; files it names
(network, cables) are relative to name's directory (the current one by default).)")
      .def(
          "vary",
          [](const PyScenario& s, const py::dict& edits) {
            std::vector<KeyValue> kv;
            for (const auto& [key, value] : edits) {
              kv.push_back({py::str(key).cast<std::string>(), YamlValue(value)});
            }
            py::gil_scoped_release unlocked;
            return s.Edited(kv);
          },
          "edits"_a,
          R"(A new scenario with keys set by path, as `cablesim sweep --vary` sets them:
scenario.vary({"traffic.generators.0.per_hour": 240, "reroute_after": "10m"}).
Lists are entered by an element's ri, name, A-B (links) or index.)")
      .def(
          "run",
          [](const PyScenario& s, std::optional<std::string> discipline,
             std::optional<std::uint64_t> seed, const py::object& duration, const py::object& drain,
             std::optional<std::string> sample) {
            const RunAsk ask{std::move(discipline),  seed,
                             OptionalYaml(duration), OptionalYaml(drain),
                             std::move(sample),      CtrlCCheck()};
            py::gil_scoped_release unlocked;
            return std::make_shared<PyRun>(s, ask);
          },
          py::kw_only(), "discipline"_a = py::none(), "seed"_a = py::none(),
          "duration"_a = py::none(), "drain"_a = py::none(), "sample"_a = py::none(),
          R"(Runs the scenario once, as `cablesim run` does, and returns a Run.

discipline: fifo, priority, preempt-restart or preempt-resume, everywhere (run --discipline)
seed:       replaces the scenario's seed (run --seed)
duration:   when arrivals stop, e.g. "12h" (the scenario's key `duration`)
drain:      True (run on until nothing is in flight, at most 7 days), a limit like "24h",
            or False (the scenario's key `drain`)
sample:     record the run over time every step, e.g. "1m", or "auto" (run --sample);
            Run.timeseries is None without it
The GIL is released while it runs; Ctrl-C (KeyboardInterrupt) stops it.)")
      .def_property_readonly(
          "name", [](const PyScenario& s) { return s.scenario()->name; }, "The scenario's name.")
      .def_property_readonly(
          "description", [](const PyScenario& s) { return s.scenario()->description; },
          "The scenario's description.")
      .def_property_readonly(
          "seed", [](const PyScenario& s) { return s.scenario()->seed; }, "The scenario's seed.")
      .def_property_readonly(
          "warnings", [](const PyScenario& s) { return s.scenario()->warnings; },
          "What loading it warned of, each located.")
      .def("__repr__",
           [](const PyScenario& s) { return "<cablesim.Scenario '" + s.scenario()->name + "'>"; });
}

py::class_<PyRun, std::shared_ptr<PyRun>> BindRun(py::module_& m) {
  return py::class_<PyRun, std::shared_ptr<PyRun>>(m, "Run", R"(One finished run of a scenario.)")
      .def_property_readonly(
          "summary",
          [](const PyRun& r) -> py::object { return JsonValue(r.figures_json())["summary"]; },
          R"(The run's figures by precedence and their anatomy: a dict equal to the "summary"
of `cablesim run --format json`.)")
      .def_property_readonly(
          "conservation",
          [](const PyRun& r) -> py::object { return JsonValue(r.figures_json())["conservation"]; },
          R"(addressed = delivered + other_means + undeliverable + in_flight, with the
undeliverable reasons: the "conservation" of the JSON report.)")
      .def_property_readonly(
          "info",
          [](const PyRun& r) {
            py::dict all = JsonValue(r.figures_json());
            for (const char* key : {"summary", "conservation"}) all.attr("pop")(key);
            return all;
          },
          R"(The rest of the JSON report's head: scenario, seed, discipline, start, end,
messages, copies, events, drain, skipped, warnings.)")
      .def_property_readonly(
          "addressees", [](const PyRun& r) { return Table(r.Csv("addressees")); },
          "Every (message, addressee) with its outcome: a DataFrame of addressees.csv.")
      .def_property_readonly(
          "links", [](const PyRun& r) { return Table(r.Csv("links")); },
          "Every link direction: a DataFrame of links.csv.")
      .def_property_readonly(
          "stations", [](const PyRun& r) { return Table(r.Csv("stations")); },
          "Every station: a DataFrame of stations.csv.")
      .def_property_readonly(
          "timeseries", [](const PyRun& r) { return Table(r.Csv("timeseries")); },
          "The run over time, tidy: a DataFrame of timeseries.csv; None without sample=.")
      .def("to_json", &PyRun::ReportJson,
           "The whole report as `cablesim run --format json` writes it (a str).")
      .def("report", &PyRun::ReportText, "The report as `cablesim run` writes it (a str).");
}

}  // namespace
}  // namespace cablesim::python

PYBIND11_MODULE(cablesim, m) {
  using namespace cablesim::python;
  m.doc() = kModuleDoc;
  py::register_exception<InputError>(m, "InputError", PyExc_ValueError);
  m.attr("InputError").attr("__doc__") =
      "Bad input (a scenario, an option): a ValueError whose message is the cablesim "
      "program's located one (file:line:column: field: why).";
  auto scenario = BindScenario(m);
  auto run = BindRun(m);
  BindExperiments(m, scenario);
  BindTools(m, scenario, run);
}
