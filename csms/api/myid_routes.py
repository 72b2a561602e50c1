"""Browser login with MyID (the flow itself is csms/web/myid.py, shared with the console)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from auth.logins import LOGIN
from auth.myid import MyIdError
from auth.principal import Principal

from ..web.myid import MyIdNotConfigured, complete_login, myid_of, upstream_failed
from .deps import allowed
from .schemas import ERRORS, NOT_FOUND, ErrorOut

router = APIRouter(tags=["auth"], responses={**ERRORS, **NOT_FOUND})
UPSTREAM: dict[int | str, dict[str, object]] = {
    502: {"model": ErrorOut, "description": "MyID failed or did not answer"}
}


class MyIdLoginOut(BaseModel):
    username: str
    created: bool


@router.get("/auth/myid/login", status_code=302, response_class=RedirectResponse)
async def myid_login(
    request: Request, _anyone: Annotated[Principal, allowed(LOGIN)]
) -> RedirectResponse:
    """Redirect to MyID's authorization page (state kept in the signed session cookie)."""
    try:
        return await myid_of(request).redirect(request)
    except MyIdNotConfigured as exc:
        raise HTTPException(404, str(exc)) from None


@router.get("/auth/myid/callback", response_model=MyIdLoginOut, responses=UPSTREAM)
async def myid_callback(
    request: Request, anyone: Annotated[Principal, allowed(LOGIN)]
) -> MyIdLoginOut:
    """Where MyID sends the person back; answers with the logged-in username."""
    if not myid_of(request).configured:
        raise HTTPException(404, "MyID login is not configured")
    try:
        login = await complete_login(request, anyone)
    except MyIdError as exc:
        status = 502 if upstream_failed(exc) else 401
        raise HTTPException(status, f"MyID login failed: {exc.reason}") from None
    return MyIdLoginOut(username=login.username, created=login.created)
