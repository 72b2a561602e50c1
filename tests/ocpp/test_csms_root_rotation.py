"""Rotating the CSMS root under a connected station on security profile 3.

The station is the `ocpp` package's 2.0.1 charge point with a certificate store of its own
that enforces AdditionalRootCertificateCheck (OCPP 2.0.1 M05.FR.10-12): it accepts a new
CSMSRootCertificate only when the CSMS root it holds signed it, so the product must fall
back from the self-signed root to the link certificate. Its TLS client trusts exactly the
CSMS roots in that store (partial chains allowed, as the spec's note asks), and computes
its certificate hash data itself (hashlib, not the product's code). Two rotations run: from
generation 0 (the V2G root, which stays in the store as the V2G root) to 1, and from 1 to 2,
whose retirement deletes the old root from the station."""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from sqlalchemy import select
from websockets.asyncio.client import ClientConnection, connect

from auth.audit import AuditEvent
from auth.errors import ServiceError
from auth.principal import Forbidden, Principal
from csms.app import create_app
from pki.authority import pem_of
from tests.harness.aio import run_async
from tests.ocpp.conftest import API
from tests.ocpp.tlsutil import own_client_cert
from tests.pki.server import serving

pytestmark = pytest.mark.postgres

CSMS_ROOT = "CSMSRootCertificate"
ADMIN = Principal.system("test-operator")


def _key_bits(certificate: x509.Certificate) -> bytes:
    key = certificate.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


class Entry:
    """One certificate in the station's store and the certificate that issued it."""

    def __init__(self, kind: str, certificate: x509.Certificate, issuer: x509.Certificate):
        self.kind, self.certificate, self.issuer = kind, certificate, issuer

    def hash_data(self) -> dict[str, str]:
        return {
            "hash_algorithm": "SHA256",
            "issuer_name_hash": hashlib.sha256(self.issuer.subject.public_bytes()).hexdigest(),
            "issuer_key_hash": hashlib.sha256(_key_bits(self.issuer)).hexdigest(),
            "serial_number": format(self.certificate.serial_number, "x"),
        }


class Store:
    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.log: list[str] = []

    def csms_roots(self) -> list[x509.Certificate]:
        return [e.certificate for e in self.entries if e.kind == CSMS_ROOT]

    def install(self, kind: str, certificate: x509.Certificate) -> str:
        if kind != CSMS_ROOT:
            self.entries.append(Entry(kind, certificate, certificate))
            return "Accepted"
        # M05.FR.10/11: only a root signed by the CSMS root it replaces (the newest held).
        current = self.csms_roots()[-1]
        try:
            certificate.verify_directly_issued_by(current)
        except (ValueError, TypeError, Exception):
            return "Rejected"
        self.entries.append(Entry(kind, certificate, current))  # M05.FR.12: old one kept
        return "Accepted"

    def client_context(self, cert: Path, key: Path) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.load_verify_locations(cadata=pem_of(self.csms_roots()))
        # The store's CSMS root may be a link certificate (not self-signed): M05's note.
        context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
        context.load_cert_chain(cert, key)
        return context


class Station(ChargePoint):  # type: ignore[misc]
    def __init__(self, station_id: str, ws: Any, store: Store):
        super().__init__(station_id, ws)
        self.store = store

    @on("GetInstalledCertificateIds")
    def on_get(self, **_: Any) -> Any:
        self.store.log.append("Get")
        return call_result.GetInstalledCertificateIds(
            status="Accepted",
            certificate_hash_data_chain=[
                {"certificate_type": e.kind, "certificate_hash_data": e.hash_data()}
                for e in self.store.entries
            ],
        )

    @on("InstallCertificate")
    def on_install(self, certificate_type: str, certificate: str) -> Any:
        parsed = x509.load_pem_x509_certificate(certificate.encode())
        status = self.store.install(certificate_type, parsed)
        self.store.log.append(
            f"Install {certificate_type} {_cn(parsed.subject)} by {_cn(parsed.issuer)}: {status}"
        )
        return call_result.InstallCertificate(status=status)

    @on("DeleteCertificate")
    def on_delete(self, certificate_hash_data: dict[str, str]) -> Any:
        keep = [e for e in self.store.entries if e.hash_data() != certificate_hash_data]
        found = len(keep) < len(self.store.entries)
        self.store.entries[:] = keep
        self.store.log.append(f"Delete: {'Accepted' if found else 'NotFound'}")
        return call_result.DeleteCertificate(status="Accepted" if found else "NotFound")


