"""The `csms` command line as an operator uses it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from .foreign import make_foreign_pki
from .helpers import make_csr, make_key, openssl
from .server import free_port


@pytest.fixture
def env(tmp_path: Path, postgres_url: str) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        CSMS_DATA_DIR=str(tmp_path / "var"),
        CSMS_DATABASE_URL=postgres_url,
        CSMS_KEY_PASSPHRASE="cli-test-passphrase-0123",
    )
    return values


def run(
    env: dict[str, str], *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args],
        env=env,
        capture_output=True,
        timeout=120,
        input=stdin.decode() if stdin is not None else None,
        text=True,
    )


def test_init_is_idempotent_and_export_list_work(env: dict[str, str], tmp_path: Path) -> None:
    first = run(env, "pki", "init")
    assert first.returncode == 0, first.stderr
    assert "v2g-root" in first.stdout and "mo-sub2" in first.stdout
    second = run(env, "pki", "init")
    assert second.returncode == 0
    assert "nothing to do" in second.stdout
    listing = run(env, "pki", "list")
    header, *rows = listing.stdout.splitlines()
    assert header.split()[:3] == ["name", "profile", "serial"]
    names = {line.split()[0] for line in rows}
    assert {
        "v2g-root",
        "cpo-sub1",
        "cpo-sub2",
        "cps-sub1",
        "cps-sub2",
        "cps-leaf",
        "mo-root",
        "mo-sub1",
        "mo-sub2",
    } <= names
    for name in ("v2g-root", "mo-root", "cpo-sub2"):
        exported = run(env, "pki", "export", name)
        assert exported.returncode == 0
        cert = x509.load_pem_x509_certificate(exported.stdout.encode())
        assert cert.subject.rfc4514_string() in listing.stdout
    unknown = run(env, "pki", "export", "nope")
    assert unknown.returncode == 1
    assert unknown.stderr.startswith("error: unknown CA 'nope'")


def test_issue_revoke_crl_from_the_command_line(env: dict[str, str], tmp_path: Path) -> None:
    assert run(env, "pki", "init").returncode == 0
    csr = tmp_path / "secc.csr"
    csr.write_bytes(make_csr())
    issued = run(env, "pki", "issue", "--profile", "secc", "--csr", str(csr), "--days", "30")
    assert issued.returncode == 0, issued.stderr
    chain = x509.load_pem_x509_certificates(issued.stdout.encode())
    assert len(chain) == 3  # leaf, CPO Sub-CA 2, CPO Sub-CA 1; no root
    (tmp_path / "chain.pem").write_text(issued.stdout)
    (tmp_path / "root.pem").write_text(run(env, "pki", "export", "v2g-root").stdout)
    (tmp_path / "leaf.pem").write_text(
        issued.stdout.split("-----END CERTIFICATE-----")[0] + "-----END CERTIFICATE-----\n"
    )
    assert "OK" in openssl(
        "verify",
        "-CAfile",
        str(tmp_path / "root.pem"),
        "-untrusted",
        str(tmp_path / "chain.pem"),
        str(tmp_path / "leaf.pem"),
    )
    serial = openssl("x509", "-in", str(tmp_path / "leaf.pem"), "-noout", "-serial").strip()
    serial = serial.split("=", 1)[1]
    revoked = run(env, "pki", "revoke", serial, "--reason", "superseded")
    assert revoked.returncode == 0 and "revoked" in revoked.stdout
    crl = run(env, "pki", "crl", "cpo-sub2")
    (tmp_path / "c.crl").write_text(crl.stdout)
    assert f"Serial Number: {serial}" in openssl(
        "crl", "-in", str(tmp_path / "c.crl"), "-noout", "-text"
    )
    again = run(env, "pki", "revoke", serial)
    assert again.returncode == 1 and "already_revoked" in again.stderr
    from_stdin = run(env, "pki", "issue", "--profile", "secc", "--csr", "-", stdin=make_csr())
    assert from_stdin.returncode == 0


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["pki", "issue", "--profile", "secc", "--csr", "-"], b"garbage", "[malformed]"),
        (["pki", "issue", "--profile", "secc", "--csr", "-"], b"", "[empty]"),
        (
            ["pki", "issue", "--profile", "secc", "--csr", "-"],
            make_csr(make_key("ec-p384")),
            "[key_not_allowed]",
        ),
        (
            ["pki", "issue", "--profile", "secc", "--csr", "-"],
            make_csr() + make_csr(),
            "[multiple_csrs]",
        ),
        (["pki", "issue", "--profile", "bogus", "--csr", "-"], make_csr(), "[unknown_profile]"),
        (["pki", "issue", "--profile", "secc", "--csr", "/nonexistent.csr"], None, "No such file"),
        (["pki", "revoke", "ABCDEF"], None, "[unknown_serial]"),
        (["pki", "revoke", "xyz"], None, "not a hexadecimal serial"),
        (["pki", "crl", "nope"], None, "[unknown_ca]"),
        (["pki", "trust", "add", "--kind", "oem-root", "-"], b"junk", "[malformed]"),
    ],
)
def test_bad_input_gives_one_line_and_exit_1(
    env: dict[str, str], args: list[str], stdin: bytes | None, fragment: str
) -> None:
    assert run(env, "pki", "init").returncode == 0
    result = run(env, *args, stdin=stdin)
    assert result.returncode == 1, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert fragment in lines[0]
    assert "Traceback" not in result.stderr


def test_trust_add_from_the_command_line(env: dict[str, str], tmp_path: Path) -> None:
    oem = make_foreign_pki(tmp_path / "oem")
    bundle = tmp_path / "oem.pem"
    bundle.write_bytes(oem.pem("root", "sub1", "sub2"))
    added = run(env, "pki", "trust", "add", "--kind", "oem-root", str(bundle))
    assert added.returncode == 0, added.stderr
    assert added.stdout.count("added oem-root") == 3
    listed = run(env, "pki", "trust", "list")
    assert listed.stdout.count("oem-root") == 3
    audit = run(env, "audit", "--json")
    assert '"action": "trust.added"' in audit.stdout


def test_production_mode_refuses_embedded_defaults(tmp_path: Path) -> None:
    values = dict(os.environ, CSMS_MODE="production", CSMS_DATA_DIR=str(tmp_path))
    values.pop("CSMS_DATABASE_URL", None)
    values.pop("CSMS_KEY_PASSPHRASE", None)
    result = run(values, "pki", "init")
    assert result.returncode == 1
    assert "CSMS_DATABASE_URL must be set" in result.stderr
    assert "CSMS_KEY_PASSPHRASE" in result.stderr


def test_serve_first_start_creates_database_and_pki(tmp_path: Path) -> None:
    port = free_port()
    values = dict(os.environ, CSMS_DATA_DIR=str(tmp_path / "var"))
    values.pop("CSMS_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "csms", "serve", "--port", str(port)],
        env=values,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert answer.status_code == 200 and "links" in answer.json()
        cas = httpx.get(f"http://127.0.0.1:{port}/pki/ca", timeout=5).json()
        assert {"v2g-root", "mo-root", "cps-leaf"} <= {c["name"] for c in cas}
        assert (tmp_path / "var" / "csms.sqlite3").exists()
        root_pem = httpx.get(f"http://127.0.0.1:{port}/pki/ca/v2g-root.pem", timeout=5)
        assert (
            x509.load_pem_x509_certificate(root_pem.content).subject
            == x509.load_pem_x509_certificate(root_pem.content).issuer
        )
    finally:
        process.terminate()
        process.wait(timeout=20)
