"""Who is acting, and how far a permission reaches for them.

Every service of every domain takes a `Principal` and asks `auth.access.AccessControl` for a
`Grant` before it reads or changes anything on someone's behalf. The doors (REST API, web
console, command line) only establish who the principal is; they never decide what it may do.

Three kinds of principal exist:
- a person who logged in (`user`), with the roles the policy assigns them in their domain;
- a visitor who did not (`anonymous`), with the role `anonymous`;
- the product itself (`system`): the command line, which holds the database's and the key
  store's credentials anyway, and background work. The system is granted everything; its
  actions are audited under its actor name like anyone else's.

Charging stations are not principals: the OCPP core authenticates them at the WebSocket
handshake and serves them only in their own name (csms/ocpp).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal, TypeVar

from sqlalchemy import Select, false
from sqlalchemy.orm import InstrumentedAttribute

GLOBAL_DOMAIN = "*"
ANONYMOUS_ROLE = "anonymous"
Q = TypeVar("Q", bound=Select[Any])


class Scope(StrEnum):
    """Which rows a permission covers, broadest first."""

    ANY = "any"  # every row
    TENANT = "tenant"  # rows of the principal's partner
    OWN = "own"  # rows the principal owns


SCOPES: tuple[Scope, ...] = (Scope.ANY, Scope.TENANT, Scope.OWN)


@dataclass(frozen=True)
class Principal:
    username: str
    user_id: int | None
    partner: str | None
    roles: tuple[str, ...]
    kind: Literal["user", "anonymous", "system"] = "user"
    session_id: str | None = None  # the login session (token family or cookie)

    @classmethod
    def anonymous(cls) -> Principal:
        return cls(ANONYMOUS_ROLE, None, None, (ANONYMOUS_ROLE,), kind="anonymous")

    @classmethod
    def system(cls, actor: str) -> Principal:
        """The product acting by itself, e.g. `cli:root` or `system:first-start`."""
        return cls(actor, None, None, (), kind="system")

    @property
    def is_anonymous(self) -> bool:
        return self.kind == "anonymous"

    @property
    def domain(self) -> str:
        """The policy domain: the partner for partner staff, "*" for everyone else."""
        return self.partner or GLOBAL_DOMAIN

    @property
    def role(self) -> str:
        return self.roles[0] if self.roles else self.kind

    @property
    def actor(self) -> str:
        """The name written into audit rows."""
        return self.username if self.kind == "system" else f"user:{self.username}"


@dataclass(frozen=True)
class Permission:
    """An object and an action of the policy, e.g. ("stations", "read"). Each service names
    the permission of each operation once, as a constant, and the doors refer to it."""

    obj: str
    action: str

    def __str__(self) -> str:
        return f"{self.action} {self.obj}"


@dataclass(frozen=True)
class Grant:
    """A permission the policy gave a principal, with the rows it covers."""

    principal: Principal
    permission: Permission
    scope: Scope

    def covers(self, *, partner: str | None = None, owner: str | None = None) -> bool:
        """Whether one row (its partner, its owner) is within the grant."""
        if self.scope is Scope.ANY:
            return True
        if self.scope is Scope.TENANT:
            return self.principal.partner is not None and partner == self.principal.partner
        return not self.principal.is_anonymous and owner == self.principal.username

    def filter(
        self,
        query: Q,
        *,
        partner_column: InstrumentedAttribute[Any] | None = None,
        owner_column: InstrumentedAttribute[Any] | None = None,
    ) -> Q:
        """`query` restricted to the rows the grant covers. A scope the table cannot express
        (no partner column for `tenant`, no owner column for `own`) yields no rows."""
        if self.scope is Scope.ANY:
            return query
        if self.scope is Scope.TENANT:
            if partner_column is None or self.principal.partner is None:
                return query.where(false())
            return query.where(partner_column == self.principal.partner)
        if owner_column is None or self.principal.is_anonymous:
            return query.where(false())
        return query.where(owner_column == self.principal.username)


class AccessDenied(Exception):
    """The principal may not do this. Doors answer 401 (`NotAuthenticated`) or 403."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotAuthenticated(AccessDenied):
    """Nobody logged in, and visitors may not do this: log in first."""


class Forbidden(AccessDenied):
    """Logged in, and the role or tenant does not allow it."""
