"""progress= on compare and sweep: True draws a bar on sys.stderr (tqdm's, or a plain line
without tqdm), a callable is told (done, total) as each run finishes, anything else is an
InputError."""
import sys

import pytest

import cablesim
from conftest import SCENARIOS


def scenario():
    return cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml"))


def test_progress_true_draws_a_tqdm_bar(capsys):
    import tqdm  # Debian's python3-tqdm (tools/setup)
    assert tqdm.__version__
    scenario().compare(disciplines=["fifo", "priority"], replications=2, jobs=1, progress=True)
    err = capsys.readouterr().err
    assert "compare: 100%|" in err and "4/4" in err, err


def test_a_sweep_bar_counts_every_point(capsys):
    scenario().sweep(load=[0.5, 1], replications=2, jobs=2, progress=True)
    err = capsys.readouterr().err
    assert "sweep: 100%|" in err and "4/4" in err, err


def test_without_tqdm_the_bar_is_a_line_of_counts(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    scenario().compare(disciplines=["fifo"], replications=3, jobs=1, progress=True)
    assert capsys.readouterr().err == (
        "\rcompare: 1/3 runs\rcompare: 2/3 runs\rcompare: 3/3 runs\n")


def test_no_progress_writes_nothing(capsys):
    scenario().compare(disciplines=["fifo"], replications=2, jobs=1, progress=False)
    scenario().compare(disciplines=["fifo"], replications=2, jobs=1)
    assert capsys.readouterr().err == ""


def test_a_callable_is_told_done_and_total_as_each_run_finishes():
    calls = []
    scenario().sweep(load=[0.5, 1], disciplines=["fifo", "priority"], replications=2, jobs=2,
                     progress=lambda done, total: calls.append((done, total)))
    assert calls == [(done, 8) for done in range(1, 9)]


def test_progress_of_another_kind_is_an_input_error():
    with pytest.raises(cablesim.InputError, match="progress: True .* not str"):
        scenario().compare(replications=1, progress="tqdm")
