"""Contract installation through the Open Plug & Charge Contract Certificate Pool, end to end.

A car whose contract belongs to another mobility operator asks at one of the product's
stations: the station sends Get15118EVCertificate (2.0.1) with the car's
CertificateInstallationReq; the product's server (a child process on PostgreSQL, OPCP
configured) finds no contract of its own, checks the car's certificate and signature, asks
the pool (the test stand-in of Hubject's services, strict to the OpenAPI files, answering
after `--pool-latency-ms`, 50 by default), checks the pool's signed answer and sets the car's
SessionID in it. Measured at the station, one request at a time.

The foreign operator is a second product (SQLite, its own PKI): its CPS made the car's signed
contract data, which sits in the pool.

Baseline in the same run: a car with a contract of the product's own, installed by the same
server (a fresh contract certificate each time): the difference is what the pool costs,
including its latency.

Figures: pnc_install_via_pool_p99_ms (target ≤ 150 ms), with p50 and the local baseline.

Run: .venv/bin/python -m bench.pnc_install_via_pool [--requests N] [--pool-latency-ms 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import emit, percentile, temporary_postgres
from bench.cps_install import _request
from bench.ocpp_common import BOOT, call, open_station, prepare_product, server_process
from bench.ocpp_servers import PASSPHRASE
from bench.pnc16_install import prepare as prepare_local_contract

WARMUP = 10
FOREIGN_PCID = "FOREIGNCAR0000001"


def foreign_operator(data_dir: Path) -> tuple[str, str, bytes]:
    """The other operator: a contract for the car, the car's request, its CPS's answer (the
    signed contract data it put in the pool), and its car maker's chain (PEM)."""
    from auth.principal import Principal
    from auth.users import add_user
    from contracts.cps import ISO2_SCHEMA
    from csms.container import build_container
    from csms.settings import Settings
    from pki.authority import pem_of

    other = build_container(Settings(data_dir=data_dir, key_passphrase=PASSPHRASE))
    with other.transaction() as session:
        other.ca.init(session, "bench", include_demo=True)
    oem_chain = pem_of(other.ca.chain_to_root("oem-sub2")).encode()
    with other.transaction() as session:
        other.trust.add_bundle(session, oem_chain, "oem-root", actor="bench")
        add_user(session, other.policy, "foreign-driver", role="client", actor="bench")
        other.contracts.create(
            session, Principal.system("bench"), owner="foreign-driver", pcid=FOREIGN_PCID
        )
    request = _request(other, pcid=FOREIGN_PCID)
    with other.transaction() as session:
        answer = other.cps.handle(session, ISO2_SCHEMA, "Install", request)
    assert answer.status == "Accepted", answer.detail
    other.close()
    return request, answer.exi_response, oem_chain


def trust_the_car_maker(database_url: str, data_dir: Path, oem_chain: bytes) -> None:
    from csms.container import build_container
    from csms.settings import Settings

    product = build_container(
        Settings(database_url=database_url, data_dir=data_dir, key_passphrase=PASSPHRASE)
    )
    with product.transaction() as session:
        product.trust.add_bundle(session, oem_chain, "oem-root", actor="bench")
    product.close()


async def measure(port: int, via_pool: str, local: str, requests: int) -> tuple[list[float], ...]:
    from contracts.cps import ISO2_SCHEMA

    station = await open_station(port, 0)
    assert (await call(station, "BootNotification", BOOT))[2]["status"] == "Accepted"

    def once(exi: str, detail: str) -> Any:
        async def run() -> None:
            payload = {"iso15118SchemaVersion": ISO2_SCHEMA, "action": "Install", "exiRequest": exi}
            answer = await call(station, "Get15118EVCertificate", payload)
            assert answer[0] == 3 and answer[2]["status"] == "Accepted", (detail, answer)

        return run

    async def timed(run: Any) -> list[float]:
        for _ in range(WARMUP):
            await run()
        latencies = []
        for _ in range(requests):
            began = time.perf_counter()
            await run()
            latencies.append((time.perf_counter() - began) * 1000)
        return latencies

    pool: list[float] = []
    own: list[float] = []
    for _ in range(2):  # interleaved halves: drift in the machine's load falls on both alike
        pool += await timed(once(via_pool, "pool"))
        own += await timed(once(local, "local"))
    await station.close()
    return pool, own


def main() -> None:
    from tests.harness.opcp_standin import OpcpStandIn, PoolContract

    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100, help="per half, two halves each")
    parser.add_argument("--pool-latency-ms", type=float, default=50.0)
    args = parser.parse_args()
    with (
        temporary_postgres() as url,
        tempfile.TemporaryDirectory() as tmp,
        OpcpStandIn(latency_s=args.pool_latency_ms / 1000) as pool,
    ):
        request, signed_contract_data, oem_chain = foreign_operator(Path(tmp) / "foreign")
        pool.contracts[FOREIGN_PCID] = [PoolContract("", signed_contract_data)]
        prepare_product(url, Path(tmp), 1, cheap_hash=True)
        local = prepare_local_contract(url, Path(tmp))
        trust_the_car_maker(url, Path(tmp), oem_chain)
        os.environ.update(
            CSMS_OPCP_BASE_URL=pool.base_url,
            CSMS_OPCP_TOKEN_URL=pool.token_url,
            CSMS_OPCP_CLIENT_ID=pool.client_id,
            CSMS_OPCP_CLIENT_SECRET=pool.client_secret,
        )
        with server_process("ours", url, tmp) as (_process, port):
            via_pool, own = asyncio.run(measure(port, request, local, args.requests))
        refused = [r for r in pool.requests if r.refused]
        assert not refused, refused
    emit(
        "pnc_install_via_pool_p99_ms",
        round(percentile(via_pool, 99), 2),
        "ms",
        p50_ms=round(percentile(via_pool, 50), 2),
        pool_latency_ms=args.pool_latency_ms,
        baseline_local_p99_ms=round(percentile(own, 99), 2),
        baseline_local_p50_ms=round(percentile(own, 50), 2),
        requests=len(via_pool),
        target_ms=150.0,
        notes="ISO 15118-2 Install of another operator's contract from the OPCP stand-in pool, "
        "end to end at a 2.0.1 station",
    )


if __name__ == "__main__":
    main()
