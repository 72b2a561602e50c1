"""Bit-packed reader and writer (EXI alignment "bit-packed": most significant bit first).

Both work on whole integers rather than single bits: the reader slices the few bytes that
hold the next n bits and shifts once, the writer keeps a small accumulator and flushes
whole bytes, so the cost per call does not grow with n or with the message size.
"""

from __future__ import annotations

from iso15118.exi.errors import ExiDecodeError


class BitReader:
    __slots__ = ("data", "limit", "pos")

    def __init__(self, data: bytes, start_bit: int = 0) -> None:
        self.data = data
        self.pos = start_bit
        self.limit = len(data) * 8

    def remaining(self) -> int:
        return self.limit - self.pos

    def read(self, n: int) -> int:
        pos = self.pos
        end = pos + n
        if end > self.limit:
            raise ExiDecodeError(f"truncated input: {n} more bits needed", pos)
        last = (end + 7) >> 3
        chunk = int.from_bytes(self.data[pos >> 3 : last], "big")
        self.pos = end
        return (chunk >> ((last << 3) - end)) & ((1 << n) - 1)

    def read_bytes(self, count: int) -> bytes:
        pos = self.pos
        if pos + count * 8 > self.limit:
            raise ExiDecodeError(f"truncated input: {count} bytes announced", pos)
        shift = pos & 7
        first = pos >> 3
        self.pos = pos + count * 8
        if shift == 0:
            return self.data[first : first + count]
        chunk = int.from_bytes(self.data[first : first + count + 1], "big")
        return ((chunk >> (8 - shift)) & ((1 << (count * 8)) - 1)).to_bytes(count, "big")

    def read_unsigned(self, max_octets: int = 64) -> int:
        """EXI Unsigned Integer: 7-bit groups, least significant first, high bit = more."""
        start = self.pos
        value = 0
        shift = 0
        for _ in range(max_octets):
            octet = self.read(8)
            value |= (octet & 0x7F) << shift
            if octet < 0x80:
                return value
            shift += 7
        raise ExiDecodeError(f"unsigned integer longer than {max_octets} octets", start)


class BitWriter:
    __slots__ = ("acc", "nbits", "out")

    def __init__(self) -> None:
        self.out = bytearray()
        self.acc = 0
        self.nbits = 0

    def write(self, n: int, value: int) -> None:
        acc = (self.acc << n) | value
        nbits = self.nbits + n
        if nbits >= 32:
            whole = nbits >> 3
            rest = nbits & 7
            self.out += (acc >> rest).to_bytes(whole, "big")
            acc &= (1 << rest) - 1
            nbits = rest
        self.acc = acc
        self.nbits = nbits

    def write_bytes(self, data: bytes) -> None:
        if self.nbits == 0:
            self.out += data
        elif data:
            self.write(len(data) * 8, int.from_bytes(data, "big"))

    def write_unsigned(self, value: int) -> None:
        while value >= 0x80:
            self.write(8, (value & 0x7F) | 0x80)
            value >>= 7
        self.write(8, value)

    def getvalue(self) -> bytes:
        """The stream, padded with zero bits to a whole byte."""
        out = bytes(self.out)
        if self.nbits:
            pad = (8 - self.nbits) & 7
            out += (self.acc << pad).to_bytes((self.nbits + pad) >> 3, "big")
        return out
