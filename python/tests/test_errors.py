"""Bad input raises cablesim.InputError, a ValueError, with the program's located message;
nothing aborts the interpreter."""
import pytest

import cablesim
from conftest import SCENARIOS

GOOD = (SCENARIOS / "flash-preemption.yaml").read_text()


def test_input_error_is_a_value_error():
    assert issubclass(cablesim.InputError, ValueError)


def test_a_misspelt_key_is_located_with_a_suggestion():
    text = GOOD.replace("precedence: FLASH", "precedense: FLASH")
    line = 1 + text[:text.index("precedense")].count("\n")
    with pytest.raises(cablesim.InputError) as raised:
        cablesim.Scenario.from_yaml(text, name="typo.yaml")
    message = str(raised.value)
    assert message.startswith(f"typo.yaml:{line}:"), message
    assert "precedence" in message  # did you mean


def test_a_missing_file_is_named():
    with pytest.raises(cablesim.InputError, match="no-such.yaml"):
        cablesim.Scenario.load("no-such.yaml")


def test_a_bad_option_says_what_is_known():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))
    with pytest.raises(cablesim.InputError, match="discipline: .*priority"):
        scenario.run(discipline="priorty")
    with pytest.raises(cablesim.InputError, match="sample: "):
        scenario.run(sample="soon")
    with pytest.raises(cablesim.InputError, match="drain"):
        scenario.run(drain="forever")


def test_a_bad_edit_names_the_key_and_the_known_ones():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "relay-outage.yaml"))
    with pytest.raises(cablesim.InputError, match=r"did you mean RUEH\b"):
        scenario.vary({"network.stations.RUEX.operators": 2})
    with pytest.raises(cablesim.InputError, match="str, int, float or bool"):
        scenario.vary({"warmup": [1, 2]})


def test_the_interpreter_goes_on_after_errors():
    scenario = cablesim.Scenario.from_yaml(GOOD, name="good.yaml")
    for _ in range(3):
        with pytest.raises(cablesim.InputError):
            scenario.vary({"network.links.0.rate": "fast"})
    assert scenario.run().conservation["delivered"] == 4


def test_every_public_name_says_what_it_does():
    names = [n for n in dir(cablesim) if not n.startswith("_")]
    assert {"Scenario", "Run", "Experiment", "InputError", "parse", "route"} <= set(names)
    for name in names:
        thing = getattr(cablesim, name)
        assert thing.__doc__ and len(thing.__doc__) > 20, name
        for member in [m for m in dir(thing) if not m.startswith("_")]:
            if isinstance(thing, type) and not issubclass(thing, BaseException):
                assert getattr(thing, member).__doc__, f"{name}.{member}"


def test_limits_are_the_programs():
    """jobs and replications as --jobs and --replications take them: jobs=100000 started
    100,000 threads (and stopped the machine), replications had no upper bound."""
    scenario = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))
    with pytest.raises(cablesim.InputError, match="jobs: at most 1024"):
        scenario.compare(disciplines=["fifo"], replications=2, jobs=100000)
    with pytest.raises(cablesim.InputError, match="replications: at most 100000"):
        scenario.compare(disciplines=["fifo"], replications=100001)
    with pytest.raises(cablesim.InputError, match="max_replications: at most 100000"):
        scenario.compare(disciplines=["fifo"], precision="5%", max_replications=2**40)
    with pytest.raises(cablesim.InputError, match="jobs: at most 1024"):
        scenario.sweep(disciplines=["fifo"], replications=2, jobs=1025)


def test_a_nul_in_what_is_quoted_does_not_cut_the_message():
    """Python reads the message as a C string: it ended at the NUL, reason and all."""
    with pytest.raises(cablesim.InputError, match=r"a\\x00b"):
        cablesim.Scenario.load("a\x00b")


def test_paths_are_str_or_pathlib_and_nothing_else():
    scenario = cablesim.Scenario.load(SCENARIOS / "flash-preemption.yaml")  # a pathlib.Path
    assert scenario.run().conservation["delivered"] == 4
    with pytest.raises(cablesim.InputError, match="path: a file path .*, not NoneType"):
        cablesim.Scenario.load(None)
    with pytest.raises(cablesim.InputError, match="network: a Scenario or a file path .*not int"):
        cablesim.route(3, "RUQAA", "RUQHA")


def test_a_bad_run_option_is_named_as_run_not_vary():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))
    with pytest.raises(cablesim.InputError, match=r"^run: with duration=nan: duration: "):
        scenario.run(duration="nan")


def test_jobs_out_of_range_and_edits_of_two_calls_are_named():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))
    with pytest.raises(cablesim.InputError, match="jobs: at least 1"):
        scenario.compare(disciplines=["fifo"], replications=2, jobs=-1)
    with pytest.raises(cablesim.InputError, match="jobs: at most 1024"):
        scenario.compare(disciplines=["fifo"], replications=2, jobs=2**33)
    # The error lists every edit so far: it names both calls.
    with pytest.raises(cablesim.InputError, match=r"^vary and run: with duration=1h, drain=zz"):
        scenario.vary({"duration": "1h"}).run(drain="zz")
    named = cablesim.Scenario.from_yaml((SCENARIOS / "flash-preemption.yaml").read_text(),
                                        SCENARIOS / "flash-preemption.yaml")
    assert named.run().conservation["delivered"] == 4
