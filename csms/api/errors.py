"""How the API answers refusals: JSON `{"detail": reason}` with the status each kind means.

- AccessDenied: 401 (with `WWW-Authenticate: Bearer`) for visitors and bad credentials, 403
  for a role or tenant that does not allow it;
- ServiceError: 404 NotFound, 409 Conflict, 502 Upstream, 400 for any other bad input;
- PasswordHashingBusy (every password-hashing slot stayed taken, auth/passwords.py): 503 with
  Retry-After;
- database refusals of client-supplied values (an integer beyond its column, a NUL character
  in text): 400 with a reason, not 500.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DataError, StatementError

from auth.errors import Conflict, NotFound, ServiceError, Upstream
from auth.passwords import PasswordHashingBusy
from auth.principal import AccessDenied, NotAuthenticated

log = logging.getLogger("csms.api")

_DATABASE_INPUT = "a value is out of range or holds characters that cannot be stored (e.g. NUL)"


def http_error(exc: ServiceError, *, invalid: int = 400) -> HTTPException:
    """The HTTPException for a service's refusal; `invalid` is the status of plain bad input
    (some endpoints have always answered 422 there)."""
    status = (
        404
        if isinstance(exc, NotFound)
        else 409
        if isinstance(exc, Conflict)
        else 502
        if isinstance(exc, Upstream)
        else invalid
    )
    return HTTPException(status, str(exc))


def access_denied_response(exc: AccessDenied) -> JSONResponse:
    if isinstance(exc, NotAuthenticated):
        return JSONResponse(
            {"detail": exc.reason}, status_code=401, headers={"WWW-Authenticate": "Bearer"}
        )
    return JSONResponse({"detail": exc.reason}, status_code=403)


async def _access_denied(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AccessDenied)
    return access_denied_response(exc)


async def _service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ServiceError)
    error = http_error(exc)
    return JSONResponse({"detail": error.detail}, status_code=error.status_code)


def _is_input_error(exc: StatementError) -> bool:
    if isinstance(exc, DataError):
        return True
    original = exc.orig
    return isinstance(original, ValueError) and "NUL" in str(original)


async def _statement_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StatementError)
    if _is_input_error(exc):
        return JSONResponse({"detail": _DATABASE_INPUT}, status_code=400)
    log.error("database statement failed on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "internal error"}, status_code=500)


async def _hashing_busy(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PasswordHashingBusy)
    headers = {"Retry-After": str(exc.retry_after)}
    return JSONResponse({"detail": "busy; try again in a moment"}, 503, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AccessDenied, _access_denied)
    app.add_exception_handler(PasswordHashingBusy, _hashing_busy)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(StatementError, _statement_error)
