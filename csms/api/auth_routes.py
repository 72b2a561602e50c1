"""Logging in with a password, refreshing and ending API tokens, and `/api/me`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field

from auth.logins import LOGIN, ME
from auth.passwords import PasswordHashingBusy
from auth.principal import NotAuthenticated, Principal
from auth.throttle import LoginThrottled
from auth.tokens import TokenError

from ..web.context import container_of, in_transaction
from ..web.identity import SESSION_COOKIE_KEY
from ..web.passwords import client_address, password_login
from .deps import allowed
from .schemas import ERRORS, ErrorOut

router = APIRouter(tags=["auth"], responses=ERRORS)


class TokenOut(BaseModel):
    access_token: str
    refresh_token: str
    token_type: str
    expires_in: int


class RefreshIn(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=512)


class MeOut(BaseModel):
    username: str
    role: str
    roles: list[str]
    partner: str | None
    full_name: str | None
    phone: str | None
    email: str | None
    has_myid: bool


THROTTLED: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorOut, "description": "too many failed logins; see Retry-After"},
    503: {"model": ErrorOut, "description": "password checks are busy; see Retry-After"},
}


@router.post("/api/v1/auth/token", response_model=TokenOut, responses=THROTTLED)
async def token(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    principal: Annotated[Principal, allowed(LOGIN)],
) -> TokenOut:
    """OAuth2 password grant: a short-lived access token and a refresh token. Failed logins
    are counted per account and per client address: too many within the window and the
    answer is 429 with Retry-After, whatever the password (auth/throttle.py)."""
    logins = container_of(request).logins
    username = form.username[:128]
    client = client_address(request)
    try:
        pair = await password_login(
            request,
            username,
            client,
            lambda s: logins.password_for_tokens(
                s, principal, username, form.password, client=client
            ),
        )
    except LoginThrottled as exc:
        raise HTTPException(
            429, "too many failed logins; try again later", {"Retry-After": str(exc.retry_after)}
        ) from None
    except PasswordHashingBusy as exc:
        raise HTTPException(
            503, "busy; try again in a moment", {"Retry-After": str(exc.retry_after)}
        ) from None
    if pair is None:
        raise NotAuthenticated("wrong username or password")
    return TokenOut(**pair.__dict__)


@router.post("/api/v1/auth/refresh", response_model=TokenOut)
async def refresh(
    request: Request, body: RefreshIn, principal: Annotated[Principal, allowed(LOGIN)]
) -> TokenOut:
    """A new token pair for a refresh token; the old refresh token stops working."""
    logins = container_of(request).logins
    try:
        pair = await run_in_threadpool(logins.refresh, principal, body.refresh_token)
    except TokenError as exc:
        raise NotAuthenticated(exc.reason) from None
    return TokenOut(**pair.__dict__)


@router.post("/api/v1/auth/logout", status_code=204)
async def logout(request: Request, principal: Annotated[Principal, allowed(ME)]) -> None:
    """End this login: its access and refresh tokens (or its cookie) stop working at once."""
    logins = container_of(request).logins
    try:
        await in_transaction(request, lambda s: logins.logout(s, principal))
    except TokenError as exc:
        raise NotAuthenticated(exc.reason) from None
    if "session" in request.scope:
        request.session.pop(SESSION_COOKIE_KEY, None)


@router.get("/api/v1/me", response_model=MeOut)
async def me(request: Request, principal: Annotated[Principal, allowed(ME)]) -> MeOut:
    logins = container_of(request).logins
    try:
        found = await in_transaction(request, lambda s: logins.me(s, principal))
    except TokenError as exc:
        raise NotAuthenticated(exc.reason) from None
    return MeOut(**{**found.__dict__, "roles": list(found.roles)})
