"""OCPP 2.0.1's length limits, named once (part 2 appendices; part 4 for the frame).

Everything the CSMS writes into a message or stores from one is cut or checked against these,
never against a bare number.
"""

from __future__ import annotations

from typing import Any

from contracts.cps_common import MAX_EXI_CHARACTERS

IDENTITY = 48  # the station's identity: identifierString[48] (part 4 §3.1.1; A00.FR.204)
PASSWORD_MIN, PASSWORD_MAX = 16, 40  # BasicAuthPassword passwordString (A00.FR.304)
MESSAGE_ID = 36  # OCPP-J messageId (part 4 §4.1.3)
ERROR_DESCRIPTION = 255  # CALLERROR errorDescription
REASON_CODE = 20  # StatusInfoType.reasonCode
ADDITIONAL_INFO = 512  # StatusInfoType.additionalInfo
TECH_INFO = 255  # SecurityEventNotification techInfo
# Get15118EVCertificate exiRequest / exiResponse (the OCA's official schema): the contract
# service enforces it on what it takes and makes, so it is defined there.
EXI = MAX_EXI_CHARACTERS
ID_TOKEN = 36  # IdTokenType.idToken
TRANSACTION_ID = 36  # TransactionType.transactionId
SECURITY_EVENT_TYPE = 50  # SecurityEventNotification type
ACTION = 64  # longest action name we accept from an API caller (the longest is 35)


def cut(text: str, limit: int) -> str:
    return text[:limit]


def status_info(reason_code: str, additional_info: str | None = None) -> dict[str, Any]:
    """A StatusInfoType within its limits (V2G response codes are longer than reasonCode)."""
    info: dict[str, Any] = {"reasonCode": reason_code[:REASON_CODE]}
    if additional_info:
        info["additionalInfo"] = additional_info[:ADDITIONAL_INFO]
    return info
