"""`csms pki trust sync-rcp` against the strict OPCP stand-in, run as a real process: the
pool's roots become trust anchors with source "rcp", a second run adds nothing, a root the
checks refuse is reported and skipped, and every OPCP call is audited."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.harness.opcp_standin import OpcpStandIn

pytestmark = pytest.mark.postgres


@pytest.fixture
def pool() -> Iterator[OpcpStandIn]:
    with OpcpStandIn() as standin:
        yield standin


def _env(tmp_path: Path, postgres_url: str, pool: OpcpStandIn | None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CSMS_DATA_DIR=str(tmp_path / "var"),
        CSMS_DATABASE_URL=postgres_url,
        CSMS_KEY_PASSPHRASE="rcp-test-passphrase-0123",
    )
    if pool is not None:
        env.update(
            CSMS_OPCP_BASE_URL=pool.base_url,
            CSMS_OPCP_TOKEN_URL=pool.token_url,
            CSMS_OPCP_CLIENT_ID=pool.client_id,
            CSMS_OPCP_CLIENT_SECRET=pool.client_secret,
        )
    return env


def _csms(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def _root(cn: str, *, days: int, ca: bool = True) -> x509.Certificate:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


def test_sync_rcp_imports_the_pools_roots_once(
    tmp_path: Path, postgres_url: str, pool: OpcpStandIn
) -> None:
    pool.add_root(_root("Other MO Root", days=3650), "MO")
    pool.add_root(_root("Expired V2G Root", days=-1), "V2G")
    env = _env(tmp_path, postgres_url, pool)
    assert _csms(env, "pki", "init").returncode == 0

    first = _csms(env, "pki", "trust", "sync-rcp")
    assert first.returncode == 0, first.stderr
    assert "added v2g-root DC=V2G,C=DE,O=OPCP Stand-in,CN=Stand-in V2G Root CA" in first.stdout
    assert "added mo-root CN=Other MO Root" in first.stdout
    assert "skipped CN=Expired V2G Root" in first.stdout and "[expired]" in first.stdout
    assert "2 added, 0 already trusted, 1 skipped" in first.stdout

    again = _csms(env, "pki", "trust", "sync-rcp")
    assert "0 added, 2 already trusted, 1 skipped" in again.stdout, again.stdout

    listing = _csms(env, "pki", "trust", "list")
    rcp_lines = [line for line in listing.stdout.splitlines() if " rcp " in f" {line} "]
    assert len(rcp_lines) == 2, listing.stdout
    assert all(r.refused is None for r in pool.requests)
    assert pool.tokens_issued == 2  # one per process: a token is not written anywhere

    audit = _csms(env, "audit", "--limit", "50", "--json")
    assert audit.stdout.count("opcp.rcp.roots") == 2, audit.stdout


def test_sync_rcp_errors_are_one_line_with_a_code(tmp_path: Path, postgres_url: str) -> None:
    off = _csms(_env(tmp_path, postgres_url, None), "pki", "trust", "sync-rcp")
    assert off.returncode == 1
    assert off.stderr.strip().splitlines() == [off.stderr.strip()]
    assert off.stderr.strip().startswith("error: ") and off.stderr.strip().endswith("[opcp_off]")

    with OpcpStandIn() as pool:
        env = _env(tmp_path, postgres_url, pool)
        env["CSMS_OPCP_CLIENT_SECRET"] = "not-the-secret"
        refused = _csms(env, "pki", "trust", "sync-rcp")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().endswith("[opcp_unauthorized]"), refused.stderr

    partial = _env(tmp_path, postgres_url, None)
    partial["CSMS_OPCP_BASE_URL"] = "https://pool.invalid"
    half = _csms(partial, "pki", "trust", "sync-rcp")
    assert half.returncode == 1 and "CSMS_OPCP_TOKEN_URL" in half.stderr
