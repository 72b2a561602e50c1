"""Undeclared (second-level) events: the empty-content EE and the CH[untyped] that EXIficient
writes decode and re-encode; the other undeclared events are rejected with ExiDecodeError."""

from __future__ import annotations

import re

import pytest

from iso15118 import ExiDecodeError, decode_exi, encode_exi
from iso15118.exi.bits import BitWriter
from iso15118.exi.codec import FIRST, SECOND_LEVEL, START_TAG, UntypedValue
from iso15118.exi.schemas import grammar


def _signature_value_stream(second_level_code: int, with_id: bool) -> bytes:
    """An xmldsig fragment <SignatureValue [Id="a"]/> written by hand: escape code, then the
    given second-level code, then (for EE) the fragment's end."""
    g = grammar("xmldsig")
    writer = BitWriter()
    writer.write(8, 0x80)
    root = g.root_production(g.fragment, "SignatureValue")
    writer.write(g.widths[g.fragment], root[7])
    state, phase = root[4], FIRST
    if with_id:
        at = next(r for r in g.productions[state] if r[1] == "Id")
        writer.write(g.widths[state], at[7])
        writer.write_unsigned(1 + 2)
        writer.write_bytes(b"a")
        state, phase = at[3], START_TAG
    writer.write(g.widths[state], len(g.productions[state]))  # the escape code
    _names, width = g.second_level(state, phase)
    writer.write(width, second_level_code)
    after = root[3]
    end = next(r for r in g.productions[after] if r[0] == 7)  # ED
    writer.write(g.widths[after], end[7])
    return writer.getvalue()


@pytest.mark.parametrize("with_id", [False, True])
def test_empty_simple_content_is_the_undeclared_ee(with_id: bool) -> None:
    content = {"Id": "a", "value": b""} if with_id else {"value": b""}
    data = _signature_value_stream(0, with_id)
    assert encode_exi({"SignatureValue": content}, "xmldsig", fragment=True) == data
    assert decode_exi(data, "xmldsig", fragment=True) == {"SignatureValue": content}


@pytest.mark.parametrize(("phase", "with_id"), [(FIRST, False), (START_TAG, True)])
def test_other_undeclared_events_are_rejected(phase: int, with_id: bool) -> None:
    for code, name in enumerate(SECOND_LEVEL[phase], start=1):
        if name == "CH[untyped]":
            continue  # decoded, see below
        with pytest.raises(ExiDecodeError, match=re.escape(f"undeclared {name} event")):
            decode_exi(_signature_value_stream(code, with_id), "xmldsig", fragment=True)


# EXIficient's own bytes (its core encoder, xmldsig fragments) for values their datatype
# cannot represent: CH[untyped], then content2 and the undeclared EE.
EXIFICIENT_UNTYPED = [
    ("80a781585898e5c0", {"X509SerialNumber": "abc"}),
    ("807c0361c05212121970", {"SignatureValue": {"Id": "a", "value": "!!!"}}),
    ("807ec0a4242432e0", {"SignatureValue": {"value": "!!!"}}),
    (
        "809c0378381585898e2e",
        {"X509IssuerSerial": {"X509IssuerName": "x", "X509SerialNumber": "abc"}},
    ),
]


@pytest.mark.parametrize(("hex_bytes", "tree"), EXIFICIENT_UNTYPED)
def test_untyped_characters_decode_and_reencode(hex_bytes: str, tree: dict) -> None:
    data = bytes.fromhex(hex_bytes)
    decoded = decode_exi(data, "xmldsig", fragment=True)
    assert decoded == tree
    assert encode_exi(decoded, "xmldsig", fragment=True) == data


def test_plain_invalid_values_still_raise() -> None:
    from iso15118 import ExiEncodeError

    with pytest.raises(ExiEncodeError):
        encode_exi({"X509SerialNumber": "abc"}, "xmldsig", fragment=True)
    untyped = encode_exi({"X509SerialNumber": UntypedValue("abc")}, "xmldsig", fragment=True)
    assert untyped == bytes.fromhex(EXIFICIENT_UNTYPED[0][0])


def test_empty_value_below_min_length_is_refused() -> None:
    from iso15118 import ExiEncodeError

    tree = {
        "V2G_Message": {
            "Header": {"SessionID": b""},
            "Body": {"SessionSetupRes": {"ResponseCode": "OK", "EVSEID": "", "EVSETimeStamp": 5}},
        }
    }
    with pytest.raises(ExiEncodeError, match="minLength"):
        encode_exi(tree, "iso-2")
