"""A station's Plug & Charge settings, in one vocabulary for every OCPP version.

An operator turns Plug & Charge on for a station, or reads how it is set, without knowing the
station's version: 1.6 holds these as configuration keys (the OCA application note's), 2.0.1
and 2.1 as device-model variables of ISO15118Ctrlr and SecurityCtrlr. This module maps one to
the others and builds / reads the messages; csms/ocpp/service.py sends them through the same
command path as every command (permission, audit): reading is GetConfiguration / GetVariables,
writing is ChangeConfiguration / SetVariables of security settings, an operator's command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auth.errors import ServiceError


@dataclass(frozen=True)
class Setting:
    name: str  # the product's name, in the API
    key16: str  # the OCPP 1.6 configuration key
    component: str  # the 2.0.1 / 2.1 component ...
    variable: str  # ... and variable
    kind: type  # bool or int


SETTINGS = (
    Setting("pnc_enabled", "ISO15118PnCEnabled", "ISO15118Ctrlr", "PnCEnabled", bool),
    Setting(
        "central_contract_validation_allowed",
        "CentralContractValidationAllowed",
        "ISO15118Ctrlr",
        "CentralContractValidationAllowed",
        bool,
    ),
    Setting(
        "contract_validation_offline",
        "ContractValidationOffline",
        "ISO15118Ctrlr",
        "ContractValidationOffline",
        bool,
    ),
    Setting(
        "cert_signing_wait_minimum",
        "CertSigningWaitMinimum",
        "SecurityCtrlr",
        "CertSigningWaitMinimum",
        int,
    ),
    Setting(
        "cert_signing_repeat_times",
        "CertSigningRepeatTimes",
        "SecurityCtrlr",
        "CertSigningRepeatTimes",
        int,
    ),
)
BY_NAME = {s.name: s for s in SETTINGS}


class PncSettingError(ServiceError):
    code = "pnc_setting"


def read_request(version: str) -> tuple[str, dict[str, Any]]:
    if version == "1.6":
        return "GetConfiguration", {"key": [s.key16 for s in SETTINGS]}
    return "GetVariables", {
        "getVariableData": [
            {"component": {"name": s.component}, "variable": {"name": s.variable}} for s in SETTINGS
        ]
    }


def parse_read(version: str, answer: dict[str, Any]) -> dict[str, Any]:
    """{name: value (bool / int / the raw text if unreadable) or None when unknown}."""
    raw: dict[str, str | None] = {s.name: None for s in SETTINGS}
    if version == "1.6":
        by_key = {
            str(k.get("key", "")).lower(): k.get("value")
            for k in answer.get("configurationKey", [])
        }
        for s in SETTINGS:
            raw[s.name] = by_key.get(s.key16.lower())
    else:
        for result in answer.get("getVariableResult", []):
            for s in SETTINGS:
                if (
                    result.get("component", {}).get("name") == s.component
                    and result.get("variable", {}).get("name") == s.variable
                    and result.get("attributeStatus") == "Accepted"
                ):
                    raw[s.name] = result.get("attributeValue")
    return {name: _value(BY_NAME[name], text) for name, text in raw.items()}


def write_requests(version: str, changes: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The CALLs that set `changes` ({name: value}); PncSettingError for an unknown name or a
    value of the wrong kind."""
    checked = {BY_NAME[name]: _text(name, value) for name, value in changes.items()}
    if version == "1.6":
        return [("ChangeConfiguration", {"key": s.key16, "value": v}) for s, v in checked.items()]
    return [
        (
            "SetVariables",
            {
                "setVariableData": [
                    {
                        "attributeValue": v,
                        "component": {"name": s.component},
                        "variable": {"name": s.variable},
                    }
                    for s, v in checked.items()
                ]
            },
        )
    ]


def parse_write(
    version: str, changes: dict[str, Any], answers: list[dict[str, Any]]
) -> dict[str, str]:
    """{name: the station's status for that change}."""
    if version == "1.6":
        return {name: str(a.get("status")) for name, a in zip(changes, answers, strict=True)}
    statuses: dict[str, str] = {}
    for result in answers[0].get("setVariableResult", []) if answers else []:
        for name in changes:
            s = BY_NAME[name]
            if (
                result.get("component", {}).get("name") == s.component
                and result.get("variable", {}).get("name") == s.variable
            ):
                statuses[name] = str(result.get("attributeStatus"))
    return statuses


def _text(name: str, value: Any) -> str:
    setting = BY_NAME.get(name)
    if setting is None:
        known = ", ".join(BY_NAME)
        raise PncSettingError(f"unknown Plug & Charge setting {name!r} (one of {known})")
    if setting.kind is bool:
        if not isinstance(value, bool):
            raise PncSettingError(f"{name} is true or false")
        return "true" if value else "false"
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise PncSettingError(f"{name} is a whole number, 0 or more")
    return str(value)


def _value(setting: Setting, text: str | None) -> Any:
    if text is None:
        return None
    if setting.kind is bool:
        lowered = text.strip().lower()
        return True if lowered == "true" else False if lowered == "false" else text
    try:
        return int(text)
    except ValueError:
        return text


__all__ = [
    "SETTINGS",
    "PncSettingError",
    "parse_read",
    "parse_write",
    "read_request",
    "write_requests",
]
