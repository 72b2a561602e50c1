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

from cryptography.hazmat.primitives.asymmetric import ec

from auth.errors import NotFound
from auth.principal import Principal
from pki.authority import pem_of

from .container import Container
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


def prepare(container: Container, timeline: Timeline) -> tuple[str, str, str, SimulatedCar, str]:
    """Station, trust and car with contract, as an operator would set them up."""
    suffix = _random(string.ascii_uppercase + string.digits, 6)
    station_id = f"DEMO-{suffix}"
    evse_id = f"UZ*UPC*E{suffix}*1"  # the charger's SECC ID, the CN of its V2G certificate
    with container.transaction() as session:
        _, password = container.stations.create(
            session, DEMO, station_id, security_profile=2, evse_ids=[evse_id]
        )
    assert password is not None
    timeline(
        "setup",
        f"station {station_id} registered (security profile 2: TLS + Basic), EVSE {evse_id}",
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
            container.users.create_user(session, DEMO, DEMO_DRIVER, role="client")
        emaid = container.contracts.create(session, DEMO, owner=DEMO_DRIVER, pcid=pcid).emaid
    timeline("setup", f"car {pcid} with OEM provisioning certificate; contract {emaid}")
    return station_id, evse_id, password, car, emaid


def tls_context(container: Container, directory: Path) -> ssl.SSLContext:
    """What a station trusts: the V2G root the CSMS server certificate chains to."""
    root = directory / "v2g-root.pem"
    root.write_text(pem_of([container.ca.authority("v2g-root").certificate]))
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
    await station.connect()
    try:
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
        await asyncio.to_thread(_terminate, container, installed.emaid)
        timeline("operator", f"contract {installed.emaid} terminated (its certificate revoked)")
        last = await station.authorize(installed.emaid, installed.pem_chain())
    finally:
        await station.close()
    return DemoResult(
        emaid=emaid,
        first_authorize=first["idTokenInfo"]["status"],
        last_authorize=last["idTokenInfo"]["status"],
        station_id=station_id,
    )


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
