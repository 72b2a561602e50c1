"""Typed ISO 15118-2 certificate messages: bytes -> model -> bytes over random messages."""

from __future__ import annotations

import random

import pytest

from iso15118 import decode_exi, decode_v2g_message, encode_v2g_message
from iso15118.exi.schemas import codec, grammar
from iso15118.messages import TYPED_BODIES
from tests.iso15118.random_messages import RandomMessages, make_certificates


@pytest.mark.parametrize("name", sorted(TYPED_BODIES))
def test_random_messages_round_trip_through_the_typed_model(name: str) -> None:
    """Random schema walks (optional parts such as the header Signature and its Id
    attributes present and absent, facet-limit lengths, empty values): the typed model
    loses nothing, so bytes -> V2GMessage -> bytes is the identity."""
    rng = random.Random(f"typed-2-{name}")
    generator = RandomMessages(grammar("iso-2"), rng, make_certificates(4, rng))
    json_codec = codec("iso-2", json_text=True)
    for _ in range(300):
        data = json_codec.encode(generator.document("V2G_Message", name))
        message = decode_v2g_message(data)
        assert isinstance(message.body, TYPED_BODIES[name])
        assert encode_v2g_message(message) == data
        assert message.to_tree() == decode_exi(data, "iso-2")
