"""What the API's routers share: error bodies for the OpenAPI document, and paging."""

from __future__ import annotations

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
