"""Typed refusals every door can explain the same way.

A service raises one of these for input it cannot take; the REST API answers 400/404/409, the
console shows the message next to the field, the command line prints `error: … [code]` and
exits 1, and the OCPP core answers with the status the message's use case prescribes. Each
domain's errors (PkiError, ContractError, UserError, StationError) derive from these.
"""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or a state that forbids the operation; `code` names it for machines."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class NotFound(ServiceError):
    """The thing asked for does not exist, or is outside the principal's scope (the two look
    alike on purpose, so another tenant's identifiers cannot be probed)."""

    code = "not_found"


class Conflict(ServiceError):
    """The operation collides with what exists (a duplicate, a state that forbids it)."""

    code = "conflict"


class Upstream(ServiceError):
    """A service the product depends on (an OPCP pool, say) could not do its part: the
    request was fine, so the doors answer 502 and name the upstream's reason."""

    code = "upstream"
