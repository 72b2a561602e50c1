"""The auth domain assembled over a csms Product (kept in `product.extras["auth"]`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from .policy import PolicyEngine
from .tokens import TokenService

EXTRAS_KEY = "auth"


@dataclass
class AuthDomain:
    policy: PolicyEngine
    tokens: TokenService


def auth_of(product: Any) -> AuthDomain:
    """The product's policy engine and token service, built on first use."""
    existing = product.extras.get(EXTRAS_KEY)
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    settings = product.settings
    domain = AuthDomain(
        policy=PolicyEngine(product.session_factory),
        tokens=TokenService(
            product.session_factory,
            settings.resolved_token_key(),
            issuer=settings.public_url,
            access_ttl=timedelta(minutes=settings.access_token_minutes),
            refresh_ttl=timedelta(days=settings.refresh_token_days),
        ),
    )
    product.extras[EXTRAS_KEY] = domain
    return domain
