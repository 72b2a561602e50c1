"""OCSP responder throughput over HTTP, against `openssl ocsp -index` serving the same CA.

Both responders answer for CPO Sub-CA 2 of a throwaway PKI (200 issued certificates, 20 of
them revoked), each as one process on this machine, driven by the same load generator: 16
concurrent clients, each posting RFC 6960 requests for random certificates, one request per
connection (openssl's responder serves no more). openssl signs with the same CA key
(decrypted from the throwaway key store with its passphrase for this run).

The load generator shares the machine's two cores, so it is kept lean (uvloop, raw protocol
callbacks): an earlier asyncio-streams client could drive only about 5,600 requests a second,
which capped both responders alike and made their ratio look like 1.0. Each figure now also
reports the CPU each responder used; a responder near one full core set its own rate.

Figures:
- ocsp_ratio_vs_openssl: requests without a nonce (RFC 5019 style, what stations cache);
- ocsp_ratio_vs_openssl_nonce: every request with a fresh nonce, so every response is signed.

Run: .venv/bin/python -m bench.ocsp
"""

from __future__ import annotations

import asyncio
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp
from sqlalchemy import select

from bench.common import emit
from csms.container import build_container
from csms.settings import Settings
from pki.db import CertificateRecord, StoredKey

PASSPHRASE = "bench-passphrase-0123"
CONNECTIONS = 16
SECONDS = 4.0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(tmp: Path) -> tuple[list[x509.Certificate], x509.Certificate]:
    container = build_container(Settings(data_dir=tmp, key_passphrase=PASSPHRASE))
    with container.transaction() as session:
        container.ca.init(session, "bench", names=("v2g-root", "cpo-sub1", "cpo-sub2"))
    from cryptography.hazmat.primitives.asymmetric import ec

    certs = []
    for i in range(200):
        key = ec.generate_private_key(ec.SECP256R1())
        csr = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(x509.NameOID.COMMON_NAME, f"UZ*UPC*E{i}*1"),
                        x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "UzCharge"),
                    ]
                )
            )
            .sign(key, hashes.SHA256())
            .public_bytes(serialization.Encoding.PEM)
        )
        with container.transaction() as session:
            issued = container.ca.issue_from_csr(session, csr, "secc", actor="bench")
            if i % 10 == 0:
                serial = issued.certificate.serial_number
                container.ca.revoke(session, serial, reason="superseded", actor="bench")
        certs.append(issued.certificate)
    issuer = container.ca.authority("cpo-sub2")
    # openssl's side: the CA certificate, its key and an index in openssl's CA database form.
    (tmp / "ca.pem").write_bytes(issuer.certificate.public_bytes(serialization.Encoding.PEM))
    with container.session_factory() as session:
        blob = session.scalar(
            select(StoredKey.encrypted_pkcs8).where(StoredKey.ref == issuer.key_ref)
        )
        rows = (
            session.execute(
                select(CertificateRecord).where(CertificateRecord.issuer_ca == "cpo-sub2")
            )
            .scalars()
            .all()
        )
    assert blob is not None
    key = serialization.load_pem_private_key(blob, password=PASSPHRASE.encode())
    key_path = tmp / "ca.key"
    key_path.touch(mode=0o600)
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    lines = []
    for row in rows:
        expiry = row.not_after.strftime("%y%m%d%H%M%SZ")
        subject = "/" + row.subject.replace(",", "/")
        if row.revoked_at:
            revoked = row.revoked_at.strftime("%y%m%d%H%M%SZ") + f",{row.revocation_reason}"
            lines.append(f"R\t{expiry}\t{revoked}\t{row.serial_hex}\tunknown\t{subject}")
        else:
            lines.append(f"V\t{expiry}\t\t{row.serial_hex}\tunknown\t{subject}")
    (tmp / "index.txt").write_text("\n".join(lines) + "\n")
    container.close()
    return certs, issuer.certificate


def requests(
    certs: list[x509.Certificate], issuer: x509.Certificate, count: int, nonce: bool
) -> list[bytes]:
    result = []
    for _ in range(count):
        builder = ocsp.OCSPRequestBuilder().add_certificate(
            random.choice(certs), issuer, hashes.SHA1()
        )
        if nonce:
            builder = builder.add_extension(x509.OCSPNonce(secrets.token_bytes(16)), False)
        result.append(builder.build().public_bytes(serialization.Encoding.DER))
    return result


