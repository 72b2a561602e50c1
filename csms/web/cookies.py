"""The signed session cookie of browser logins (console and MyID)."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware

from ..settings import Settings
from .identity import SESSION_COOKIE


def install_session_cookie(app: FastAPI, settings: Settings) -> None:
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
