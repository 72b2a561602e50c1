"""Users, partners and role assignments.

A user's role is a Casbin role assignment (`g, username, role, domain`), so admins change
roles through the same policy as permissions. The domain is the user's partner for partner
staff and "*" for everyone else.

`UserAdmin` is the service every door uses; `add_user`, `add_partner` and
`ensure_bootstrap_admin` are the writes it (and the MyID login, and first start) share.

The last active admin cannot lose the role or be disabled (auth/admins.py); a lost password
is recovered with `reset_password` (the CLI's `csms user reset-password`, the console's users
page), which the admin role allows.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .access import AccessControl
from .admins import ADMIN_ROLE, active_admins, lock_admins, refuse_disabling_last_admin
from .audit import record_event
from .db import after_commit
from .errors import Conflict, NotFound, ServiceError
from .models import CasbinRule, Partner, User
from .passwords import hash_password
from .policy import ROLES, PolicyEngine, Rule
from .principal import GLOBAL_DOMAIN, Permission, Principal
from .rules import change_rules
from .throttle import LoginThrottle
from .tokens import TokenService

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}\Z")
PARTNER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.&-]{0,127}\Z")
BOOTSTRAP_ADMIN = "admin"

USERS_READ = Permission("users", "read")
USERS_CREATE = Permission("users", "create")
USERS_DELETE = Permission("users", "delete")
USERS_UPDATE = Permission("users", "update")  # a new password for someone
ROLES_CHANGE = Permission("policies", "update")  # a role is a policy rule
PARTNERS_READ = Permission("partners", "read")
PARTNERS_CREATE = Permission("partners", "create")
PARTNERS_UPDATE = Permission("partners", "update")


class UserError(ServiceError):
    """Bad input for a user or partner; `code` names the problem."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)


class UserConflict(UserError, Conflict):
    """The user or partner exists already."""


class UnknownUser(UserError, NotFound):
    pass


def now() -> datetime:
    return datetime.now(UTC)


def domain_of(partner: str | None) -> str:
    return partner or GLOBAL_DOMAIN


# --- writes shared by the service, first start and MyID --------------------------------------


V2G_ISSUERS = ("local", "opcp")


def _v2g_issuer(value: str) -> str:
    if value not in V2G_ISSUERS:
        raise UserError("v2g_issuer", f"v2g issuer must be one of {', '.join(V2G_ISSUERS)}")
    return value


def add_partner(session: Session, name: str, *, actor: str, v2g_issuer: str = "local") -> Partner:
    name = name.strip()
    if not PARTNER_NAME.match(name):
        raise UserError("partner_name", "a partner name is 1-128 letters, digits, space _ . & -")
    if session.get(Partner, name) is not None:
        raise UserConflict("partner_exists", f"partner {name!r} exists already")
    partner = Partner(name=name, created_at=now(), v2g_issuer=_v2g_issuer(v2g_issuer))
    session.add(partner)
    record_event(
        session, actor=actor, action="partner.created", partner=name, v2g_issuer=v2g_issuer
    )
    return partner


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
    """Create a user and its role assignment in the caller's transaction; the enforcer sees
    the new role once that transaction commits."""
    if not USERNAME.match(username):
        raise UserError("username", "a username is 1-128 letters, digits and _ . @ -")
    if role not in ROLES:
        raise UserError("role", f"role must be one of {', '.join(ROLES)}")
    if (role == "partner") != (partner is not None):
        raise UserError("partner", "partner staff need --partner, and only they may have one")
    if partner is not None and session.get(Partner, partner) is None:
        raise UserError("partner_unknown", f"no partner {partner!r}; add it first")
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserConflict("user_exists", f"user {username!r} exists already")
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
    after_commit(session, engine.load)
    return user


@dataclass(frozen=True)
class BootstrapAdmin:
    """What a start did about the admin, so the operator is told the truth.

    - `present`: an active admin exists; nothing was done.
    - `created`: user `admin` was created, with `generated_password` (to be shown once) or
      the configured CSMS_BOOTSTRAP_ADMIN_PASSWORD (`generated_password` None).
    - `restored`: user `admin` existed; its roles were replaced by admin (and the account
      enabled again when `enabled_again`); its password was left as it was (`has_password`).
    - `impossible`: user `admin` is partner staff (`partner`), who cannot be an admin.
    """

    outcome: Literal["present", "created", "restored", "impossible"]
    username: str = BOOTSTRAP_ADMIN
    generated_password: str | None = None
    enabled_again: bool = False
    has_password: bool = True
    partner: str | None = None


