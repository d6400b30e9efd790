#!/usr/bin/python3
"""Runs every command of docs/tutorial.md and checks the output it quotes, so the tutorial
cannot rot.

usage: tutorial_test.py CABLESIM SOURCE_DIR

What it reads in the tutorial:
  - ```console blocks: a line "$ COMMAND" (continued by a trailing backslash) is run, in
    order, by bash in one temporary directory for the whole tutorial (holding `scenarios` and
    `examples`, links to the source's), with CABLESIM's directory first on PATH; the lines
    after it, up to the next "$ " line, are what it prints (standard output and error through
    one pipe, as a terminal shows them). It must exit 0 (a command that shows a failure says
    so itself: `; echo "exit $?"`).
    Without a line "..." the output must be exactly the lines quoted; with it, the quoted
    lines are an excerpt: each run of lines between "..." must appear whole and in order,
    the first at the start unless the quote starts with "...", the last at the end unless it
    ends with "...".
  - the live step (## 8, ```sh and ```text blocks, not run as written: they need a fixed port
    and a browser): its serve and send commands are run with free ports instead, the quoted
    acceptance must start send's output, each addressee must be delivered, the page must be
    served at / and the quoted "live:" line must end serve's report after SIGTERM.
A failure names the tutorial's line, the command and the first quoted line that differs,
and prints what the command printed, so the quote is easy to update.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

FAILURES = []


def fail(why):
    FAILURES.append(why)
    print("tutorial_test: FAILED: " + why, file=sys.stderr)


def blocks(text, kind):
    """(line number of the first line inside, lines) of every ```KIND block."""
    out = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```" + kind:
            start, body = i + 2, []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            out.append((start, body))
        i += 1
    return out


def commands(start, body):
    """(line, command, quoted output lines) of one console block."""
    out = []
    i = 0
    while i < len(body):
        if not body[i].startswith("$ "):
            raise SystemExit("tutorial_test: docs/tutorial.md:%d: output before any '$ ' line"
                             % (start + i))
        line, cmd = start + i, body[i][2:]
        while cmd.endswith("\\") and i + 1 < len(body):
            i += 1
            cmd = cmd[:-1] + "\n" + body[i]
        i += 1
        quoted = []
        while i < len(body) and not body[i].startswith("$ "):
            quoted.append(body[i])
            i += 1
        out.append((line, cmd, quoted))
    return out


def find_run(actual, run, start):
    """The first index >= start where `run` appears whole in `actual`, or -1."""
    for k in range(start, len(actual) - len(run) + 1):
        if actual[k:k + len(run)] == run:
            return k
    return -1


def first_difference(actual, quoted):
    """None when the output holds what is quoted; else the first quoted line not found."""
    norm = lambda lines: [l.rstrip() for l in lines]
    actual, quoted = norm(actual), norm(quoted)
    while actual and actual[-1] == "":
        actual.pop()
    while quoted and quoted[-1] == "":
        quoted.pop()
    if "..." not in quoted:
        for k, q in enumerate(quoted):
            if k >= len(actual) or actual[k] != q:
                return q
        return None if len(actual) == len(quoted) else "(the output goes on: %r)" % actual[len(quoted)]
    runs, run = [], []
    for q in quoted:
        if q == "...":
            runs.append(run)
            run = []
        else:
            run.append(q)
    runs.append(run)
    at = 0
    for n, run in enumerate(runs):
        if not run:
            continue
        if n == 0:  # no "..." before it: the output starts with it
            if actual[:len(run)] != run:
                return next(q for k, q in enumerate(run) if k >= len(actual) or actual[k] != q)
            at = len(run)
            continue
        if n == len(runs) - 1:  # no "..." after it: the output ends with it
            k = len(actual) - len(run)
            if k < at or actual[k:] != run:
                return run[0] if k < at else next(
                    q for j, q in enumerate(run) if actual[k + j] != q)
            continue
        k = find_run(actual, run, at)
        if k < 0:
            # the first line of the run that cannot be found after the previous one
            for j in range(len(run), 0, -1):
                if find_run(actual, run[:j], at) >= 0:
                    return run[j] if j < len(run) else run[0]
            return run[0]
        at = k + len(run)
    return None


