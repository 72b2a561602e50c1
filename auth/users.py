"""Users, partners and role assignments.

A user's role is a Casbin role assignment (`g, username, role, domain`), so admins change
roles through the same policy API as permissions. The domain is the user's partner for
partner staff and "*" for everyone else.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pki.audit import record_event

from .models import CasbinRule, Partner, User
from .passwords import hash_password
from .policy import GLOBAL_DOMAIN, ROLES, PolicyEngine, Rule

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}\Z")
PARTNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.&-]{0,127}\Z")
BOOTSTRAP_ADMIN = "admin"


class UserError(ValueError):
    """Bad input for a user or partner; `code` names the problem."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def now() -> datetime:
    return datetime.now(UTC)


def domain_of(partner: str | None) -> str:
    return partner or GLOBAL_DOMAIN


def add_partner(session: Session, name: str, *, actor: str) -> Partner:
    name = name.strip()
    if not PARTNER_NAME.match(name):
        raise UserError("partner_name", "a partner name is 1-128 letters, digits, space _ . & -")
    if session.get(Partner, name) is not None:
        raise UserError("partner_exists", f"partner {name!r} exists already")
    partner = Partner(name=name, created_at=now())
    session.add(partner)
    record_event(session, actor=actor, action="partner.created", partner=name)
    return partner


@dataclass(frozen=True)
class NewUser:
    user: User
    role: str


def add_user(
    session: Session,
    engine: PolicyEngine,
    username: str,
    *,
    role: str,
    actor: str,
    partner: str | None = None,
    password: str | None = None,
    pinfl: str | None = None,
    full_name: str | None = None,
) -> User:
    """Create a user and its role assignment in the caller's transaction."""
    if not USERNAME.match(username):
        raise UserError("username", "a username is 1-128 letters, digits and _ . @ -")
    if role not in ROLES:
        raise UserError("role", f"role must be one of {', '.join(ROLES)}")
    if (role == "partner") != (partner is not None):
        raise UserError("partner", "partner staff need --partner, and only they may have one")
    if partner is not None and session.get(Partner, partner) is None:
        raise UserError("partner_unknown", f"no partner {partner!r}; add it first")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError("user_exists", f"user {username!r} exists already")
    try:
        password_hash = hash_password(password) if password is not None else None
    except ValueError as exc:
        raise UserError("password", str(exc)) from None
    user = User(
        username=username,
        partner=partner,
        password_hash=password_hash,
        pinfl=pinfl,
        full_name=full_name,
        active=True,
        created_at=now(),
    )
    session.add(user)
    session.flush()
    engine.change(session, add=[Rule("g", (username, role, domain_of(partner)))])
    record_event(
        session,
        actor=actor,
        action="user.created",
        username=username,
        role=role,
        partner=partner,
    )
    return user


def roles_in_table(session: Session, username: str) -> list[str]:
    return list(
        session.scalars(
            select(CasbinRule.v1).where(CasbinRule.ptype == "g", CasbinRule.v0 == username)
        )
    )


def ensure_bootstrap_admin(
    session_factory: Callable[[], Session],
    engine: PolicyEngine,
    *,
    password: str | None,
) -> str | None:
    """On first start (no user holds the admin role) create `admin`. Returns the generated
    password, to be shown once, or None when nothing was generated."""
    with session_factory() as session, session.begin():
        has_admin = session.scalar(
            select(CasbinRule.id).where(CasbinRule.ptype == "g", CasbinRule.v1 == "admin")
        )
        if has_admin is not None:
            return None
        generated = None
        if password is None:
            password = generated = secrets.token_urlsafe(18)
        if session.scalar(select(User.id).where(User.username == BOOTSTRAP_ADMIN)) is None:
            add_user(
                session,
                engine,
                BOOTSTRAP_ADMIN,
                role="admin",
                password=password,
                actor="system:first-start",
            )
        else:
            engine.change(session, add=[Rule("g", (BOOTSTRAP_ADMIN, "admin", GLOBAL_DOMAIN))])
    engine.load()
    return generated
