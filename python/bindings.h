// The parts of the Python module beside Scenario and Run, each binding into `m`: compare and
// sweep (bind_experiments.cpp), and the tools (parse, DOT pictures: bind_tools.cpp); and the
// helpers every binding shares.
#pragma once

#include <pybind11/pybind11.h>

#include <memory>
#include <string>

#include "python/py_run.h"
#include "python/py_scenario.h"

namespace cablesim::python {

/// Scenario.compare, Scenario.sweep and their result, cablesim.Experiment.
void BindExperiments(pybind11::module_& m, pybind11::class_<PyScenario>& scenario);
/// cablesim.parse, Scenario.dot, Run.dot.
void BindTools(pybind11::module_& m, pybind11::class_<PyScenario>& scenario,
               pybind11::class_<PyRun, std::shared_ptr<PyRun>>& run);

/// The CSV text of a table as a pandas DataFrame (only empty fields are missing values);
/// None for no text.
pybind11::object Table(const std::string& csv);
/// A Python value given for a scenario key as YAML text: True -> "true", 240 -> "240";
/// InputError for anything but a str, int, float or bool.
std::string YamlValue(const pybind11::handle& value);
/// A file path given as `field`: a str or an os.PathLike (pathlib.Path); for anything else
/// (None, a number) InputError naming the field and what it takes (`expected`).
std::string PathValue(const pybind11::handle& value, const char* field,
                      const char* expected = "a file path (a str or a pathlib.Path)");
/// JSON text as Python values (json.loads).
pybind11::object JsonValue(const std::string& json);
/// Ctrl-C during a long run: on the main thread (where Python handles signals), a stop
/// check that now and then takes the GIL and runs Python's signal handlers, whose exception
/// (KeyboardInterrupt) ends the run and is raised; elsewhere none. Made with the GIL held.
StopCheck CtrlCCheck();

}  // namespace cablesim::python
