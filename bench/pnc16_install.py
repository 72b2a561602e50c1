"""Contract certificate installation through OCPP 1.6J's Plug & Charge DataTransfer, end to
end: a 1.6 station (subprotocol ocpp1.6) sends DataTransfer(org.openchargealliance.iso15118pnc,
Get15118EVCertificate) whose `data` carries an ISO 15118-2 CertificateInstallationReq (EXI,
signed with an OEM provisioning key); the product's server (a child process on PostgreSQL)
unwraps it, answers it with its CPS (a fresh contract certificate each time) and wraps the
2.0.1 response. Measured at the station, one request at a time.

Baseline in the same run: the same request as a first-class 2.0.1 Get15118EVCertificate from a
2.0.1 station to the same server: the difference is what the 1.6 envelope costs.

Figures: pnc16_install_p99_ms (target ≤ 25 ms), with p50 and the 2.0.1 baseline.

Run: .venv/bin/python -m bench.pnc16_install [--requests N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, percentile, temporary_postgres
from bench.cps_install import PCID, _request
from bench.ocpp_common import BOOT, call, open_station, prepare_product, server_process
from bench.ocpp_servers import PASSPHRASE

WARMUP = 20
PNC = "org.openchargealliance.iso15118pnc"


def prepare(database_url: str, data_dir: Path) -> str:
    """The CPS's world (demo OEM chain trusted, a contract for the car) and one request."""
    from auth.principal import Principal
    from auth.users import add_user
    from csms.container import build_container
    from csms.settings import Settings
    from pki.authority import pem_of

    container = build_container(
        Settings(database_url=database_url, data_dir=data_dir, key_passphrase=PASSPHRASE)
    )
    with container.transaction() as session:
        container.ca.init(session, "bench", include_demo=True)
    oem_chain = pem_of(container.ca.chain_to_root("oem-sub2")).encode()
    with container.transaction() as session:
        container.trust.add_bundle(session, oem_chain, "oem-root", actor="bench")
        add_user(session, container.policy, "bench-driver", role="client", actor="bench")
        container.contracts.create(
            session, Principal.system("bench"), owner="bench-driver", pcid=PCID
        )
    exi = _request(container)
    container.close()
    return exi


async def measure(port: int, exi: str, requests: int) -> tuple[list[float], list[float]]:
    from contracts.cps import ISO2_SCHEMA

    inner = {"iso15118SchemaVersion": ISO2_SCHEMA, "action": "Install", "exiRequest": exi}
    v16 = await open_station(port, 0, subprotocol="ocpp1.6")
    boot16 = {"chargePointVendor": "UzPnC", "chargePointModel": "Bench-16"}
    assert (await call(v16, "BootNotification", boot16))[2]["status"] == "Accepted"
    v201 = await open_station(port, 1)
    assert (await call(v201, "BootNotification", BOOT))[2]["status"] == "Accepted"

    async def over_16() -> None:
        envelope = {
            "vendorId": PNC,
            "messageId": "Get15118EVCertificate",
            "data": json.dumps(inner),
        }
        answer = await call(v16, "DataTransfer", envelope)
        assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer
        assert json.loads(answer[2]["data"])["status"] == "Accepted", answer

    async def over_201() -> None:
        answer = await call(v201, "Get15118EVCertificate", inner)
        assert answer[0] == 3 and answer[2]["status"] == "Accepted", answer

    async def timed(once: Any) -> list[float]:
        for _ in range(WARMUP):
            await once()
        latencies = []
        for _ in range(requests):
            began = time.perf_counter()
            await once()
            latencies.append((time.perf_counter() - began) * 1000)
        return latencies

    # Interleaved halves, so drift in the machine's load falls on both alike.
    ours16: list[float] = []
    base201: list[float] = []
    for _ in range(2):
        ours16 += await timed(over_16)
        base201 += await timed(over_201)
    await v16.close()
    await v201.close()
    return ours16, base201


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=250, help="per half, two halves each")
    requests = parser.parse_args().requests
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), 2, cheap_hash=True)
        exi = prepare(url, Path(tmp))
        with server_process("ours", url, tmp) as (_process, port):
            ours16, base201 = asyncio.run(measure(port, exi, requests))
    emit(
        "pnc16_install_p99_ms",
        round(percentile(ours16, 99), 2),
        "ms",
        p50_ms=round(percentile(ours16, 50), 2),
        baseline_201_p99_ms=round(percentile(base201, 99), 2),
        baseline_201_p50_ms=round(percentile(base201, 50), 2),
        requests=len(ours16),
        target_ms=25.0,
        notes="ISO 15118-2 Install over the 1.6 PnC DataTransfer, end to end at the station",
    )


if __name__ == "__main__":
    main()
