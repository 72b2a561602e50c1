"""The one place that decides whether a principal may do something: every service asks here.

grant = access.require(principal, STATIONS_READ)     # AccessDenied if not allowed
rows = session.scalars(grant.filter(select(StationRecord), partner_column=...))
"""

from __future__ import annotations

from .policy import PolicyEngine
from .principal import (
    ANONYMOUS_ROLE,
    AccessDenied,
    Forbidden,
    Grant,
    NotAuthenticated,
    Permission,
    Principal,
    Scope,
)


class AccessControl:
    def __init__(self, policy: PolicyEngine) -> None:
        self.policy = policy

    def decide(self, principal: Principal, permission: Permission) -> Scope | None:
        """The broadest scope in which `principal` holds `permission`, or None."""
        if principal.kind == "system":
            return Scope.ANY
        roles = principal.roles if not principal.is_anonymous else (ANONYMOUS_ROLE,)
        found = self.policy.decide_for_roles(
            roles, principal.domain, permission.obj, permission.action
        )
        if found is None or isinstance(found, Scope):
            return found
        return Scope(found)

    def grant(self, principal: Principal, permission: Permission) -> Grant | None:
        scope = self.decide(principal, permission)
        return Grant(principal, permission, scope) if scope is not None else None

    def require(self, principal: Principal, permission: Permission) -> Grant:
        """The grant, or AccessDenied: NotAuthenticated for visitors, Forbidden otherwise."""
        found = self.grant(principal, permission)
        if found is not None:
            return found
        if principal.is_anonymous:
            raise NotAuthenticated("log in first")
        raise Forbidden(f"not allowed to {permission.action} {permission.obj}")

    def roles_of(self, username: str, domain: str) -> tuple[str, ...]:
        return tuple(self.policy.roles_of(username, domain))


__all__ = ["AccessControl", "AccessDenied", "Forbidden", "NotAuthenticated"]
