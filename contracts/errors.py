"""Typed errors of the contract domain. They derive from auth.errors, so every door explains
them the same way: `ContractNotFound` is a 404, `ContractConflict` a 409, any other
`ContractError` (bad input) a 400; the command line prints `error: … [code]`."""

from __future__ import annotations

from auth.errors import Conflict, NotFound, ServiceError


class ContractError(ServiceError):
    """Bad input for a contract operation; `code` names it (tests and clients match on it)."""

    code = "contract"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


class ContractNotFound(ContractError, NotFound):
    """No such contract, or one outside the principal's scope (the two look alike)."""


class ContractConflict(ContractError, Conflict):
    """The eMAID is taken, or the contract's status forbids the operation."""


class ContractUnusable(ContractConflict):
    """The contract cannot get a certificate now: suspended, terminated or ended."""

    def __init__(self, message: str) -> None:
        super().__init__("contract_status", message)
