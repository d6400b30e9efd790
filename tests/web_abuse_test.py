#!/usr/bin/python3
"""Abuse of `cablesim serve --http`, end to end: what a careless or hostile client may do must
be answered or closed, never crash the server, never grow its memory without bound, and
SIGTERM must still end with the final report.

usage: web_abuse_test.py CABLESIM SCENARIO

  - 100 WebSocket clients at once: each gets the hello and frames;
  - a page that floods unknown commands and never reads the answers, and one that sends valid
    commands and never reads: closed, the server's memory bounded;
  - Transfer-Encodings other than chunked hiding a second request, two Host or Origin
    headers: 400; a chunked trailer over the header limit, or a chunk line or trailer that
    never ends: 413, the memory bounded; a frame sent with the WebSocket handshake: 400; the framing headers on every answer; a close code 5000: answered 1002;
  - a client that never reads, for 8 s of a fast run: the server's memory stays bounded and
    the others are still served;
  - a message from a page over its limit, and bytes that are not WebSocket frames: closed;
  - traversal paths, plain and encoded: 404; a malformed request: 400; a header or a body
    over its limit: 413 (or 400) and closed;
  - a page of another site (its WebSocket, its text/plain POST) and a Host that is not the
    server's (DNS rebinding): 403; the server's own origin and no Origin (curl): served;
  - one client (a local user, whatever loopback address it connects from: Linux routes all of
    127/8 to the loopback): 32 connections, the next 429 while other clients are served;
    beyond 128 in all: 503; 200 cables posted in flight, the next 429 (from another address
    too) while another client files (another local user: a socket made under its uid, so
    these need root, and are skipped without);
  - SIGTERM: exit 0 and the final report;
  - --http 0.0.0.0:P: the address printed answers; --http [::1]:P and --listen [::1]:P:
    the page at http://[::1]:P/ and send to [::1]:P;
  - --http-token-file and CABLESIM_HTTP_TOKEN: the token is asked for, and is not on the
    command line (/proc/PID/cmdline), where every user could read it.
"""
import base64
import http.client
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import tempfile
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


# Local users other than this one, for the limits per client: the server counts a local
# connection by the user whose socket is at the other end, whatever its address. A socket is
# its maker's (made under that effective uid): only root can make another user's. None when
# the test does not run as root: the checks that need a second client are then skipped.
OTHER_USERS = [65534, 65533, 65532, 65531, 65530] if os.geteuid() == 0 else None
ME = f"local user {os.geteuid()}"


def connect(port, source="127.0.0.1", user=None):
    """A TCP connection to the server from the loopback address `source`, of the local user
    `user` (None: this process's)."""
    if user is None:
        return socket.create_connection(("127.0.0.1", port), timeout=10,
                                        source_address=(source, 0))
    os.seteuid(user)
    try:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    finally:
        os.seteuid(0)
    s.settimeout(10)
    s.bind((source, 0))
    s.connect(("127.0.0.1", port))
    return s


def open_page(port, source="127.0.0.1", user=None, **options):
    """A WebSocket to /ws from `source`, as python3-websocket opens it (Origin: its own)."""
    return websocket.create_connection(f"ws://127.0.0.1:{port}/ws", timeout=20,
                                       socket=connect(port, source, user), **options)


def raw(port, data, read=True, source="127.0.0.1", user=None):
    """Sends bytes on a new connection; returns what the server answered (until it closed)."""
    s = connect(port, source, user)
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


def ws_raw(port, origin=None, extra=b"", rcvbuf=None):
    """A WebSocket to /ws on a plain socket (frames written by hand, receive buffer `rcvbuf`);
    the socket and the status of the handshake's answer."""
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16))
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
              b"Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
              % (port, key) + (b"Origin: " + origin.encode() + b"\r\n" if origin else b"") +
              extra + b"\r\n")
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(1)
        if not chunk:
            break
        head += chunk
    return s, status_of(head.decode("latin-1"))


def ws_frame(payload, opcode=1):
    """A client's (masked) WebSocket frame."""
    n = len(payload)
    header = bytes([0x80 | opcode]) + (bytes([0x80 | n]) if n < 126 else
                                       bytes([0x80 | 126]) + struct.pack(">H", n))
    mask = os.urandom(4)
    return header + mask + bytes(c ^ mask[i % 4] for i, c in enumerate(payload))


