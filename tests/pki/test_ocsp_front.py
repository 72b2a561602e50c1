"""The OCSP front (csms.ocsp_front) on a real socket: plain requests answered at the
connection, everything else handed to uvicorn untouched, and no connection left hanging."""

from __future__ import annotations

import base64
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from csms.app import create_app
from csms.container import Container

from .helpers import in_tx, make_csr
from .server import serving


@pytest.fixture
def served(make_container: Callable[..., Container]) -> Iterator[tuple[str, int, bytes]]:
    """(host, port, a DER OCSP request for an issued certificate) of a running server."""
    container = make_container("sqlite-file")
    issued = in_tx(container, container.ca.issue_from_csr, make_csr(), "secc", actor="test")
    request = (
        ocsp.OCSPRequestBuilder()
        .add_certificate(
            issued.certificate, container.ca.authority("cpo-sub2").certificate, hashes.SHA1()
        )
        .build()
        .public_bytes(serialization.Encoding.DER)
    )
    with serving(create_app(container)) as url:
        host, port = url.removeprefix("http://").split(":")
        yield host, int(port), request


def _post(request: bytes, *, extra: bytes = b"", close: bool = True) -> bytes:
    return (
        b"POST /ocsp HTTP/1.1\r\nHost: ca.test\r\nContent-Type: application/ocsp-request\r\n"
        + (b"Connection: close\r\n" if close else b"")
        + extra
        + b"Content-Length: "
        + str(len(request)).encode()
        + b"\r\n\r\n"
        + request
    )


def _exchange(host: str, port: int, data: bytes, *, responses: int = 1) -> list[bytes]:
    """Send `data`, read `responses` HTTP responses (by Content-Length) or until EOF."""
    with socket.create_connection((host, port), timeout=10) as connection:
        connection.sendall(data)
        buffer = b""
        answers: list[bytes] = []
        while len(answers) < responses:
            head_end = buffer.find(b"\r\n\r\n")
            if head_end >= 0:
                head = buffer[:head_end].lower()
                marker = head.find(b"content-length:")
                length = int(head[marker + 15 :].split(b"\r\n")[0]) if marker >= 0 else 0
                if len(buffer) >= head_end + 4 + length:
                    answers.append(buffer[: head_end + 4 + length])
                    buffer = buffer[head_end + 4 + length :]
                    continue
            chunk = connection.recv(65536)
            if not chunk:
                break
            buffer += chunk
        return answers


def _status(answer: bytes) -> ocsp.OCSPCertStatus:
    body = answer.split(b"\r\n\r\n", 1)[1]
    parsed = ocsp.load_der_ocsp_response(body)
    assert parsed.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL
    return parsed.certificate_status


def _answered_by_the_front(answer: bytes) -> bool:
    # uvicorn names itself in a Server header; the front sends none.
    return b"\r\nserver: uvicorn" not in answer.split(b"\r\n\r\n")[0].lower()


def test_a_plain_post_is_answered_at_the_connection(served: tuple[str, int, bytes]) -> None:
    host, port, request = served
    [answer] = _exchange(host, port, _post(request))
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert head.startswith(b"http/1.1 200 ok")
    assert b"content-type: application/ocsp-response" in head
    assert b"\r\ndate: " in head and b"connection: close" in head
    assert _answered_by_the_front(answer)
    assert _status(answer) == ocsp.OCSPCertStatus.GOOD


def test_a_get_is_answered_with_caching_allowed(served: tuple[str, int, bytes]) -> None:
    host, port, request = served
    encoded = base64.b64encode(request)
    [answer] = _exchange(host, port, b"GET /ocsp/" + encoded + b" HTTP/1.0\r\n\r\n")
    assert b"cache-control: max-age=60" in answer.lower()
    assert _answered_by_the_front(answer)
    assert _status(answer) == ocsp.OCSPCertStatus.GOOD


