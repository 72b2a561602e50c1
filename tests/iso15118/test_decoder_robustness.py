"""Bad input only ever raises ExiDecodeError, with work bounded by its size: random bytes and
mutated real messages.

"Quickly" is checked by counting, not by a clock: every bit read and every element entered is
counted, and the count may not outgrow the input. A timing assertion failed once on a shared
runner where other tests' server threads ran in the same process; a count cannot.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iso15118 import ExiDecodeError, decode_exi
from iso15118.exi.bits import BitReader
from iso15118.exi.codec import MAX_DEPTH, Codec
from iso15118.exi.schemas import codec
from tests.iso15118.test_hubject_vectors import load

SEEDS = [load("CertificateInstallationReq"), load("CertificateInstallationRes")]
SCHEMAS = ["iso-2", "iso-20", "xmldsig"]
# Decoding steps allowed per input bit (plus a constant for the document's frame): every read
# consumes at least one bit and an element's grammar never loops without reading, so a
# well-behaved decoder stays near one step per bit; a hang or a quadratic path does not.
STEPS_PER_BIT = 2
STEPS_CONSTANT = 64


class _StepCounter:
    steps = 0


@contextmanager
def _counting_steps() -> Iterator[type[_StepCounter]]:
    """Counts BitReader reads and element entries while decoding (restored afterwards)."""
    original_read = BitReader.read
    original_element = Codec._element

    def read(self: BitReader, n: int) -> int:
        _StepCounter.steps += 1
        return original_read(self, n)

    def element(self: Codec, *args: Any) -> Any:
        _StepCounter.steps += 1
        return original_element(self, *args)

    _StepCounter.steps = 0
    BitReader.read = read  # type: ignore[method-assign]
    Codec._element = element  # type: ignore[method-assign]
    try:
        yield _StepCounter
    finally:
        BitReader.read = original_read  # type: ignore[method-assign]
        Codec._element = original_element  # type: ignore[method-assign]


@pytest.fixture(autouse=True, scope="module")
def _grammars_loaded() -> None:
    """Builds the codecs before any input is timed: the first use of a schema loads its
    generated tables (a one-off cost, not a per-input one)."""
    for schema in SCHEMAS:
        codec(schema)


def _decode_only_typed_errors(data: bytes, schema: str, fragment: bool) -> None:
    with _counting_steps() as counter:
        try:
            decode_exi(data, schema, fragment=fragment)
        except ExiDecodeError as exc:
            assert exc.bit_position >= 0
            assert "bit" in str(exc)
    assert counter.steps <= STEPS_PER_BIT * 8 * len(data) + STEPS_CONSTANT, (
        len(data),
        counter.steps,
    )


def mutate(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        operation = rng.randrange(5)
        position = rng.randrange(len(buffer)) if buffer else 0
        if operation == 0 and buffer:  # bit flip
            buffer[position] ^= 1 << rng.randrange(8)
        elif operation == 1:  # truncation
            del buffer[position:]
        elif operation == 2:  # insertion
            buffer[position:position] = rng.randbytes(rng.randint(1, 16))
        elif operation == 3 and buffer:  # random byte
            buffer[position] = rng.randrange(256)
        else:  # deletion
            del buffer[position : position + rng.randint(1, 8)]
    if buffer and rng.random() < 0.8:
        buffer[0] = 0x80  # keep most inputs past the header check
    return bytes(buffer)


@pytest.mark.slow
def test_hundred_thousand_random_and_mutated_inputs() -> None:
    rng = random.Random(15118)
    for index in range(100_000):
        if index % 4 == 0:
            data = bytes([0x80]) + rng.randbytes(rng.randint(0, 64))
        else:
            data = mutate(rng, rng.choice(SEEDS))
        _decode_only_typed_errors(data, SCHEMAS[index % 3] if index % 4 == 0 else "iso-2", False)
        if index % 10 == 0:
            _decode_only_typed_errors(data, "iso-2", True)


@settings(
    max_examples=3000,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(min_value=0, max_value=5000),
    flips=st.lists(st.integers(min_value=0, max_value=40000), max_size=6),
    fragment=st.booleans(),
)
def test_hypothesis_mutations(seed: bytes, cut: int, flips: list[int], fragment: bool) -> None:
    buffer = bytearray(seed[:cut] if cut < len(seed) else seed)
    for bit in flips:
        if bit // 8 < len(buffer):
            buffer[bit // 8] ^= 0x80 >> (bit % 8)
    _decode_only_typed_errors(bytes(buffer), "iso-2", fragment)


def test_truncated_message_names_the_bit_position() -> None:
    data = SEEDS[1][:100]
    with pytest.raises(ExiDecodeError) as caught:
        decode_exi(data)
    assert 0 < caught.value.bit_position <= 800
    assert "truncated" in caught.value.reason


def test_wrong_header_is_rejected() -> None:
    with pytest.raises(ExiDecodeError, match="header"):
        decode_exi(b"$EXI\x80")


def test_length_beyond_facet_is_rejected_before_reading() -> None:
    # A -2 V2G_Message whose SessionID (hexBinary, maxLength 8) announces 100 bytes.
    from iso15118.exi.bits import BitWriter
    from iso15118.exi.schemas import grammar

    g = grammar("iso-2")
    root = g.root_production(g.document, "V2G_Message")
    header = g.productions[root[4]][0]
    session = g.productions[header[4]][0]
    writer = BitWriter()
    writer.write(8, 0x80)
    writer.write(g.widths[g.document], root[7])
    writer.write(g.widths[root[4]], header[7])
    writer.write(g.widths[header[4]], session[7])
    writer.write(g.widths[session[4]], 0)  # CH
    writer.write_unsigned(100)
    with pytest.raises(ExiDecodeError, match="maxLength 8"):
        decode_exi(writer.getvalue() + bytes(200))


def test_deep_nesting_is_bounded() -> None:
    # The relaxed fragment grammar lets any element nest in eMAID's: nest it forever.
    from iso15118.exi.bits import BitWriter
    from iso15118.exi.schemas import grammar

    g = grammar("iso-2")
    root = g.root_production(g.fragment, "eMAID")
    state = root[4]
    nested = next(r for r in g.productions[state] if r[1] == "eMAID")
    writer = BitWriter()
    writer.write(8, 0x80)
    writer.write(g.widths[g.fragment], root[7])
    for _ in range(MAX_DEPTH + 5):
        writer.write(g.widths[state], nested[7])
    with pytest.raises(ExiDecodeError, match="nested deeper"):
        decode_exi(writer.getvalue() + bytes(8), fragment=True)
