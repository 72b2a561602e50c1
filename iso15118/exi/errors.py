"""Typed errors of the EXI codec."""

from __future__ import annotations


class ExiError(Exception):
    """Base class of all EXI codec errors."""


class ExiDecodeError(ExiError):
    """The input is not a valid EXI stream for the schema; `bit_position` says where."""

    def __init__(self, message: str, bit_position: int) -> None:
        super().__init__(f"{message} (at bit {bit_position})")
        self.reason = message
        self.bit_position = bit_position


class ExiEncodeError(ExiError):
    """The message does not fit the schema (unknown element, value out of its facets...)."""