class _Exchange(asyncio.Protocol):
    """One request on a fresh connection, read until its Content-Length is complete. Raw
    protocol callbacks rather than streams: the load generator shares this 2-core machine with
    the responder, so every microsecond it spends is one the responder cannot use."""

    def __init__(self, request: bytes, done: asyncio.Future[bool]) -> None:
        self._request = request
        self._done = done
        self._buffer = bytearray()
        self._transport: Any = None

    def connection_made(self, transport: Any) -> None:  # uvloop's are no asyncio.Transport
        self._transport = transport
        transport.write(self._request)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        head_end = self._buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return
        head = bytes(self._buffer[:head_end]).lower()
        marker = head.find(b"content-length:")
        if marker < 0:
            return  # read to the end of the connection
        length = int(head[marker + 15 :].split(b"\r\n", 1)[0])
        if len(self._buffer) >= head_end + 4 + length:
            self._finish()

    def connection_lost(self, exc: Exception | None) -> None:
        self._finish()

    def _finish(self) -> None:
        if self._done.done():
            return
        ok = self._buffer.startswith(b"HTTP/1.") and self._buffer[9:12] == b"200"
        body_start = self._buffer.find(b"\r\n\r\n") + 4
        self._done.set_result(ok and self._buffer[body_start : body_start + 1] == b"\x30")
        if self._transport is not None:
            self._transport.close()


async def _client(port: int, requests: list[bytes], deadline: float, counts: list[int]) -> None:
    loop = asyncio.get_running_loop()
    index = random.randrange(len(requests))
    while time.perf_counter() < deadline:
        done: asyncio.Future[bool] = loop.create_future()
        request = requests[index % len(requests)]
        index += 1
        await loop.create_connection(partial(_Exchange, request, done), "127.0.0.1", port)
        if await asyncio.wait_for(done, timeout=10):
            counts[0] += 1


def load(port: int, bodies: list[bytes]) -> float:
    # openssl's responder serves one request per connection: ask for that from both.
    requests = [
        b"POST /ocsp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ocsp-request"
        b"\r\nConnection: close\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        for body in bodies
    ]

    async def run() -> float:
        counts = [0]
        start = time.perf_counter()
        deadline = start + SECONDS
        await asyncio.gather(
            *(_client(port, requests, deadline, counts) for _ in range(CONNECTIONS))
        )
        return counts[0] / (time.perf_counter() - start)

    try:
        import uvloop
    except ImportError:
        return asyncio.run(run())
    return uvloop.run(run())


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measured(pid: int, port: int, bodies: list[bytes]) -> tuple[float, float]:
    """(responses per second, CPU cores the responder used meanwhile)."""
    cpu_before, started = _cpu_seconds(pid), time.perf_counter()
    rate = load(port, bodies)
    elapsed = time.perf_counter() - started
    return rate, (_cpu_seconds(pid) - cpu_before) / elapsed


def _wait_for(port: int, body: bytes) -> None:
    """Wait until a real OCSP request is answered. (A bare connect-and-close probe wedges
    openssl's single-threaded responder, so the probe is a whole request.)"""
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            answer = httpx.post(
                f"http://127.0.0.1:{port}/ocsp",
                content=body,
                timeout=5,
                headers={"content-type": "application/ocsp-request"},
            )
            if answer.status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no OCSP responder answers on {port}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        certs, issuer = prepare(tmp)
        plain = requests(certs, issuer, 2000, nonce=False)
        with_nonce = requests(certs, issuer, 20000, nonce=True)
        openssl_port, our_port = _free_port(), _free_port()
        baseline = subprocess.Popen(
            [
                "openssl",
                "ocsp",
                "-index",
                str(tmp / "index.txt"),
                "-port",
                str(openssl_port),
                "-rsigner",
                str(tmp / "ca.pem"),
                "-rkey",
                str(tmp / "ca.key"),
                "-CA",
                str(tmp / "ca.pem"),
                "-ndays",
                "7",
                "-ignore_err",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        env = dict(os.environ, CSMS_DATA_DIR=str(tmp), CSMS_KEY_PASSPHRASE=PASSPHRASE)
        env.pop("CSMS_DATABASE_URL", None)
        ours = subprocess.Popen(
            [sys.executable, "-m", "csms", "serve", "--port", str(our_port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(openssl_port, plain[0])
            _wait_for(our_port, plain[0])
            for figure, bodies in (
                ("ocsp_ratio_vs_openssl", plain),
                ("ocsp_ratio_vs_openssl_nonce", with_nonce),
            ):
                load(our_port, bodies[:200])  # warm up
                ours_rate, ours_cpu = _measured(ours.pid, our_port, bodies)
                base_rate, base_cpu = _measured(baseline.pid, openssl_port, bodies)
                emit(
                    figure,
                    ours_rate / base_rate if base_rate else 0.0,
                    "ratio",
                    ours_per_s=ours_rate,
                    baseline_per_s=base_rate,
                    # Each responder's own CPU: near 1.0 means the responder, not the load
                    # generator, set the rate; per response it compares the two directly.
                    ours_cpu_cores=ours_cpu,
                    baseline_cpu_cores=base_cpu,
                    ours_cpu_us_per_response=1e6 * ours_cpu / ours_rate if ours_rate else 0.0,
                    baseline_cpu_us_per_response=1e6 * base_cpu / base_rate if base_rate else 0.0,
                    baseline="openssl ocsp -index (one process)",
                    connections=CONNECTIONS,
                    target=">= 1.0",
                )
        finally:
            for process in (baseline, ours):
                process.terminate()
                process.wait(timeout=20)


if __name__ == "__main__":
    main()
