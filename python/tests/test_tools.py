"""cablesim.parse and the DOT pictures give what `cablesim parse --format json` and
`cablesim dot` print."""
import json

import pytest

import cablesim
from conftest import SCENARIOS

CABLE = SCENARIOS / "cables" / "ntm-iraq-2008-state-060837.txt"


def test_parse_equals_the_cli(cli):
    ours = cablesim.parse(CABLE.read_text(), name=str(CABLE))
    theirs = [json.loads(line) for line in cli("parse", CABLE, "--format", "json").splitlines()]
    assert ours == theirs
    assert len(ours) == 1 and ours[0]["errors"] == []


def test_dot_pictures_equal_the_cli(cli):
    path = SCENARIOS / "ntm-iraq-2008.yaml"
    scenario = cablesim.Scenario.load(str(path))
    assert scenario.dot() == cli("dot", path)
    assert scenario.dot(layout="overview") == cli("dot", path, "--layout", "overview")
    run = scenario.run()
    assert run.dot() == cli("dot", path, "--heat")
    message = run.addressees["message"].iloc[0]
    assert run.route_dot(message) == cli("dot", path, "--message", message)


def test_an_unknown_message_or_layout_is_refused():
    run = cablesim.Scenario.load(str(SCENARIOS / "flash-preemption.yaml")).run()
    with pytest.raises(cablesim.InputError, match="did you mean 'FLASH-1'"):
        run.route_dot("FLASH-2")
    with pytest.raises(cablesim.InputError, match="layout"):
        run.dot(layout="round")
