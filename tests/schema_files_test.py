#!/usr/bin/python3
"""The shipped scenario and network files against the JSON Schemas (Debian's
python3-jsonschema): every file under scenarios/ is valid and names, on its first line, the
schema of its kind (# yaml-language-server: $schema=...) by a path that exists; what
`cablesim init` writes is valid too; and a misspelt key is refused by the schema and by the
loader (cablesim) at the same place (the loader's field path, e.g. traffic.messages[3]).

usage: schema_files_test.py CABLESIM SOURCE_DIR
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema  # python3-jsonschema
import yaml  # python3-yaml


def fail(why):
    print("schema_files_test: " + why, file=sys.stderr)
    sys.exit(1)


class Yaml12Loader(yaml.SafeLoader):
    """YAML as the language server reads it (1.2 core): a UTC time stays a string."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def field_path(path):
    """A jsonschema path as the loader writes a field: traffic.messages[3]."""
    out = ""
    for p in path:
        out += "[%d]" % p if isinstance(p, int) else ("." if out else "") + p
    return out


def unexpected_keys(error):
    """(field, key) of every additionalProperties error in `error` and its context."""
    found = []
    if error.validator == "additionalProperties":
        for key in re.findall(r"'([^']+)' (?:was|were) unexpected", error.message):
            found.append((field_path(error.absolute_path), key))
    for sub in error.context or []:
        found += unexpected_keys(sub)
    return found


def main():
    cablesim, source = sys.argv[1], sys.argv[2]
    validators = {}
    for kind in ("scenario", "network"):
        with open(os.path.join(source, "schema", kind + ".schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
        validators[kind] = jsonschema.Draft7Validator(schema)

    # Every shipped file: its modeline names the schema of its kind, and it is valid.
    shipped = sorted(glob.glob(os.path.join(source, "scenarios", "**", "*.yaml"), recursive=True))
    if len(shipped) < 28:
        fail("only %d shipped YAML files found under scenarios/" % len(shipped))
    for path in shipped:
        kind = "network" if os.sep + "networks" + os.sep in path else "scenario"
        with open(path, encoding="utf-8") as f:
            first = f.readline().rstrip("\n")
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        if not m:
            fail("%s: the first line is not '# yaml-language-server: $schema=...': %r" % (path, first))
        target = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
        if target != os.path.join(source, "schema", kind + ".schema.json"):
            fail("%s: its modeline names %s, not the %s schema" % (path, m.group(1), kind))
        errors = list(validators[kind].iter_errors(load(path)))
        if errors:
            fail("%s: not valid against the %s schema: %s at %s" % (
                path, kind, errors[0].message[:200], field_path(errors[0].absolute_path)))
    print("schema_files_test: %d shipped files valid" % len(shipped))

    with tempfile.TemporaryDirectory() as tmp:
        # cablesim init's files, as a new user gets them.
        starter = os.path.join(tmp, "starter")
        subprocess.run([cablesim, "init", starter], check=True, stdout=subprocess.DEVNULL)
        for kind in ("scenario", "network"):
            path = os.path.join(starter, kind + ".yaml")
            errors = list(validators[kind].iter_errors(load(path)))
            if errors:
                fail("cablesim init's %s.yaml is not valid: %s" % (kind, errors[0].message[:200]))

        # A misspelt key, refused by both at the same field. Each case: a shipped file, the
        # text replaced, the key then misspelt and where the loader and the schema must say.
        cases = [
            ("scenarios/flash-preemption.yaml", "discipline: preempt-restart",
             "disciplin: preempt-restart", "disciplin", ""),
            ("scenarios/flash-preemption.yaml", "precedence: FLASH", "precedense: FLASH",
             "precedense", "traffic.messages[3]"),
            ("scenarios/flash-preemption.yaml", "kind: post}\n  links", "knd: post}\n  links",
             "knd", "network.stations[1]"),
            ("scenarios/short-staffed-relay.yaml", "to: {count: 1,", "to: {cuont: 1,", "cuont",
             "traffic.generators[0].to"),
            ("scenarios/relay-outage.yaml", "at: 3h, for: 2h", "at: 3h, fro: 2h", "fro",
             "faults[0]"),
            ("scenarios/networks/dts-1975.yaml", "{between: [RUEHC, RUEH], rate:",
             "{between: [RUEHC, RUEH], rte:", "rte", "links[0]"),
        ]
        for rel, old, new, key, field in cases:
            kind = "network" if "/networks/" in rel else "scenario"
            with open(os.path.join(source, rel), encoding="utf-8") as f:
                text = f.read()
            if old not in text:
                fail("%s no longer holds %r: update this case" % (rel, old))
            # A copy in the temporary directory, its network named where it is shipped.
            text = text.replace(old, new, 1).replace(
                "network: networks/", "network: %s/scenarios/networks/" % source)
            path = os.path.join(tmp, os.path.basename(rel))
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            found = []
            for error in validators[kind].iter_errors(load(path)):
                found += unexpected_keys(error)
            # dot loads a network file or a scenario (with its network) and nothing more.
            run = subprocess.run([cablesim, "dot", path], capture_output=True, text=True)
            if (field, key) not in found:
                fail("%s with '%s': the schema did not refuse it at '%s' (it said %s)" % (
                    rel, key, field, found))
            m = re.match(r"cablesim dot: .*?:(\d+):(\d+): (?:(\S+): )?unknown key '([^']+)'",
                         run.stderr)
            if run.returncode != 1 or not m:
                fail("%s with '%s': the loader did not refuse it: exit %d, %s" % (
                    rel, key, run.returncode, run.stderr.strip()))
            if (m.group(3) or "", m.group(4)) != (field, key):
                fail("%s with '%s': the loader refused '%s' at '%s', the schema at '%s'" % (
                    rel, key, m.group(4), m.group(3) or "", field))
            print("schema_files_test: '%s' at '%s' refused by both (%s)" % (
                key, field or "the top level", rel))
    print("schema_files_test: ok")


if __name__ == "__main__":
    main()
