"""Scenario.run gives what `cablesim run` gives: the same summary and conservation as its
JSON report, and the same tables as its CSV files, for every shipped scenario."""
import io

import pandas
import pytest

import cablesim
from conftest import SCENARIOS

SHIPPED = sorted(p.name for p in SCENARIOS.glob("*.yaml"))


@pytest.mark.parametrize("name", SHIPPED)
def test_summary_equals_the_cli_json(name, cli_json):
    path = SCENARIOS / name
    run = cablesim.Scenario.load(str(path)).run()
    report = cli_json(path)
    assert run.summary == report["summary"]
    assert run.conservation == report["conservation"]
    for key, value in run.info.items():
        assert value == report[key], key


def test_options_are_the_cli_flags(cli_json):
    path = SCENARIOS / "seed-day-1975.yaml"
    run = cablesim.Scenario.load(str(path)).run(discipline="fifo", seed=11)
    report = cli_json(path, "--discipline", "fifo", "--seed", "11")
    assert (run.info["discipline"], run.info["seed"]) == ("fifo", 11)
    assert run.summary == report["summary"]


def test_tables_equal_the_cli_csv_files(cli, tmp_path):
    path = SCENARIOS / "relay-outage-reroute.yaml"
    run = cablesim.Scenario.load(str(path)).run(sample="10m", seed=3)
    cli("run", path, "--out", f"{tmp_path}/", "--sample", "10m", "--seed", "3")
    for table in ("addressees", "links", "stations", "timeseries"):
        ours = getattr(run, table)
        theirs = pandas.read_csv(tmp_path / f"{table}.csv", keep_default_na=False,
                                 na_values=[""])
        assert len(ours) > 0, table
        pandas.testing.assert_frame_equal(ours, theirs, obj=table)
    assert run.to_json() == (tmp_path / "report.json").read_text()


def test_addressee_rows_add_up_to_the_conservation():
    run = cablesim.Scenario.load(str(SCENARIOS / "seed-day-1975.yaml")).run()
    rows = run.addressees
    c = run.conservation
    assert len(rows) == c["addressed"]
    counts = rows["outcome"].value_counts().to_dict()
    for outcome in ("delivered", "other_means", "undeliverable", "in_flight"):
        assert counts.get(outcome, 0) == c[outcome], outcome
    assert c["delivered"] > 0 and c["in_flight"] > 0  # two outcomes: the check counts


def test_no_sample_no_timeseries():
    run = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml")).run()
    assert run.timeseries is None
    assert len(run.stations) > 0


def test_duration_and_drain_edit_the_scenario_keys():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "seed-day-1975.yaml"))
    short = scenario.run(duration="6h", drain=True)
    assert short.info["drain"]["arrivals_end"] == "2008-06-05T18:00:00.000Z"  # start + 6h
    assert short.info["drain"]["complete"]
    assert short.conservation["in_flight"] == 0  # drained: nothing left
    same = scenario.vary({"duration": "6h", "drain": True}).run()
    assert same.summary == short.summary
    assert short.summary != scenario.run().summary


def test_from_yaml_is_load_of_the_same_text():
    path = SCENARIOS / "flash-preemption.yaml"
    text = path.read_text()
    loaded = cablesim.Scenario.load(str(path)).run()
    written = cablesim.Scenario.from_yaml(text, name=str(path)).run()
    assert written.summary == loaded.summary
    assert written.to_json() == loaded.to_json()
