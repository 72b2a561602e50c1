"""Administering the policy itself: permissions (`p` rules) and role assignments (`g` rules).

Every change is audited rule by rule in the caller's transaction, bumps the policy version
(so other processes reload within their poll interval), and reloads this process's enforcer
once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .access import AccessControl
from .audit import record_event
from .db import after_commit
from .errors import ServiceError
from .models import CasbinRule
from .policy import POLICY_FIELDS, ROLE_FIELDS, PolicyEngine, PolicyError, Rule
from .principal import Permission, Principal

POLICIES_READ = Permission("policies", "read")
POLICIES_CREATE = Permission("policies", "create")
POLICIES_DELETE = Permission("policies", "delete")


class RuleRefused(ServiceError):
    """A rule the enforcer would misread (wrong shape, bad pattern, unknown scope)."""

    code = "policy_rule"


def change_rules(
    session: Session,
    engine: PolicyEngine,
    *,
    actor: str,
    add: Iterable[Rule] = (),
    remove: Iterable[Rule] = (),
) -> int:
    """Remove, then add, rules in the caller's transaction; each changed rule is audited.
    Returns how many rows changed."""
    changed = 0
    try:
        for rule in remove:
            if engine.change(session, remove=[rule]):
                changed += 1
                record_event(session, actor=actor, action="policy.removed", rule=rule.as_dict())
        for rule in add:
            if engine.change(session, add=[rule]):
                changed += 1
                record_event(session, actor=actor, action="policy.added", rule=rule.as_dict())
    except PolicyError as exc:
        raise RuleRefused(str(exc)) from None
    if changed:
        after_commit(session, engine.load)
    return changed


class PolicyAdmin:
    def __init__(self, access: AccessControl) -> None:
        self._access = access

    @property
    def version(self) -> int:
        return self._access.policy.version

    def list_rules(
        self,
        session: Session,
        principal: Principal,
        *,
        ptype: str | None = None,
        subject: str | None = None,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[Rule]:
        """Permissions (`p`: subject, domain, object, action, scope) and role assignments
        (`g`: user, role, domain), in the order the enforcer reads them."""
        self._access.require(principal, POLICIES_READ)
        query = select(CasbinRule).order_by(CasbinRule.id)
        if ptype is not None:
            query = query.where(CasbinRule.ptype == ptype)
        if subject is not None:
            query = query.where(CasbinRule.v0 == subject)
        rules = []
        for row in session.scalars(query.limit(limit).offset(offset)):
            width = POLICY_FIELDS if row.ptype == "p" else ROLE_FIELDS
            values = (row.v0, row.v1, row.v2, row.v3, row.v4)[:width]
            rules.append(Rule(row.ptype, values))
        return rules

    def add(self, session: Session, principal: Principal, rule: Rule) -> int:
        """Add a permission or a role assignment (nothing changes if it exists)."""
        self._access.require(principal, POLICIES_CREATE)
        return change_rules(session, self._access.policy, actor=principal.actor, add=[rule])

    def remove(self, session: Session, principal: Principal, rule: Rule) -> int:
        self._access.require(principal, POLICIES_DELETE)
        return change_rules(session, self._access.policy, actor=principal.actor, remove=[rule])
