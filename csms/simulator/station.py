"""A simulated charging station speaking OCPP 1.6J, 2.0.1 or 2.1: an OCPP-J peer over a real
WebSocket.

It sends CALLs one at a time and waits for their answers, and meanwhile answers the CSMS's own
CALLs the way a station would: CertificateSigned (it checks and installs the chain it asked
for), TriggerMessage, GetInstalledCertificateIds, InstallCertificate, DeleteCertificate.
On 1.6 the Plug & Charge messages travel inside DataTransfer (vendorId
org.openchargealliance.iso15118pnc, the 2.0.1 payload as a JSON string), as the OCA
application note says, and a charging session is StartTransaction / StopTransaction with the
eMAID as idTag. Everything it sees goes to an `on_event` callback, so a caller can print a
timeline.
"""

from __future__ import annotations

import asyncio
import base64
import json
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import websockets
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

SUBPROTOCOL = "ocpp2.0.1"
VERSIONS = ("1.6", "2.0.1", "2.1")
PNC = "org.openchargealliance.iso15118pnc"
EventSink = Callable[[str, str], None]


class StationError(Exception):
    """The CSMS answered a CALL with a CALLERROR, or not at all."""


@dataclass
class SimulatedStation:
    url: str  # ws[s]://host:port/ocpp/{station_id}
    station_id: str
    password: str | None = None
    ssl_context: ssl.SSLContext | None = None
    organization: str = "UzPnC"
    secc_id: str = "UZ*UPC*E1*1"
    server_hostname: str | None = None  # the name in the CSMS certificate, if the URL has an IP
    on_event: EventSink = lambda kind, text: None
    ocpp_version: str = "2.0.1"
    installed_roots: list[str] = field(default_factory=list)
    v2g_chain: list[x509.Certificate] = field(default_factory=list)
    _ws: Any = None
    _pending: dict[str, asyncio.Future[list[Any]]] = field(default_factory=dict)
    _reader: asyncio.Task[None] | None = None
    _secc_key: ec.EllipticCurvePrivateKey | None = None
    _chain_arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def connect(self) -> None:
        headers = {}
        if self.password is not None:
            token = base64.b64encode(f"{self.station_id}:{self.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        self._ws = await websockets.connect(
            self.url,
            subprotocols=[f"ocpp{self.ocpp_version}"],  # type: ignore[list-item]
            additional_headers=headers,
            ssl=self.ssl_context,
            server_hostname=self.server_hostname if self.ssl_context else None,
            open_timeout=15,
        )
        self._reader = asyncio.create_task(self._read())
        scheme = "TLS" if self.url.startswith("wss") else "plain WebSocket"
        self.on_event(
            "connect", f"{self.station_id} connected over {scheme}, OCPP {self.ocpp_version}"
        )

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()

    async def call(
        self, action: str, payload: dict[str, Any], timeout: float = 30
    ) -> dict[str, Any]:
        message_id = str(uuid.uuid4())
        future: asyncio.Future[list[Any]] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        await self._ws.send(json.dumps([2, message_id, action, payload]))
        try:
            frame = await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(message_id, None)
        if frame[0] == 4:
            raise StationError(f"{action}: CALLERROR {frame[2]} {frame[3]}")
        answer: dict[str, Any] = frame[2]
        return answer

    async def pnc(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        """A Plug & Charge CALL in the station's version: the 2.0.1 message itself, or on 1.6
        inside the DataTransfer envelope (the answer unwrapped)."""
        if self.ocpp_version != "1.6":
            return await self.call(action, payload)
        envelope = {"vendorId": PNC, "messageId": action, "data": json.dumps(payload)}
        answer = await self.call("DataTransfer", envelope)
        if answer.get("status") != "Accepted":
            raise StationError(
                f"{action}: DataTransfer {answer.get('status')} {answer.get('data')}"
            )
        inner: dict[str, Any] = json.loads(answer["data"])
        return inner

    # --- what a station does ---------------------------------------------------------------

    async def boot(self) -> dict[str, Any]:
        if self.ocpp_version == "1.6":
            answer = await self.call(
                "BootNotification", {"chargePointVendor": "UzPnC", "chargePointModel": "Simulator"}
            )
            self.on_event("boot", f"BootNotification → {answer['status']}")
            return answer
        answer = await self.call(
            "BootNotification",
            {
                "reason": "PowerUp",
                "chargingStation": {"model": "Simulator", "vendorName": "UzPnC"},
            },
        )
        self.on_event("boot", f"BootNotification → {answer['status']}")
        return answer

    async def request_v2g_certificate(self, timeout: float = 30) -> list[x509.Certificate]:
        """SignCertificate(V2GCertificate) and wait for the CSMS's CertificateSigned."""
        self._secc_key = ec.generate_private_key(ec.SECP256R1())
        csr = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(
                x509.Name(
                    [
                        x509.NameAttribute(x509.NameOID.COMMON_NAME, self.secc_id),
                        x509.NameAttribute(x509.NameOID.ORGANIZATION_NAME, self.organization),
                    ]
                )
            )
            .sign(self._secc_key, hashes.SHA256())
            .public_bytes(serialization.Encoding.PEM)
            .decode()
        )
        self._chain_arrived.clear()
        answer = await self.pnc(
            "SignCertificate", {"csr": csr, "certificateType": "V2GCertificate"}
        )
        self.on_event("sign", f"SignCertificate(V2GCertificate) → {answer['status']}")
        if answer["status"] != "Accepted":
            raise StationError(f"SignCertificate was {answer['status']}")
        await asyncio.wait_for(self._chain_arrived.wait(), timeout)
        return self.v2g_chain

    async def get_15118_ev_certificate(
        self, exi_request: str, action: str = "Install"
    ) -> dict[str, Any]:
        answer = await self.pnc(
            "Get15118EVCertificate",
            {
                "iso15118SchemaVersion": "urn:iso:15118:2:2013:MsgDef",
                "action": action,
                "exiRequest": exi_request,
            },
        )
        self.on_event(
            "m01",
            f"Get15118EVCertificate({action}) → {answer['status']}, "
            f"exiResponse {len(answer.get('exiResponse', ''))} characters",
        )
        return answer

    async def authorize(self, emaid: str, pem_chain: str) -> dict[str, Any]:
        answer = await self.pnc(
            "Authorize",
            {
                "idToken": {"idToken": emaid, "type": "eMAID"},
                "certificate": pem_chain,
            },
        )
        self.on_event(
            "c07",
            f"Authorize({emaid}) → idTokenInfo {answer['idTokenInfo']['status']}"
            f", certificateStatus {answer.get('certificateStatus')}",
        )
        return answer

    async def transaction(self, transaction_id: str, emaid: str, energy_wh: float) -> None:
        """One charging session delivering `energy_wh`. Like a real meter, the register is
        cumulative: it reads REGISTER_START at the start and that plus the energy at the end,
        so the CSMS computes the energy from the two readings, as for any station."""
        start, stop = REGISTER_START_WH, REGISTER_START_WH + energy_wh
        if self.ocpp_version == "1.6":
            await self._transaction_16(emaid, start, stop)
            return
        base = {
            "transactionInfo": {"transactionId": transaction_id},
            "evse": {"id": 1, "connectorId": 1},
        }
        started = {
            **base,
            "eventType": "Started",
            "triggerReason": "Authorized",
            "seqNo": 0,
            "timestamp": _now(),
            "idToken": {"idToken": emaid, "type": "eMAID"},
            "meterValue": [_register(start)],
        }
        started["transactionInfo"] = {"transactionId": transaction_id, "chargingState": "Charging"}
        await self.call("TransactionEvent", started)
        ended = {
            **base,
            "eventType": "Ended",
            "triggerReason": "EVCommunicationLost",
            "seqNo": 1,
            "timestamp": _now(),
            "meterValue": [_register(stop)],
        }
        ended["transactionInfo"] = {
            "transactionId": transaction_id,
            "stoppedReason": "EVDisconnected",
            "chargingState": "EVConnected",
        }
        await self.call("TransactionEvent", ended)
        self.on_event(
            "tx",
            f"TransactionEvent Started/Ended: session {transaction_id}, meter {start:.0f} → "
            f"{stop:.0f} Wh",
        )

    async def _transaction_16(self, emaid: str, start: float, stop: float) -> None:
        started = await self.call(
            "StartTransaction",
            {"connectorId": 1, "idTag": emaid, "meterStart": int(start), "timestamp": _now()},
        )
        transaction_id = started["transactionId"]
        await self.call(
            "StopTransaction",
            {
                "transactionId": transaction_id,
                "meterStop": int(stop),
                "timestamp": _now(),
                "reason": "EVDisconnected",
            },
        )
        self.on_event(
            "tx",
            f"StartTransaction ({started['idTagInfo']['status']}) / StopTransaction: "
            f"session {transaction_id}, meter {start:.0f} → {stop:.0f} Wh",
        )

    # --- the CSMS's CALLs -------------------------------------------------------------------

    async def _read(self) -> None:
        async for text in self._ws:
            frame = json.loads(text)
            if frame[0] in (3, 4):
                future = self._pending.get(frame[1])
                if future is not None and not future.done():
                    future.set_result(frame)
                continue
            if frame[0] == 2:
                answer = self._answer(frame[2], frame[3])
                await self._ws.send(json.dumps([3, frame[1], answer]))

    def _answer(self, action: str, payload: dict[str, Any]) -> dict[str, Any]:
        if action == "DataTransfer" and self.ocpp_version == "1.6":
            if payload.get("vendorId") != PNC:
                return {"status": "UnknownVendorId"}
            inner = self._answer(str(payload.get("messageId")), json.loads(payload["data"]))
            return {"status": "Accepted", "data": json.dumps(inner)}
        if action == "CertificateSigned":
            return self._certificate_signed(payload)
        if action == "InstallCertificate":
            self.installed_roots.append(payload["certificateType"])
            self.on_event("m05", f"InstallCertificate({payload['certificateType']}) → Accepted")
            return {"status": "Accepted"}
        if action == "GetInstalledCertificateIds":
            return {"status": "NotFound"}
        return {"status": "Rejected"}  # TriggerMessage and anything else the demo does not play

    def _certificate_signed(self, payload: dict[str, Any]) -> dict[str, Any]:
        chain = x509.load_pem_x509_certificates(payload["certificateChain"].encode())
        fits = self._secc_key is not None and chain[0].public_key() == self._secc_key.public_key()
        status = "Accepted" if fits else "Rejected"
        if fits:
            self.v2g_chain = chain
            self._chain_arrived.set()
        cn = str(chain[0].subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value)
        self.on_event(
            "a03",
            f"CertificateSigned({payload.get('certificateType')}) CN={cn}, "
            f"{len(chain)} certificates → {status}",
        )
        return {"status": status}


# The station's energy register when the demo's session starts: a meter that has counted
# before, so that a register reading is never mistaken for the session's energy.
REGISTER_START_WH = 1_234_567.0


def _register(wh: float) -> dict[str, object]:
    return {
        "timestamp": _now(),
        "sampledValue": [{"value": wh, "measurand": "Energy.Active.Import.Register"}],
    }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
