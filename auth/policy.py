"""The Casbin enforcer over the rules stored in the database.

- Rules live in `auth_casbin_rules`; an empty table is seeded from `policies/seed.csv`.
- Every change goes through `PolicyEngine.change`, which writes the rows, bumps
  `auth_policy_version` in the same transaction and rebuilds this process's enforcer at once.
  Other processes notice the new version within `poll_interval` (0.5 s) on their next
  decision and rebuild too. A change that would remove the last active admin's role
  assignment is refused there (auth/admins.py), whichever door asked for it.
- Decisions are made in whichever thread a service runs in; pycasbin's enforce() is not safe
  to call from several threads at once on Python 3.11, so an uncached decision holds a lock
  (cached ones, nearly all of them, are one dictionary lookup).
- Role assignments (`g, user, role, domain`) are stored and managed as Casbin rules, but
  resolved here through a dictionary rather than Casbin's domain role manager: that one
  rebuilds a domain's role graph on each lookup, which took over a minute for the first
  decision in a domain of 8,000 users. The enforcer holds only the few dozen `p` rows and is
  asked once per subject (the user, then each of its roles in the domain).
"""

from __future__ import annotations

import csv
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import casbin
from casbin.persist.adapter import Adapter
from sqlalchemy import CursorResult, delete, select, update
from sqlalchemy.orm import Session

import policies

from .admins import refuse_removing_last_admin
from .models import CasbinRule, PolicyVersion
from .principal import SCOPES

ROLES = ("admin", "technician", "partner", "client")
POLICY_FIELDS = 5  # sub, dom, obj, act, scope
ROLE_FIELDS = 3  # user, role, domain


class PolicyError(ValueError):
    """A rule that cannot be stored (wrong shape, bad regex, unknown scope)."""


@dataclass(frozen=True)
class Rule:
    ptype: str  # p | g
    values: tuple[str, ...]

    def as_dict(self) -> dict[str, object]:
        return {"ptype": self.ptype, "values": list(self.values)}


def read_seed(path: Path | None = None) -> list[Rule]:
    rules = []
    with (path or policies.seed_path()).open(newline="") as handle:
        for row in csv.reader(handle, skipinitialspace=True):
            if not row or row[0].startswith("#"):
                continue
            rules.append(Rule(row[0].strip(), tuple(v.strip() for v in row[1:])))
    return rules


def validate_rule(rule: Rule) -> Rule:
    """Refuse rules the enforcer would misread, before they reach the table."""
    values = tuple(v.strip() for v in rule.values)
    if any(not v or len(v) > 128 or "," in v for v in values):
        raise PolicyError("every field must be 1-128 characters without commas")
    if rule.ptype == "p":
        if len(values) != POLICY_FIELDS:
            raise PolicyError("a p rule has 5 fields: subject, domain, object, action, scope")
        action, scope = values[3], values[4]
        if scope not in SCOPES:
            raise PolicyError(f"scope must be one of {', '.join(SCOPES)}")
        if not (action.startswith("^") and action.endswith("$")):
            raise PolicyError("the action is a regular expression anchored with ^ and $")
        try:
            re.compile(action)
        except re.error as exc:
            raise PolicyError(f"the action is not a regular expression: {exc}") from None
    elif rule.ptype == "g":
        if len(values) != ROLE_FIELDS:
            raise PolicyError("a g rule has 3 fields: user, role, domain")
    else:
        raise PolicyError("ptype must be p (permission) or g (role assignment)")
    return Rule(rule.ptype, values)


class _RowsAdapter(Adapter):  # type: ignore[misc]
    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules = [r for r in rules if r.ptype == "p"]

    def load_policy(self, model):  # type: ignore[no-untyped-def]
        for rule in self._rules:
            model.add_policy("p", "p", list(rule.values))


CACHE_LIMIT = 100_000


def _rows(session: Session) -> list[Rule]:
    rows = session.execute(
        select(
            CasbinRule.ptype,
            CasbinRule.v0,
            CasbinRule.v1,
            CasbinRule.v2,
            CasbinRule.v3,
            CasbinRule.v4,
            CasbinRule.v5,
        ).order_by(CasbinRule.id)
    )
    rules = []
    for ptype, *values in rows:
        width = POLICY_FIELDS if ptype == "p" else ROLE_FIELDS
        rules.append(Rule(ptype, tuple(values[:width])))
    return rules


def _store(session: Session, rule: Rule) -> None:
    padded = list(rule.values) + [""] * (6 - len(rule.values))
    session.add(CasbinRule(ptype=rule.ptype, **{f"v{i}": padded[i] for i in range(6)}))


