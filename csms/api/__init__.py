"""The product's REST API for people: login, tokens, users, partners, policies, audit, and
the tenant-scoped views of stations, sessions, contracts and certificates.

`mount_api(app, product)` is all the composition root calls. Other routers adopt the same
authorization with `authorize` and `scope_query` from `csms.api.deps` (see docs/auth.md).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from .deps import Principal, authorize, in_scope, scope_query

__all__ = ["Principal", "authorize", "in_scope", "mount_api", "scope_query"]

SESSION_COOKIE = "csms_session"


def mount_api(app: FastAPI, product: Any) -> None:
    from .admin_routes import router as admin_router
    from .myid_routes import router as myid_router
    from .resource_routes import router as resource_router
    from .session_routes import router as session_router

    settings = product.settings
    # The cookie is signed, not encrypted: it holds only the login session id (and, during a
    # MyID login, authlib's state), never personal data. A key of its own, derived from the
    # token key, so a leaked cookie signature says nothing about token signatures.
    cookie_key = hmac.new(settings.resolved_token_key(), b"session-cookie", hashlib.sha256)
    app.add_middleware(
        SessionMiddleware,
        secret_key=cookie_key.hexdigest(),
        session_cookie=SESSION_COOKIE,
        max_age=12 * 3600,
        same_site="lax",
        https_only=settings.public_url.startswith("https://"),
    )
    for router in (session_router, myid_router, admin_router, resource_router):
        app.include_router(router)
