"""`csms exi` as an operator uses it on what a station logged: decode, then encode back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

VECTORS = Path(__file__).parent / "iso15118" / "vectors" / "hubject-opcp"


def csms(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "csms", *args], input=stdin, capture_output=True, timeout=120
    )


def test_decode_then_encode_gives_back_the_same_bytes(tmp_path: Path) -> None:
    for name in ("CertificateInstallationReq", "CertificateInstallationRes"):
        original = (VECTORS / f"{name}.exi.b64").read_bytes()
        decoded = csms("exi", "decode", "--base64", "-", stdin=original)
        assert decoded.returncode == 0, decoded.stderr
        assert name.encode() in decoded.stdout
        encoded = csms("exi", "encode", "--base64", "-", stdin=decoded.stdout)
        assert encoded.returncode == 0, encoded.stderr
        assert b"".join(encoded.stdout.split()) == b"".join(original.split())


def test_garbage_is_one_line_and_non_zero(tmp_path: Path) -> None:
    result = csms("exi", "decode", "-", stdin=b"\x80\xff\xff\x00garbage")
    assert result.returncode != 0
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "bit" in lines[0]
    assert b"Traceback" not in result.stderr
