"""The CSMS's answers to an OCPP 1.6J station's CALLs.

1.6 is translated at this edge into the one model every version shares, and every rule is
left to the services the 2.0.1 handlers use (csms/ocpp/handlers.py):
- BootNotification, Heartbeat, StatusNotification, SecurityEventNotification: the same store
  writes as 2.0.1 (a 1.6 connector is stored as EVSE `connectorId`, connector 1; connector 0
  is the charge point itself);
- Authorize, StartTransaction, MeterValues, StopTransaction: sessions in the same records as
  2.0.1 TransactionEvents (store.transaction_event), the version an attribute; the 1.6
  transactionId is the record's own integer key, given before the station is told;
- SignCertificate (the security whitepaper's, a charge point certificate) and the Plug &
  Charge DataTransfer (csms/ocpp/pnc16.py): the 2.0.1 handlers themselves.
"""

from __future__ import annotations

import logging
from typing import Any

from iso15118.emaid import EmaidError, normalize_tolerant

from . import limits, rpc
from .connection import HandlerResult, StationConnection
from .core_handlers import CoreHandlers, Handler, admitted
from .pnc16 import PNC_VENDOR_ID, PncDataTransfer
from .store import ocpp_now, parse_time
from .versions import OcppVersion

log = logging.getLogger("csms.ocpp")

V16 = OcppVersion.V16
ACKNOWLEDGED = frozenset(
    {
        "DiagnosticsStatusNotification",
        "FirmwareStatusNotification",
        "LogStatusNotification",
        "SignedFirmwareStatusNotification",
    }
)
ENERGY = "Energy.Active.Import.Register"
STATUSES_16 = frozenset({"Accepted", "Blocked", "Expired", "Invalid", "ConcurrentTx"})


def normalise_token(text: str) -> str:
    """The form two idTags are compared in: an eMAID's 15-character normal form (separators
    and case as stations vary them), anything else upper case without surrounding space."""
    try:
        return normalize_tolerant(text)
    except EmaidError:
        return text.strip().upper()


