"""Connected charging stations for the console's and the API's tests: `StationPeer` boots,
then answers every CALL of the CSMS with Accepted (and a certificate list for
GetInstalledCertificateIds); `ChargingPeer` (2.0.1 or 1.6) keeps each CALL's payload and
charges when asked to (remote start and stop, availability)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection

from tests.ocpp.client import boot, open_station

INSTALLED_SERIAL = "5A17C0FFEE"


def answer_for(action: str) -> dict[str, Any]:
    if action == "GetInstalledCertificateIds":
        return {
            "status": "Accepted",
            "certificateHashDataChain": [
                {
                    "certificateType": "V2GRootCertificate",
                    "certificateHashData": {
                        "hashAlgorithm": "SHA256",
                        "issuerNameHash": "00" * 32,
                        "issuerKeyHash": "11" * 32,
                        "serialNumber": INSTALLED_SERIAL,
                    },
                }
            ],
        }
    return {"status": "Accepted"}


class StationPeer:
    def __init__(self, url: str, station_id: str, password: str) -> None:
        self.ws: ClientConnection = open_station(url, station_id, password=password)
        self.received: list[str] = []
        boot(self.ws)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            while True:
                frame = json.loads(self.ws.recv())
                if frame[0] == 2:  # a CALL from the CSMS
                    self.received.append(frame[2])
                    self.ws.send(json.dumps([3, frame[1], answer_for(frame[2])]))
        except (ConnectionClosed, OSError):
            return

    def close(self) -> None:
        self.ws.close()
        self._thread.join(timeout=10)


# --- a station that charges: remote start and stop, unlock, availability ---------------------

BOOT = {
    "2.0.1": (
        "BootNotification",
        {"reason": "PowerUp", "chargingStation": {"model": "T1", "vendorName": "UzTest"}},
    ),
    "1.6": ("BootNotification", {"chargePointVendor": "UzTest", "chargePointModel": "T16"}),
}


class ChargingPeer:
    """A connected station (OCPP 2.0.1 or 1.6, raw frames) that keeps every CALL the CSMS
    sends it with its payload and answers as a station would. A 2.0.1 one also does what it
    was asked: a remote start opens a session (TransactionEvent Started), a remote stop ends
    it (Ended), a change of availability is reported (StatusNotification)."""

    def __init__(self, url: str, station_id: str, password: str, *, version: str = "2.0.1"):
        self.version = version
        self.ws: ClientConnection = open_station(
            url, station_id, password=password, subprotocols=(f"ocpp{version}",)
        )
        self.received: list[tuple[str, dict[str, Any]]] = []
        self._answers: dict[str, Any] = {}
        self._arrived = threading.Condition()
        self._send_lock = threading.Lock()
        self._counter = 0
        self._seq: dict[str, int] = {}
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        action, payload = BOOT[version]
        assert self.call(action, payload)["status"] == "Accepted"

    # --- the station's own CALLs ---------------------------------------------------------------

    def call(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Send a CALL and wait for the CSMS's CALLRESULT payload (from any thread)."""
        with self._send_lock:
            self._counter += 1
            message_id = f"peer-{self._counter}"
            self.ws.send(json.dumps([2, message_id, action, payload]))
        with self._arrived:
            if not self._arrived.wait_for(lambda: message_id in self._answers, timeout=20):
                raise TimeoutError(f"no answer to {action}")
            answer = self._answers.pop(message_id)
        assert answer[0] == 3, answer
        return dict(answer[2])

    def _send_later(self, action: str, payload: dict[str, Any]) -> None:
        """A CALL of the station's own after it answered the CSMS (not on the reading
        thread, which must stay free to receive the CSMS's answer)."""
        threading.Thread(target=self.call, args=(action, payload), daemon=True).start()

    def start_16(self, connector_id: int, id_tag: str) -> int:
        """A 1.6 StartTransaction; returns the transactionId the CSMS gave."""
        answer = self.call(
            "StartTransaction",
            {
                "connectorId": connector_id,
                "idTag": id_tag,
                "meterStart": 1000,
                "timestamp": _now(),
            },
        )
        return int(answer["transactionId"])

    # --- the CSMS's CALLs ----------------------------------------------------------------------

    def _serve(self) -> None:
        try:
            while True:
                frame = json.loads(self.ws.recv())
                if frame[0] == 2:
                    self._answer(frame[1], frame[2], frame[3])
                else:
                    with self._arrived:
                        self._answers[frame[1]] = frame
                        self._arrived.notify_all()
        except (ConnectionClosed, OSError):
            return

    def _answer(self, message_id: str, action: str, payload: dict[str, Any]) -> None:
        self.received.append((action, payload))
        status = "Unlocked" if action == "UnlockConnector" else "Accepted"
        with self._send_lock:
            self.ws.send(json.dumps([3, message_id, {"status": status}]))
        if self.version != "2.0.1":
            return
        if action == "RequestStartTransaction":
            transaction_id = f"remote-{payload['remoteStartId']}"
            self._seq[transaction_id] = 0
            self._send_later("TransactionEvent", self._event("Started", transaction_id, payload))
        elif action == "RequestStopTransaction":
            self._send_later(
                "TransactionEvent", self._event("Ended", payload["transactionId"], payload)
            )
        elif action == "ChangeAvailability":
            evse = payload.get("evse") or {"id": 1, "connectorId": 1}
            self._send_later(
                "StatusNotification",
                {
                    "timestamp": _now(),
                    "connectorStatus": (
                        "Unavailable"
                        if payload["operationalStatus"] == "Inoperative"
                        else "Available"
                    ),
                    "evseId": evse["id"],
                    "connectorId": evse.get("connectorId", 1),
                },
            )

    def _event(self, kind: str, transaction_id: str, request: dict[str, Any]) -> dict[str, Any]:
        seq = self._seq.get(transaction_id, 0)
        self._seq[transaction_id] = seq + 1
        event: dict[str, Any] = {
            "eventType": kind,
            "timestamp": _now(),
            "seqNo": seq,
            "transactionInfo": {"transactionId": transaction_id},
            "meterValue": [
                {
                    "timestamp": _now(),
                    "sampledValue": [
                        {"value": 1000 + 500 * seq, "measurand": "Energy.Active.Import.Register"}
                    ],
                }
            ],
        }
        if kind == "Started":
            event["triggerReason"] = "RemoteStart"
            event["transactionInfo"].update(
                remoteStartId=request["remoteStartId"], chargingState="Charging"
            )
            event["idToken"] = request["idToken"]
            event["evse"] = {"id": request.get("evseId", 1), "connectorId": 1}
        else:
            event["triggerReason"] = "RemoteStop"
            event["transactionInfo"]["stoppedReason"] = "Remote"
        return event

    def actions(self) -> list[str]:
        return [action for action, _payload in self.received]

    def close(self) -> None:
        self.ws.close()
        self._thread.join(timeout=10)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")
