"""People, tenants, sessions, login failures and Casbin rules: a metadata of its own
(migrations 0004_auth and 0005_auth_login_failures).

Partners are referenced by their unique name, because the other domains' tables
(`ocpp_stations.partner`, `contracts.partner`) already store the partner as a name.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .db import UTCDateTime


class Base(DeclarativeBase):
    pass


class Partner(Base):
    """A company that owns stations; its staff see only its stations."""

    __tablename__ = "auth_partners"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Where its stations' V2G (SECC) certificates come from unless a station says otherwise:
    # "local" (the product's CPO sub-CA) or "opcp" (an external CA through OPCP EST).
    v2g_issuer: Mapped[str] = mapped_column(String(8), default="local")
    # Which imported V2G and MO roots its stations should hold (trust-anchor fingerprints);
    # None: every active one (csms/ocpp/trust_store.py).
    station_roots: Mapped[list[str] | None] = mapped_column(JSON)


class User(Base):
    """A person. Local accounts have a password hash; MyID accounts are keyed by PINFL and
    keep only the name and the contacts MyID released (scope `contacts`)."""

    __tablename__ = "auth_users"
    __table_args__ = (UniqueConstraint("pinfl", name="uq_auth_users_pinfl"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    partner: Mapped[str | None] = mapped_column(ForeignKey("auth_partners.name"))
    password_hash: Mapped[str | None] = mapped_column(Text)
    pinfl: Mapped[str | None] = mapped_column(String(14))
    full_name: Mapped[str | None] = mapped_column(String(256))
    phone: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class LoginSession(Base):
    """One login: an API token family (access + rotating refresh) or a web cookie session.

    Access tokens name their session (`sid`), so logging out revokes them at once. The
    refresh token is `<sid>.<generation>.<nonce>.<mac>`; only the current generation's hash
    is kept. An older generation whose MAC shows it was really issued means a copy was kept
    (stolen): the session is revoked. Anything else is just a bad token (auth/tokens.py).
    """

    __tablename__ = "auth_sessions"
    __table_args__ = (Index("ix_auth_sessions_user", "user_id"),)

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("auth_users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # api | web
    generation: Mapped[int] = mapped_column(Integer, default=0)
    refresh_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_reason: Mapped[str | None] = mapped_column(String(32))


class LoginFailure(Base):
    """One failed password login, counted against the account name tried and against the
    client's address (auth/throttle.py); rows older than the window are pruned."""

    __tablename__ = "auth_login_failures"
    __table_args__ = (
        Index("ix_auth_login_failures_key", "kind", "key", "at"),
        Index("ix_auth_login_failures_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(8))  # account | address
    key: Mapped[str] = mapped_column(String(160))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class CasbinRule(Base):
    """A Casbin policy line (`p`) or role assignment (`g`), as Casbin's adapters store it."""

    __tablename__ = "auth_casbin_rules"
    __table_args__ = (Index("ix_auth_casbin_rules_ptype_v0", "ptype", "v0"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ptype: Mapped[str] = mapped_column(String(8))
    v0: Mapped[str] = mapped_column(String(128), default="")
    v1: Mapped[str] = mapped_column(String(128), default="")
    v2: Mapped[str] = mapped_column(String(128), default="")
    v3: Mapped[str] = mapped_column(String(128), default="")
    v4: Mapped[str] = mapped_column(String(128), default="")
    v5: Mapped[str] = mapped_column(String(128), default="")


class PolicyVersion(Base):
    """One row whose number grows with every policy change; other processes poll it."""

    __tablename__ = "auth_policy_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
