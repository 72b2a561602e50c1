"""`csms serve` with its OCPP listeners as an operator starts it; foreign OCSP responders only
when configured; SignCertificate admitted while Pending."""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from websockets.sync.client import connect

from pki.ocsp import cert_id_for
from tests.ocpp.client import boot, call, open_station
from tests.ocpp.conftest import API, API_TOKEN
from tests.pki.helpers import make_csr
from tests.pki.server import free_port

pytestmark = pytest.mark.postgres


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"csms serve exited with {process.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"port {port} never opened")


def test_csms_serve_runs_api_and_ocpp_listeners(tmp_path: Path) -> None:
    env = {**os.environ, "CSMS_DATA_DIR": str(tmp_path / "var"), "CSMS_OCPP_API_TOKEN": API_TOKEN}
    env.pop("CSMS_DATABASE_URL", None)
    csms = [sys.executable, "-m", "csms"]
    added = subprocess.run(
        [*csms, "station", "add", "SRV-1", "--security-profile", "1", "--password", "p" * 20],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert added.returncode == 0, added.stderr
    http_port, ws_port, tls_port = free_port(), free_port(), free_port()
    process = subprocess.Popen(
        [
            *csms,
            "serve",
            "--port",
            str(http_port),
            "--ocpp-port",
            str(ws_port),
            "--tls-port",
            str(tls_port),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for port in (ws_port, tls_port, http_port):
            _wait_for_port(port, process)
        token = base64.b64encode(b"SRV-1:" + b"p" * 20).decode()
        with connect(
            f"ws://127.0.0.1:{ws_port}/ocpp/SRV-1",
            subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
            additional_headers={"Authorization": f"Basic {token}"},
        ) as ws:
            assert boot(ws)[2]["status"] == "Accepted"
            listing = f"http://127.0.0.1:{http_port}/api/v1/stations"
            assert httpx.get(listing).status_code == 401  # never open, not even in development
            stations = httpx.get(listing, headers=API).json()["items"]
            assert [(s["id"], s["connected"]) for s in stations] == [("SRV-1", True)]
        key = tmp_path / "var" / "ocpp-tls" / "server-ec.key"
        assert key.stat().st_mode & 0o777 == 0o600
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


class _Responder(BaseHTTPRequestHandler):
    """Another CA's OCSP responder; counts the requests it gets."""

    container = None
    hits: list[str] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["content-length"]))
        type(self).hits.append(self.path)
        answer = self.container.ocsp.respond(body)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("content-type", "application/ocsp-response")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


def test_foreign_ocsp_responder_only_when_trusted(start_ocpp, make_container) -> None:
    other = make_container("sqlite-file")  # another operator's PKI and responder
    with other.transaction() as session:
        leaf = other.ca.issue_from_csr(
            session, make_csr(cn="UZ*XYZ*E1*1", o="Other CPO"), "secc", actor="test"
        ).certificate
    issuer = other.ca.authority("cpo-sub2").certificate
    _Responder.container = other
    _Responder.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Responder)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/ocsp"
    try:
        ocpp = start_ocpp()
        ocpp.add("FO")
        cid = cert_id_for(leaf, issuer, "sha256")
        request = {
            "hashAlgorithm": "SHA256",
            "issuerNameHash": cid.issuer_name_hash.hex(),
            "issuerKeyHash": cid.issuer_key_hash.hex(),
            "serialNumber": f"{leaf.serial_number:x}",
            "responderURL": url,
        }
        with open_station(ocpp.ws_url("FO"), "FO") as ws:
            boot(ws)
            answer = call(ws, "GetCertificateStatus", {"ocspRequestData": request})
            assert answer[2]["status"] == "Failed" and _Responder.hits == []
            ocpp.container.settings.ocpp_trusted_ocsp_responders = [url]
            answer = call(ws, "GetCertificateStatus", {"ocspRequestData": request})
            assert answer[2]["status"] == "Accepted" and _Responder.hits == ["/ocsp"]
            from cryptography.x509 import ocsp

            response = ocsp.load_der_ocsp_response(base64.b64decode(answer[2]["ocspResult"]))
            assert response.certificate_status == ocsp.OCSPCertStatus.GOOD
            assert response.serial_number == leaf.serial_number
    finally:
        httpd.shutdown()


def test_pending_station_may_ask_for_its_certificate(ocpp) -> None:
    """A00.FR.429/807: during Pending the operator renews credentials; SignCertificate and the
    CertificateSigned that follows go through, other requests stay refused."""
    ocpp.add("PEND", boot_policy="pending")
    with open_station(ocpp.ws_url("PEND"), "PEND") as ws:
        assert boot(ws)[2]["status"] == "Pending"
        csr = make_csr(ec.generate_private_key(ec.SECP256R1()), cn="PEND", o="UzPnC").decode()
        assert call(ws, "SignCertificate", {"csr": csr})[2] == {"status": "Accepted"}
        frame = json.loads(ws.recv(timeout=15))
        assert frame[0] == 2 and frame[2] == "CertificateSigned"
        ws.send(json.dumps([3, frame[1], {"status": "Accepted"}]))
        assert call(ws, "Heartbeat", {})[2] == "SecurityError"