def ws_read_frame(s):
    """The opcode and payload of the next frame the server sends (unmasked)."""
    def exactly(n):
        out = b""
        while len(out) < n:
            chunk = s.recv(n - len(out))
            if not chunk:
                raise ConnectionResetError("closed")
            out += chunk
        return out
    b0, b1 = exactly(2)
    n = b1 & 0x7f
    if n == 126:
        n = struct.unpack(">H", exactly(2))[0]
    elif n == 127:
        n = struct.unpack(">Q", exactly(8))[0]
    return b0 & 0x0f, exactly(n)


def status_of(answer):
    m = re.match(r"HTTP/1\.1 (\d+)", answer)
    return int(m.group(1)) if m else None


def start(binary, scenario, *options, env=None):
    """`cablesim serve` with --http on a free port; the process and the port."""
    server = subprocess.Popen([binary, "serve", scenario, "--listen", "127.0.0.1:0",
                               "--http", "127.0.0.1:0", *options],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    while True:
        line = server.stderr.readline()
        if not line:
            fail("the server ended before it listened")
        m = re.search(r"watch it at http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return server, int(m.group(1))


def request(port, method, path, body=None, headers=None, source="127.0.0.1", conn=None,
            user=None):
    """One HTTP request (on `conn` if given); the status and the body."""
    c = conn or http_connection(port, source, user)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    answer = r.read().decode()
    if conn is None:
        c.close()
    return r.status, answer


def main():
    binary, scenario = sys.argv[1], sys.argv[2]
    server, port = start(binary, scenario, "--speed", "3600")
    ws_url = f"ws://127.0.0.1:{port}/ws"
    host = f"Host: 127.0.0.1:{port}".encode()

    # 100 pages at once, of four local users (a client may hold 32 connections); without
    # root, one user's 32.
    users = [None] + OTHER_USERS[:3] if OTHER_USERS else [None]
    pages = [open_page(port, f"127.0.0.{10 + i % 4}", users[i % len(users)])
             for i in range(100 if OTHER_USERS else 32)]
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
    handshake = (b"GET /ws HTTP/1.1\r\n" + host + b"\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
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

    check_unread_replies(server, port)
    check_silent_sender(port)
    check_requests(port)
    check_framing(port)
    check_smuggling(port)
    check_endless_lines(server, port)
    check_early_frames(port)
    check_repeated_headers(port)
    check_close_codes(port)
    check_access(port)
    check_connection_limits(port)
    check_cable_share(port)

    sleeper_rss = rss_kib(server.pid)
    server.send_signal(signal.SIGTERM)
    out, err = server.communicate(timeout=60)
    if server.returncode != 0 or "conservation:" not in out:
        fail(f"SIGTERM: exit {server.returncode}, report {out[-200:]!r}, stderr {err[-300:]!r}")
    sleeper.close()
    check_token_sources(binary, scenario)
    check_listen_addresses(binary, scenario)
    print(f"web_abuse_test: ok (memory {rss_before} KiB before the silent page, {rss_after} after "
          f"8 s, {sleeper_rss} at the end; {frames} frames to the reading page in 8 s)")


def check_unread_replies(server, port):
    """A page that sends unknown commands as fast as it can and never reads their answers is
    closed, and the server's memory stays bounded (without the bound on replies it grew by
    ~65 MB/s, never closed); another page is served meanwhile and after."""
    rss_before = rss_kib(server.pid)
    s, status = ws_raw(port)  # its receive buffer left as is: loopback TCP stalls on a tiny one
    if status != 101:
        fail(f"the flooding page's handshake: {status}")
    burst = ws_frame(b"\x01" * 60) * 1000
    s.settimeout(5)
    closed = False
    peak = rss_before
    deadline = time.time() + 90  # the server closes it ~10 s after its socket stops taking data
    while time.time() < deadline:
        try:
            s.sendall(burst)
        except socket.timeout:
            continue  # the server is not reading: it is about to close the page
        except OSError:  # reset or broken pipe: closed by the server
            closed = True
            break
        peak = max(peak, rss_kib(server.pid))
        if peak - rss_before > 256 * 1024:
            break
    s.close()
    if peak - rss_before > 256 * 1024:
        fail(f"memory grew by {peak - rss_before} KiB under a page's unread replies")
    if not closed:
        fail("a page that sends commands and never reads their answers was not closed")
    page = open_page(port)
    if json.loads(page.recv())["type"] != "hello":
        fail("no hello after a flooding page was closed")
    page.close()


def check_silent_sender(port):
    """A page that sends valid commands (no answer due) and never reads what it is sent:
    never idle, yet once its socket takes no more frames for 10 s the server closes it
    (without the write timeout it held the connection for ever)."""
    s, status = ws_raw(port, rcvbuf=4096)
    if status != 101:
        fail(f"the silent sender's handshake: {status}")
    command = ws_frame(b"speed 3600")
    s.settimeout(1)
    deadline = time.time() + 100
    while time.time() < deadline:
        try:
            s.sendall(command)
        except socket.timeout:
            continue
        except OSError:  # reset or broken pipe: closed by the server
            s.close()
            return
        time.sleep(0.05)
    s.close()
    fail("a page that keeps sending and never reads was not closed")


def check_framing(port):
    """Every answer forbids other sites to frame the page (clickjacking)."""
    for path, expected in (("/", 200), ("/nothing", 404)):
        answer = raw(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Connection: close\r\n\r\n".encode())
        head = answer.split("\r\n\r\n")[0].lower()
        if (status_of(answer) != expected or "\r\nx-frame-options: deny\r\n" not in head or
                "\r\ncontent-security-policy: frame-ancestors 'none'" not in head):
            fail(f"GET {path} may be framed by another site: {head!r}")


def check_smuggling(port):
    """A Transfer-Encoding other than chunked is 400 and closed: its body is not taken for a
    second request (which filed the cable inside it after a 422)."""
    host = f"Host: 127.0.0.1:{port}".encode()
    cable = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios",
                              "cables", "ntm-iraq-2008-state-060837.txt"), "rb").read()
    inner = (b"POST /cables HTTP/1.1\r\n" + host + b"\r\nContent-Length: %d\r\n"
             b"Connection: close\r\n\r\n" % len(cable) + cable)
    for te in (b"xchunked", b"chunked, identity", b"gzip", b"identity", b"chunked\r\n"
               b"Transfer-Encoding: chunked"):
        answer = raw(port, b"POST /cables HTTP/1.1\r\n" + host + b"\r\nTransfer-Encoding: " + te +
                     b"\r\n\r\n" + inner)
        if status_of(answer) != 400 or answer.count("HTTP/1.1 ") != 1 or "accepted" in answer:
            fail(f"Transfer-Encoding {te!r}: {answer[:300]!r}")
    answer = raw(port, b"POST /cables HTTP/1.1\r\n" + host + b"\r\nContent-Length: 5\r\n"
                 b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + inner)
    if status_of(answer) != 400 or answer.count("HTTP/1.1 ") != 1:
        fail(f"Content-Length and chunked: {answer[:300]!r}")
    chunked = b"%x\r\n" % len(cable) + cable + b"\r\n0\r\n\r\n"
    answer = raw(port, b"POST /cables HTTP/1.1\r\n" + host + b"\r\nTransfer-Encoding: chunked"
                 b"\r\nConnection: close\r\n\r\n" + chunked)
    if status_of(answer) != 200 or '"accepted"' not in answer:
        fail(f"a chunked cable: {answer[:300]!r}")
    # A trailer over the header limit (8 KiB) is too large, as a header of that size is: the
    # parser's limit counts the header alone, and a 20 KB trailer was taken.
    trailer = b"".join(b"X-Pad-%d: %s\r\n" % (i, b"p" * 1000) for i in range(20))
    answer = raw(port, b"POST /cables HTTP/1.1\r\n" + host + b"\r\nTransfer-Encoding: chunked"
                 b"\r\nConnection: close\r\n\r\n" + chunked[:-2] + trailer + b"\r\n")
    if status_of(answer) != 413 or "accepted" in answer:
        fail(f"a chunked cable with a 20 KB trailer: {answer[:300]!r}")


def check_endless_lines(server, port):
    """A chunk's size line or a trailer that never ends is 413 once it passes the request's
    limits, and the server's memory stays bounded (the reader's buffer grew by gigabytes,
    with no answer, until the request timed out), whatever its Host or token."""
    starts = (b"1;ext=", b"0\r\nX-Pad: ")
    for start in starts:
        for host in (f"127.0.0.1:{port}".encode(), b"evil.example"):
            rss_before = rss_kib(server.pid)
            s = connect(port)
            answer = b""
            try:
                s.sendall(b"POST /cables HTTP/1.1\r\nHost: " + host +
                          b"\r\nTransfer-Encoding: chunked\r\n\r\n" + start)
                for _ in range(256):  # up to 16 MiB, or until the server closes
                    s.sendall(b"a" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            except (ConnectionResetError, socket.timeout):
                pass
            s.close()
            grown = rss_kib(server.pid) - rss_before
            # Read whole, 16 MiB would take as much again; bounded, the server stops at 72
            # KiB (the margin is for a sanitizer's allocator, which keeps what is freed).
            if status_of(answer.decode("latin-1")) != 413 or grown > 8192:
                fail(f"a chunked request whose {start!r} line never ends (Host {host!r}): "
                     f"{answer[:120]!r}, memory grew by {grown} KiB")


def check_early_frames(port):
    """A frame sent with the WebSocket handshake, before its answer (RFC 6455 4.1 asks the
    client to wait), is 400: it was silently dropped, a command lost."""
    handshake = (b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nUpgrade: websocket\r\n"
                 b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 b"Sec-WebSocket-Version: 13\r\n\r\n" % port)
    answer = raw(port, handshake + ws_frame(b"pause"))
    if status_of(answer) != 400 or "wait for 101" not in answer:
        fail(f"a frame sent with the handshake: {answer[:200]!r}")


def check_repeated_headers(port):
    """Two Host headers, or two Origin headers, are 400 whatever the first one says, on a
    request and on the WebSocket handshake."""
    own = f"127.0.0.1:{port}".encode()
    for headers in (b"Host: " + own + b"\r\nHost: evil.example",
                    b"Host: " + own + b"\r\nOrigin: http://" + own + b"\r\nOrigin: http://evil.example"):
        answer = raw(port, b"GET / HTTP/1.1\r\n" + headers + b"\r\nConnection: close\r\n\r\n")
        if status_of(answer) != 400:
            fail(f"GET / with {headers!r}: {answer[:200]!r}")
    s, status = ws_raw(port, origin=f"http://127.0.0.1:{port}",
                       extra=b"Origin: http://evil.example\r\n")
    s.close()
    if status != 400:
        fail(f"a WebSocket handshake with two Origins: {status}")
    s, status = ws_raw(port, extra=b"Host: evil.example\r\n")
    s.close()
    if status != 400:
        fail(f"a WebSocket handshake with two Hosts: {status}")


def check_close_codes(port):
    """A close frame with a code no peer may send (5000) is answered 1002, not echoed; valid
    ones (4000, 1000) are echoed. (Should a frame to the page be half written at that moment,
    the server closes the connection without a close frame: also accepted, never 5000.)"""
    for sent, expected in ((5000, 1002), (4000, 4000), (1000, 1000)):
        s, status = ws_raw(port)
        if status != 101:
            fail(f"handshake: {status}")
        s.settimeout(10)
        ws_read_frame(s)  # the hello: not being written when the close arrives
        s.sendall(ws_frame(struct.pack(">H", sent) + b"bye", opcode=8))
        answered = None
        try:
            while True:
                opcode, payload = ws_read_frame(s)
                if opcode == 8:
                    answered = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 0
                    break
        except OSError:
            if sent == expected:
                fail(f"close code {sent}: the connection ended without a close frame")
        s.close()
        if answered not in (expected, None):
            fail(f"close code {sent} answered with {answered}, not {expected}")


def check_requests(port):
    """Traversal paths, malformed and oversize requests."""
    host = f"Host: 127.0.0.1:{port}".encode()
    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd",
                 "/scenarios/ntm-iraq-2008.yaml", "/web_page.html"):
        answer = raw(port, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Connection: close\r\n\r\n".encode())
        if status_of(answer) != 404 or "root:" in answer:
            fail(f"GET {path}: {answer[:120]!r}")
    if status_of(raw(port, b"BLAH BLAH BLAH\r\n\r\n")) != 400:
        fail("a malformed request was not answered 400")
    header = raw(port, b"GET / HTTP/1.1\r\n" + host + b"\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n")
    if status_of(header) not in (400, 413):
        fail("an oversize header: " + header[:80])
    body = raw(port, b"POST /cables HTTP/1.1\r\n" + host + b"\r\nContent-Length: 100000\r\n\r\n" +
               b"a" * 100000)
    if status_of(body) != 413:
        fail("an oversize body: " + body[:80])


def check_access(port):
    """Pages of other sites and names that are not the server's are refused; its own are not."""
    own = f"http://127.0.0.1:{port}"
    try:
        open_page(port, origin="http://evil.example").close()
        fail("a page of another site opened the WebSocket")
    except websocket.WebSocketBadStatusException as e:
        if e.status_code != 403:
            fail(f"a foreign Origin on /ws: {e.status_code}")
    cable = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios",
                              "cables", "ntm-iraq-2008-state-060837.txt")).read()
    plain = {"Content-Type": "text/plain"}  # a "simple" POST: browsers send it unasked
    status, answer = request(port, "POST", "/cables", cable, {**plain, "Origin": "http://evil.example"})
    if status != 403 or "may not use this server" not in answer or "--http-origin" not in answer:
        fail(f"a POST from another site: {status} {answer[:200]}")
    status, answer = request(port, "GET", "/", headers={"Host": f"evil.example:{port}"})
    if status != 403 or "DNS rebinding" not in answer:
        fail(f"a Host that is not the server's: {status} {answer[:200]}")
    for headers in ({"Host": f"localhost:{port}"}, {"Origin": own}, {}):
        status, _ = request(port, "GET", "/", headers=headers)
        if status != 200:
            fail(f"the page with {headers}: {status}")
    status, answer = request(port, "POST", "/cables", cable, {**plain, "Origin": own})
    if status != 200 or '"accepted"' not in answer:
        fail(f"a POST from the server's own page: {status} {answer[:200]}")
    open_page(port, origin=own).close()


def check_connection_limits(port):
    """A client holds 32 connections (then 429, from any loopback address: a local client is
    its user) while others are served; 128 in all (503)."""
    if not OTHER_USERS:
        print("web_abuse_test: the limits per client skipped: another local user needs root")
        return
    get = f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode()
    greedy_user = OTHER_USERS[0]
    held = [raw(port, b"", read=False, source=f"127.0.0.{30 + i % 4}", user=greedy_user)
            for i in range(32)]
    time.sleep(0.3)
    greedy = raw(port, get, source="127.0.0.99", user=greedy_user)
    other = raw(port, get, source="127.0.0.99")
    share = f"too many connections from local user {greedy_user} (32 of 128)"
    if status_of(greedy) != 429 or share not in greedy:
        fail("the 33rd connection of one client, from another address: " + greedy[:300])
    if status_of(other) != 200:
        fail("another client beside one that holds its share: " + other[:80])
    held += [raw(port, b"", read=False, source="127.0.0.32", user=u) for u in OTHER_USERS[1:4]
             for _ in range(32)]
    time.sleep(0.3)
    refused = raw(port, get, source="127.0.0.35", user=OTHER_USERS[4])
    for h in held:
        h.close()
    if status_of(refused) != 503:
        fail("the 129th connection: " + refused[:80])
    time.sleep(0.3)
    if status_of(raw(port, get)) != 200:
        fail("the page is not served after the held connections closed")


def check_cable_share(port):
    """With the run paused (nothing delivered), an address files 200 cables; the 201st is 429
    while another address still files."""
    control = open_page(port)
    control.recv()
    control.send("pause")
    for _ in range(400):  # until a frame says so: then nothing is delivered
        msg = json.loads(control.recv())
        if msg.get("type") == "frame" and msg.get("paused"):
            break
    else:
        fail("the run did not pause")
    def cable(n):
        return (f"VZCZCXYZ{n:04}\nRR RUEHWEB\nDE RUEHC #{n:04} 1572133\nR 052124Z JUN 08\n"
                "FM SECSTATE WASHDC\nTO RUEHFR/AMEMBASSY PARIS\nBT\nUNCLAS\nBT\nNNNN\n")
    # A client that has posted nothing yet: another user when root, else this one.
    poster = OTHER_USERS[0] if OTHER_USERS else None
    conn = http_connection(port, "127.0.0.40", poster)
    statuses = [request(port, "POST", "/cables", cable(n), conn=conn)[0] for n in range(200)]
    status, answer = request(port, "POST", "/cables", cable(200), conn=conn)
    conn.close()
    # From another address, the same client is still full; another client files.
    again, _ = request(port, "POST", "/cables", cable(201), source="127.0.0.41", user=poster)
    other = None
    if OTHER_USERS:
        other, _ = request(port, "POST", "/cables", cable(202), source="127.0.0.41",
                           user=OTHER_USERS[1])
    control.send("resume")
    control.close()
    if statuses != [200] * 200:
        fail(f"200 cables from one address: {sorted(set(statuses))}")
    who = f"local user {poster}" if poster is not None else ME
    if status != 429 or f"too many cables in flight from {who} (200)" not in answer:
        fail(f"the 201st cable in flight from one client: {status} {answer[:200]}")
    if again != 429:
        fail(f"the 201st cable of one client, from another address: {again}")
    if OTHER_USERS and other != 200:
        fail(f"a cable from another client beside one that has its share: {other}")


def http_connection(port, source="127.0.0.1", user=None):
    """An HTTP connection to the server from `source`, of the local user `user`."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.sock = connect(port, source, user)
    return c


def served_at(binary, scenario, *options):
    """`cablesim serve OPTIONS` started; the process, the URL it says to watch at and what it
    printed before (the TCP address)."""
    server = subprocess.Popen([binary, "serve", scenario, *options], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    before = ""
    while True:
        line = server.stderr.readline()
        if not line:
            fail(f"serve {' '.join(options)} ended before it listened")
        m = re.search(r"watch it at (http://\S+/)", line)
        if m:
            return server, m.group(1), before
        before += line


def get_page(url, origin=None):
    """GET `url` as a browser does (its Host from the URL, and an Origin if given)."""
    m = re.fullmatch(r"http://(\[[^]]+\]|[^:/]+):(\d+)/", url)
    if not m:
        fail(f"not a page's address: {url}")
    c = http.client.HTTPConnection(m.group(1).strip("[]"), int(m.group(2)), timeout=10)
    c.request("GET", "/", headers={"Origin": origin} if origin else {})
    r = c.getresponse()
    r.read()
    c.close()
    return r.status


def check_listen_addresses(binary, scenario):
    """The address printed for --http 0.0.0.0 answers (not 0.0.0.0, which the Host check
    refuses); IPv6 in brackets: --http [::1]:P and --listen [::1]:P, the page at
    http://[::1]:P/ (Host and Origin [::1]:P), and send to [::1]:P."""
    server, url, _ = served_at(binary, scenario, "--listen", "127.0.0.1:0", "--http", "0.0.0.0:0")
    status = get_page(url)
    server.send_signal(signal.SIGTERM)
    server.communicate(timeout=60)
    if status != 200:
        fail(f"the page printed for --http 0.0.0.0 ({url}) answers {status}")
    server, url, before = served_at(binary, scenario, "--listen", "[::1]:0", "--http", "[::1]:0")
    try:
        if not url.startswith("http://[::1]:"):
            fail(f"the page for --http [::1]:0 is said to be at {url}")
        if get_page(url, origin=url.rstrip("/")) != 200:
            fail(f"the page at {url} with its own Origin is not served")
        tcp = re.search(r" on (\[::1\]:\d+),", before)
        if not tcp:
            fail(f"serve --listen [::1]:0 printed {before!r}")
        cable = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios",
                             "cables", "ntm-iraq-2008-state-060837.txt")
        sent = subprocess.run([binary, "send", cable, tcp.group(1), "--timeout", "60s"],
                              capture_output=True, text=True, timeout=120)
        if sent.returncode != 0 or '"accepted"' not in sent.stdout:
            fail(f"send to {tcp.group(1)}: exit {sent.returncode}, {sent.stderr[:200]!r}")
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=60)


