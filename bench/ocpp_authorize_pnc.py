"""Plug & Charge Authorize (C07) round trips through the OCPP server.

The product's OCPP server runs as one child process on PostgreSQL, wired to the contract
service as in production (csms/pnc.py); one profile-1 station sends Authorize with an eMAID
token and the contract certificate chain (PEM, leaf first) REQUESTS times, one at a time, then
the same with OCSP hash data. Latency is measured at the station: the whole OCPP round trip
including path validation, revocation and contract status.

Figure: authorize_pnc_p99_ms (PEM chain; target ≤ 10 ms); authorize_pnc_hash_p99_ms.

Run: .venv/bin/python -m bench.ocpp_authorize_pnc
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec

from bench.common import emit, percentile, temporary_postgres
from bench.ocpp_common import (
    BOOT,
    call,
    open_station,
    prepare_product,
    raise_fd_limit,
    server_process,
)
from bench.ocpp_servers import PASSPHRASE

REQUESTS = 1000
WARMUP = 50


def prepare_contract(database_url: str, data_dir: Path) -> dict[str, object]:
    from auth.principal import Principal
    from csms.container import build_container
    from csms.settings import Settings
    from pki.ocsp import cert_id_for

    container = build_container(
        Settings(database_url=database_url, data_dir=data_dir, key_passphrase=PASSPHRASE)
    )
    with container.transaction() as session:
        container.ca.init(session, "bench")
    with container.transaction() as session:
        contract = container.contracts.create(
            session, Principal.system("bench"), owner="bench-driver"
        )
    with container.transaction() as session:
        issued = container.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=contract.emaid,
            actor="bench",
        )
    chain = [issued.certificate, *issued.chain]
    hash_data = []
    issuers = [*chain[1:], container.ca.authority("mo-root").certificate]
    for cert, issuer in zip(chain, issuers, strict=True):
        cid = cert_id_for(cert, issuer, "sha256")
        hash_data.append(
            {
                "hashAlgorithm": "SHA256",
                "issuerNameHash": cid.issuer_name_hash.hex(),
                "issuerKeyHash": cid.issuer_key_hash.hex(),
                "serialNumber": f"{cert.serial_number:x}",
                "responderURL": f"{container.settings.public_url}/ocsp",
            }
        )
    container.close()
    return {"emaid": contract.emaid, "chain": issued.pem_chain(), "hash_data": hash_data}


async def measure(port: int, request: dict[str, object]) -> list[float]:
    ws = await open_station(port, 0)
    assert (await call(ws, "BootNotification", BOOT))[2]["status"] == "Accepted"
    latencies = []
    for i in range(WARMUP + REQUESTS):
        start = time.perf_counter()
        answer = await call(ws, "Authorize", request)
        elapsed = time.perf_counter() - start
        assert answer[0] == 3 and answer[2]["idTokenInfo"]["status"] == "Accepted", answer
        assert answer[2]["certificateStatus"] == "Accepted", answer
        if i >= WARMUP:
            latencies.append(elapsed)
    await ws.close()
    return latencies


def main() -> None:
    raise_fd_limit()
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        prepare_product(url, Path(tmp), 1, cheap_hash=True)
        contract = prepare_contract(url, Path(tmp))
        token = {"idToken": contract["emaid"], "type": "eMAID"}
        with server_process("ours", url, tmp) as (_process, port):
            by_chain = asyncio.run(
                measure(port, {"idToken": token, "certificate": contract["chain"]})
            )
            by_hash = asyncio.run(
                measure(
                    port, {"idToken": token, "iso15118CertificateHashData": contract["hash_data"]}
                )
            )
    for figure, latencies in (
        ("authorize_pnc_p99_ms", by_chain),
        ("authorize_pnc_hash_p99_ms", by_hash),
    ):
        emit(
            figure,
            percentile(latencies, 99) * 1000,
            "ms",
            baseline=10.0,
            ratio=percentile(latencies, 99) * 1000 / 10.0,
            p50_ms=round(percentile(latencies, 50) * 1000, 3),
            max_ms=round(max(latencies) * 1000, 3),
            requests=len(latencies),
        )


if __name__ == "__main__":
    main()
