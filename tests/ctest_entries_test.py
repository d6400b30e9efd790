#!/usr/bin/env python3
"""Every ctest entry that runs a doctest binary of tests/ would fail if it ran no case, and
each binary has one entry per case it holds.

ctest runs one doctest case per entry, by name; doctest exits 0 when its filter matches no
case, so an entry whose name did not come through whole (ctest splits a name at ';') would
pass without testing anything. tests/CMakeLists.txt gives every entry a
FAIL_REGULAR_EXPRESSION for doctest's "test cases: 0" summary (the guard entry shows that the
expression catches it); this checks that no entry goes without it, and that the entries of
each binary are exactly its cases (none lost, none split).

Usage: ctest_entries_test.py CTEST BUILD_DIR REGEX BINARY...
"""
import json
import os
import subprocess
import sys


def cases_of(binary):
    """The case names a doctest binary lists, one a line between its ===== rules."""
    out = subprocess.run([binary, "--list-test-cases"], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    rules = [i for i, line in enumerate(out) if line.startswith("=====")]
    if len(rules) < 2:
        raise SystemExit("%s --list-test-cases: no list in\n%s" % (binary, "\n".join(out)))
    return out[rules[0] + 1:rules[1]]


def main():
    ctest, build, regex = sys.argv[1], sys.argv[2], sys.argv[3]
    binaries = [os.path.realpath(b) for b in sys.argv[4:]]
    shown = subprocess.run([ctest, "--test-dir", build, "--show-only=json-v1"],
                           capture_output=True, text=True, check=True).stdout
    entries = json.loads(shown)["tests"]
    failures = []
    per_binary = {b: [] for b in binaries}
    for entry in entries:
        command = entry.get("command") or []
        binary = os.path.realpath(command[0]) if command else ""
        if binary not in per_binary:
            continue  # a script's entry (python, sh): not a doctest case
        properties = {p["name"]: p["value"] for p in entry.get("properties", [])}
        if regex not in properties.get("FAIL_REGULAR_EXPRESSION", []):
            failures.append("%s: no FAIL_REGULAR_EXPRESSION '%s': it would pass if it ran no "
                            "case" % (entry["name"], regex))
        if properties.get("WILL_FAIL"):
            continue  # the guard's own entry, which must run no case
        per_binary[binary].append(entry["name"])
    for binary, names in per_binary.items():
        cases = cases_of(binary)
        if sorted(names) != sorted(cases):
            lost = sorted(set(cases) - set(names))
            extra = sorted(set(names) - set(cases))
            failures.append("%s: %d cases, %d ctest entries; cases without an entry: %s; "
                            "entries that are no case: %s" % (binary, len(cases), len(names),
                                                              lost, extra))
    for f in failures:
        print("ctest_entries_test: " + f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print("ctest_entries_test: %d doctest binaries, %d entries, each one case that fails if "
          "it runs none" % (len(binaries), sum(len(n) for n in per_binary.values())))


if __name__ == "__main__":
    main()