class PolicyEngine:
    def __init__(
        self,
        session_factory: Callable[[], Session],
        *,
        poll_interval: float = 0.5,
        model_path: Path | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._model_path = str(model_path or policies.model_path())
        self.poll_interval = poll_interval
        self.version = -1
        self._checked_at = 0.0
        self._enforcer: casbin.Enforcer | None = None
        self._roles: dict[str, dict[str, list[str]]] = {}  # user -> domain -> roles
        self._decisions: dict[tuple[object, ...], str | None] = {}
        self._domain_sensitive = True
        # Held while enforcing (Casbin is not thread-safe on 3.11) and while reloading.
        self._lock = threading.RLock()
        self.load()

    # --- loading ----------------------------------------------------------------------------

    def load(self) -> None:
        """Read every rule (seeding an empty table) and build a fresh enforcer."""
        with self._session_factory() as session, session.begin():
            version_row = session.get(PolicyVersion, 1, with_for_update=True)
            version = version_row.version if version_row else 0
            rules = _rows(session)
            if not rules and version == 0:
                rules = [validate_rule(r) for r in read_seed()]
                for rule in rules:
                    _store(session, rule)
                if version_row is not None:
                    version_row.version = version = 1
        roles: dict[str, dict[str, list[str]]] = {}
        for rule in rules:
            if rule.ptype == "g":
                user, role, domain = rule.values
                roles.setdefault(user, {}).setdefault(domain, []).append(role)
        permissions = [rule for rule in rules if rule.ptype == "p"]
        # Role assignments are resolved above, so Casbin only needs the permission rows.
        enforcer = casbin.Enforcer(self._model_path, _RowsAdapter(permissions))
        # While every permission is for all tenants (domain "*"), a decision cannot depend on
        # the tenant, and one cached decision serves all 1,000 partners alike.
        self._domain_sensitive = any(rule.values[1] != "*" for rule in permissions)
        # Swapped together: a decision sees the old or the new policy, never a mix.
        with self._lock:
            self._enforcer, self._roles, self._decisions = enforcer, roles, {}
            self.version = version
            self._checked_at = time.monotonic()

    def refresh(self) -> None:
        """Rebuild if another process changed the rules (checked at most every poll_interval)."""
        now = time.monotonic()
        if now - self._checked_at < self.poll_interval:
            return
        self._checked_at = now
        with self._session_factory() as session:
            version = session.scalar(select(PolicyVersion.version).where(PolicyVersion.id == 1))
        if version is not None and version != self.version:
            self.load()

    # --- decisions --------------------------------------------------------------------------

    def decide(self, subject: str, domain: str, obj: str, action: str) -> str | None:
        """The broadest scope in which user `subject` may do `action` on `obj` in `domain`,
        through the roles assigned to it there; None when no role allows it."""
        return self.decide_for_roles(tuple(self.roles_of(subject, domain)), domain, obj, action)

    def decide_for_roles(
        self, roles: tuple[str, ...], domain: str, obj: str, action: str
    ) -> str | None:
        """The same for a set of roles (`("anonymous",)` for callers who did not log in).
        Permission rules name roles, never users, so a username can never act as a role."""
        self.refresh()
        # Many users share one cached decision; the tenant is part of the key only when some
        # permission names a tenant.
        key = (roles, domain if self._domain_sensitive else "*", obj, action)
        try:
            return self._decisions[key]
        except KeyError:
            pass
        with self._lock:
            enforcer = self._enforcer
            assert enforcer is not None
            found = None
            for scope in SCOPES:
                if any(enforcer.enforce(role, domain, obj, action, scope) for role in roles):
                    found = scope
                    break
            if len(self._decisions) >= CACHE_LIMIT:
                self._decisions.clear()
            self._decisions[key] = found
        return found

    def roles_of(self, username: str, domain: str) -> list[str]:
        self.refresh()
        return list(self._roles.get(username, {}).get(domain, ()))

    # --- administration ---------------------------------------------------------------------

    def rules(self, session: Session) -> list[Rule]:
        return _rows(session)

    def change(
        self, session: Session, *, add: Iterable[Rule] = (), remove: Iterable[Rule] = ()
    ) -> int:
        """Add and remove rules in the caller's transaction; returns how many rows changed.
        Call `load()` after the commit (the API does) so this process sees it at once.
        Removing the last active admin's role assignment is refused (auth/admins.py
        LastAdmin), whoever asks."""
        remove = [validate_rule(rule) for rule in remove]
        add = [validate_rule(rule) for rule in add]
        refuse_removing_last_admin(
            session,
            [rule.values for rule in remove if rule.ptype == "g"],
            [rule.values for rule in add if rule.ptype == "g"],
        )
        changed = 0
        for rule in remove:
            padded = list(rule.values) + [""] * (6 - len(rule.values))
            result = session.execute(
                delete(CasbinRule).where(
                    CasbinRule.ptype == rule.ptype,
                    *(getattr(CasbinRule, f"v{i}") == padded[i] for i in range(6)),
                )
            )
            changed += result.rowcount if isinstance(result, CursorResult) else 0
        existing = set(_rows(session))
        for rule in add:
            if rule not in existing:
                _store(session, rule)
                existing.add(rule)
                changed += 1
        if changed:
            session.execute(
                update(PolicyVersion)
                .where(PolicyVersion.id == 1)
                .values(version=PolicyVersion.version + 1)
            )
        return changed
