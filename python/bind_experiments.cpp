#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include "python/bindings.h"
#include "python/py_experiment.h"

namespace py = pybind11;
using namespace pybind11::literals;

namespace cablesim::python {
namespace {

// What progress= asks, told on the calling thread under the GIL as runs finish: the user's
// callable, called as (done, total), or (True) a bar on sys.stderr: tqdm's (python3-tqdm), or
// without tqdm a line "compare: 12/40 runs". A precision goal's rounds each start it anew.
class Progress {
 public:
  Progress(const py::object& progress, std::string what) : what_(std::move(what)) {
    if (py::isinstance<py::bool_>(progress)) {
      bar_ = progress.cast<bool>();
    } else if (PyCallable_Check(progress.ptr()) != 0) {
      callback_ = progress;
    } else if (!progress.is_none()) {
      throw InputError("progress: True (a bar), a callable progress(done, total) or None, not " +
                       py::str(py::type::of(progress).attr("__name__")).cast<std::string>());
    }
    if (!bar_) return;
    try {  // from the start (its clock too); its total is known with the first run done
      tqdm_ = py::module_::import("tqdm").attr("tqdm")("desc"_a = what_, "unit"_a = "run");
      shown_ = true;
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_ImportError)) throw;
    }
  }

  // `done` of `total` runs finished (the GIL held).
  void Tell(std::size_t done, std::size_t total) {
    if (callback_) callback_(done, total);
    if (!bar_) return;
    if (total != total_ || done < done_) {  // the first report, or a new round
      if (tqdm_ && total_ == 0) tqdm_.attr("total") = total;
      if (tqdm_ && total_ != 0) tqdm_.attr("reset")("total"_a = total);
      done_ = 0;
      total_ = total;
    }
    if (tqdm_) {
      tqdm_.attr("update")(done - done_);
    } else {
      Write("\r" + what_ + ": " + std::to_string(done) + "/" + std::to_string(total) + " runs");
    }
    shown_ = true;
    done_ = done;
  }

  // Ends the bar, runs over or stopped (with the GIL; what goes wrong is only reported).
  void Close() noexcept {
    if (!shown_) return;
    try {
      if (tqdm_) {
        tqdm_.attr("close")();
      } else {
        Write("\n");
      }
    } catch (py::error_already_set& e) {
      e.discard_as_unraisable("closing the progress bar");
    }
    shown_ = false;
  }

 private:
  static void Write(const std::string& text) {
    const py::object err = py::module_::import("sys").attr("stderr");
    err.attr("write")(text);
    err.attr("flush")();
  }

  std::string what_;
  py::object callback_;  // the user's, or null
  bool bar_ = false;     // progress=True
  py::object tqdm_;      // tqdm's bar once shown, or null (no tqdm)
  bool shown_ = false;
  std::size_t done_ = 0, total_ = 0;
};

// The runner's progress: Progress told under the GIL, and Ctrl-C (KeyboardInterrupt) raised
// there, which stops the runs. Progress is held through a shared_ptr: the function is copied
// without the GIL, which must not touch a Python reference count (the caller keeps an owner).
std::function<void(std::size_t, std::size_t)> ProgressOf(std::shared_ptr<Progress> progress) {
  return [progress](std::size_t done, std::size_t total) {
    py::gil_scoped_acquire locked;
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    progress->Tell(done, total);
  };
}

// Closes the bar as the call ends, however it ends, after the GIL is back (declared before
// the release).
struct ClosedAtEnd {
  Progress& progress;
  ~ClosedAtEnd() { progress.Close(); }
};

ExperimentAsk AskOf(const std::optional<std::vector<std::string>>& disciplines,
                    std::uint64_t replications, std::optional<std::int64_t> jobs,
                    std::optional<std::uint64_t> seed, std::optional<std::string> precision,
                    std::uint64_t max_replications, std::shared_ptr<Progress> progress) {
  ExperimentAsk ask;
  ask.disciplines = disciplines;
  ask.replications = replications;
  ask.jobs = jobs;
  ask.seed = seed;
  ask.precision = std::move(precision);
  ask.max_replications = max_replications;
  ask.progress = ProgressOf(std::move(progress));
  ask.stop = CtrlCCheck();
  // Off the main thread no signal is seen, but a progress callback that raises still stops
  // every run within a chunk of its events, not at its end.
  if (!ask.stop.stop) ask.stop.stop = [] { return false; };
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
progress:         True: a bar on sys.stderr, tqdm's (python3-tqdm) or without it a line
                  "compare: 12/40 runs"; or a callable, called as progress(done, total)
                  as runs finish (each round of a precision goal starts anew)
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
      .def_property_readonly(
          "warnings", &PyExperiment::warnings,
          "What a sweep's vary settings warn of and the scenario does not, each naming its "
          "setting (a list of str; empty for a compare: the scenario's own are "
          "Scenario.warnings).")
      .def("to_json", &PyExperiment::Json, "The command's --format json (a str).")
      .def("report", &PyExperiment::Text, "The command's text report (a str).");
  scenario
      .def(
          "compare",
          [](const PyScenario& s, std::optional<std::vector<std::string>> disciplines,
             std::uint64_t replications, std::optional<std::int64_t> jobs,
             std::optional<std::uint64_t> seed, std::optional<std::string> precision,
             std::uint64_t max_replications, bool per_replication, const py::object& progress) {
            auto shown = std::make_shared<Progress>(progress, "compare");
            const ClosedAtEnd closed{*shown};
            const ExperimentAsk ask = AskOf(disciplines, replications, jobs, seed,
                                            std::move(precision), max_replications, shown);
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
             std::optional<std::int64_t> jobs, std::optional<std::uint64_t> seed,
             std::optional<std::string> precision, std::uint64_t max_replications, bool capacity,
             const py::object& progress) {
            auto shown = std::make_shared<Progress>(progress, "sweep");
            const ClosedAtEnd closed{*shown};
            const ExperimentAsk ask = AskOf(disciplines, replications, jobs, seed,
                                            std::move(precision), max_replications, shown);
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
