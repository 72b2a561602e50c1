"""The one authorization dependency every API endpoint uses, and the SQL scope filter.

    StationReader = Annotated[Principal, Depends(authorize("stations", "read"))]

    @router.get("/api/stations")
    async def list_stations(principal: StationReader):
        query = scope_query(select(StationRecord), principal,
                            partner_column=StationRecord.partner)

`authorize(obj, act)` identifies the caller (bearer access token, else the web session cookie,
else anonymous), asks the Casbin policy for the broadest scope in which the caller may do
`act` on `obj`, and answers 401 (not identified) or 403 (identified, not allowed) otherwise.
The returned Principal carries that scope; `scope_query` turns it into a WHERE clause.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Select, false
from sqlalchemy.orm import InstrumentedAttribute

from auth.models import User
from auth.principal import GLOBAL_DOMAIN
from auth.tokens import TokenError
from auth.wiring import AuthDomain, auth_of

ANONYMOUS = "anonymous"
SESSION_COOKIE_KEY = "sid"
T = TypeVar("T", bound=Select[Any])


@dataclass(frozen=True)
class Principal:
    """Who is calling and how far the permission just checked reaches.

    scope: `any` (all rows), `tenant` (rows of `partner`), `own` (rows owned by `username`).
    """

    username: str
    user_id: int | None
    partner: str | None
    roles: tuple[str, ...]
    scope: str
    session_id: str | None = None

    @property
    def anonymous(self) -> bool:
        return self.user_id is None

    @property
    def domain(self) -> str:
        return self.partner or GLOBAL_DOMAIN

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else ANONYMOUS

    @property
    def actor(self) -> str:
        """The name written into audit rows."""
        return f"user:{self.username}"


def product_of(request: Request) -> Any:
    return request.app.state.product


def unauthorized(reason: str) -> HTTPException:
    return HTTPException(401, reason, {"WWW-Authenticate": "Bearer"})


@dataclass(frozen=True)
class Caller:
    user: User | None
    session_id: str | None


async def identify(request: Request, auth: AuthDomain) -> Caller:
    """The caller behind a bearer token or a session cookie; anonymous without either.
    A token that is present but not valid is refused, never downgraded to anonymous."""
    header = request.headers.get("authorization")
    sid: str | None = None
    username: str | None = None
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise unauthorized("Authorization must be `Bearer <access token>`")
        try:
            claims = auth.tokens.claims(token.strip())
        except TokenError as exc:
            raise unauthorized(exc.reason) from None
        sid, username = str(claims["sid"]), str(claims["sub"])
    elif "session" in request.scope:
        sid = request.session.get(SESSION_COOKIE_KEY)
        if sid is not None and not isinstance(sid, str):
            sid = None
    if sid is None:
        return Caller(None, None)
    factory = product_of(request).session_factory

    def lookup() -> User:
        with factory() as session:
            return auth.tokens.live_user(session, sid, username)

    try:
        user = await run_in_threadpool(lookup)
    except TokenError as exc:
        if header is None:
            request.session.pop(SESSION_COOKIE_KEY, None)
        raise unauthorized(exc.reason) from None
    return Caller(user, sid)


def authorize(obj: str, action: str) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency: the caller, if the policy lets them do `action` on `obj`."""

    async def dependency(request: Request) -> Principal:
        # Async on purpose: the decision runs on the event loop (pycasbin's enforce() must
        # not run in several threads at once on Python 3.11).
        auth = auth_of(product_of(request))
        caller = await identify(request, auth)
        if caller.user is None:
            scope = auth.policy.decide_for_roles((ANONYMOUS,), GLOBAL_DOMAIN, obj, action)
            if scope is None:
                raise unauthorized("log in first")
            return Principal(ANONYMOUS, None, None, (ANONYMOUS,), scope)
        user = caller.user
        domain = user.partner or GLOBAL_DOMAIN
        roles = tuple(auth.policy.roles_of(user.username, domain))
        scope = auth.policy.decide_for_roles(roles, domain, obj, action)
        if scope is None:
            raise HTTPException(403, f"not allowed to {action} {obj}")
        return Principal(user.username, user.id, user.partner, roles, scope, caller.session_id)

    dependency.__name__ = f"authorize_{obj}_{action}"
    return dependency


def scope_query(
    query: T,
    principal: Principal,
    *,
    partner_column: InstrumentedAttribute[Any] | None = None,
    owner_column: InstrumentedAttribute[Any] | None = None,
) -> T:
    """Restrict `query` to the rows the principal's scope covers. A scope the table cannot
    express (no partner column for `tenant`, no owner column for `own`) yields no rows."""
    if principal.scope == "any":
        return query
    if principal.scope == "tenant":
        if partner_column is None or principal.partner is None:
            return query.where(false())
        return query.where(partner_column == principal.partner)
    if principal.scope == "own":
        if owner_column is None or principal.anonymous:
            return query.where(false())
        return query.where(owner_column == principal.username)
    return query.where(false())


def in_scope(principal: Principal, *, partner: str | None = None, owner: str | None = None) -> bool:
    """The same rule for one row already loaded (e.g. before a command to a station)."""
    if principal.scope == "any":
        return True
    if principal.scope == "tenant":
        return principal.partner is not None and partner == principal.partner
    if principal.scope == "own":
        return not principal.anonymous and owner == principal.username
    return False


def permits(request: Request, principal: Principal, obj: str, action: str) -> str | None:
    """A second decision for a caller already identified (e.g. whether a technician, who may
    revoke station certificates, may also revoke this other kind). Call from async code."""
    policy = auth_of(product_of(request)).policy
    return policy.decide_for_roles(principal.roles, principal.domain, obj, action)
