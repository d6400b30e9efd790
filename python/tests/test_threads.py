"""Runs release the GIL: another Python thread runs while one is in progress, and two runs in
two threads give what they give alone. No timing: with a switch interval of an hour, a
thread holding the GIL never gives it up on its own, so a waiting thread can only run during
a run when the run released it."""
import sys
import threading

import cablesim
from conftest import SCENARIOS


def seen_during_a_run(scenario):
    """True when another thread ran while scenario.run() was in progress."""
    in_run = [False]
    seen = []
    go = threading.Event()

    def watcher():
        go.wait()
        seen.append(in_run[0])

    thread = threading.Thread(target=watcher)
    thread.start()
    in_run[0] = True
    go.set()  # the watcher now waits for the GIL, which this thread holds
    scenario.run()
    in_run[0] = False
    thread.join()
    return seen[0]


def test_another_thread_runs_during_a_run():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "congested-relay.yaml"))
    before = sys.getswitchinterval()
    sys.setswitchinterval(3600)
    try:
        # A watcher woken too late (a busy machine) sees the run over: try a few times.
        # Holding the GIL, every attempt would see it over.
        seen = False
        for _ in range(5):
            seen = seen_during_a_run(scenario)
            if seen:
                break
    finally:
        sys.setswitchinterval(before)
    assert seen, "no other thread ran during any of 5 runs: the GIL was held"


def test_two_runs_in_two_threads_are_the_runs_alone():
    scenario = cablesim.Scenario.load(str(SCENARIOS / "seed-day-1975.yaml"))
    alone = {d: scenario.run(discipline=d).summary for d in ("fifo", "priority")}
    together = {}

    def run(discipline):
        together[discipline] = scenario.run(discipline=discipline).summary

    threads = [threading.Thread(target=run, args=(d,)) for d in alone]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert together == alone