def test_kept_alive_pipelined_and_then_handed_over(served: tuple[str, int, bytes]) -> None:
    """Two OCSP requests in one write on a kept-alive connection, then a request for another
    path: the first two answered by the front, the third by uvicorn on the same connection."""
    host, port, request = served
    data = (
        _post(request, close=False)
        + _post(request, close=False)
        + b"GET /health HTTP/1.1\r\nHost: ca.test\r\nConnection: close\r\n\r\n"
    )
    answers = _exchange(host, port, data, responses=3)
    assert len(answers) == 3
    assert [_answered_by_the_front(a) for a in answers] == [True, True, False]
    assert _status(answers[0]) == _status(answers[1]) == ocsp.OCSPCertStatus.GOOD
    assert answers[2].endswith(b'{"status":"ok"}')


def test_a_request_dripping_in_byte_by_byte_is_answered(served: tuple[str, int, bytes]) -> None:
    host, port, request = served
    with socket.create_connection((host, port), timeout=10) as connection:
        for byte in _post(request):
            connection.send(bytes([byte]))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    assert _status(answer) == ocsp.OCSPCertStatus.GOOD


UNUSUAL: list[tuple[str, Callable[[bytes], bytes], int]] = [
    (
        "chunked body",
        lambda r: (
            b"POST /ocsp HTTP/1.1\r\nHost: t\r\nContent-Type: application/ocsp-request\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + format(len(r), "x").encode()
            + b"\r\n"
            + r
            + b"\r\n0\r\n\r\n"
        ),
        200,
    ),
    ("wrong content type", lambda r: _post(r).replace(b"ocsp-request", b"plain-text"), 415),
    (
        "body above 16 KiB",
        lambda r: _post(r + b"\x00" * 17000),
        413,
    ),
    (
        "two content lengths",
        lambda r: _post(r, extra=b"Content-Length: " + str(len(r)).encode() + b"\r\n"),
        400,
    ),
    ("a query string", lambda r: b"GET /ocsp/abc?x=1 HTTP/1.1\r\nConnection: close\r\n\r\n", 200),
    ("another path", lambda r: b"GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", 200),
]


@pytest.mark.parametrize(("label", "make", "status"), UNUSUAL, ids=[u[0] for u in UNUSUAL])
def test_anything_unusual_goes_to_the_full_http_stack(
    served: tuple[str, int, bytes], label: str, make: Callable[[bytes], bytes], status: int
) -> None:
    host, port, request = served
    answers = _exchange(host, port, make(request))
    assert answers, f"{label}: no answer"
    assert not _answered_by_the_front(answers[0]), label
    assert answers[0].startswith(f"HTTP/1.1 {status} ".encode()), answers[0][:80]


def test_garbage_is_refused_by_uvicorn_not_the_front(served: tuple[str, int, bytes]) -> None:
    host, port, _ = served
    answers = _exchange(host, port, b"\x16\x03\x01 not http at all\r\n\r\n")
    assert not answers or answers[0].startswith(b"HTTP/1.1 400")


def test_a_silent_connection_is_closed(make_container: Callable[..., Container]) -> None:
    container = make_container("sqlite-file")
    container.settings.http_request_timeout = 1.0  # CSMS_HTTP_REQUEST_TIMEOUT
    with (
        serving(create_app(container)) as url,
        socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), 10) as connection,
    ):
        connection.sendall(_post(b"\x30" * 80)[:30])  # a request that never completes
        started = time.monotonic()
        assert connection.recv(1024) == b""  # closed by the server
        assert time.monotonic() - started < 5


def test_a_client_that_reads_late_still_gets_every_answer(served: tuple[str, int, bytes]) -> None:
    """Thousands of pipelined requests while the client reads nothing: the front stops reading
    while its answers cannot be written, and resumes once they drain."""
    host, port, request = served
    count = 20000
    data = _post(request, close=False) * (count - 1) + _post(request)
    with socket.create_connection((host, port), timeout=30) as connection:
        sender = threading.Thread(target=connection.sendall, args=(data,))
        sender.start()
        time.sleep(1.0)  # answers pile up unread meanwhile
        received = bytearray()
        while chunk := connection.recv(1 << 16):
            received += chunk
        sender.join(timeout=30)
    assert bytes(received).count(b"HTTP/1.1 200 OK\r\n") == count
