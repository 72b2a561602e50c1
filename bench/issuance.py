"""Issuance speed.

- issuance_ratio_vs_raw_sign: SECC issuance from a CSR in-process without storage (CSR parse,
  signature check, profile checks, precertificate, CA signature and its verification) against
  the raw `cryptography` rate of one ECDSA-P256 sign plus one CSR signature verification,
  measured in the same run.
- issuance_per_s_postgres: the whole issuance with PostgreSQL storage (reserve, sign, store,
  audit) at 8 concurrent requests.

Run: .venv/bin/python -m bench.issuance
"""

from __future__ import annotations

import itertools
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from bench.common import emit, percentile, rate, temporary_postgres
from csms.container import build_container
from csms.settings import Settings
from pki.csr import check_csr, load_csr
from pki.issuance import SubjectFields, build_precertificate, random_serial, sign_precertificate
from pki.profiles import get_profile


def _csr() -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    return (
        x509.CertificateSigningRequestBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(x509.NameOID.COMMON_NAME, "UZ*UPC*E1*1"),
                    x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, "UzCharge"),
                ]
            )
        )
        .sign(key, hashes.SHA256())
        .public_bytes(serialization.Encoding.PEM)
    )


def in_process(tmp: Path) -> None:
    container = build_container(Settings(data_dir=tmp, key_passphrase="bench-passphrase-0123"))
    with container.transaction() as session:
        container.ca.init(session, "bench", names=("v2g-root", "cpo-sub1", "cpo-sub2"))
    issuer = container.ca.authority("cpo-sub2")
    signer = container.ca.signer_for("cpo-sub2")
    profile = get_profile("secc")
    # Both sides cycle through the same distinct requests, so no per-key cache can make one
    # request look cheaper than a new station's would be.
    csrs = [_csr() for _ in range(64)]
    next_csr = itertools.cycle(csrs).__next__
    ocsp_url = container.ca.ocsp_url

    def issue() -> x509.Certificate:
        checked = check_csr(load_csr(next_csr()), profile)
        precert = build_precertificate(
            profile=profile,
            subject=SubjectFields(checked.common_name, checked.organization, None, "CPO"),
            public_key=checked.public_key,
            spki_der=checked.spki_der,
            issuer=issuer.facts,
            issuer_signature_algorithm=signer.signature_algorithm,
            serial=random_serial(),
            now=datetime.now(UTC),
            days=60,
            ocsp_url=ocsp_url,
        )
        return sign_precertificate(precert, signer)

    raw_key = ec.generate_private_key(ec.SECP256R1())
    tbs = issue().tbs_certificate_bytes
    next_raw_csr = itertools.cycle(csrs).__next__

    def raw() -> None:
        raw_key.sign(tbs, ec.ECDSA(hashes.SHA256()))
        assert x509.load_pem_x509_csr(next_raw_csr()).is_signature_valid

    # Interleave the two measurements so drift on a noisy machine hits both alike.
    ours, baseline = [], []
    for _ in range(3):
        ours.append(rate(issue, seconds=1.0))
        baseline.append(rate(raw, seconds=1.0))
    ours_rate, baseline_rate = max(ours), max(baseline)
    emit(
        "issuance_ratio_vs_raw_sign",
        ours_rate / baseline_rate,
        "ratio",
        ours_per_s=ours_rate,
        baseline_per_s=baseline_rate,
        baseline="cryptography ECDSA-P256 sign + CSR verify",
        target=">= 0.5",
    )
    container.close()


def with_postgres(tmp: Path, *, total: int = 800, concurrency: int = 8) -> None:
    with temporary_postgres() as url:
        container = build_container(
            Settings(data_dir=tmp, database_url=url, key_passphrase="bench-passphrase-0123")
        )
        with container.transaction() as session:
            container.ca.init(session, "bench", names=("v2g-root", "cpo-sub1", "cpo-sub2"))
        csrs = [_csr() for _ in range(64)]
        latencies: list[float] = []

        def one(i: int) -> None:
            start = time.perf_counter()
            with container.transaction() as session:
                container.ca.issue_from_csr(session, csrs[i % len(csrs)], "secc", actor="bench")
            latencies.append((time.perf_counter() - start) * 1000)

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            list(pool.map(one, range(50)))  # warm the pool and connections
            latencies.clear()
            start = time.perf_counter()
            list(pool.map(one, range(total)))
            elapsed = time.perf_counter() - start
        emit(
            "issuance_per_s_postgres",
            total / elapsed,
            "issuances/s",
            concurrency=concurrency,
            total=total,
            p50_ms=percentile(latencies, 50),
            p99_ms=percentile(latencies, 99),
            target=">= 500",
        )
        container.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        in_process(Path(tmp) / "a")
        with_postgres(Path(tmp) / "b")


if __name__ == "__main__":
    main()