class Connected:
    """The station's connection: opened with the store's roots of the moment, booted."""

    def __init__(self, url: str, context: ssl.SSLContext, store: Store) -> None:
        self.url, self.context, self.store = url, context, store
        self.ws: ClientConnection | None = None
        self.station: Station | None = None
        self.task: asyncio.Task[None] | None = None
        self.served_by: str | None = None

    async def open(self) -> None:
        self.ws = await connect(
            self.url,
            ssl=self.context,
            server_hostname="localhost",
            subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
            open_timeout=10,
        )
        ssl_object = self.ws.transport.get_extra_info("ssl_object")
        self.served_by = _issuer_cn(ssl_object.getpeercert(binary_form=True))
        self.station = Station("ROT-1", self.ws, self.store)
        self.task = asyncio.create_task(self.station.start())
        await self.station.call(
            call.BootNotification(
                charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"
            )
        )

    async def heartbeat(self) -> None:
        assert self.station is not None
        await self.station.call(call.Heartbeat())

    async def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        if self.ws is not None:
            await self.ws.close()


def _cn(name: x509.Name) -> str:
    return str(name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value)


def _issuer_cn(der: bytes) -> str:
    return _cn(x509.load_der_x509_certificate(der).issuer)


def _handshake_trusting(port: int, roots: list[x509.Certificate]) -> bool:
    """Does a TLS client trusting only `roots` accept the server's certificate now?"""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cadata=pem_of(roots))
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
            with context.wrap_socket(raw, server_hostname="localhost"):
                return True
    except ssl.SSLCertVerificationError:
        return False


