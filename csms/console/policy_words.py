"""A Casbin rule said in plain words, so an admin sees what a rule allows before adding it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from .forms import N_

ROLE_NAMES = {
    "admin": N_("admin"),
    "technician": N_("technician"),
    "partner": N_("partner"),
    "client": N_("client"),
    "anonymous": N_("anonymous"),
}
SCOPE_WORDS = {
    "any": N_("all records"),
    "tenant": N_("only the records of their own partner"),
    "own": N_("only their own records"),
}
ACTION_WORDS = {
    "read": N_("view"),
    "create": N_("create"),
    "update": N_("change"),
    "delete": N_("delete"),
    "command": N_("send commands to"),
    "revoke": N_("revoke"),
    "terminate": N_("terminate"),
}
_ALTERNATIVES = re.compile(r"^\^\(?([a-z_|]+)\)?\$\Z")


def _who(subject: str, t: Callable[..., str]) -> str:
    if subject in ROLE_NAMES:
        return t("everyone with the role “%(role)s”", role=t(ROLE_NAMES[subject]))
    return t("the user “%(user)s”", user=subject)


def _where(domain: str, t: Callable[..., str]) -> str:
    if domain == "*":
        return t("in every partner's domain")
    return t("in the domain of partner “%(partner)s”", partner=domain)


def _actions(pattern: str, t: Callable[..., str]) -> str:
    if pattern in ("^.*$", "^.+$"):
        return t("do anything with")
    found = _ALTERNATIVES.match(pattern)
    if found is None:
        return t("do the actions matching %(pattern)s on", pattern=pattern)
    words = [t(ACTION_WORDS[a]) if a in ACTION_WORDS else a for a in found.group(1).split("|")]
    return ", ".join(words)


def describe(ptype: str, values: Sequence[str], t: Callable[..., str]) -> str:
    """One sentence; `t` is the page's translate function."""
    if ptype == "g" and len(values) == 3:
        user, role, domain = values
        return t(
            "The user “%(user)s” has the role “%(role)s” %(where)s.",
            user=user,
            role=t(ROLE_NAMES[role]) if role in ROLE_NAMES else role,
            where=_where(domain, t),
        )
    if ptype == "p" and len(values) == 5:
        subject, domain, obj, action, scope = values
        what = t("every kind of record") if obj == "*" else t("“%(object)s”", object=obj)
        return t(
            "Allows %(who)s to %(actions)s %(what)s %(where)s, covering %(scope)s.",
            who=_who(subject, t),
            actions=_actions(action, t),
            what=what,
            where=_where(domain, t),
            scope=t(SCOPE_WORDS[scope]) if scope in SCOPE_WORDS else scope,
        )
    return t("This is not a complete rule.")
