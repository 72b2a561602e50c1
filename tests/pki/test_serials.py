"""Serial numbers: 127 bits with the top one set, never repeated, not shared with a fork."""

from __future__ import annotations

import os

from pki.issuance import SERIAL_BITS, random_serial
from pki.tbs import encode_integer


def test_serials_are_distinct_positive_and_sixteen_bytes_long() -> None:
    serials = [random_serial() for _ in range(5000)]  # crosses several 4 KiB refills
    assert len(set(serials)) == len(serials)
    for serial in serials:
        assert serial.bit_length() == SERIAL_BITS + 1
        assert len(encode_integer(serial)) == 2 + 16  # tag, length, 16 content bytes
    # The random part uses its whole width: every bit position is seen set and unset.
    for bit in range(SERIAL_BITS):
        ones = sum(serial >> bit & 1 for serial in serials)
        assert 2000 < ones < 3000, (bit, ones)


def test_a_forked_child_does_not_repeat_its_parents_serials() -> None:
    random_serial()  # the parent now holds a partly used buffer
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report the next serials it would hand out
        os.close(read_end)
        os.write(write_end, b",".join(str(random_serial()).encode() for _ in range(20)))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        child = {int(text) for text in pipe.read().split(b",")}
    os.waitpid(pid, 0)
    parent = {random_serial() for _ in range(20)}
    assert len(child) == 20
    assert not child & parent
