"""One client cannot stall or exhaust `csms serve` (csms/ocsp_front.py, csms/ocpp/server.py).

Every test talks over real sockets to `csms serve` started as an operator starts it: a process
of its own, with its own data dir and SQLite, on free ports (tests/serve_process.py). HTTP, OCSP
and OCPP share that process, so one client's head, slowness or connections must not cost the
others. Each test says how the code before this change failed it; run against that code, each
one fails (the front handed every non-OCSP request to uvicorn after 18 bytes, uncapped and
untimed, counted no connections, and the OCPP server took websockets' defaults).
"""

from __future__ import annotations

import selectors
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.serve_process import Served, csms_serve, exchange, health_seconds, probing, read_answer

REQUEST_TIMEOUT = 3  # CSMS_HTTP_REQUEST_TIMEOUT of the servers below
OPEN_TIMEOUT = 2  # CSMS_OCPP_OPEN_TIMEOUT
PER_CLIENT = 64  # CSMS_HTTP_MAX_CONNECTIONS_PER_CLIENT, the default
MIB = 1024 * 1024

HALF_SENT = [
    b"GET /health HTTP/1.1\r\nHost: t\r\n",  # a head that never ends
    (  # a body that never ends, after a head the front handed to uvicorn
        b"POST /api/v1/auth/token HTTP/1.1\r\nHost: t\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n"
        b"username=a"
    ),
    (  # an OCSP body that never ends, on the front's own fast path
        b"POST /ocsp HTTP/1.1\r\nHost: t\r\nContent-Type: application/ocsp-request\r\n"
        b"Content-Length: 100\r\n\r\n\x30\x81"
    ),
    b"G",  # one byte, then nothing
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Default limits, but requests and OCPP handshakes time out sooner, to keep tests short."""
    data_dir = tmp_path_factory.mktemp("limits") / "var"
    with csms_serve(
        data_dir, http_request_timeout=REQUEST_TIMEOUT, ocpp_open_timeout=OPEN_TIMEOUT
    ) as served:
        yield served


def _half_sent_requests(
    port: int, count: int, source: str, wait: float, meanwhile: Callable[[], object] = list
) -> list[float | None]:
    """Open `count` connections from `source`, each sending the start of a request and then
    nothing, then call `meanwhile`; return, for each, the seconds after its opening at which
    the server closed it (None: still open after `wait` seconds)."""
    selector = selectors.DefaultSelector()
    opened: list[float] = []
    closed: list[float | None] = [None] * count
    sockets: list[socket.socket] = []

    def collect(timeout: float) -> None:
        for key, _ in selector.select(timeout):
            index = key.data
            try:
                data = sockets[index].recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""  # reset: closed
            if not data:
                closed[index] = time.monotonic() - opened[index]
                selector.unregister(sockets[index])

    try:
        for index in range(count):
            connection = socket.socket()
            sockets.append(connection)
            connection.bind((source, 0))
            connection.connect(("127.0.0.1", port))
            opened.append(time.monotonic())
            try:
                connection.sendall(HALF_SENT[index % len(HALF_SENT)])
            except OSError:
                pass  # refused before the request went out
            connection.setblocking(False)
            selector.register(connection, selectors.EVENT_READ, index)
            collect(0)
        meanwhile()
        deadline = time.monotonic() + wait
        while selector.get_map() and time.monotonic() < deadline:
            collect(0.05)
    finally:
        selector.close()
        for connection in sockets:
            connection.close()
    return closed


# --- request line and header limits ------------------------------------------------------------


def test_header_streamed_to_1_mib_is_answered_431_in_bounded_memory(server: Served) -> None:
    """A header line streamed to 1 MiB: 431, and the process grows by less than 4 MiB while
    /health, asked from another connection meanwhile, answers within a second. Then the same
    on the second request of a kept-alive connection (the part uvicorn parses).

    Before: the front handed the request to uvicorn, which took the whole header and answered
    200 (and a longer stream grew the process by hundreds of MiB and stalled /health)."""
    # Warm up first: the paths of a 431 and of /health run once, so what their first use
    # allocates (lazily built objects, the allocator's arenas) is not counted as the stream's.
    warm = b"GET /health HTTP/1.1\r\nHost: t\r\nX-Filler: " + b"a" * 65536 + b"\r\n\r\n"
    assert exchange(server.http, warm).startswith(b"HTTP/1.1 431 ")
    assert exchange(server.http, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n").startswith(
        b"HTTP/1.1 200 "
    )
    rss_before = server.rss_kib()
    rss_peak = rss_before
    first = b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n"
    with probing(server.http) as health:
        for kept_alive in (False, True):
            with socket.create_connection(("127.0.0.1", server.http), timeout=10) as connection:
                if kept_alive:
                    connection.sendall(first)
                    assert read_answer(connection).startswith(b"HTTP/1.1 200 ")
                connection.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\nX-Filler: ")
                try:
                    for _ in range(64):  # 64 x 16 KiB, over about 0.6 s
                        connection.sendall(b"a" * 16384)
                        rss_peak = max(rss_peak, server.rss_kib())
                        time.sleep(0.01)
                    connection.sendall(b"\r\n\r\n")
                except OSError:
                    pass  # the server stopped reading: it has answered already
                answer = read_answer(connection)
            rss_peak = max(rss_peak, server.rss_kib())
            assert answer.startswith(b"HTTP/1.1 431 "), (kept_alive, answer[:60])
            assert b"connection: close" in answer.lower()
    assert (rss_peak - rss_before) * 1024 < 4 * MIB, f"grew by {rss_peak - rss_before} KiB"
    assert health and max(health) < 1.0, health


def test_an_oversized_request_line_is_answered_414(server: Served) -> None:
    """A request line over 8 KiB: 414, as the first request of a connection and as a later
    one; one just under the bound still goes through.

    Before: uvicorn read request lines of any length (this one was answered 200)."""
    long_line = b"GET /health?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: t\r\n\r\n"
    assert exchange(server.http, long_line).startswith(b"HTTP/1.1 414 ")
    with socket.create_connection(("127.0.0.1", server.http), timeout=10) as connection:
        connection.sendall(b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n")
        assert read_answer(connection).startswith(b"HTTP/1.1 200 ")
        connection.sendall(long_line)
        assert read_answer(connection).startswith(b"HTTP/1.1 414 ")
    fits = b"GET /health?" + b"a" * 8000 + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
    assert exchange(server.http, fits).startswith(b"HTTP/1.1 200 ")


# --- slow requests and connection bounds ----------------------------------------------------


def test_1000_half_sent_requests_are_dropped_while_health_answers(server: Served) -> None:
    """1,000 half-sent requests from one address (heads that never end, bodies that never
    end, on the front's path and uvicorn's): the first 64 are held until the request timeout
    and then closed, the others refused at once; /health, from another address, answers
    within a second throughout. One more connection from that address meanwhile hears 503.

    Before: every one was accepted, and those handed to uvicorn stayed open indefinitely."""
    busy: list[bytes] = []

    def one_more() -> None:  # while the first 64 are held
        busy.append(exchange(server.http, b"", source="127.0.0.2"))

    with probing(server.http) as health:
        closed = _half_sent_requests(
            server.http, 1000, "127.0.0.2", REQUEST_TIMEOUT + 5, meanwhile=one_more
        )
        time.sleep(0.5)  # one probe after the held connections are gone, too
    assert None not in closed, f"{closed.count(None)} half-sent requests still open"
    times = [t for t in closed if t is not None]
    assert max(times) < REQUEST_TIMEOUT + 2.5, max(times)
    held = [t for t in times if t > 1.0]
    assert len(held) <= PER_CLIENT, len(held)  # the rest were refused at once
    assert len(held) >= PER_CLIENT // 2  # and those admitted were timed out, not refused
    assert busy[0].startswith(b"HTTP/1.1 503 "), busy[0][:60]
    assert len(health) >= 10 and max(health) < 1.0, health


@pytest.fixture(scope="module")
def roomy_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """No per-client bound to speak of."""
    data_dir = tmp_path_factory.mktemp("roomy") / "var"
    with csms_serve(
        data_dir,
        http_request_timeout=REQUEST_TIMEOUT,
        http_max_connections_per_client=100_000,
    ) as served:
        yield served


def test_1000_admitted_half_sent_requests_time_out(roomy_server: Served) -> None:
    """The per-client bound raised: all 1,000 half-sent requests are admitted, and every one
    is closed within the request timeout (a sweep a second: at most a second and a half
    later) while /health keeps answering within a second.

    Before: the configured timeout was not applied; requests handed to uvicorn (the half with
    a complete head) stayed open indefinitely, the front's own ones for 10 s."""
    with probing(roomy_server.http) as health:
        closed = _half_sent_requests(roomy_server.http, 1000, "127.0.0.2", REQUEST_TIMEOUT + 12)
    assert None not in closed, f"{closed.count(None)} half-sent requests still open"
    times = [t for t in closed if t is not None]
    assert max(times) < REQUEST_TIMEOUT + 2.5, max(times)
    assert sum(t > REQUEST_TIMEOUT - 1.5 for t in times) >= 990  # held, not refused
    assert len(health) >= 10 and max(health) < 1.0, health


@pytest.fixture(scope="module")
def crowded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """100 connections in all, and time enough to fill them."""
    data_dir = tmp_path_factory.mktemp("crowded") / "var"
    with csms_serve(
        data_dir,
        http_request_timeout=30,
        http_max_connections=100,
        http_max_connections_per_client=100_000,
    ) as served:
        yield served


def test_connections_beyond_the_total_bound_are_refused_at_once(crowded_server: Served) -> None:
    """100 open connections in all (the bound here), from many addresses: the next one is
    answered 503 at once, and once they are gone /health answers again.

    Before: connections were never counted; each one was accepted and kept."""
    port = crowded_server.http
    idle = [
        socket.create_connection(("127.0.0.1", port), 10, (f"127.0.1.{1 + n % 50}", 0))
        for n in range(100)
    ]
    try:
        time.sleep(0.5)  # the server has accepted them all
        started = time.monotonic()
        busy = exchange(port, b"GET /health HTTP/1.1\r\nHost: t\r\n\r\n", "127.0.0.4")
        assert time.monotonic() - started < 1.0
        assert busy.startswith(b"HTTP/1.1 503 "), busy[:60]
        assert b"retry-after: 5" in busy.lower()
    finally:
        for connection in idle:
            connection.close()
    deadline = time.monotonic() + 5
    while health_seconds(port) > 1.0:
        assert time.monotonic() < deadline, "/health never answered again"


# --- the OCPP handshake --------------------------------------------------------------------


def _seconds_until_closed(connection: socket.socket, limit: float = 15) -> tuple[float, bytes]:
    """Seconds until the server closes `connection`, and what it sent meanwhile."""
    started = time.monotonic()
    connection.settimeout(limit)
    received = b""
    try:
        while chunk := connection.recv(65536):
            received += chunk
    except ConnectionResetError:
        pass
    return time.monotonic() - started, received


def test_an_ocpp_handshake_that_never_completes_is_dropped(server: Served) -> None:
    """A WebSocket upgrade request that never ends, and a TLS connection that never starts
    its handshake: both dropped after CSMS_OCPP_OPEN_TIMEOUT (2 s here).

    Before: the setting did not exist; websockets' default of 10 s applied."""
    for port, start in ((server.ws, b"GET /ocpp/CP-1 HTTP/1.1\r\nHost: t\r\n"), (server.tls, b"")):
        with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
            connection.sendall(start)
            seconds, received = _seconds_until_closed(connection)
        assert OPEN_TIMEOUT - 0.5 < seconds < OPEN_TIMEOUT + 2, (port, seconds)
        assert received == b""


def test_an_ocpp_handshake_with_an_oversized_head_is_dropped(server: Served) -> None:
    """A header line over 4 KiB, or more than 32 header fields: the handshake is refused (431)
    and dropped; a head within both limits gets its HTTP answer (404: no such station).

    Before: websockets' defaults (8 KiB, 128 fields) let both through to the answer."""
    start = b"GET /ocpp/NO-SUCH-STATION HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\n"
    start += b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    start += b"Sec-WebSocket-Version: 13\r\n"
    heads = {
        "long line": start + b"X-Filler: " + b"a" * 5000 + b"\r\n\r\n",
        "many fields": start + b"".join(b"X-F%d: a\r\n" % i for i in range(40)) + b"\r\n",
        "within limits": start + b"X-Filler: " + b"a" * 3000 + b"\r\n\r\n",
    }
    answers = {}
    for label, head in heads.items():
        with socket.create_connection(("127.0.0.1", server.ws), timeout=10) as connection:
            connection.sendall(head)
            answers[label] = _seconds_until_closed(connection)[1]
    for label in ("long line", "many fields"):  # websockets 17 answers 431 first, 14 does not
        assert answers[label] == b"" or answers[label].startswith(b"HTTP/1.1 431 "), answers
    assert answers["within limits"].startswith(b"HTTP/1.1 404 "), answers["within limits"][:60]


def test_limits_are_settings(tmp_path: Path) -> None:
    """The bounds are CSMS_* settings with the documented defaults."""
    from csms.settings import Settings

    settings = Settings(data_dir=tmp_path)
    assert (
        settings.http_max_request_line,
        settings.http_max_header_bytes,
        settings.http_request_timeout,
        settings.http_max_connections,
        settings.http_max_connections_per_client,
        settings.ocpp_open_timeout,
    ) == (8192, 16384, 10.0, 1024, 64, 30.0)
