"""Logging in with a password, refreshing and ending API tokens, and `/api/me`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel, Field
from sqlalchemy import select

from auth.audit import record_event
from auth.models import User
from auth.passwords import verify_password
from auth.tokens import TokenError, TokenPair
from auth.wiring import auth_of

from .deps import SESSION_COOKIE_KEY, Principal, authorize, product_of, unauthorized
from .schemas import ERRORS

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


@router.post("/api/auth/token", response_model=TokenOut)
async def token(
    request: Request,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    _anyone: Annotated[Principal, Depends(authorize("login", "read"))],
) -> TokenOut:
    """OAuth2 password grant: a short-lived access token and a refresh token."""
    product = product_of(request)
    auth = auth_of(product)
    username = form.username[:128]
    client = request.client.host if request.client else None

    def login() -> TokenPair | None:
        # In a worker thread: argon2 verification takes tens of milliseconds.
        with product.session_factory() as session, session.begin():
            user = session.scalar(select(User).where(User.username == username))
            ok = verify_password(user.password_hash if user else None, form.password)
            if user is None or not ok or not user.active:
                record_event(
                    session,
                    actor=f"user:{username}",
                    action="login.failed",
                    method="password",
                    client=client,
                )
                return None
            user.last_login_at = datetime.now(UTC)
            record_event(
                session, actor=f"user:{username}", action="login.succeeded", method="password"
            )
            return auth.tokens.open_api_session(session, user)

    pair = await run_in_threadpool(login)
    if pair is None:
        raise unauthorized("wrong username or password")
    return TokenOut(**pair.__dict__)


@router.post("/api/auth/refresh", response_model=TokenOut)
async def refresh(
    request: Request,
    body: RefreshIn,
    _anyone: Annotated[Principal, Depends(authorize("login", "read"))],
) -> TokenOut:
    """A new token pair for a refresh token; the old refresh token stops working."""
    tokens = auth_of(product_of(request)).tokens
    try:
        pair = await run_in_threadpool(tokens.refresh, body.refresh_token)
    except TokenError as exc:
        raise unauthorized(exc.reason) from None
    return TokenOut(**pair.__dict__)


@router.post("/api/auth/logout", status_code=204)
async def logout(
    request: Request, principal: Annotated[Principal, Depends(authorize("me", "read"))]
) -> None:
    """End this login: its access and refresh tokens (or its cookie) stop working at once."""
    product = product_of(request)
    tokens = auth_of(product).tokens
    sid = principal.session_id
    if sid is None:
        raise unauthorized("not logged in")

    def end() -> None:
        with product.session_factory() as session, session.begin():
            tokens.revoke(session, sid, "logout")
            record_event(session, actor=principal.actor, action="logout")

    await run_in_threadpool(end)
    if "session" in request.scope:
        request.session.pop(SESSION_COOKIE_KEY, None)


@router.get("/api/me", response_model=MeOut)
async def me(
    request: Request, principal: Annotated[Principal, Depends(authorize("me", "read"))]
) -> MeOut:
    product = product_of(request)

    def load() -> User | None:
        with product.session_factory() as session:
            return session.get(User, principal.user_id)

    user = await run_in_threadpool(load)
    if user is None:
        raise HTTPException(401, "no such user")
    return MeOut(
        username=user.username,
        role=principal.role,
        roles=list(principal.roles),
        partner=user.partner,
        full_name=user.full_name,
        phone=user.phone,
        email=user.email,
        has_myid=user.pinfl is not None,
    )
