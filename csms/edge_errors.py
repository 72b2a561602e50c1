"""Database refusals of client-supplied values become 400s with a reason, not 500s.

Validation at each endpoint bounds what it can (lengths, ranges); what slips through is a value
the database itself cannot take — an integer beyond its column, a NUL character in text
(PostgreSQL refuses both). Those are the client's input, so the client hears about it."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, StatementError

log = logging.getLogger("csms.api")

_REASON = "a value is out of range or holds characters that cannot be stored (e.g. NUL)"


def _is_input_error(exc: StatementError) -> bool:
    if isinstance(exc, DataError):
        return True
    original = exc.orig
    return isinstance(original, ValueError) and "NUL" in str(original)


async def _statement_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StatementError)
    if _is_input_error(exc):
        return JSONResponse({"detail": _REASON}, status_code=400)
    log.error("database statement failed on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal error"}, status_code=500)


def install_edge_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StatementError, _statement_error)
