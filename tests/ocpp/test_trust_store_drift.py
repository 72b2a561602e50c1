"""The fleet's trust stores: what a station should hold against what it holds.

The station is the `ocpp` package's 2.0.1 charge point with a real certificate store of its
own: GetInstalledCertificateIds answers with hash data it computes itself (hashlib over the
DER name and the key's bits, not the product's code), InstallCertificate parses and adds the
PEM, DeleteCertificate removes by hash data. It holds the product's CSMS and V2G roots and an
imported V2G root X, and lacks the product's MO root; then the operator distrusts X. The
server asks the station after its boot; the API shows the drift; one command repairs it."""

from __future__ import annotations

import asyncio
import base64
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from ocpp.routing import on
from ocpp.v201 import ChargePoint, call, call_result
from websockets.asyncio.client import connect

from auth.principal import Principal
from csms.app import create_app
from pki.authority import fingerprint_of, pem_of
from tests.harness.aio import run_async
from tests.ocpp.conftest import API, PASSWORD
from tests.pki.external_ca import make_external_ca
from tests.pki.server import serving

pytestmark = pytest.mark.postgres


def hash_data(root: x509.Certificate) -> dict[str, str]:
    key = root.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    bits = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {
        "hash_algorithm": "SHA256",
        "issuer_name_hash": hashlib.sha256(root.subject.public_bytes()).hexdigest(),
        "issuer_key_hash": hashlib.sha256(bits).hexdigest(),
        "serial_number": format(root.serial_number, "x"),
    }


class Station(ChargePoint):  # type: ignore[misc]
    def __init__(self, station_id: str, ws: Any, held: list[tuple[str, x509.Certificate]]):
        super().__init__(station_id, ws)
        self.held = held
        self.asked: list[str] = []

    @on("GetInstalledCertificateIds")
    def on_get(self, **_: Any) -> Any:
        self.asked.append("GetInstalledCertificateIds")
        if not self.held:
            return call_result.GetInstalledCertificateIds(status="NotFound")
        return call_result.GetInstalledCertificateIds(
            status="Accepted",
            certificate_hash_data_chain=[
                {"certificate_type": kind, "certificate_hash_data": hash_data(cert)}
                for kind, cert in self.held
            ],
        )

    @on("InstallCertificate")
    def on_install(self, certificate_type: str, certificate: str) -> Any:
        self.asked.append(f"InstallCertificate {certificate_type}")
        self.held.append((certificate_type, x509.load_pem_x509_certificate(certificate.encode())))
        return call_result.InstallCertificate(status="Accepted")

    @on("DeleteCertificate")
    def on_delete(self, certificate_hash_data: dict[str, str]) -> Any:
        self.asked.append("DeleteCertificate")
        keep = [(k, c) for k, c in self.held if hash_data(c) != certificate_hash_data]
        found = len(keep) < len(self.held)
        self.held[:] = keep
        return call_result.DeleteCertificate(status="Accepted" if found else "NotFound")


@asynccontextmanager
async def booted(
    ocpp: Any, station_id: str, held: list[tuple[str, x509.Certificate]]
) -> AsyncIterator[Station]:
    """The station connected (profile 1) and booted; its task ends with the block."""
    token = base64.b64encode(f"{station_id}:{PASSWORD}".encode()).decode()
    async with connect(
        ocpp.ws_url(station_id),
        subprotocols=["ocpp2.0.1"],  # type: ignore[list-item]
        additional_headers={"Authorization": f"Basic {token}"},
    ) as ws:
        station = Station(station_id, ws, held)
        task = asyncio.create_task(station.start())
        await station.call(
            call.BootNotification(
                charging_station={"model": "M", "vendor_name": "V"}, reason="PowerUp"
            )
        )
        try:
            yield station
        finally:
            task.cancel()


