"""EVSE IDs (ISO 15118-2 Annex H / eMI3): `CC*OOO*E<power outlet id>`, separators optional.

A charger's SECC certificate names its EVSE ID in the CN; the CSMS compares a CSR's CN with the
EVSE IDs registered for the station that sends it, through `evse_key`.
"""

from __future__ import annotations

import re

# Country (ISO 3166 alpha-2), operator ID (3 alphanumerics), "E", power outlet ID (1-30
# alphanumerics and *), with the optional "*" separators after country and operator.
_EVSE_ID = re.compile(r"^([A-Z]{2})\*?([A-Z0-9]{3})\*?(E[A-Z0-9*]{1,30})\Z")
MAX_LENGTH = 48  # fits OCPP's identifier fields and the station's table


class EvseIdError(ValueError):
    pass


def parse_evse_id(text: str) -> str:
    """The EVSE ID as given (trimmed, upper case), if it is one; EvseIdError otherwise."""
    candidate = text.strip().upper()
    if len(candidate) > MAX_LENGTH or not _EVSE_ID.match(candidate):
        raise EvseIdError(
            f"{text!r} is not an EVSE ID (CC*OOO*E…: country, 3-character operator ID, "
            "E and the power outlet ID; the * separators are optional)"
        )
    return candidate


def evse_key(text: str) -> str:
    """The form two spellings of one EVSE ID share: upper case, without the two optional
    separators (eMI3: `UZ*ABC*E0001` and `UZABCE0001` are the same EVSE; a `*` inside the
    power outlet ID is part of it). Text that is no EVSE ID keys as itself, upper case."""
    candidate = text.strip().upper()
    match = _EVSE_ID.match(candidate)
    return "".join(match.groups()) if match else candidate
