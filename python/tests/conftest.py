"""What every test of the Python module shares: the module built by this build tree (on
PYTHONPATH, set by the ctest entry), the cablesim program of the same tree (CABLESIM_BIN)
to compare with, and the source tree's scenarios."""
import json
import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = SOURCE / "scenarios"


@pytest.fixture(scope="session")
def cli():
    """Runs the cablesim program with `args`; returns its standard output (checked)."""
    binary = os.environ.get("CABLESIM_BIN")
    if not binary:
        pytest.fail("CABLESIM_BIN is not set (run through ctest)")

    def run(*args):
        done = subprocess.run([binary, *map(str, args)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, f"cablesim {' '.join(map(str, args))}: {done.stderr}"
        return done.stdout

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    """The JSON report of `cablesim run ARGS --format json`, parsed."""
    return lambda *args: json.loads(cli("run", *args, "--format", "json"))