async def _until(predicate: Any, what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await asyncio.to_thread(predicate):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_csms_root_rotates_under_a_connected_profile_3_station(start_ocpp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ocpp = start_ocpp(trust_store_refresh_after_boot=True, ocpp_tls_check_seconds=0.2)
    container = ocpp.container
    service = container.ocpp.csms_root
    port = ocpp.ports["wss"]
    v2g_root = container.ca.authority("v2g-root").certificate
    mo_root = container.ca.authority("mo-root").certificate
    ocpp.add("ROT-1", profile=3)
    cert, key, _ = own_client_cert(container, tmp_path, "ROT-1")
    store = Store(
        [
            Entry(CSMS_ROOT, v2g_root, v2g_root),
            Entry("V2GRootCertificate", v2g_root, v2g_root),
            Entry("MORootCertificate", mo_root, mo_root),
        ]
    )

    def status() -> dict[str, Any]:
        with container.transaction() as session:
            return service.status(session, ADMIN)

    def step(name: str) -> dict[str, Any]:
        with container.transaction() as session:
            return service.step(session, ADMIN, name)  # type: ignore[arg-type]

    def root(generation: int) -> x509.Certificate:
        return container.ca.authority(f"csms-root-{generation}").certificate

    def holds_csms_root_of(generation: int) -> bool:
        subject = root(generation).subject
        return any(c.subject == subject for c in store.csms_roots())

    async def reconnect(conn: Connected) -> tuple[Connected, float]:
        """Drop the link and come back once, with the store's roots of now (a network blip
        or the station's own restart); how long it was away."""
        await conn.close()
        started = time.monotonic()
        again = Connected(ocpp.wss_url("ROT-1"), store.client_context(cert, key), store)
        await again.open()  # one attempt: if the server's certificate fails, this raises
        return again, time.monotonic() - started

    async def run(base: str) -> dict[str, Any]:
        seen: dict[str, Any] = {"gaps": []}
        conn = Connected(ocpp.wss_url("ROT-1"), store.client_context(cert, key), store)
        await conn.open()
        await _until(lambda: "Get" in store.log, "the refresh after the boot")
        assert conn.served_by == "CPO Sub-CA 2"

        # --- rotation 1: from the V2G root (generation 0) to generation 1 ---
        seen["begin1"] = await asyncio.to_thread(step, "begin")
        await _until(lambda: holds_csms_root_of(1), "generation 1's root in the store")
        await _until(lambda: status()["ready"], "the fleet ready to switch")
        seen["probe_new_before_switch"] = _handshake_trusting(port, [root(1)])
        seen["switch1"] = await asyncio.to_thread(step, "switch")
        await _until(lambda: _handshake_trusting(port, [root(1)]), "the switched certificate")
        await conn.heartbeat()  # the open connection was not touched by the switch
        seen["old_root_only_after_switch"] = _handshake_trusting(port, [v2g_root])
        conn, gap = await reconnect(conn)
        seen["gaps"].append(gap)
        seen["served_after_switch1"] = conn.served_by
        seen["retire1"] = await asyncio.to_thread(step, "retire")
        await _until(lambda: not _handshake_trusting(port, [v2g_root]), "the link no longer served")
        await _until(lambda: status()["nextStep"] is None, "rotation 1 finished")
        await asyncio.sleep(0.5)  # the rollout after `retire` (nothing to delete) has run
        seen["entries_after_retire1"] = [(e.kind, e.certificate.subject) for e in store.entries]
        seen["deletes_after_retire1"] = sum(line.startswith("Delete") for line in store.log)

        # --- rotation 2: generation 1 to 2; retiring 1 removes it from the station ---
        seen["begin2"] = await asyncio.to_thread(step, "begin")
        await _until(lambda: holds_csms_root_of(2), "generation 2's root in the store")
        await _until(lambda: status()["ready"], "the fleet ready to switch again")
        await asyncio.to_thread(step, "switch")
        await _until(lambda: _handshake_trusting(port, [root(2)]), "the second switch")
        await conn.heartbeat()
        conn, gap = await reconnect(conn)
        seen["gaps"].append(gap)
        seen["served_after_switch2"] = conn.served_by
        await _until(lambda: status()["ready"], "the fleet ready to retire")
        await asyncio.to_thread(step, "retire")
        await _until(lambda: not holds_csms_root_of(1), "generation 1 deleted from the store")
        conn, gap = await reconnect(conn)
        seen["gaps"].append(gap)
        await conn.heartbeat()
        await conn.close()
        async with httpx.AsyncClient(headers=API, timeout=30) as client:
            seen["trust_store"] = (
                await client.get(f"{base}/api/v1/stations/ROT-1/trust-store")
            ).json()
        return seen

    with serving(create_app(container)) as base:
        seen = run_async(run(base))

    # Begin: the product's self-signed root was refused by the station's check, the link
    # (generation 1's key certified by the V2G root) accepted in its place.
    assert seen["begin1"]["generation"] == 1
    installs = [line for line in store.log if line.startswith("Install")]
    assert installs == [
        f"Install {CSMS_ROOT} CSMS Root CA 1 by CSMS Root CA 1: Rejected",
        f"Install {CSMS_ROOT} CSMS Root CA 1 by V2G Root CA: Accepted",
        f"Install {CSMS_ROOT} CSMS Root CA 2 by CSMS Root CA 2: Rejected",
        f"Install {CSMS_ROOT} CSMS Root CA 2 by CSMS Root CA 1: Accepted",
    ], store.log
    assert seen["probe_new_before_switch"] is False  # begin alone does not change the server
    # Switch: new handshakes get the certificate under generation 1, the open connection
    # stays, and a client holding only the old root still gets through the served link.
    assert seen["switch1"]["generation"] == 1 and seen["switch1"]["forcedPast"] == 0
    assert seen["old_root_only_after_switch"] is True
    assert seen["served_after_switch1"] == "CSMS TLS CA 1"
    assert seen["served_after_switch2"] == "CSMS TLS CA 2"
    # Each reconnect succeeded at its first attempt and quickly: away for one reconnect only.
    assert len(seen["gaps"]) == 3 and max(seen["gaps"]) < 5.0, seen["gaps"]
    # Retiring generation 0 deletes nothing: the V2G root is still the station's V2G root.
    assert (CSMS_ROOT, v2g_root.subject) in seen["entries_after_retire1"]
    assert ("V2GRootCertificate", v2g_root.subject) in seen["entries_after_retire1"]
    assert seen["deletes_after_retire1"] == 0
    # Retiring generation 1 deleted it (the station's link for it), and only it.
    assert "Delete: Accepted" in store.log
    assert [(e.kind, e.certificate.subject, e.certificate.issuer) for e in store.entries] == [
        (CSMS_ROOT, v2g_root.subject, v2g_root.subject),
        ("V2GRootCertificate", v2g_root.subject, v2g_root.subject),
        ("MORootCertificate", mo_root.subject, mo_root.subject),
        # generation 2 as its link, certified by generation 1's key
        (CSMS_ROOT, _subject(container, "csms-root-2"), _subject(container, "csms-root-1")),
    ]
    view = seen["trust_store"]
    assert view["drifted"] is False, view
    assert [k["why"] for k in view["kept"]] == ["also expected as V2GRootCertificate"]
    with container.transaction() as session:
        actions = list(
            session.scalars(
                select(AuditEvent.action)
                .where(AuditEvent.action.like("csms_root.%"))
                .order_by(AuditEvent.id)
            )
        )
    assert actions == [
        "csms_root.begin", "csms_root.switch", "csms_root.retire",
        "csms_root.begin", "csms_root.switch", "csms_root.retire",
    ]  # fmt: skip


def _subject(container: Any, name: str) -> x509.Name:
    return container.ca.authority(name).certificate.subject


def test_a_step_waits_for_stations_on_tls_unless_forced(start_ocpp) -> None:  # type: ignore[no-untyped-def]
    """A station on TLS that never reported its store is not ready: `switch` is refused
    with a code and the station's name; forced, it goes and the audit names who was left."""
    ocpp = start_ocpp()
    container = ocpp.container
    service = container.ocpp.csms_root
    ocpp.add("OFF-1", profile=2)
    ocpp.add("PLAIN-1", profile=1)  # no TLS: never holds the rotation back

    def step(name: str, force: bool = False) -> dict[str, Any]:
        with container.transaction() as session:
            return service.step(session, ADMIN, name, force=force)  # type: ignore[arg-type]

    with pytest.raises(ServiceError) as early:
        step("switch")
    assert early.value.code == "rotation_state"
    step("begin")
    with pytest.raises(ServiceError) as again:
        step("begin")
    assert again.value.code == "rotation_in_progress"
    with pytest.raises(ServiceError) as refused:
        step("switch")
    assert refused.value.code == "stations_not_ready"
    assert "OFF-1" in str(refused.value) and "PLAIN-1" not in str(refused.value)
    with container.transaction() as session:
        status = service.status(session, ADMIN)
    assert status["nextStep"] == "switch" and status["ready"] is False
    assert status["behind"] == [
        {"stationId": "OFF-1", "securityProfile": 2, "holdsTarget": "unknown"}
    ]
    assert step("switch", force=True)["forcedPast"] == 1
    with container.transaction() as session:
        forced = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "csms_root.switch_forced")
        ).one()
    assert forced.details["stations_behind"] == ["OFF-1"]
    assert forced.actor == ADMIN.actor
    # A technician may not step the rotation.
    technician = Principal("tech-1", 7, None, ("technician",))
    with container.transaction() as session, pytest.raises(Forbidden):
        service.step(session, technician, "retire")


