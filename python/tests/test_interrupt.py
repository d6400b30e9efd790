"""Ctrl-C stops a run, a compare and a sweep: SIGINT during scenario.run(), compare() or
sweep() raises KeyboardInterrupt from it, long before even one long run could end, and the
interpreter goes on (the next run or compare is the one it always was). No tight timing: a
long run is a hundred times a reference run, and the interrupt must come within a fifth of
that, while it comes within a fraction of a second. A progress callable that raises stops the
runs in progress as Ctrl-C does, and its exception comes out of compare."""
import os
import signal
import threading
import time

import pytest

import cablesim

# congested-relay's traffic (648 messages an hour from two posts, its trunk near 90% busy) for
# `duration`.
TRAFFIC = """
name: long-congested
duration: {duration}
seed: 11
network:
  defaults: {{processing: 0s, rate: 56kbps, framing: sync-ascii, propagation: 20ms}}
  stations:
    - {{ri: RUQAA}}
    - {{ri: RUQAB}}
    - {{ri: RUQA, kind: relay}}
    - {{ri: RUQH, kind: relay}}
    - {{ri: RUQHA}}
  links:
    - {{between: [RUQAA, RUQA]}}
    - {{between: [RUQAB, RUQA]}}
    - {{between: [RUQA, RUQH], rate: 9600bps}}
    - {{between: [RUQH, RUQHA]}}
traffic:
  generators:
    - from: [RUQAA, RUQAB]
      per_hour: 324
      precedence: {{FLASH: 5, IMMEDIATE: 20, PRIORITY: 35, ROUTINE: 40}}
      length: {{exponential: 6000}}
      heading: false
      to: {{count: 1, from: [RUQHA]}}
"""


@pytest.fixture
def sigint_raises():
    """SIGINT raises KeyboardInterrupt here, whatever the test runner set."""
    before = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


def reference_seconds(scenario):
    """How long a run of `scenario` takes here (the unit of the bounds below)."""
    started = time.monotonic()
    scenario.run()
    return time.monotonic() - started


def seconds_to_interrupt(call):
    """Sends SIGINT 0.3 s into call(), which must raise KeyboardInterrupt; returns the
    seconds from the signal to the exception."""
    sent = []

    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.3, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
        stopped = time.monotonic()
    finally:
        timer.cancel()
        timer.join()
    assert sent, "the interrupt was never sent"
    return stopped - sent[0]


def assert_stopped_early(waited_s, reference_s, what):
    # Unstopped, the long run in progress would go on about 100 reference runs.
    assert waited_s < max(20 * reference_s, 2.0), (
        f"KeyboardInterrupt {waited_s:.1f} s after SIGINT: the {what} went on "
        f"(a reference run, a hundredth of a long one, takes {reference_s:.2f} s)")


def test_ctrl_c_stops_a_run_and_the_interpreter_goes_on(sigint_raises):
    reference = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="20h"))
    reference_summary = reference.run().summary
    reference_s = reference_seconds(reference)
    # A hundred times the reference: seconds of work even in an optimised build.
    long = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="2000h"))
    assert_stopped_early(seconds_to_interrupt(long.run), reference_s, "run")
    # The interpreter goes on: a run after the interrupted one is the run it always was.
    assert reference.run().summary == reference_summary


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_a_compare_in_its_runs_and_the_next_compare_is_whole(sigint_raises, jobs):
    reference = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="20h"))
    reference_s = reference_seconds(reference)
    before = reference.compare(disciplines=["fifo", "priority"], replications=2, jobs=2).to_dict()
    long = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="2000h"))
    waited_s = seconds_to_interrupt(
        lambda: long.compare(disciplines=["fifo", "priority"], replications=2, jobs=jobs))
    assert_stopped_early(waited_s, reference_s, "compare")
    # No thread of the stopped compare is left: the next compare is the one before.
    after = reference.compare(disciplines=["fifo", "priority"], replications=2, jobs=2).to_dict()
    assert after == before


def test_ctrl_c_stops_a_sweep_in_its_runs(sigint_raises):
    reference = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="20h"))
    reference_s = reference_seconds(reference)
    long = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="2000h"))
    waited_s = seconds_to_interrupt(
        lambda: long.sweep(load=[0.5, 1], replications=2, jobs=2, progress=lambda d, n: None))
    assert_stopped_early(waited_s, reference_s, "sweep")
    assert reference.sweep(load=[0.5], replications=2, jobs=2).to_dict()["points"]


class Enough(Exception):
    """What the progress callable below raises."""


def on_another_thread(call):
    """call() on a thread of its own (where no signal is seen, so compare has no Ctrl-C
    check); returns what it raised, or None."""
    raised = []

    def target():
        try:
            call()
        except Exception as e:  # handed back to the test
            raised.append(e)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    return raised[0] if raised else None


@pytest.mark.parametrize("jobs,thread", [(1, "main"), (2, "main"), (2, "another")])
def test_a_progress_callable_that_raises_stops_the_runs_in_progress(jobs, thread):
    # Runs of equal length, more than the threads: when the first ends and progress raises,
    # a run has just started (the thread that ended one takes the next at once), so the runs
    # still in progress have a whole run to go. Stopped, they end within a chunk of their
    # events: the exception comes out within a fifth of the first run's time, where it would
    # come a whole run later if they went on (and a hundred runs later if none stopped).
    scenario = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="100h"))
    raised_at = []

    def progress(done, total):
        raised_at.append(time.monotonic())
        raise Enough(f"{done} of {total}")

    def compare():
        scenario.compare(disciplines=["fifo"], replications=100, jobs=jobs, progress=progress)

    started = time.monotonic()
    if thread == "main":
        with pytest.raises(Enough, match="^1 of 100$"):
            compare()
    else:
        error = on_another_thread(compare)
        assert isinstance(error, Enough) and str(error) == "1 of 100", repr(error)
    stopped = time.monotonic()
    assert len(raised_at) == 1, "progress was called after it raised"
    first_run_s = raised_at[0] - started
    assert stopped - raised_at[0] < first_run_s / 5, (
        f"the exception came {stopped - raised_at[0]:.2f} s after progress raised: the runs "
        f"in progress went on (the first run took {first_run_s:.2f} s)")
