#!/usr/bin/python3
"""Abuse of `cablesim serve --http`, end to end: what a careless or hostile client may do must
be answered or closed, never crash the server, never grow its memory without bound, and
SIGTERM must still end with the final report.

usage: web_abuse_test.py CABLESIM SCENARIO

  - 100 WebSocket clients at once: each gets the hello and frames;
  - a client that never reads, for 8 s of a fast run: the server's memory stays bounded and
    the others are still served;
  - a message from a page over its limit, and bytes that are not WebSocket frames: closed;
  - traversal paths, plain and encoded: 404; a malformed request: 400; a header or a body
    over its limit: 413 (or 400) and closed; beyond the connection limit: 503;
  - SIGTERM: exit 0 and the final report.
"""
import json
import re
import signal
import socket
import subprocess
import sys
import time

import websocket  # python3-websocket


def fail(why):
    print("web_abuse_test: " + why, file=sys.stderr)
    sys.exit(1)


def rss_kib(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def raw(port, data, read=True):
    """Sends bytes on a new connection; returns what the server answered (until it closed)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    try:
        s.sendall(data)
        if not read:
            return s
        out = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            out += chunk
        return out.decode("latin-1")
    finally:
        if read:
            s.close()


def status_of(answer):
    m = re.match(r"HTTP/1\.1 (\d+)", answer)
    return int(m.group(1)) if m else None


def main():
    binary, scenario = sys.argv[1], sys.argv[2]
    server = subprocess.Popen([binary, "serve", scenario, "--listen", "127.0.0.1:0",
                               "--http", "127.0.0.1:0", "--speed", "3600"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = None
    while port is None:
        line = server.stderr.readline()
        if not line:
            fail("the server ended before it listened")
        m = re.search(r"watch it at http://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
    ws_url = f"ws://127.0.0.1:{port}/ws"

    # 100 pages at once.
    pages = [websocket.create_connection(ws_url, timeout=20) for _ in range(100)]
    for i, p in enumerate(pages):
        hello = json.loads(p.recv())
        frame = json.loads(p.recv())
        if hello["type"] != "hello" or frame["type"] != "frame":
            fail(f"page {i} got {hello['type']} then {frame['type']}")
    for p in pages:
        p.close()

    # A page that never reads, beside one that does.
    rss_before = rss_kib(server.pid)
    sleeper = websocket.create_connection(ws_url, timeout=20)
    sleeper.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    reader = websocket.create_connection(ws_url, timeout=20)
    deadline = time.time() + 8
    frames = 0
    while time.time() < deadline:
        if json.loads(reader.recv())["type"] == "frame":
            frames += 1
    rss_after = rss_kib(server.pid)
    if frames < 8 * 10:
        fail(f"a reading page got {frames} frames in 8 s beside one that does not read")
    if rss_after - rss_before > 64 * 1024:
        fail(f"memory grew by {rss_after - rss_before} KiB with a page that does not read")
    reader.close()

    # A message over the limit from a page: closed by the server.
    big = websocket.create_connection(ws_url, timeout=20)
    big.recv()
    big.send("x" * 10000)
    try:
        while True:
            if big.recv() == "":
                break
    except (websocket.WebSocketConnectionClosedException, websocket.WebSocketTimeoutException,
            OSError):  # closed by the server (a broken pipe when answering its close)
        pass
    # An unknown command is answered, and the page goes on.
    page = websocket.create_connection(ws_url, timeout=20)
    page.recv()
    page.send("launch the missiles")
    for _ in range(200):
        msg = json.loads(page.recv())
        if msg["type"] == "error":
            if "unknown command" not in msg["error"]:
                fail("unknown command answered with " + json.dumps(msg))
            break
    else:
        fail("an unknown command was not answered")
    page.close()

    # Bytes that are not WebSocket frames after a good handshake.
    handshake = (b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    s = raw(port, handshake, read=False)
    time.sleep(0.2)
    s.sendall(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff not a frame")
    s.settimeout(10)
    try:
        while s.recv(65536):
            pass
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()

    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
                 "/scenarios/ntm-iraq-2008.yaml", "/web_page.html"):
        answer = raw(port, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        if status_of(answer) != 404 or "root:" in answer:
            fail(f"GET {path}: {answer[:120]!r}")
    if status_of(raw(port, b"BLAH BLAH BLAH\r\n\r\n")) != 400:
        fail("a malformed request was not answered 400")
    header = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n")
    if status_of(header) not in (400, 413):
        fail("an oversize header: " + header[:80])
    body = raw(port, b"POST /cables HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" +
               b"a" * 100000)
    if status_of(body) != 413:
        fail("an oversize body: " + body[:80])

    # Beyond the connection limit (128): refused with 503, and served again once they close.
    held = [raw(port, b"", read=False) for _ in range(128)]
    time.sleep(0.3)
    refused = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    for h in held:
        h.close()
    if status_of(refused) != 503:
        fail("the 129th connection: " + refused[:80])
    time.sleep(0.3)
    if status_of(raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) != 200:
        fail("the page is not served after the held connections closed")

    sleeper_rss = rss_kib(server.pid)
    server.send_signal(signal.SIGTERM)
    out, err = server.communicate(timeout=60)
    if server.returncode != 0 or "conservation:" not in out:
        fail(f"SIGTERM: exit {server.returncode}, report {out[-200:]!r}, stderr {err[-300:]!r}")
    sleeper.close()
    print(f"web_abuse_test: ok (memory {rss_before} KiB before the silent page, {rss_after} after "
          f"8 s, {sleeper_rss} at the end; {frames} frames to the reading page in 8 s)")


if __name__ == "__main__":
    main()
