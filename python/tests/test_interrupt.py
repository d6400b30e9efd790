"""Ctrl-C stops a run: SIGINT during scenario.run() raises KeyboardInterrupt from the run,
long before its end, and the interpreter goes on (the next run is the run it always was).
No tight timing: a long run is a hundred times a reference run, and the interrupt must come
within a fifth of that, while it comes within a fraction of a second."""
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


def test_ctrl_c_stops_a_run_and_the_interpreter_goes_on(sigint_raises):
    reference = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="20h"))
    started = time.monotonic()
    reference_summary = reference.run().summary
    reference_s = time.monotonic() - started
    # A hundred times the reference: seconds of work even in an optimised build.
    long = cablesim.Scenario.from_yaml(TRAFFIC.format(duration="2000h"))
    sent = []

    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(0.3, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            long.run()
        stopped = time.monotonic()
    finally:
        timer.cancel()
        timer.join()
    assert sent, "the interrupt was never sent"
    # Unstopped, the run would go on about 100 reference runs after the signal.
    assert stopped - sent[0] < max(20 * reference_s, 2.0), (
        f"KeyboardInterrupt {stopped - sent[0]:.1f} s after SIGINT: the run went on "
        f"(a reference run, a hundredth of it, takes {reference_s:.2f} s)")
    # The interpreter goes on: a run after the interrupted one is the run it always was.
    assert reference.run().summary == reference_summary
