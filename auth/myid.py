"""MyID (Uzbekistan's identity service): endpoints as configuration, and the part of its
`users/me` answer the product keeps.

MyID is OAuth 2.0 with its own paths, not OpenID Connect: no id_token, no discovery. The
identity comes from the back-channel `users/me` call over TLS. Only the name, the PINFL
(the stable key) and contacts (when that scope was granted) are kept; passport data,
addresses and birth data are read by nobody and stored nowhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

AUTHORIZE_PATH = "/api/v1/oauth2/authorization"
TOKEN_PATH = "/api/v1/oauth2/access-token"  # noqa: S105 - a URL path
USERINFO_PATH = "/api/v1/users/me"
PINFL = re.compile(r"^\d{14}\Z")


class MyIdError(Exception):
    """A MyID login that cannot complete; `reason` is safe to show the person."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class MyIdEndpoints:
    authorize_url: str
    token_url: str
    userinfo_url: str

    @classmethod
    def at(cls, base_url: str) -> MyIdEndpoints:
        base = base_url.rstrip("/")
        return cls(base + AUTHORIZE_PATH, base + TOKEN_PATH, base + USERINFO_PATH)


@dataclass(frozen=True)
class MyIdPerson:
    pinfl: str
    full_name: str
    phone: str | None
    email: str | None


def _text(section: dict[str, Any], key: str, limit: int) -> str | None:
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int):
        raise MyIdError(f"MyID sent a malformed {key}")
    text = str(value).strip()
    return text[:limit] or None


def person_from_userinfo(body: Any) -> MyIdPerson:
    """The person in a `users/me` answer; refuses answers without a usable identity."""
    if not isinstance(body, dict):
        raise MyIdError("MyID sent no profile")
    profile = body.get("profile")
    if not isinstance(profile, dict):
        raise MyIdError("MyID sent no profile")
    common = profile.get("common_data")
    if not isinstance(common, dict):
        raise MyIdError("MyID sent no common_data (was the common_data scope granted?)")
    pinfl = _text(common, "pinfl", 14)
    if pinfl is None or not PINFL.match(pinfl):
        raise MyIdError("MyID sent no valid PINFL")
    names = [_text(common, k, 80) for k in ("last_name", "first_name", "middle_name")]
    full_name = " ".join(n for n in names if n)
    if not full_name:
        raise MyIdError("MyID sent no name")
    contacts = profile.get("contacts")
    phone = email = None
    if isinstance(contacts, dict):  # absent when the contacts scope was not granted
        phone = _text(contacts, "phone", 32)
        email = _text(contacts, "email", 256)
    return MyIdPerson(pinfl=pinfl, full_name=full_name, phone=phone, email=email)
