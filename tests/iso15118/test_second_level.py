"""Undeclared (second-level) events: the empty-content EE that EXIficient writes decodes and
re-encodes; the other undeclared events are rejected with ExiDecodeError."""

from __future__ import annotations

import re

import pytest

from iso15118 import ExiDecodeError, decode_exi, encode_exi
from iso15118.exi.bits import BitWriter
from iso15118.exi.codec import FIRST, SECOND_LEVEL, START_TAG
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
        with pytest.raises(ExiDecodeError, match=re.escape(f"undeclared {name} event")):
            decode_exi(_signature_value_stream(code, with_id), "xmldsig", fragment=True)


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
