"""Who is calling: a bearer access token, else the signed session cookie, else a visitor.

Identification only: whether the caller may do something is the services' question (they ask
auth.access.AccessControl). A token that is present but not valid is refused (401), never
treated as a visitor; a dead cookie session is forgotten and the caller becomes a visitor's
login page.
"""

from __future__ import annotations

from fastapi import Request

from auth.principal import NotAuthenticated, Principal
from auth.tokens import TokenError

from .context import container_of, in_transaction

SESSION_COOKIE = "csms_session"
SESSION_COOKIE_KEY = "sid"


class BadCredentials(NotAuthenticated):
    """A bearer token or a session that is not (or no longer) valid."""


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise BadCredentials("Authorization must be `Bearer <access token>`")
    return token.strip()


def cookie_session_id(request: Request) -> str | None:
    if "session" not in request.scope:
        return None
    sid = request.session.get(SESSION_COOKIE_KEY)
    return sid if isinstance(sid, str) else None


async def principal_of(request: Request) -> Principal:
    """The caller; cached on the request, so a page that calls several services identifies
    its caller once."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = await _identify(request)
    request.state.principal = principal
    return principal


async def _identify(request: Request) -> Principal:
    logins = container_of(request).logins
    token = bearer_token(request)
    if token is not None:
        try:
            return await in_transaction(request, lambda s: logins.principal_of_token(s, token))
        except TokenError as exc:
            raise BadCredentials(exc.reason) from None
    sid = cookie_session_id(request)
    if sid is None:
        return Principal.anonymous()
    try:
        return await in_transaction(request, lambda s: logins.principal_of_session(s, sid))
    except TokenError as exc:
        request.session.pop(SESSION_COOKIE_KEY, None)
        raise BadCredentials(exc.reason) from None