def ensure_bootstrap_admin(
    session: Session, engine: PolicyEngine, *, password: str | None
) -> BootstrapAdmin:
    """When no active admin exists, make user `admin` one, in the caller's transaction:
    create it (with `password`, or a generated one), or give an existing `admin` back the
    role. An existing account's password is never changed here."""
    actor = "system:first-start"
    lock_admins(session)
    if active_admins(session):
        return BootstrapAdmin("present")
    user = session.scalar(select(User).where(User.username == BOOTSTRAP_ADMIN))
    if user is None:
        generated = None
        if password is None:
            password = generated = secrets.token_urlsafe(18)
        add_user(session, engine, BOOTSTRAP_ADMIN, role=ADMIN_ROLE, password=password, actor=actor)
        return BootstrapAdmin("created", generated_password=generated)
    if user.partner is not None:
        return BootstrapAdmin("impossible", partner=user.partner)
    enabled_again = not user.active
    user.active = True
    roles = _roles_by_user(session, [BOOTSTRAP_ADMIN])[BOOTSTRAP_ADMIN]
    others = [role for role in roles if role != ADMIN_ROLE]
    change_rules(
        session,
        engine,
        actor=actor,
        remove=[Rule("g", (BOOTSTRAP_ADMIN, old, GLOBAL_DOMAIN)) for old in others],
        add=[Rule("g", (BOOTSTRAP_ADMIN, ADMIN_ROLE, GLOBAL_DOMAIN))],
    )
    after_commit(session, engine.load)
    record_event(
        session,
        actor=actor,
        action="user.admin_restored",
        username=BOOTSTRAP_ADMIN,
        enabled_again=enabled_again,
    )
    return BootstrapAdmin(
        "restored", enabled_again=enabled_again, has_password=user.password_hash is not None
    )


# --- the service -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UserView:
    username: str
    roles: tuple[str, ...]
    partner: str | None
    full_name: str | None
    has_password: bool
    has_myid: bool
    active: bool
    created_at: datetime
    last_login_at: datetime | None


@dataclass(frozen=True)
class PartnerView:
    name: str
    created_at: datetime
    v2g_issuer: str = "local"


