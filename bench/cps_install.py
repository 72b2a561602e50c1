"""Contract certificate installation, end to end in-process.

- cps_install_p99_ms (with p50 and throughput per core): CertificateProvisioningService.handle
  for action Install on PostgreSQL with the encrypted-file key store: base64 + EXI decode,
  OEM chain validation against the imported anchors with revocation (imported CRL lookup),
  request signature check, V2G root selection, contract lookup, new P-256 key, contract
  certificate issuance (reserve, sign, store, audit), ECDH + AES key encryption, CPS
  signature, EXI encode, base64 - one request at a time on one core.

The request is a CertificateInstallationReq signed with an OEM provisioning key (the demo OEM
CA), built once; every call issues a fresh contract certificate.

Run: .venv/bin/python -m bench.cps_install [--requests N]
"""

from __future__ import annotations

import argparse
import base64
import statistics
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from auth.principal import Principal
from bench.common import emit, percentile, temporary_postgres
from contracts.cps import ISO2_SCHEMA, MAX_EXI_CHARACTERS, CpsAnswer
from csms.container import Container, build_container
from csms.settings import Settings
from iso15118 import build_signature, encode_v2g_message
from iso15118.messages import (
    CertificateInstallationReq,
    Header,
    RootCertificateID,
    Signature,
    V2GMessage,
)
from pki.authority import pem_of

PCID = "WMIBEN1234567890X"


def _request(container: Container, pcid: str = PCID) -> str:
    car_key = ec.generate_private_key(ec.SECP256R1())
    with container.transaction() as session:
        oem = container.ca.issue_for_key(
            session, car_key.public_key(), "oem-prov", common_name=pcid, actor="bench"
        )
    root = container.ca.authority("v2g-root").certificate
    body = CertificateInstallationReq(
        "id1",
        oem.certificate.public_bytes(serialization.Encoding.DER),
        [RootCertificateID(root.subject.rfc4514_string(), root.serial_number)],
    )
    message = V2GMessage(Header(bytes.fromhex("0102030405060708")), body)
    message.header.signature = Signature.from_tree(
        build_signature(message.signed_elements(), car_key)
    )
    return base64.b64encode(encode_v2g_message(message)).decode()


def run(requests: int) -> None:
    with temporary_postgres() as url, tempfile.TemporaryDirectory() as tmp:
        container = build_container(
            Settings(data_dir=Path(tmp), database_url=url, key_passphrase="bench-passphrase-0123")
        )
        with container.transaction() as session:
            container.ca.init(session, "bench", include_demo=True)
        oem_chain = pem_of(container.ca.chain_to_root("oem-sub2")).encode()
        with container.transaction() as session:
            container.trust.add_bundle(session, oem_chain, "oem-root", actor="bench")
            container.contracts.create(session, Principal.system("bench"), owner="bench", pcid=PCID)
        exi = _request(container)

        def install() -> CpsAnswer:
            # One unit of work, committed, as the OCPP core's PncDecisions runs it.
            with container.transaction() as session:
                return container.cps.handle(session, ISO2_SCHEMA, "Install", exi)

        for _ in range(20):  # warm up: caches, connection pool, code paths
            answer = install()
            assert answer.status == "Accepted", answer.detail
        timings = []
        start = time.perf_counter()
        for _ in range(requests):
            began = time.perf_counter()
            answer = install()
            timings.append((time.perf_counter() - began) * 1000)
            assert answer.status == "Accepted"
        elapsed = time.perf_counter() - start
        emit(
            "cps_install_p99_ms",
            percentile(timings, 99),
            "ms",
            p50_ms=percentile(timings, 50),
            mean_ms=statistics.fmean(timings),
            max_ms=max(timings),
            per_core_per_s=requests / elapsed,
            requests=requests,
            target_ms=20.0,
            exi_response_chars=len(answer.exi_response),
            exi_limit_chars=MAX_EXI_CHARACTERS,
            notes="PostgreSQL + file key store, sequential on one core, decode..encode",
        )
        container.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    run(parser.parse_args().requests)
