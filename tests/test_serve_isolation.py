"""OCSP never runs on the loop that holds the stations (csms/serve.py).

`csms serve` runs the HTTP side (API, console, OCSP at the connection) on one event loop and
the OCPP server on another, in its own thread. Here the OCSP responder's signature is made to
block, as a slow or stuck HSM would, while OCSP requests are in flight; a station connected at
the same time must still be answered. Before this change both sides shared one loop, and the
station's BootNotification would have waited for the last OCSP signature (this test then
fails on its 10-second call timeout).
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from websockets.sync.client import connect

from auth.principal import Principal
from csms.app import create_app
from csms.container import Container
from csms.ocpp.runner import BackgroundServer
from tests.pki.conftest import make_container
from tests.pki.server import serving

__all__ = ["make_container"]

PASSWORD = "isolation-test-password-1"


def _ocsp_request(certificate: x509.Certificate, issuer: x509.Certificate) -> bytes:
    # A nonce makes every request a fresh signature, so none is answered from the cache.
    return (
        ocsp.OCSPRequestBuilder()
        .add_certificate(certificate, issuer, hashes.SHA256())
        .add_extension(x509.OCSPNonce(secrets.token_bytes(16)), critical=False)
        .build()
        .public_bytes(serialization.Encoding.DER)
    )


def _call(ws: Any, action: str, payload: dict[str, Any]) -> dict[str, Any]:
    message_id = str(uuid.uuid4())
    ws.send(json.dumps([2, message_id, action, payload]))
    frame = json.loads(ws.recv(timeout=10))
    assert frame[:2] == [3, message_id], frame
    return frame[2]  # type: ignore[no-any-return]


@pytest.fixture
def node(make_container: Callable[..., Container]) -> Iterator[tuple[Container, str, int]]:
    """A container served as `csms serve` serves it: HTTP (with the OCSP front) on one loop,
    the OCPP server on its own; yields (container, HTTP base URL, OCPP ws port)."""
    container = make_container("sqlite-file")
    with container.transaction() as session:
        container.stations.create(
            session, Principal.system("test"), "ISO-1", security_profile=1, password=PASSWORD
        )
    ocpp_server = BackgroundServer(container.ocpp)
    ports = ocpp_server.start(port=0)
    try:
        with serving(create_app(container)) as url:
            yield container, url, ports["ws"]
    finally:
        ocpp_server.stop()


def test_station_answered_while_ocsp_signatures_hang(
    node: tuple[Container, str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    container, url, ws_port = node
    sub1 = container.ca.authority("cpo-sub1").certificate
    sub2 = container.ca.authority("cpo-sub2").certificate
    release, entered = threading.Event(), threading.Event()
    sign = container.ocsp._sign_response

    def hanging_sign(*args: Any, **kwargs: Any) -> bytes:
        entered.set()
        assert release.wait(60), "the test never released the OCSP signature"
        return sign(*args, **kwargs)

    monkeypatch.setattr(container.ocsp, "_sign_response", hanging_sign)

    def ask() -> httpx.Response:
        return httpx.post(
            f"{url}/ocsp",
            content=_ocsp_request(sub2, sub1),
            headers={"content-type": "application/ocsp-request"},
            timeout=60,
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = [pool.submit(ask) for _ in range(4)]
        assert entered.wait(30), "no OCSP request reached the signature"
        try:
            credentials = base64.b64encode(f"ISO-1:{PASSWORD}".encode()).decode()
            with connect(
                f"ws://127.0.0.1:{ws_port}/ocpp/ISO-1",
                subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
                additional_headers={"Authorization": f"Basic {credentials}"},
                open_timeout=10,
            ) as ws:
                boot = _call(
                    ws,
                    "BootNotification",
                    {
                        "reason": "PowerUp",
                        "chargingStation": {"model": "T1", "vendorName": "UzTest"},
                    },
                )
                assert boot["status"] == "Accepted"
                assert "currentTime" in _call(ws, "Heartbeat", {})
            assert not release.is_set()  # the OCSP requests were still waiting meanwhile
            assert not any(answer.done() for answer in answers)
        finally:
            release.set()
        for answer in answers:
            response = answer.result(timeout=60)
            assert response.status_code == 200
            assert ocsp.load_der_ocsp_response(response.content).certificate_status == (
                ocsp.OCSPCertStatus.GOOD
            )
