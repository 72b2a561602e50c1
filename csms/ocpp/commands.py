"""The CALLs a CSMS sends to stations, and which of them touch the station's security.

A person may have a station run a command through the API or the console; which commands they
may send is decided here, once (csms/ocpp/service.py asks): the security-relevant ones change
what the station trusts, where it connects, what it runs or how it authenticates, and are for
operators (`stations:configure`); the rest are operational (`stations:command`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from auth.errors import NotFound

# Every OCPP 2.0.1 CALL the CSMS initiates (part 2, the use cases' CSMS→CS messages); 2.1
# stations take these too (on 2.1's schemas).
COMMANDS_201 = frozenset(
    {
        "CancelReservation",
        "CertificateSigned",
        "ChangeAvailability",
        "ClearCache",
        "ClearChargingProfile",
        "ClearDisplayMessage",
        "ClearVariableMonitoring",
        "CostUpdated",
        "CustomerInformation",
        "DataTransfer",
        "DeleteCertificate",
        "GetBaseReport",
        "GetChargingProfiles",
        "GetCompositeSchedule",
        "GetDisplayMessages",
        "GetInstalledCertificateIds",
        "GetLocalListVersion",
        "GetLog",
        "GetMonitoringReport",
        "GetReport",
        "GetTransactionStatus",
        "GetVariables",
        "InstallCertificate",
        "PublishFirmware",
        "RequestStartTransaction",
        "RequestStopTransaction",
        "ReserveNow",
        "Reset",
        "SendLocalList",
        "SetChargingProfile",
        "SetDisplayMessage",
        "SetMonitoringBase",
        "SetMonitoringLevel",
        "SetNetworkProfile",
        "SetVariableMonitoring",
        "SetVariables",
        "TriggerMessage",
        "UnlockConnector",
        "UnpublishFirmware",
        "UpdateFirmware",
    }
)
# OCPP 1.6's Central System → Charge Point CALLs, with the security whitepaper's. Which of
# them a station takes is its connection's version: the hub validates against its schemas.
COMMANDS_16 = frozenset(
    {
        "CancelReservation",
        "CertificateSigned",
        "ChangeAvailability",
        "ChangeConfiguration",
        "ClearCache",
        "ClearChargingProfile",
        "DataTransfer",
        "DeleteCertificate",
        "ExtendedTriggerMessage",
        "GetCompositeSchedule",
        "GetConfiguration",
        "GetDiagnostics",
        "GetInstalledCertificateIds",
        "GetLocalListVersion",
        "GetLog",
        "InstallCertificate",
        "RemoteStartTransaction",
        "RemoteStopTransaction",
        "ReserveNow",
        "Reset",
        "SendLocalList",
        "SetChargingProfile",
        "SignedUpdateFirmware",
        "TriggerMessage",
        "UnlockConnector",
        "UpdateFirmware",
    }
)
CSMS_COMMANDS = COMMANDS_201 | COMMANDS_16
# What the station trusts (certificates), where it connects (network profile), what it runs
# (firmware), who may charge without the CSMS (local list), and anything vendor-defined.
SECURITY_COMMANDS = frozenset(
    {
        "CertificateSigned",
        "DataTransfer",
        "DeleteCertificate",
        "InstallCertificate",
        "PublishFirmware",
        "SendLocalList",
        "SetNetworkProfile",
        "SignedUpdateFirmware",
        "UnpublishFirmware",
        "UpdateFirmware",
    }
)
# 1.6 configuration keys that hold security settings (the whitepaper's), decide who may charge
# without the CSMS, or what the station trusts for Plug & Charge: ChangeConfiguration of one of
# them is for operators. Compared case-insensitively (1.6 keys are CiString).
SECURITY_KEYS_16 = frozenset(
    key.lower()
    for key in (
        "SecurityProfile",
        "AuthorizationKey",
        "CpoName",
        "AdditionalRootCertificateCheck",
        "CertificateStoreMaxLength",
        "CertificateSignedMaxChainSize",
        "AuthorizationCacheEnabled",
        "AllowOfflineTxForUnknownId",
        "LocalAuthorizeOffline",
        "LocalPreAuthorize",
        "LocalAuthListEnabled",
        "ISO15118PnCEnabled",
        "CentralContractValidationAllowed",
        "ContractValidationOffline",
    )
)
# Components whose variables hold the station's security settings (security profile, Basic
# password, TLS, OCPP endpoint and network profiles, ISO 15118 trust).
SECURITY_COMPONENTS = frozenset({"SecurityCtrlr", "OCPPCommCtrlr", "ISO15118Ctrlr"})
AUDITED_PAYLOAD_BYTES = 1024


class NotACommand(NotFound):
    """A 404: the command resource `/commands/{action}` does not exist."""

    code = "not_a_command"


def is_security_relevant(action: str, payload: dict[str, Any]) -> bool:
    """Whether sending `action` with `payload` changes the station's security; NotACommand
    for anything that is not a CALL a CSMS sends."""
    if action not in CSMS_COMMANDS:
        raise NotACommand(f"{action!r} is not a call the CSMS sends to a station")
    if action in SECURITY_COMMANDS:
        return True
    if action == "ChangeConfiguration":
        key = payload.get("key")
        return not isinstance(key, str) or key.strip().lower() in SECURITY_KEYS_16
    if action == "SetVariables":
        data = payload.get("setVariableData")
        if not isinstance(data, list):
            return True  # malformed: the schema refuses it later; never downgrade the check
        for entry in data:
            component = entry.get("component") if isinstance(entry, dict) else None
            name = component.get("name") if isinstance(component, dict) else None
            if not isinstance(name, str) or name in SECURITY_COMPONENTS:
                return True
    return False


def audited_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """What the audit row keeps of a command's payload: all of it when small, else its size
    and SHA-256 (a certificate chain or a firmware URL list can be long)."""
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    if len(text) <= AUDITED_PAYLOAD_BYTES:
        return payload
    return {"bytes": len(text), "sha256": hashlib.sha256(text.encode()).hexdigest()}
