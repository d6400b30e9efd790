#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "python/bindings.h"
#include "python/py_experiment.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace cablesim::python {
namespace {

// The runner's progress, on the calling thread: the user's callback (done, total) under the
// GIL, and Ctrl-C (KeyboardInterrupt) raised there, which stops the runs.
// The callback is held through a shared_ptr: the function is copied without the GIL, which
// must not touch a Python reference count (the last owner, the caller's ask, goes with it).
std::function<void(std::size_t, std::size_t)> ProgressOf(const py::object& callback) {
  auto held = std::make_shared<py::object>(callback);
  return [held](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire locked;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (!held->is_none()) (*held)(done, total);
  };
}

ExperimentAsk AskOf(const std::optional<std::vector<std::string>>& disciplines,
                    std::uint64_t replications, std::optional<unsigned> jobs,
                    std::optional<std::uint64_t> seed, std::optional<std::string> precision,
                    std::uint64_t max_replications, const py::object& progress) {
  ExperimentAsk ask;
  ask.disciplines = disciplines;
  ask.replications = replications;
  ask.jobs = jobs;
  ask.seed = seed;
  ask.precision = std::move(precision);
  ask.max_replications = max_replications;
  ask.progress = ProgressOf(progress);
  return ask;
}

// A sweep's vary= as axes: {"key": [v, v], ...}, each value as YAML text.
std::vector<SweepAxis> AxesOf(const py::dict& vary) {
  std::vector<SweepAxis> axes;
  for (const auto& [key, values] : vary) {
    SweepAxis axis{py::str(key).cast<std::string>(), {}};
    if (py::isinstance<py::str>(values) || !py::isinstance<py::sequence>(values)) {
      throw InputError("vary: " + axis.key + ": a list of values, e.g. [1, 2, 4]");
    }
    for (const auto& v : values) axis.values.push_back(YamlValue(v));
    if (axis.values.empty()) throw InputError("vary: " + axis.key + ": no value given");
    axes.push_back(std::move(axis));
  }
  return axes;
}

constexpr const char* kCommonArgs = R"(
disciplines:      fifo, priority, preempt-restart, preempt-resume (a list)
replications:     independent replications per discipline and point (common random
                  numbers: replication r draws the same traffic everywhere)
jobs:             parallel runs (default: the hardware threads); results do not depend on it
seed:             replaces the scenario's seed (replication seeds derive from it)
precision:        "5%" or "ROUTINE.p95=10%,...": replications in rounds until every mean's
                  (or the chosen figures') 95% half-width is within it; replications is the
                  first round, max_replications the most
progress:         called as progress(done, total) now and then (e.g. a tqdm bar's update)
The GIL is released while it runs; Ctrl-C (KeyboardInterrupt) stops it.)";

}  // namespace

void BindExperiments(py::module_& m, py::class_<PyScenario>& scenario) {
  py::class_<PyExperiment, std::shared_ptr<PyExperiment>>(
      m, "Experiment", "The result of Scenario.compare or Scenario.sweep.")
      .def_property_readonly(
          "table", [](const PyExperiment& e) { return Table(e.Csv()); },
          R"(A pandas DataFrame of the command's --format csv: compare's is tidy (one row per
discipline, precedence and statistic, with its interval), sweep's one row per point,
discipline and precedence.)")
      .def(
          "to_dict", [](const PyExperiment& e) { return JsonValue(e.Json()); },
          "The command's --format json, as a dict.")
      .def("to_json", &PyExperiment::Json, "The command's --format json (a str).")
      .def("report", &PyExperiment::Text, "The command's text report (a str).");
  scenario
      .def(
          "compare",
          [](const PyScenario& s, std::optional<std::vector<std::string>> disciplines,
             std::uint64_t replications, std::optional<unsigned> jobs,
             std::optional<std::uint64_t> seed, std::optional<std::string> precision,
             std::uint64_t max_replications, bool per_replication, const py::object& progress) {
            const ExperimentAsk ask = AskOf(disciplines, replications, jobs, seed,
                                            std::move(precision), max_replications, progress);
            py::gil_scoped_release unlocked;
            return PyExperiment::Compare(s, ask, per_replication);
          },
          py::kw_only(), "disciplines"_a = py::none(), "replications"_a = 10, "jobs"_a = py::none(),
          "seed"_a = py::none(), "precision"_a = py::none(), "max_replications"_a = 200,
          "per_replication"_a = false, "progress"_a = py::none(),
          (std::string("Runs the scenario under each discipline, as `cablesim compare` does "
                       "(default: all four), and returns an Experiment.\n") +
           kCommonArgs + "\nper_replication:  also list each replication's figures")
              .c_str())
      .def(
          "sweep",
          [](const PyScenario& s, std::vector<double> load, const py::dict& vary,
             std::optional<std::vector<std::string>> disciplines, std::uint64_t replications,
             std::optional<unsigned> jobs, std::optional<std::uint64_t> seed,
             std::optional<std::string> precision, std::uint64_t max_replications, bool capacity,
             const py::object& progress) {
            const ExperimentAsk ask = AskOf(disciplines, replications, jobs, seed,
                                            std::move(precision), max_replications, progress);
            const SweepAsk sweep{std::move(load), AxesOf(vary), capacity};
            py::gil_scoped_release unlocked;
            return PyExperiment::Sweep(s, ask, sweep);
          },
          py::kw_only(), "load"_a = std::vector<double>{1.0}, "vary"_a = py::dict(),
          "disciplines"_a = py::none(), "replications"_a = 10, "jobs"_a = py::none(),
          "seed"_a = py::none(), "precision"_a = py::none(), "max_replications"_a = 200,
          "capacity"_a = false, "progress"_a = py::none(),
          (std::string("Runs the scenario at every point of a grid, as `cablesim sweep` does, "
                       "and returns an Experiment.\n\n"
                       "load:             factors on every generator's rate (a list)\n"
                       "vary:             {key: [values]}: scenario keys by path, a grid\n"
                       "capacity:         per discipline, the largest load factor keeping every\n"
                       "                  precedence 95% within objective (sweep --capacity)") +
           kCommonArgs)
              .c_str());
}

}  // namespace cablesim::python