def meter_values_201(values: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """1.6 MeterValue[] in 2.0.1's shape (numbers, unitOfMeasure), for the shared model."""
    converted = []
    for value in values or []:
        samples = []
        for sample in value.get("sampledValue", []):
            try:
                number = float(sample["value"])
            except (KeyError, ValueError):
                continue  # 1.6 carries values as strings; one that is no number is no reading
            entry: dict[str, Any] = {"value": number, "measurand": sample.get("measurand", ENERGY)}
            if sample.get("unit"):
                entry["unitOfMeasure"] = {"unit": sample["unit"]}
            samples.append(entry)
        if samples:
            converted.append({"timestamp": value.get("timestamp"), "sampledValue": samples})
    return converted


def _meter_reading(at: str, wh: int) -> list[dict[str, Any]]:
    return [{"timestamp": at, "sampledValue": [{"value": float(wh), "measurand": ENERGY}]}]


class Handlers16:
    def __init__(self, core: CoreHandlers) -> None:
        self._core = core
        self._store = core.store
        self._pnc = PncDataTransfer(core)
        self._table: dict[str, Handler] = {
            "BootNotification": self.boot_notification,
            "Heartbeat": self.heartbeat,
            "StatusNotification": self.status_notification,
            "SecurityEventNotification": self.security_event_notification,
            "Authorize": self.authorize,
            "StartTransaction": self.start_transaction,
            "MeterValues": self.meter_values,
            "StopTransaction": self.stop_transaction,
            "DataTransfer": self.data_transfer,
            "SignCertificate": self.sign_certificate,
        }

    async def dispatch(self, conn: StationConnection, call: rpc.Call) -> HandlerResult:
        # The same admission as 2.0.1 (core_handlers.admitted), on 1.6's actions and schemas.
        handler = admitted(conn, call, self._table, ACKNOWLEDGED)
        self._store.seen(conn.station_id)
        if handler is None:
            return {}, None
        return await handler(conn, call.payload)

    # --- core profile ----------------------------------------------------------------------------

    async def boot_notification(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        station = {"model": p["chargePointModel"], "vendorName": p["chargePointVendor"]}
        if p.get("chargePointSerialNumber"):
            station["serialNumber"] = p["chargePointSerialNumber"]
        if p.get("firmwareVersion"):
            station["firmwareVersion"] = p["firmwareVersion"]
        answer, after = await self._core.boot_notification(
            conn, {"reason": "PowerUp", "chargingStation": station}
        )
        return {
            "status": answer["status"],
            "currentTime": answer["currentTime"],
            "interval": answer["interval"],
        }, after

    async def heartbeat(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        return {"currentTime": ocpp_now()}, None

    async def status_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        connector = p["connectorId"]
        self._store.connector_status(
            conn.station_id,
            connector,
            1 if connector else 0,
            p["status"],
            parse_time(p.get("timestamp")),
        )
        return {}, None

    async def security_event_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        return await self._core.security_event_notification(conn, p)

    async def authorize(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        status = await self._decide(conn, p["idTag"])
        return {"idTagInfo": {"status": status}}, None

    async def _decide(self, conn: StationConnection, id_tag: str) -> str:
        """An idTag's status, decided and remembered as a 2.0.1 Authorize is (1.6 has no
        token type: "Central", the type 2.0.1 gives a token the CSMS knows by its value)."""
        answer, _ = await self._core.authorize(
            conn, {"idToken": {"idToken": id_tag, "type": "Central"}}
        )
        status = str(answer["idTokenInfo"]["status"])
        # 1.6 AuthorizationStatus has no "Unknown" or "NoCredit" etc.: what is not one of its
        # values is Invalid there.
        return status if status in STATUSES_16 else "Invalid"

    async def start_transaction(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        id_tag = p["idTag"]
        at = parse_time(p["timestamp"])

        def known(session: Any) -> tuple[str, str] | None:
            return self._store.authorized_token(session, conn.station_id, id_tag, normalise_token)

        # An idTag Plug & Charge authorized (as an eMAID, perhaps with other separators) or
        # one accepted by Authorize a moment ago is that token; otherwise it is decided now.
        token = await self._core.in_transaction(known)
        status = "Accepted" if token is not None else await self._decide(conn, id_tag)
        token_id, token_type = token if token is not None else (id_tag, "Central")

        def event(transaction_id: str) -> dict[str, Any]:
            return {
                "eventType": "Started",
                "timestamp": p["timestamp"],
                "triggerReason": "Authorized",
                "seqNo": 0,
                "transactionInfo": {"transactionId": transaction_id},
                "idToken": {"idToken": token_id, "type": token_type},
                "evse": {"id": p["connectorId"], "connectorId": 1},
                "meterValue": _meter_reading(p["timestamp"], p["meterStart"]),
            }

        transaction_id = await self._core.in_transaction(
            lambda session: self._store.open_numbered_transaction(
                session,
                conn.station_id,
                connector_id=p["connectorId"],
                started_at=at,
                id_tag=token_id,
                event=event,
                version=V16.value,
            )
        )
        log.info("StartTransaction %d (%s) → %s", transaction_id, limits.cut(id_tag, 20), status)
        return {"transactionId": transaction_id, "idTagInfo": {"status": status}}, None

    async def meter_values(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        transaction_id = p.get("transactionId")
        values = meter_values_201(p.get("meterValue"))
        if transaction_id is None or not values:
            return {}, None  # readings outside a session are not kept
        event = {
            "eventType": "Updated",
            "timestamp": values[-1].get("timestamp") or ocpp_now(),
            "triggerReason": "MeterValuePeriodic",
            # 1.6 readings carry no sequence number: each one is as new as the last.
            "seqNo": 1,
            "transactionInfo": {"transactionId": str(transaction_id)},
            "meterValue": values,
        }
        await self._core.in_transaction(
            lambda session: self._store.transaction_event(session, conn.station_id, event)
        )
        return {}, None

    async def stop_transaction(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        values = meter_values_201(p.get("transactionData"))
        values += _meter_reading(p["timestamp"], p["meterStop"])
        event: dict[str, Any] = {
            "eventType": "Ended",
            "timestamp": p["timestamp"],
            "triggerReason": "StopAuthorized",
            "seqNo": 1,
            "transactionInfo": {
                "transactionId": str(p["transactionId"]),
                "stoppedReason": p.get("reason", "Local"),
            },
            "meterValue": values,
        }
        await self._core.in_transaction(
            lambda session: self._store.transaction_event(session, conn.station_id, event)
        )
        if p.get("idTag"):
            return {"idTagInfo": {"status": await self._decide(conn, p["idTag"])}}, None
        return {}, None

    # --- security whitepaper and Plug & Charge ----------------------------------------------------

    async def sign_certificate(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        """The whitepaper's SignCertificate has no certificateType: a charge point certificate,
        checked and issued as 2.0.1's ChargingStationCertificate (A02)."""
        answer, after = await self._core.sign_certificate(
            conn, {"csr": p["csr"], "certificateType": "ChargingStationCertificate"}
        )
        return {"status": answer["status"]}, after

    async def data_transfer(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        if p["vendorId"] != PNC_VENDOR_ID:
            return {"status": "UnknownVendorId"}, None
        return await self._pnc.answer(conn, p.get("messageId"), p.get("data"))


__all__ = ["Handlers16", "meter_values_201", "normalise_token"]
