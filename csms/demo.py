"""`csms demo`: a whole Plug & Charge story against a running server, printed as a timeline.

The demo prepares what an operator would (a station registered for security profile 2, the
demo car maker trusted, a car with a contract) in the database the server uses, then plays
the station over a real TLS WebSocket and the car through it:

boot → V2G certificate signed → contract installed → Authorize accepted → charging session
recorded → contract terminated → next Authorize refused.
"""

from __future__ import annotations

import asyncio
import secrets
import ssl
import string
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from auth.errors import NotFound
from auth.principal import Principal
from pki.authority import pem_of
from pki.csms_root import CsmsRootRotation

from .container import Container
from .ocpp.db import TransactionRecord
from .ocpp.stations import generate_password
from .simulator.car import SimulatedCar
from .simulator.station import SimulatedStation

Printer = Callable[[str], None]


@dataclass(frozen=True)
class DemoResult:
    emaid: str
    first_authorize: str
    last_authorize: str
    station_id: str


class Timeline:
    def __init__(self, echo: Printer) -> None:
        self._echo = echo
        self._start = time.monotonic()

    def __call__(self, kind: str, text: str) -> None:
        self._echo(f"[{time.monotonic() - self._start:7.3f}s] {kind:<8} {text}")


def _random(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


DEMO = Principal.system("demo")
DEMO_DRIVER = "demo-driver"  # the client account the demo contracts belong to


DEMO_STATION = "DEMO-STATION"  # one station for every run, re-keyed each time
DEMO_EVSE = "UZ*UPC*EDEMO*1"  # its SECC ID, the CN of its V2G certificate


def prepare(container: Container, timeline: Timeline) -> tuple[str, str, str, SimulatedCar, str]:
    """Station, trust and car with contract, as an operator would set them up. The station
    and the driver are the same on every run (a new password each time); the car and its
    contract are new, and the contract ends with the run (see `play`)."""
    station_id, evse_id = DEMO_STATION, DEMO_EVSE
    password = generate_password()
    with container.transaction() as session:
        try:
            container.stations.get(session, DEMO, station_id)
        except NotFound:
            container.stations.create(
                session,
                DEMO,
                station_id,
                security_profile=2,
                evse_ids=[evse_id],
                password=password,
            )
            how = "registered"
        else:
            container.stations.update(
                session, DEMO, station_id, enabled=True, evse_ids=[evse_id], password=password
            )
            how = "reused, with a new password"
    timeline(
        "setup",
        f"station {station_id} {how} (security profile 2: TLS + Basic), EVSE {evse_id}",
    )
    oem_chain = pem_of(container.ca.chain_to_root("oem-sub2")).encode()
    with container.transaction() as session:
        container.pki.add_trust_bundle(session, DEMO, oem_chain, "oem-root")
    timeline("setup", "demo car maker's root and sub-CAs trusted as oem-root")
    pcid = "WMIDEMO" + _random(string.ascii_uppercase + string.digits, 10)
    car_key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        oem = container.ca.issue_for_key(
            session, car_key.public_key(), "oem-prov", common_name=pcid, actor=DEMO.actor
        )
    car = SimulatedCar(
        pcid, oem.certificate, car_key, [container.ca.authority("v2g-root").certificate]
    )
    with container.transaction() as session:
        try:
            container.users.get_user(session, DEMO, DEMO_DRIVER)
        except NotFound:
            # The demo's driver never logs in: an account without a password.
            container.users.create_user(session, DEMO, DEMO_DRIVER, role="client", myid_only=True)
        emaid = container.contracts.create(session, DEMO, owner=DEMO_DRIVER, pcid=pcid).emaid
    timeline("setup", f"car {pcid} with OEM provisioning certificate; contract {emaid}")
    return station_id, evse_id, password, car, emaid


def tls_context(container: Container, directory: Path) -> ssl.SSLContext:
    """What a station trusts: the CSMS roots in use (the V2G root until the CSMS root is
    rotated; both generations during a rotation: pki/csms_root.py)."""
    root = directory / "csms-roots.pem"
    with container.session_factory() as session:
        roots = [g.root for g in CsmsRootRotation(container.ca).in_use(session)]
    root.write_text(pem_of(roots))
    context = ssl.create_default_context(cafile=str(root))
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


async def play(
    container: Container,
    ocpp_url: str,
    timeline: Timeline,
    context: ssl.SSLContext | None,
    ocpp_version: str = "2.0.1",
) -> DemoResult:
    station_id, evse_id, password, car, emaid = prepare(container, timeline)
    station = SimulatedStation(
        url=f"{ocpp_url.rstrip('/')}/{station_id}",
        station_id=station_id,
        secc_id=evse_id,
        password=password,
        ssl_context=context,
        organization=container.settings.organization,
        on_event=timeline,
        server_hostname=container.settings.ocpp_server_hostname,
        ocpp_version=ocpp_version,
    )
    try:
        await station.connect()
        try:
            first, last = await _story(container, station, car, timeline)
        finally:
            await station.close()
    finally:
        # A run that failed half-way leaves no active contract behind.
        await asyncio.to_thread(_end_contract, container, emaid)
    return DemoResult(
        emaid=emaid,
        first_authorize=first["idTokenInfo"]["status"],
        last_authorize=last["idTokenInfo"]["status"],
        station_id=station_id,
    )


async def _story(
    container: Container, station: SimulatedStation, car: SimulatedCar, timeline: Timeline
) -> tuple[dict[str, Any], dict[str, Any]]:
    boot = await station.boot()
    if boot["status"] != "Accepted":
        raise RuntimeError(f"the station was not accepted: {boot['status']}")
    await station.request_v2g_certificate()
    answer = await station.get_15118_ev_certificate(car.installation_request())
    if answer["status"] != "Accepted":
        raise RuntimeError(f"no contract certificate: {answer}")
    installed = car.accept_installation(answer["exiResponse"])
    timeline(
        "car",
        f"contract certificate installed: eMAID {installed.emaid}, signature "
        "and chain verified, private key decrypted and matching",
    )
    first = await station.authorize(installed.emaid, installed.pem_chain())
    await station.transaction(f"TX-{_random(string.digits, 6)}", installed.emaid, 14_200)
    recorded = await asyncio.to_thread(_recorded_session, container, station.station_id)
    timeline("csms", recorded)
    await asyncio.to_thread(_terminate, container, installed.emaid)
    timeline("operator", f"contract {installed.emaid} terminated (its certificate revoked)")
    last = await station.authorize(installed.emaid, installed.pem_chain())
    return first, last


def _end_contract(container: Container, emaid: str) -> None:
    with container.transaction() as session:
        contract = container.contracts.find_by_emaid(session, emaid)
        if contract is not None and contract.status != "terminated":
            container.contracts.terminate(session, DEMO, emaid)


def _recorded_session(container: Container, station_id: str, wait_s: float = 10.0) -> str:
    """The session as the CSMS recorded it (the server writes station events within a
    second), in the words the API and the console use: energy = last reading - first."""
    deadline = time.monotonic() + wait_s
    while True:
        with container.session_factory() as session:
            record = session.scalar(
                select(TransactionRecord)
                .where(TransactionRecord.station_id == station_id)
                .order_by(TransactionRecord.id.desc())
                .limit(1)
            )
            if record is not None and record.state == "ended" and record.energy_wh is not None:
                return (
                    f"session {record.transaction_id} recorded: "
                    f"{record.energy_wh / 1000:.1f} kWh delivered "
                    f"(meter {record.meter_start_wh:.0f} → {record.meter_last_wh:.0f} Wh), "
                    f"{record.duration_seconds:.0f} s"
                )
        if time.monotonic() > deadline:
            return "the session is not recorded yet (the server writes it within seconds)"
        time.sleep(0.2)


def _terminate(container: Container, emaid: str) -> None:
    with container.transaction() as session:
        container.contracts.terminate(session, DEMO, emaid)


def run_demo(
    container: Container, ocpp_url: str, echo: Printer, ocpp_version: str = "2.0.1"
) -> DemoResult:
    timeline = Timeline(echo)
    with tempfile.TemporaryDirectory() as directory:
        context = tls_context(container, Path(directory)) if ocpp_url.startswith("wss") else None
        return asyncio.run(play(container, ocpp_url, timeline, context, ocpp_version))