def _cli(container: Any, *args: str) -> subprocess.CompletedProcess[str]:
    settings = container.settings
    env = dict(
        os.environ,
        CSMS_DATABASE_URL=settings.resolved_database_url,
        CSMS_DATA_DIR=str(settings.data_dir),
        CSMS_KEY_PASSPHRASE=str(settings.key_passphrase),
        CSMS_KEY_LABEL_PREFIX=settings.key_label_prefix,
    )
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_the_command_line_steps_the_rotation_and_explains_refusals(start_ocpp) -> None:  # type: ignore[no-untyped-def]
    """`csms pki csms-root` from another process: the steps, the status, and one `error:` line
    with a code and exit 1 for a step out of turn or a fleet not ready."""
    ocpp = start_ocpp(ocpp_tls_check_seconds=0.2)
    ocpp.add("OFF-2", profile=3)
    early = _cli(ocpp.container, "pki", "csms-root", "retire")
    assert early.returncode == 1
    assert early.stderr.strip().splitlines() == [
        "error: the rotation's next step is begin, not retire [rotation_state]"
    ]
    begun = _cli(ocpp.container, "pki", "csms-root", "begin")
    assert begun.returncode == 0, begun.stderr
    assert begun.stdout.startswith("begin: generation 1;")
    status = _cli(ocpp.container, "pki", "csms-root", "status", "--json")
    assert status.returncode == 0, status.stderr
    parsed = json.loads(status.stdout)
    assert [(g["generation"], g["state"]) for g in parsed["generations"]] == [
        (0, "current"), (1, "next"),
    ]  # fmt: skip
    assert parsed["nextStep"] == "switch" and parsed["behind"][0]["stationId"] == "OFF-2"
    text = _cli(ocpp.container, "pki", "csms-root", "status")
    assert "next step: switch (1 stations on TLS, 1 stations not ready)" in text.stdout
    refused = _cli(ocpp.container, "pki", "csms-root", "switch")
    assert refused.returncode == 1
    [line] = refused.stderr.strip().splitlines()
    assert line.startswith(
        "error: 1 stations on TLS do not hold CSMS root generation 1 yet (OFF-2)"
    )
    assert line.endswith("[stations_not_ready]")
    forced = _cli(ocpp.container, "pki", "csms-root", "switch", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "forced past 1 stations" in forced.stdout
    # The node serving stations notices the step by itself and serves the new chain.
    issuer = _issuer_of_served(ocpp.ports["wss"])
    deadline = time.monotonic() + 10
    while issuer != "CSMS TLS CA 1" and time.monotonic() < deadline:
        time.sleep(0.1)
        issuer = _issuer_of_served(ocpp.ports["wss"])
    assert issuer == "CSMS TLS CA 1"


def _issuer_of_served(port: int) -> str:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
        with context.wrap_socket(raw) as tls:
            der = tls.getpeercert(binary_form=True)
    assert der is not None
    return _issuer_cn(der)
