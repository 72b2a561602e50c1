"""`csms pki sub-ca request|import` and `csms pki trust distrust|restore|import-cross|list`
as an operator runs them, on PostgreSQL, with an external root made with openssl: one-line
errors with a code and exit status 1 for bad input. The first and last commands run as real
processes; the many in between run in this process (click's runner, the same entry point and
error handling) to keep the test short."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography import x509

from csms.cli import main
from pki.authority import fingerprint_of

from .external_ca import make_external_ca
from .helpers import make_csr, openssl
from .test_cli import run

pytestmark = pytest.mark.postgres


@pytest.fixture
def env(tmp_path: Path, postgres_url: str) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        CSMS_DATA_DIR=str(tmp_path / "var"),
        CSMS_DATABASE_URL=postgres_url,
        CSMS_KEY_PASSPHRASE="cli-test-passphrase-0123",
    )
    return values


@pytest.fixture
def cli(env: dict[str, str], monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    for name in ("CSMS_DATA_DIR", "CSMS_DATABASE_URL", "CSMS_KEY_PASSPHRASE"):
        monkeypatch.setenv(name, env[name])
    runner = CliRunner()

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        result = runner.invoke(main, list(args))
        return subprocess.CompletedProcess(
            list(args), result.exit_code, result.stdout, result.stderr
        )

    return invoke


def _fails(result, code: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert lines[0].endswith(f"[{code}]"), lines[0]
    assert "Traceback" not in result.stderr


def test_sub_ca_under_an_external_root_and_the_anchor_s_states(
    env: dict[str, str],
    cli,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    assert run(env, "pki", "init").returncode == 0
    x = make_external_ca(tmp_path / "x")
    stranger = make_external_ca(tmp_path / "w", "Wroot")  # never imported
    added = cli("pki", "trust", "add", "--kind", "v2g-root", str(x.root_path))
    assert added.returncode == 0, added.stderr

    # The CSR: the CA's own key and subject, signed in the key store.
    csr_path = tmp_path / "cps-sub1.csr"
    requested = cli("pki", "sub-ca", "request", "cps-sub1", "--out", str(csr_path))
    assert requested.returncode == 0, requested.stderr
    csr = x509.load_pem_x509_csr(csr_path.read_bytes())
    assert csr.is_signature_valid
    exported = cli("pki", "export", "cps-sub1").stdout.encode()
    own = x509.load_pem_x509_certificate(exported)
    assert csr.subject == own.subject and csr.public_key() == own.public_key()
    assert "verify OK" in openssl("req", "-in", str(csr_path), "-verify", "-noout")

    # Bad input, each with its code.
    _fails(cli("pki", "sub-ca", "request", "no-such-ca"), "unknown_ca")
    _fails(cli("pki", "sub-ca", "request", "cps-leaf"), "not_a_ca")
    signed = x.sign(csr_path.read_bytes(), "cps-sub1")
    _fails(cli("pki", "sub-ca", "import", "no-such-ca", str(signed)), "unknown_ca")
    _fails(cli("pki", "sub-ca", "import", "cpo-sub1", str(signed)), "key_mismatch")
    wrong_key = x.sign(make_csr(cn="CPS Sub-CA 1", o="UzPnC"), "wrong-key")
    _fails(cli("pki", "sub-ca", "import", "cps-sub1", str(wrong_key)), "key_mismatch")
    unanchored = stranger.sign(csr_path.read_bytes(), "unanchored")
    _fails(cli("pki", "sub-ca", "import", "cps-sub1", str(unanchored)), "untrusted")
    too_short = x.sign(csr_path.read_bytes(), "pathlen0", extensions="sub2")
    _fails(cli("pki", "sub-ca", "import", "cps-sub1", str(too_short)), "path_length")
    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64 at all\n")
    _fails(cli("pki", "sub-ca", "import", "cps-sub1", str(garbage)), "malformed")

    # The good one is imported, and listed beside the anchors.
    imported = cli("pki", "sub-ca", "import", "cps-sub1", str(signed))
    assert imported.returncode == 0, imported.stderr
    assert "imported: cps-sub1 under" in imported.stdout
    listing = cli("pki", "trust", "list").stdout.splitlines()
    assert re.split(r"\s+", listing[0])[:6] == [
        "KIND", "ROLE", "SOURCE", "STATE", "FINGERPRINT", "NOT",
    ]  # fmt: skip
    x_fp = fingerprint_of(x.root)
    (x_row,) = [line for line in listing if x_fp in line and line.startswith("v2g-root")]
    assert x_row.split()[:4] == ["v2g-root", "root", "file", "active"]
    assert f"{x.root.not_valid_after_utc:%Y-%m-%d}" in x_row
    assert any(line.startswith("ca:cps-sub1 sub-ca") for line in listing)

    # Distrust: listed with who and why; a certificate chaining to X is refused meanwhile.
    no_reason = cli("pki", "trust", "distrust", x_fp)
    assert no_reason.returncode == 2  # click: --reason is required
    _fails(cli("pki", "trust", "distrust", "f" * 64, "--reason", "x"), "unknown_anchor")
    _fails(cli("pki", "trust", "distrust", "xyz", "--reason", "x"), "fingerprint")
    done = cli("pki", "trust", "distrust", x_fp, "--reason", "key ceremony failed")
    assert done.returncode == 0 and "distrusted v2g-root root" in done.stdout
    _fails(cli("pki", "trust", "distrust", x_fp, "--reason", "again"), "already_distrusted")
    (x_row,) = [
        line for line in cli("pki", "trust", "list").stdout.splitlines() if x_fp in line
        and line.startswith("v2g-root")
    ]  # fmt: skip
    assert "distrusted" in x_row and "key ceremony failed" in x_row
    again = x.sign(csr_path.read_bytes(), "cpo-again")
    _fails(cli("pki", "sub-ca", "import", "cps-sub1", str(again)), "untrusted")
    restored = cli("pki", "trust", "restore", x_fp)
    assert restored.returncode == 0 and "restored" in restored.stdout
    _fails(cli("pki", "trust", "restore", x_fp), "not_distrusted")
    assert cli("pki", "sub-ca", "import", "cps-sub1", str(again)).returncode == 0

    # Cross-certificates: the product's V2G root key certified by X; a garbage and an
    # unrelated certificate are refused.
    _fails(cli("pki", "trust", "import-cross", str(garbage)), "malformed")
    _fails(cli("pki", "trust", "import-cross", str(unanchored)), "cross_unrelated")
    own_root = x509.load_pem_x509_certificate(cli("pki", "export", "v2g-root").stdout.encode())
    cross = tmp_path / "cross.pem"
    cross.write_bytes(x.certify(own_root.subject, own_root.public_key(), path_length=2))
    crossed = cli("pki", "trust", "import-cross", str(cross))
    assert crossed.returncode == 0, crossed.stderr
    assert "v2g-root is now also certified by" in crossed.stdout
    listing = cli("pki", "trust", "list").stdout
    assert re.search(r"^ca:v2g-root cross under " + x_fp[:16], listing, re.M)
    audit = run(env, "audit", "--limit", "200", "--json").stdout
    for action in (
        "trust.distrusted",
        "trust.restored",
        "ca.certificate_imported",
        "ca.csr_exported",
    ):
        assert f'"action": "{action}"' in audit