def _roles_by_user(session: Session, usernames: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {name: [] for name in usernames}
    if usernames:
        rows = session.execute(
            select(CasbinRule.v0, CasbinRule.v1).where(
                CasbinRule.ptype == "g", CasbinRule.v0.in_(usernames)
            )
        )
        for name, role in rows:
            found[name].append(role)
    return found


def _view(user: User, roles: list[str]) -> UserView:
    return UserView(
        username=user.username,
        roles=tuple(roles),
        partner=user.partner,
        full_name=user.full_name,
        has_password=user.password_hash is not None,
        has_myid=user.pinfl is not None,
        active=user.active,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
    )


class UserAdmin:
    """People and tenants, for whoever the policy allows (admins; partner staff see their own
    partner)."""

    def __init__(
        self,
        access: AccessControl,
        tokens: TokenService,
        throttle: LoginThrottle | None = None,
    ) -> None:
        self._access = access
        self._tokens = tokens
        self._throttle = throttle

    # --- users ---------------------------------------------------------------------------------

    def list_users(
        self, session: Session, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[UserView]:
        grant = self._access.require(principal, USERS_READ)
        query = grant.filter(
            select(User).order_by(User.id),
            partner_column=User.partner,
            owner_column=User.username,
        )
        users = list(session.scalars(query.limit(limit).offset(offset)))
        roles = _roles_by_user(session, [u.username for u in users])
        return [_view(u, roles[u.username]) for u in users]

    def get_user(self, session: Session, principal: Principal, username: str) -> UserView:
        grant = self._access.require(principal, USERS_READ)
        query = grant.filter(
            select(User).where(User.username == username),
            partner_column=User.partner,
            owner_column=User.username,
        )
        user = session.scalar(query)
        if user is None:
            raise UnknownUser("unknown_user", f"no user {username}")
        return _view(user, _roles_by_user(session, [username])[username])

    def create_user(
        self,
        session: Session,
        principal: Principal,
        username: str,
        *,
        role: str,
        partner: str | None = None,
        password: str | None = None,
        myid_only: bool = False,
    ) -> UserView:
        """A new account. It needs a password unless `myid_only`: a person who logs in only
        through MyID (matched by the identity MyID reports); an account with neither would
        be one nobody can use."""
        self._access.require(principal, USERS_CREATE)
        if password is None and not myid_only:
            raise UserError(
                "password_required",
                "a local account needs a password (12+ characters); for a person who logs in "
                "only with MyID, create it as MyID-only",
            )
        if password is not None and myid_only:
            raise UserError("myid_only_with_password", "a MyID-only account has no password")
        user = add_user(
            session,
            self._access.policy,
            username,
            role=role,
            partner=partner,
            password=password,
            actor=principal.actor,
        )
        return _view(user, [role])

    def disable_user(self, session: Session, principal: Principal, username: str) -> None:
        """Disable an account and end its logins (the row stays for the audit trail). The last
        active admin cannot be disabled (LastAdmin)."""
        self._access.require(principal, USERS_DELETE)
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise UnknownUser("unknown_user", f"no user {username}")
        refuse_disabling_last_admin(session, username)
        user.active = False
        self._tokens.revoke_user(session, user.id, "disabled")
        record_event(session, actor=principal.actor, action="user.disabled", username=username)

    def reset_password(
        self,
        session: Session,
        principal: Principal,
        username: str,
        password: str | None = None,
    ) -> str:
        """Give a user a new password (`password`, or a generated one) and return it, to be
        shown once. The user's other logins end (the caller's own login stays), its failed
        logins are forgotten by the throttle, and the reset is audited (never the password)."""
        grant = self._access.require(principal, USERS_UPDATE)
        query = grant.filter(
            select(User).where(User.username == username),
            partner_column=User.partner,
            owner_column=User.username,
        )
        user = session.scalar(query)
        if user is None:
            raise UnknownUser("unknown_user", f"no user {username}")
        new_password = password if password is not None else secrets.token_urlsafe(18)
        try:
            user.password_hash = hash_password(new_password)
        except ValueError as exc:
            raise UserError("password", str(exc)) from None
        self._tokens.revoke_user(session, user.id, "password_reset", keep=principal.session_id)
        if self._throttle is not None:
            self._throttle.clear_account(session, username)
        record_event(
            session,
            actor=principal.actor,
            action="user.password_reset",
            username=username,
            generated=password is None,
        )
        return new_password

    def set_role(self, session: Session, principal: Principal, username: str, role: str) -> None:
        """Replace the user's role assignments with `role`, as one change of the policy. The
        last active admin cannot lose the role (LastAdmin)."""
        self._access.require(principal, ROLES_CHANGE)
        user = session.scalar(select(User).where(User.username == username))
        if user is None:
            raise UnknownUser("unknown_user", f"no user {username}")
        if role not in ROLES or (role == "partner") != (user.partner is not None):
            raise UserError("role", f"{username} cannot have the role {role!r}")
        domain = domain_of(user.partner)
        current = _roles_by_user(session, [username])[username]
        change_rules(
            session,
            self._access.policy,
            actor=principal.actor,
            remove=[Rule("g", (username, old, domain)) for old in current if old != role],
            add=[Rule("g", (username, role, domain))],
        )

    # --- partners ------------------------------------------------------------------------------

    def list_partners(
        self, session: Session, principal: Principal, *, limit: int = 100, offset: int = 0
    ) -> list[PartnerView]:
        grant = self._access.require(principal, PARTNERS_READ)
        query = grant.filter(select(Partner).order_by(Partner.name), partner_column=Partner.name)
        return [
            PartnerView(p.name, p.created_at, p.v2g_issuer)
            for p in session.scalars(query.limit(limit).offset(offset))
        ]

    def get_partner(self, session: Session, principal: Principal, name: str) -> PartnerView:
        grant = self._access.require(principal, PARTNERS_READ)
        query = grant.filter(
            select(Partner).where(Partner.name == name), partner_column=Partner.name
        )
        partner = session.scalar(query)
        if partner is None:
            raise UnknownUser("unknown_partner", f"no partner {name}")
        return PartnerView(partner.name, partner.created_at, partner.v2g_issuer)

    def create_partner(
        self, session: Session, principal: Principal, name: str, *, v2g_issuer: str = "local"
    ) -> PartnerView:
        self._access.require(principal, PARTNERS_CREATE)
        partner = add_partner(session, name, actor=principal.actor, v2g_issuer=v2g_issuer)
        return PartnerView(partner.name, partner.created_at, partner.v2g_issuer)

    def update_partner(
        self, session: Session, principal: Principal, name: str, *, v2g_issuer: str | None
    ) -> PartnerView:
        """Change a partner's settings (today: where its stations' V2G certificates come
        from, unless a station says otherwise)."""
        self._access.require(principal, PARTNERS_UPDATE)
        partner = session.get(Partner, name, with_for_update=True)
        if partner is None:
            raise UnknownUser("unknown_partner", f"no partner {name!r}")
        if v2g_issuer is not None:
            partner.v2g_issuer = _v2g_issuer(v2g_issuer)
        record_event(
            session,
            actor=principal.actor,
            action="partner.updated",
            partner=name,
            v2g_issuer=v2g_issuer,
        )
        return PartnerView(partner.name, partner.created_at, partner.v2g_issuer)
