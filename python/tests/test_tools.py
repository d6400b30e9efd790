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


def test_route_equals_the_cli(cli):
    network = SCENARIOS / "networks" / "dts-2008.yaml"
    route = cablesim.route(str(network), "RUEHC", "RUEHFR")
    printed = cli("route", network, "RUEHC", "RUEHFR").splitlines()
    assert " ".join(route["path"]) == printed[0] == "RUEHC RUEH RUDKC RUEHFR"
    assert len(route["hops"]) == 3 and route["hops"][0]["from"] == "RUEHC"
    assert f"({route['cost_s']:.3f} s:" in printed[-1]
    assert route["cost_s"] == pytest.approx(sum(h["cost_s"] for h in route["hops"]), rel=1e-12)
    assert route["warnings"] == []
    scenario = cablesim.Scenario.load(str(SCENARIOS / "ntm-iraq-2008.yaml"))
    assert cablesim.route(scenario, "RUEHC", "RUEHFR")["path"] == route["path"]


def test_route_refuses_what_the_cli_refuses():
    network = str(SCENARIOS / "networks" / "dts-2008.yaml")
    with pytest.raises(cablesim.InputError, match=r"QUEHFR is not served .*did you mean RUEHFR\?"):
        cablesim.route(network, "RUEHC", "QUEHFR")
    prefixed = cablesim.route(network, "RUEHCX", "RUEHFR")
    assert prefixed["warnings"] == ["RUEHCX is not a station: RUEHC takes it, serving its prefix "
                                    "(did you mean RUEHC?)"]
    with pytest.raises(cablesim.InputError, match="did you mean 'SECRET'"):
        cablesim.route(network, "RUEHC", "RUEHFR", classification="SECRT")
