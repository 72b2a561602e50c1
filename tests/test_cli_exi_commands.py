"""The operators' decode/encode commands."""

from __future__ import annotations

import json

from click.testing import CliRunner

from csms.cli.exi import exi
from tests.iso15118.test_hubject_vectors import VECTORS, load


def test_decode_then_encode_gives_back_the_bytes() -> None:
    runner = CliRunner()
    for name in ("CertificateInstallationReq", "CertificateInstallationRes"):
        path = VECTORS / f"{name}.exi.b64"
        decoded = runner.invoke(exi, ["decode", "--schema", "iso-2", "--base64", str(path)])
        assert decoded.exit_code == 0, decoded.output
        assert name in json.loads(decoded.output)["V2G_Message"]["Body"]
        encoded = runner.invoke(exi, ["encode", "--base64", "-"], input=decoded.output)
        assert encoded.exit_code == 0, encoded.output
        assert encoded.output.strip() == path.read_text().strip()
        raw = runner.invoke(exi, ["encode", "-"], input=decoded.output)
        assert raw.stdout_bytes == load(name)


def test_bad_input_is_a_clean_error() -> None:
    result = CliRunner().invoke(exi, ["decode", "-"], input=b"\x80\xff\xff")
    assert result.exit_code == 1
    assert "at bit" in result.output