def check_token_sources(binary, scenario):
    """The token from a file or the environment: asked for, and not on the command line; a
    file that cannot be read is a usage error naming it."""
    missing = subprocess.run([binary, "serve", scenario, "--http", "127.0.0.1:0",
                              "--http-token-file", "/nonexistent/token"],
                             capture_output=True, text=True, timeout=60)
    if missing.returncode != 2 or "/nonexistent/token: --http-token-file" not in missing.stderr:
        fail(f"a missing token file: exit {missing.returncode}, {missing.stderr[:200]!r}")
    with tempfile.NamedTemporaryFile("w", suffix=".token") as f:
        f.write("file-s3cret\n")
        f.flush()
        for options, env, token in ((["--http-token-file", f.name], None, "file-s3cret"),
                                    ([], {**os.environ, "CABLESIM_HTTP_TOKEN": "env-s3cret"},
                                     "env-s3cret")):
            server, port = start(binary, scenario, *options, env=env)
            cmdline = open(f"/proc/{server.pid}/cmdline", "rb").read().decode()
            without, _ = request(port, "GET", "/")
            with_token, _ = request(port, "GET", "/?token=" + token)
            server.send_signal(signal.SIGTERM)
            server.communicate(timeout=60)
            if token in cmdline:
                fail(f"the token is on the command line: {cmdline!r}")
            if without != 401 or with_token != 200:
                fail(f"{options or 'CABLESIM_HTTP_TOKEN'}: {without} without the token, "
                     f"{with_token} with it")


if __name__ == "__main__":
    main()
