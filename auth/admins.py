"""Nobody locks the operator out: the last active admin keeps the role and stays enabled.

An active admin is an enabled account with the role assignment `g, <user>, admin, <its
domain>` (its partner for partner staff, "*" for everyone else): the assignment the policy
engine resolves for it. Whatever removes admin assignments (`PolicyEngine.change`, through
UserAdmin.set_role, PolicyAdmin.remove or anything else) and disabling an account
(UserAdmin.disable_user) check here first, and refuse with `LastAdmin` (a Conflict: 409 at
the API) when the change would leave none.

The checks count the admins after locking the policy version row (`SELECT … FOR UPDATE`), so
two changes that would each remove one of the last two admins run one after the other and the
second sees that it would remove the last one. (SQLite has a single writer anyway.)
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from .errors import Conflict
from .models import CasbinRule, PolicyVersion, User
from .principal import GLOBAL_DOMAIN

ADMIN_ROLE = "admin"


class LastAdmin(Conflict):
    """The change would leave no active admin."""

    code = "last_admin"

    def __init__(self, username: str, doing: str) -> None:
        super().__init__(
            f"{username} is the last active admin and cannot {doing}; "
            "make another user an admin first"
        )
        self.username = username


def lock_admins(session: Session) -> None:
    """Serialise the changes that could remove an admin (until the caller's commit)."""
    session.execute(select(PolicyVersion.id).where(PolicyVersion.id == 1).with_for_update())


def active_admins(session: Session, among: Iterable[str] | None = None) -> dict[str, str]:
    """Enabled users holding the admin role in their own domain: username -> domain."""
    domain = func.coalesce(User.partner, GLOBAL_DOMAIN)
    query = (
        select(User.username, domain)
        .join(
            CasbinRule,
            and_(
                CasbinRule.ptype == "g",
                CasbinRule.v0 == User.username,
                CasbinRule.v1 == ADMIN_ROLE,
                CasbinRule.v2 == domain,
            ),
        )
        .where(User.active.is_(True))
    )
    if among is not None:
        query = query.where(User.username.in_(list(among)))
    return {name: dom for name, dom in session.execute(query)}


def refuse_removing_last_admin(
    session: Session,
    remove: Iterable[tuple[str, ...]],
    add: Iterable[tuple[str, ...]] = (),
) -> None:
    """Before `g` rules (user, role, domain) are removed (and others added) in one change:
    LastAdmin if no active admin would remain."""
    removing = [values for values in remove if len(values) == 3 and values[1] == ADMIN_ROLE]
    if not removing:
        return
    lock_admins(session)
    admins = active_admins(session)
    lost = {user for user, _role, dom in removing if admins.get(user) == dom}
    if not lost or set(admins) - lost:
        return
    gained = [(user, dom) for user, role, dom in add if role == ADMIN_ROLE]
    if gained:
        enabled = {
            name: dom
            for name, dom in session.execute(
                select(User.username, func.coalesce(User.partner, GLOBAL_DOMAIN)).where(
                    User.username.in_([user for user, _dom in gained]), User.active.is_(True)
                )
            )
        }
        if any(enabled.get(user) == dom for user, dom in gained):
            return
    raise LastAdmin(sorted(lost)[0], "lose the admin role")


def refuse_disabling_last_admin(session: Session, username: str) -> None:
    """Before `username` is disabled: LastAdmin if it is the only active admin."""
    lock_admins(session)
    admins = active_admins(session)
    if username in admins and set(admins) == {username}:
        raise LastAdmin(username, "be disabled")