def test_a_drifted_trust_store_is_shown_and_repaired_by_one_command(ocpp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ocpp.container.settings.trust_store_refresh_after_boot = True
    ca = ocpp.container.ca
    v2g_root = ca.authority("v2g-root").certificate
    mo_root = ca.authority("mo-root").certificate
    external = make_external_ca(tmp_path / "x", "X")
    with ocpp.container.transaction() as session:
        ocpp.container.trust.add_bundle(
            session, pem_of([external.root]).encode(), "v2g-root", actor="test"
        )
    held = [
        ("CSMSRootCertificate", v2g_root),
        ("V2GRootCertificate", v2g_root),
        ("V2GRootCertificate", external.root),
    ]
    ocpp.add("TS-1")

    async def run(base: str) -> dict[str, Any]:
        async with booted(ocpp, "TS-1", held) as station:
            url = f"{base}/api/v1/stations/TS-1/trust-store"
            async with httpx.AsyncClient(headers=API, timeout=30) as client:
                for _ in range(100):  # the server asks right after the boot
                    first = (await client.get(url)).json()
                    if first["known"]:
                        break
                    await asyncio.sleep(0.05)
                with ocpp.container.transaction() as session:
                    ocpp.container.pki.distrust_anchor(
                        session,
                        Principal.system("test"),
                        fingerprint_of(external.root),
                        reason="compromised",
                    )
                drifted = (await client.get(url)).json()
                fleet = (await client.get(f"{base}/api/v1/trust-store/drifted")).json()
                repaired = await client.post(f"{url}/repair")
                after = (await client.get(url)).json()
                fleet_after = (await client.get(f"{base}/api/v1/trust-store/drifted")).json()
            return {
                "first": first, "drifted": drifted, "fleet": fleet, "repaired": repaired,
                "after": after, "fleet_after": fleet_after, "asked": station.asked,
            }  # fmt: skip

    with serving(create_app(ocpp.container)) as base:
        seen = run_async(run(base))

    first = seen["first"]
    assert first["known"] is True
    assert [m["certificate_type"] for m in first["missing"]] == ["MORootCertificate"]
    assert first["unexpected"] == []  # X is active and, with no partner list, expected

    drifted = seen["drifted"]
    assert drifted["drifted"] is True
    assert [m["fingerprint"] for m in drifted["missing"]] == [fingerprint_of(mo_root)]
    assert len(drifted["unexpected"]) == 1
    assert drifted["unexpected"][0]["why"].startswith("distrusted: ")
    assert [s["station_id"] for s in seen["fleet"]] == ["TS-1"]

    assert seen["repaired"].status_code == 200, seen["repaired"].text
    actions = seen["repaired"].json()["actions"]
    assert [(a["action"], a["status"]) for a in actions] == [
        ("InstallCertificate", "Accepted"),
        ("DeleteCertificate", "Accepted"),
    ]
    assert seen["after"]["drifted"] is False and seen["after"]["known"] is True
    assert seen["fleet_after"] == []
    # The station's own store: X gone, the MO root there.
    assert [(k, c.subject) for k, c in held] == [
        ("CSMSRootCertificate", v2g_root.subject),
        ("V2GRootCertificate", v2g_root.subject),
        ("MORootCertificate", mo_root.subject),
    ]
    assert seen["asked"][0] == "GetInstalledCertificateIds"  # after the boot, unasked


def test_automatic_repair_after_the_boot_refresh(ocpp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With CSMS_TRUST_STORE_AUTO_REPAIR, the refresh after the boot finds the drift and the
    CSMS repairs it by itself, audited as its own commands."""
    from sqlalchemy import select

    from auth.audit import AuditEvent

    ocpp.container.settings.trust_store_refresh_after_boot = True
    ocpp.container.settings.trust_store_auto_repair = True
    ca = ocpp.container.ca
    v2g_root = ca.authority("v2g-root").certificate
    external = make_external_ca(tmp_path / "y", "Y")
    with ocpp.container.transaction() as session:
        ocpp.container.trust.add_bundle(
            session, pem_of([external.root]).encode(), "v2g-root", actor="test"
        )
        ocpp.container.trust.distrust(
            session, fingerprint_of(external.root), reason="retired", actor="test"
        )
    held = [
        ("CSMSRootCertificate", v2g_root),
        ("V2GRootCertificate", v2g_root),
        ("V2GRootCertificate", external.root),
    ]
    ocpp.add("TS-2")

    async def run() -> list[str]:
        async with booted(ocpp, "TS-2", held) as station:
            for _ in range(200):
                if station.asked.count("GetInstalledCertificateIds") >= 2:
                    break
                await asyncio.sleep(0.05)
            return station.asked

    asked = run_async(run())
    assert asked == [
        "GetInstalledCertificateIds",
        "InstallCertificate MORootCertificate",
        "DeleteCertificate",
        "GetInstalledCertificateIds",
    ]
    assert external.root not in [c for _, c in held]
    with ocpp.container.session_factory() as session:
        commands = session.scalars(
            select(AuditEvent.details)
            .where(AuditEvent.actor == "csms:trust-store-repair")
            .order_by(AuditEvent.id)
        ).all()
    assert [(c["command"], c["outcome"]) for c in commands] == [
        ("InstallCertificate", "Accepted"),
        ("DeleteCertificate", "Accepted"),
    ]
