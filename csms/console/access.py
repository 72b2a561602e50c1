"""Who may see a console page: the API's own authorization dependency, plus the cabinet.

Every page and every form handler asks `csms.api.deps.authorize(obj, act)` — the same Casbin
decision and the same row scope the REST API uses — so the console can never show or do more
than the API would. On top of that a page belongs to one cabinet (admin, technician, partner,
client): a partner who may read stations of their tenant still gets the partner cabinet's
station page, not the technician's, so each role sees exactly its own pages.

A caller who is not logged in is sent to the login page; one who is logged in but not
allowed sees the 403 page (both as exceptions the app-level handlers in `web.py` render).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import HTTPException, Request

from csms.api.deps import SESSION_COOKIE_KEY, Principal, authorize

CSRF_KEY = "csrf"
CABINETS = ("admin", "technician", "partner", "client")


class LoginRequired(Exception):
    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class Forbidden(Exception):
    pass


def cabinet_of(principal: Principal) -> str | None:
    for role in principal.roles:
        if role in CABINETS:
            return role
    return None


def page(
    obj: str, action: str, *, cabinet: str | None = None
) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency for a console page: the API's decision for (`obj`, `action`),
    then, when `cabinet` is given, membership of that cabinet's role."""
    decide = authorize(obj, action)

    async def dependency(request: Request) -> Principal:
        try:
            principal = await decide(request)
        except HTTPException as exc:
            if exc.status_code == 401:
                raise LoginRequired(request.url.path) from None
            if exc.status_code == 403:
                raise Forbidden() from None
            raise
        if cabinet is not None and cabinet not in principal.roles:
            raise LoginRequired(request.url.path) if principal.anonymous else Forbidden()
        request.state.principal = principal
        return principal

    dependency.__name__ = f"page_{obj}_{action}"
    return dependency


def begin_session(request: Request, sid: str) -> None:
    """Remember a web login in the signed session cookie (the key the API reads)."""
    request.session.clear()
    request.session[SESSION_COOKIE_KEY] = sid


def current_sid(request: Request) -> str | None:
    sid = request.session.get(SESSION_COOKIE_KEY) if "session" in request.scope else None
    return sid if isinstance(sid, str) else None


# --- CSRF -------------------------------------------------------------------------------------
# The session cookie is SameSite=Lax already; a per-session token in every form closes the
# remaining gaps (same-site subdomains, old browsers).


def csrf_token(request: Request) -> str:
    if "session" not in request.scope:
        return ""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session[CSRF_KEY] = token
    return token


async def check_csrf(request: Request) -> dict[str, Any]:
    """The posted form, if it carries this session's token; 400 otherwise."""
    form = await request.form()
    given = str(form.get(CSRF_KEY, ""))
    expected = request.session.get(CSRF_KEY) if "session" in request.scope else None
    if not isinstance(expected, str) or not hmac.compare_digest(given, expected):
        raise HTTPException(400, "the form is stale; reload the page and try again")
    return {k: v for k, v in form.items() if k != CSRF_KEY}
