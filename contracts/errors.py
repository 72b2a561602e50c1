"""Typed errors of the contract service; PkiError subclasses so every edge already turns them
into one line (CLI) or a 4xx."""

from __future__ import annotations

from pki.errors import PkiError


class ContractError(PkiError):
    code = "contract"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
