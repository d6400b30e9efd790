"""Scenario.compare and Scenario.sweep give what `cablesim compare` and `cablesim sweep`
give: to_dict() their JSON, table their CSV; capacity= is sweep --capacity."""
import io
import json

import pandas
import pytest

import cablesim
from conftest import SCENARIOS


def csv_frame(text):
    return pandas.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])


def test_compare_equals_the_cli(cli):
    path = SCENARIOS / "flash-preemption.yaml"
    result = cablesim.Scenario.load(str(path)).compare(
        disciplines=["fifo", "preempt-restart"], replications=3, jobs=2, seed=5)
    args = [path, "--disciplines", "fifo,preempt-restart", "--replications", "3",
            "--jobs", "1", "--seed", "5"]
    assert result.to_dict() == json.loads(cli("compare", *args, "--format", "json"))
    pandas.testing.assert_frame_equal(result.table,
                                      csv_frame(cli("compare", *args, "--format", "csv")))
    assert set(result.table["discipline"]) == {"fifo", "preempt-restart"}


def test_compare_with_precision_equals_the_cli(cli):
    path = SCENARIOS / "relay-outage.yaml"
    result = cablesim.Scenario.load(str(path)).compare(
        disciplines=["priority"], replications=2, precision="20%", max_replications=6)
    theirs = json.loads(cli("compare", path, "--disciplines", "priority", "--replications",
                            "2", "--precision", "20%", "--max-replications", "6",
                            "--format", "json"))
    assert result.to_dict() == theirs


def test_sweep_equals_the_cli(cli):
    path = SCENARIOS / "seed-day-1975.yaml"
    result = cablesim.Scenario.load(str(path)).sweep(
        load=[0.5, 1], vary={"reroute_after": ["10m", "30m"]}, replications=2)
    args = [path, "--load", "0.5,1", "--vary", "reroute_after=10m,30m", "--replications", "2"]
    assert result.to_dict() == json.loads(cli("sweep", *args, "--format", "json"))
    pandas.testing.assert_frame_equal(result.table,
                                      csv_frame(cli("sweep", *args, "--format", "csv")))
    assert len(result.table) > 0


def test_sweep_of_a_varied_scenario_is_the_sweep_of_its_keys(cli):
    path = SCENARIOS / "seed-day-1975.yaml"
    varied = cablesim.Scenario.load(str(path)).vary({"reroute_after": "10m"})
    ours = varied.sweep(load=[1, 2], replications=2).to_dict()
    theirs = json.loads(cli("sweep", path, "--load", "1,2", "--vary", "reroute_after=10m",
                            "--replications", "2", "--format", "json"))
    # The same points, but for the key sweep --vary names beside each.
    for point in theirs["points"]:
        assert point.pop("vary") == {"reroute_after": "10m"}
    for point in ours["points"]:
        assert point.pop("vary") == {}
    assert ours["points"] == theirs["points"]
    assert len(ours["points"]) > 0


def test_capacity_equals_sweep_capacity(cli):
    path = SCENARIOS / "seed-day-1975.yaml"
    ours = cablesim.Scenario.load(str(path)).sweep(capacity=True, replications=2).to_dict()
    theirs = json.loads(cli("sweep", path, "--capacity", "--replications", "2",
                            "--format", "json"))
    assert ours == theirs
    assert "capacity" in json.dumps(ours)


def test_bad_experiment_options_raise_input_errors():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))
    with pytest.raises(cablesim.InputError, match="disciplines: .*fifo"):
        scenario.compare(disciplines=["fifoo"])
    with pytest.raises(cablesim.InputError, match="precision"):
        scenario.compare(precision="soon")
    with pytest.raises(cablesim.InputError, match="did you mean"):
        scenario.sweep(vary={"network.stations.RUEHCC.operators": [1, 2]})
    # Named as the keyword argument, not as the command line's --load; checked in the grid.
    for load in (-1, 0, float("nan"), 1025, 5e-324):
        with pytest.raises(cablesim.InputError, match=r"^load: '.*' is not a load factor"):
            scenario.sweep(load=[1, load])


class Stop(Exception):
    pass


def test_a_progress_callback_is_called_and_can_stop_the_runs():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "congested-relay.yaml"))
    calls = []

    def progress(done, total):
        calls.append((done, total))
        raise Stop()

    # Each run takes seconds: the runner reports (every 0.1 s) long before the last is done.
    with pytest.raises(Stop):
        scenario.compare(disciplines=["fifo", "priority"], replications=4, jobs=1,
                         progress=progress)
    assert calls and calls[0][1] == 8 and calls[0][0] < 8


def test_a_sweep_says_what_its_settings_warn_of():
    path = SCENARIOS / "relay-outage-reroute.yaml"
    result = cablesim.Scenario.load(str(path)).sweep(
        vary={"traffic.generators.europe.to.count": ["1", "20"]}, replications=1)
    assert result.warnings == [
        "with traffic.generators.europe.to.count=20: traffic.generators[0].to.count: warning: "
        "up to 20 asked of a pool of 10 (less the origin when it is one): no message gets more"]
    assert cablesim.Scenario.load(str(path)).compare(replications=1).warnings == []


def test_a_varied_scenario_warns_without_a_line_of_the_edited_text():
    path = SCENARIOS / "relay-outage-reroute.yaml"
    varied = cablesim.Scenario.load(str(path)).vary({"traffic.generators.europe.to.count": 20})
    assert varied.warnings == [
        "traffic.generators[0].to.count: warning: up to 20 asked of a pool of 10 (less the "
        "origin when it is one): no message gets more"]
