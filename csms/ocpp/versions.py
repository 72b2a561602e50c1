"""OCPP versions on one endpoint: which the server speaks, how a station's WebSocket offer
is answered, and what differs between them at the framing level.

A station offers one or more subprotocols in `Sec-WebSocket-Protocol`; the server picks the
newest version that the station's registration allows (all versions, or the one an operator
pinned it to) and that the station offered. A station whose offer contains none of them is
refused at the handshake (part 4 §3.1.2 for 2.0.1; OCPP-J 1.6 §3.1.2 alike).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class OcppVersion(StrEnum):
    V16 = "1.6"
    V201 = "2.0.1"
    V21 = "2.1"

    @property
    def subprotocol(self) -> str:
        return f"ocpp{self.value}"

    @property
    def schema_dir(self) -> str:
        """The `ocpp` package's schema folder for this version."""
        return "v" + self.value.replace(".", "")


# Newest first: the order in which an offer is searched.
NEWEST_FIRST: tuple[OcppVersion, ...] = (OcppVersion.V21, OcppVersion.V201, OcppVersion.V16)
BY_SUBPROTOCOL: dict[str, OcppVersion] = {v.subprotocol: v for v in OcppVersion}


def parse_version(text: str) -> OcppVersion:
    """'1.6', '2.0.1' or '2.1' (also with the 'ocpp' prefix); ValueError otherwise."""
    value = text.strip().removeprefix("ocpp")
    try:
        return OcppVersion(value)
    except ValueError:
        known = ", ".join(v.value for v in OcppVersion)
        raise ValueError(f"unknown OCPP version {text!r} (one of {known})") from None


def choose(offered: Iterable[str], pinned: OcppVersion | None) -> OcppVersion | None:
    """The version to speak with a station that offered `offered` subprotocols: the newest
    one offered that its registration allows (`pinned`: only that one); None: refuse."""
    offer = {BY_SUBPROTOCOL[name] for name in offered if name in BY_SUBPROTOCOL}
    for version in NEWEST_FIRST:
        if version in offer and (pinned is None or version == pinned):
            return version
    return None


__all__ = ["BY_SUBPROTOCOL", "NEWEST_FIRST", "OcppVersion", "choose", "parse_version"]
