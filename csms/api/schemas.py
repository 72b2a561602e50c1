"""What the API's routers share: error bodies for the OpenAPI document, and paging."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Query
from pydantic import BaseModel


class ErrorOut(BaseModel):
    detail: str


# Declared on every router so the OpenAPI schema lists every answer the API can give.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "bad input"},
    401: {"model": ErrorOut, "description": "not logged in, or the token is not valid"},
    403: {"model": ErrorOut, "description": "the role or tenant does not allow it"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "none"}}
CONFLICT: dict[int | str, dict[str, Any]] = {409: {"model": ErrorOut, "description": "exists"}}
UPSTREAM: dict[int | str, dict[str, Any]] = {
    502: {"model": ErrorOut, "description": "a service the product depends on failed"}
}

# Bounded paging for every list.
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


_HUMP = re.compile(r"(?<=[a-z0-9])([A-Z])")


def snake_keys(value: Any) -> Any:
    """`value` with every dictionary key in snake_case (`notAfter` → `not_after`): the API
    speaks snake_case, while the OCPP core's records keep OCPP's camelCase words. Not for
    OCPP payloads passed through verbatim (a command's answer is the station's own JSON)."""
    if isinstance(value, dict):
        return {_HUMP.sub(r"_\1", str(k)).lower(): snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value
