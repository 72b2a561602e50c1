"""The trace a Plug & Charge exchange leaves (contracts/diagnostics.py): readable, bounded,
without private keys, and silent when nobody listens."""

from __future__ import annotations

import json

from contracts.cps import _failed
from contracts.diagnostics import (
    MAX_TEXT,
    PncTrace,
    activated,
    bounded,
    current_trace,
    note,
    readable_exi,
    step,
)
from iso15118 import encode_v2g_message


def test_a_decoded_response_names_the_encrypted_key_only_by_its_size() -> None:
    exi = encode_v2g_message(_failed(b"12345678", "Install", "FAILED_CertChainError"))
    tree = json.loads(readable_exi("iso-2", exi))
    body = tree["V2G_Message"]["Body"]["CertificateInstallationRes"]
    assert body["ResponseCode"] == "FAILED_CertChainError"
    assert body["ContractSignatureEncryptedPrivateKey"] == "encrypted private key, 1 bytes"
    assert readable_exi("iso-2", b"\x80junk").startswith("(not a decodable iso-2 message, 5 bytes")


def test_long_text_is_cut_with_a_marker() -> None:
    text = "x" * (MAX_TEXT + 10)
    cut = bounded(text)
    assert cut.startswith("x" * MAX_TEXT) and cut.endswith("[truncated: 10 more characters]")
    assert bounded("short") == "short"


def test_a_trace_is_filled_only_while_active() -> None:
    note(pcid="ZZ00000ABCDEF0001")  # nobody listening: nothing happens, nothing raises
    assert current_trace() is None
    trace = PncTrace("installation", "ST-1", "2.0.1")
    with activated(trace):
        note(pcid="ZZ00000ABCDEF0001", emaid="UZUPCC00000001X")
        with step("decode"):
            pass
        with step("decode"):
            pass
    trace.finish()
    assert current_trace() is None
    assert (trace.pcid, trace.emaid) == ("ZZ00000ABCDEF0001", "UZUPCC00000001X")
    assert trace.timings["decode"] >= 0 and trace.timings["total"] >= trace.timings["decode"]
