"""Who may see a console page: the services decide, the cabinet sorts.

Pages call the same services as the REST API with the principal of the signed session
cookie, and the services check the permission and the row scope themselves, so the console
can never show or do more than the API would. A page's gate (`page(permission, cabinet=)`)
asks the same access control before the page starts, and adds one console rule on top: a page
belongs to one cabinet (admin, technician, partner, client), so a partner who may read
stations of their tenant still gets the partner cabinet's station page, not the technician's.

A caller who is not logged in is sent to the login page; one who is logged in but not
allowed sees the 403 page (both as exceptions the app-level handlers in `web.py` render).
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import HTTPException, Request

from auth.principal import AccessDenied, NotAuthenticated, Permission, Principal

from ..web.context import container_of
from ..web.identity import SESSION_COOKIE_KEY, cookie_session_id, principal_of

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
    permission: Permission, *, cabinet: str | None = None
) -> Callable[[Request], Awaitable[Principal]]:
    """A FastAPI dependency for a console page: the access control's decision for
    `permission`, then, when `cabinet` is given, membership of that cabinet's role."""

    async def dependency(request: Request) -> Principal:
        try:
            principal = await principal_of(request)
            container_of(request).access.require(principal, permission)
        except NotAuthenticated:
            raise LoginRequired(request.url.path) from None
        except AccessDenied:
            raise Forbidden() from None
        if cabinet is not None and cabinet not in principal.roles:
            raise LoginRequired(request.url.path) if principal.is_anonymous else Forbidden()
        return principal

    dependency.__name__ = f"page_{permission.obj}_{permission.action}"
    return dependency


def begin_session(request: Request, sid: str) -> None:
    """Remember a web login in the signed session cookie (the key the API reads)."""
    request.session.clear()
    request.session[SESSION_COOKIE_KEY] = sid


def current_sid(request: Request) -> str | None:
    return cookie_session_id(request)


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