def run_console(cablesim, source, text, work, env):
    count = 0
    for start, body in blocks(text, "console"):
        for line, cmd, quoted in commands(start, body):
            count += 1
            # One pipe for both streams, as a terminal shows them.
            done = subprocess.run(["bash", "-c", cmd], cwd=work, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=600)
            actual = done.stdout.split("\n")
            where = "docs/tutorial.md:%d: `%s`" % (line, cmd)
            if done.returncode != 0:
                fail("%s exited %d:\n%s" % (where, done.returncode, done.stdout))
                continue
            diff = first_difference(actual, quoted)
            if diff is not None:
                fail("%s: the quoted line\n    %s\nis not in its output, which is:\n%s" % (
                    where, diff, done.stdout))
    return count


def wait_for(path, pattern, seconds=30):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with open(path, encoding="utf-8") as f:
            m = re.search(pattern, f.read())
        if m:
            return m
        time.sleep(0.1)
    return None


def run_live(text, work, env):
    """The live step with free ports; what it quotes must hold."""
    section = text[text.index("## 8."):text.index("## 9.")]
    sh = [l for _, body in blocks(section, "sh") for l in body]
    serve = next((l for l in sh if l.startswith("cablesim serve ")), None)
    send = next((l for l in sh if l.startswith("cablesim send ")), None)
    quotes = [l for _, body in blocks(section, "text") for l in body]
    accepted = next((q for q in quotes if q.startswith('{"event":"accepted"')), None)
    live = next((q for q in quotes if q.startswith("live: ")), None)
    if not (serve and send and accepted and live):
        fail("docs/tutorial.md, step 8: its serve and send commands or the quoted acceptance "
             "and live: line are missing")
        return
    scenario = serve.split()[2]
    cable = send.split()[2]
    expected_addressees = int(re.search(r'"addressees":(\d+)', accepted).group(1))
    err_path = os.path.join(work, "serve.err")
    out_path = os.path.join(work, "serve.out")
    with open(err_path, "w") as err, open(out_path, "w") as out:
        proc = subprocess.Popen(["cablesim", "serve", scenario, "--speed", "60", "--listen",
                                 "127.0.0.1:0", "--http", "127.0.0.1:0"], cwd=work, env=env,
                                stdout=out, stderr=err)
    try:
        tcp = wait_for(err_path, r"live on 127\.0\.0\.1:(\d+),")
        http = wait_for(err_path, r"watch it at (http://127\.0\.0\.1:\d+/)")
        if not tcp or not http:
            fail("step 8: `%s` did not start: %s" % (serve, open(err_path).read()))
            return
        sent = subprocess.run(["cablesim", "send", cable, "127.0.0.1:" + tcp.group(1)],
                              cwd=work, env=env, capture_output=True, text=True, timeout=120)
        lines = sent.stdout.splitlines()
        prefix = accepted[:accepted.index('"filed":')]
        if sent.returncode != 0 or not lines or not lines[0].startswith(prefix):
            fail("step 8: `%s` (on a free port): its first line does not start %s:\n%s%s" % (
                send, prefix, sent.stdout, sent.stderr))
        if sum('"event":"delivered"' in l for l in lines) != expected_addressees:
            fail("step 8: `%s`: not all %d addressees delivered:\n%s" % (
                send, expected_addressees, sent.stdout))
        with urllib.request.urlopen(http.group(1), timeout=30) as page:
            body = page.read().decode("utf-8")
            if page.status != 200 or not body.startswith("<!DOCTYPE html>"):
                fail("step 8: the page at / is not served (%d)" % page.status)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    report = open(out_path, encoding="utf-8").read().splitlines()
    if not report or report[-1] != live:
        fail("step 8: serve's report after SIGTERM does not end with the quoted line\n    %s\n"
             "it ends:\n%s" % (live, "\n".join(report[-5:])))


def main():
    cablesim, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(source, "docs", "tutorial.md"), encoding="utf-8") as f:
        text = f.read()
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(cablesim) + ":/usr/bin:/bin"
    env["LC_ALL"] = "C.UTF-8"
    env["TZ"] = "UTC"
    with tempfile.TemporaryDirectory() as work:
        for name in ("scenarios", "examples"):
            os.symlink(os.path.join(source, name), os.path.join(work, name))
        count = run_console(cablesim, source, text, work, env)
        run_live(text, work, env)
    if count < 20:
        fail("only %d commands found in docs/tutorial.md's console blocks" % count)
    if FAILURES:
        print("tutorial_test: %d of the tutorial's checks failed (above); when an output "
              "changed on purpose, quote the new one in docs/tutorial.md" % len(FAILURES),
              file=sys.stderr)
        sys.exit(1)
    print("tutorial_test: %d commands and the live step as docs/tutorial.md shows them" % count)


if __name__ == "__main__":
    main()
