"""The CSMS's answers to station-initiated CALLs.

Each handler takes the connection and the validated request payload and returns the response
payload (validated again before it is sent) plus optional work to run once it has been sent.
Anything a station sends before its BootNotification was Accepted gets CALLERROR SecurityError
(B02/B03, errata FR.04; OCTT TC_B_30); a station in Pending may still ask for its certificate
(A00.FR.429/807: the operator renews credentials during Pending).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import httpx
from cryptography import x509
from ocpp.v201.enums import (
    GenericStatusEnumType,
    GetCertificateStatusEnumType,
    RegistrationStatusEnumType,
)
from sqlalchemy.orm import Session

from contracts.diagnostics import (
    AUTHORIZE,
    CERTIFICATE_STATUS,
    INSTALLATION,
    SIGN_CERTIFICATE,
    current_trace,
)
from pki.trust import TrustStore

from .. import metrics
from ..database import in_worker_transaction
from . import limits, rpc
from .certificates import SignOutcome, ocsp_request_from_hash_data, usable_ocsp_answer
from .chain_status import ChainStatusPorts, chain_status
from .connection import AfterSend, HandlerResult, StationConnection
from .contract_port import EvCertificateAnswer
from .core_handlers import admitted
from .diagnostics import message_id
from .handlers16 import Handlers16
from .parts import OcppParts
from .store import OcppStore, ocpp_now, parse_time
from .versions import OcppVersion

log = logging.getLogger("csms.ocpp")
T = TypeVar("T")

EMAID_TOKEN = "eMAID"  # noqa: S105 - an idToken type, not a secret
EXI_REQUEST_21 = 11_000  # Get15118EVCertificateRequest.exiRequest maxLength in OCPP 2.1
# Notifications the CSMS takes without acting on them yet: answered with their (empty)
# response instead of NotSupported, so stations do not retry them forever.
ACKNOWLEDGED = frozenset(
    {
        "MeterValues",
        "NotifyEvent",
        "NotifyReport",
        "NotifyMonitoringReport",
        "FirmwareStatusNotification",
        "LogStatusNotification",
        "NotifyPeriodicEventStream",  # 2.1, a SEND
    }
)


class Deliveries(Protocol):
    """Work the server starts once an answer has been sent (CertificateSigned)."""

    def after_boot(self, conn: StationConnection) -> AfterSend | None: ...

    def deliver_later(self, conn: StationConnection) -> AfterSend: ...


class Handlers:
    """2.0.1's handlers, which 2.1 stations get too (on 2.1's schemas), and 1.6 stations
    through Handlers16's translation (csms/ocpp/handlers16.py)."""

    def __init__(self, parts: OcppParts, deliveries: Deliveries) -> None:
        self._parts = parts
        self.parts = parts
        self._settings = parts.settings
        self._sessions = parts.sessions
        self._store = parts.store
        self._deliveries = deliveries
        self._table = {
            "BootNotification": self.boot_notification,
            "Heartbeat": self.heartbeat,
            "StatusNotification": self.status_notification,
            "SecurityEventNotification": self.security_event_notification,
            "TransactionEvent": self.transaction_event,
            "SignCertificate": self.sign_certificate,
            "GetCertificateStatus": self.get_certificate_status,
            "Authorize": self.authorize,
            "Get15118EVCertificate": self.get_15118_ev_certificate,
            "DataTransfer": self.data_transfer,
            "GetCertificateChainStatus": self.get_certificate_chain_status,  # 2.1
        }
        self._v16 = Handlers16(self)

    async def _in_transaction(self, work: Callable[[Session], T]) -> T:
        """One transaction, committed before the answer goes out: what a station is told
        has happened is stored."""
        return await in_worker_transaction(self._sessions, work)

    @property
    def store(self) -> OcppStore:
        return self._store

    async def in_transaction(self, work: Callable[[Session], T]) -> T:
        return await self._in_transaction(work)

    async def dispatch(self, conn: StationConnection, call: rpc.Call) -> HandlerResult:
        message_id.set(call.message_id)  # for diagnostics records (csms/ocpp/diagnostics.py)
        if conn.version is OcppVersion.V16:
            return await self._v16.dispatch(conn, call)
        handler = admitted(conn, call, self._table, ACKNOWLEDGED)
        self._store.seen(conn.station_id)
        if handler is None:
            return {}, None  # ACKNOWLEDGED
        return await handler(conn, call.payload)

    # --- B01-B03, G01, G02, A04 ------------------------------------------------------------------

    async def boot_notification(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        info = {"reason": p["reason"], **p["chargingStation"]}

        def boot(session: Session) -> str:
            station = self._parts.registry.get(session, conn.station_id)
            policy = station.boot_policy if station else "accept"
            status = (
                RegistrationStatusEnumType.accepted
                if policy == "accept"
                else RegistrationStatusEnumType.pending
            )
            self._store.boot(session, conn.station_id, status.value, info)
            return status.value

        conn.boot_status = await self._in_transaction(boot)
        log.info("BootNotification (%s) → %s", p["reason"], conn.boot_status)
        response = {
            "currentTime": ocpp_now(),
            "interval": self._settings.ocpp_heartbeat_interval,
            "status": conn.boot_status,
        }
        return response, self._deliveries.after_boot(conn)

    async def heartbeat(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        return {"currentTime": ocpp_now()}, None

    async def status_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        self._store.connector_status(
            conn.station_id,
            p["evseId"],
            p["connectorId"],
            p["connectorStatus"],
            parse_time(p["timestamp"]),
        )
        return {}, None

    async def security_event_notification(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        await self._in_transaction(
            lambda session: self._store.security_event(
                session, conn.station_id, p["type"], parse_time(p["timestamp"]), p.get("techInfo")
            )
        )
        return {}, None

    async def transaction_event(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        await self._in_transaction(
            lambda session: self._store.transaction_event(
                session, conn.station_id, p, conn.version.value
            )
        )
        # No idTokenInfo: whether a token may charge is decided by Authorize (the contract
        # service for eMAIDs), not echoed here.
        return {}, None

    async def data_transfer(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        return {"status": "UnknownVendorId"}, None

    # --- A02/A03 ---------------------------------------------------------------------------------

    async def sign_certificate(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        async with self._parts.diagnostics.tracing(
            SIGN_CERTIFICATE, conn.station_id, conn.version.value
        ) as trace:
            trace.fields("request", p)
            with trace.step("signing"):
                answer = await self._sign_certificate(conn, p)
            response = answer[0]
            reason = response.get("statusInfo", {}).get("reasonCode")
            detail = response.get("statusInfo", {}).get("additionalInfo")
            trace.outcome(response["status"], reason, detail)
            trace.fields("response", response)
            return answer

    async def _sign_certificate(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        def sign(session: Session) -> SignOutcome:
            station = self._parts.registry.get(session, conn.station_id)
            if station is None:  # removed while connected
                return SignOutcome(False, reason="UnknownStation", detail="no such station")
            return self._parts.certificates.sign(
                session,
                station,
                p["csr"],
                p.get("certificateType"),
                request_id=p.get("requestId"),  # 2.1
                root_hash=p.get("hashRootCertificate"),  # 2.1
            )

        outcome = await self._in_transaction(sign)
        if not outcome.accepted:
            log.info("%s: SignCertificate rejected: %s", conn.station_id, outcome.detail)
            return {
                "status": GenericStatusEnumType.rejected.value,
                "statusInfo": limits.status_info(outcome.reason or "Rejected", outcome.detail),
            }, None
        return {"status": GenericStatusEnumType.accepted.value}, self._deliveries.deliver_later(
            conn
        )

    # --- M06 -------------------------------------------------------------------------------------

    async def get_certificate_status(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        async with self._parts.diagnostics.tracing(
            CERTIFICATE_STATUS, conn.station_id, conn.version.value
        ) as trace:
            trace.fields("request", p)
            with trace.step("ocsp"):
                answer = await self._get_certificate_status(conn, p)
            response = answer[0]
            info = response.get("statusInfo", {})
            trace.outcome(response["status"], info.get("reasonCode"), info.get("additionalInfo"))
            shown = dict(response)
            if "ocspResult" in shown:  # a DER blob: its size says enough
                shown["ocspResult"] = f"OCSP response, {len(shown['ocspResult'])} base64 characters"
            trace.fields("response", shown)
            return answer

    async def _get_certificate_status(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        data = p["ocspRequestData"]
        failed = {"status": GetCertificateStatusEnumType.failed.value}
        try:
            request = ocsp_request_from_hash_data(data)
        except (ValueError, KeyError) as exc:
            return {**failed, "statusInfo": limits.status_info("InvalidHashData", str(exc))}, None
        answer = usable_ocsp_answer(await asyncio.to_thread(self._parts.ocsp.respond, request))
        if answer is None:
            answer = await self._foreign_ocsp(data.get("responderURL", ""), request)
        if answer is None:
            return {**failed, "statusInfo": {"reasonCode": "NoOCSPResponse"}}, None
        return {"status": GetCertificateStatusEnumType.accepted.value, "ocspResult": answer}, None

    async def _foreign_ocsp(self, url: str, request: bytes) -> str | None:
        """Only responders an operator listed are ever contacted; a station's responderURL
        alone is never fetched (it could point anywhere, inside our network too)."""
        if url not in self._settings.ocpp_trusted_ocsp_responders:
            return None
        der = await self._fetch_ocsp(url, request)
        return usable_ocsp_answer(der) if der is not None else None

    async def _fetch_ocsp(self, url: str, request: bytes) -> bytes | None:
        """POST an OCSP request to an operator-listed responder (callers check the list)."""
        if url not in self._settings.ocpp_trusted_ocsp_responders:
            return None
        try:
            async with httpx.AsyncClient(timeout=3.0, follow_redirects=False) as client:
                reply = await client.post(
                    url, content=request, headers={"content-type": "application/ocsp-request"}
                )
        except httpx.HTTPError as exc:
            log.warning("OCSP responder %s failed: %s", url, exc)
            return None
        if reply.status_code != 200 or len(reply.content) > 64 * 1024:
            return None
        return reply.content

    # --- 2.1 GetCertificateChainStatus ---------------------------------------------------------

    async def get_certificate_chain_status(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        def anchors(session: Session) -> list[x509.Certificate]:
            return [x509.load_der_x509_certificate(r.der) for r in TrustStore.list(session)]

        ports = ChainStatusPorts(
            own_responder=self._parts.ocsp.respond,
            trusted_urls=self._settings.ocpp_trusted_ocsp_responders,
            fetch=self._fetch_ocsp,
            anchors=lambda: self._in_transaction(anchors),
        )
        statuses = await chain_status(ports, p["certificateStatusRequests"])
        return {"certificateStatus": statuses}, None

    # --- C07, M01/M02: decided by the contract service -------------------------------------------

    async def authorize(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        if p["idToken"].get("type") != EMAID_TOKEN:  # only contracts are Plug & Charge's
            return await self._authorize(conn, p)
        async with self._parts.diagnostics.tracing(
            AUTHORIZE, conn.station_id, conn.version.value
        ) as trace:
            trace.emaid = str(p["idToken"].get("idToken", ""))[:64] or None
            trace.fields("request", p)
            answer = await self._authorize(conn, p)
            response = answer[0]
            status = response["idTokenInfo"]["status"]
            certificate_status = response.get("certificateStatus")
            reason = certificate_status if certificate_status not in (None, "Accepted") else status
            trace.outcome(status, reason, trace.detail)
            trace.fields("response", response)
            return answer

    async def _authorize(self, conn: StationConnection, p: dict[str, Any]) -> HandlerResult:
        decision = await asyncio.to_thread(
            self._parts.contracts.authorize,
            p["idToken"],
            p.get("certificate"),
            p.get("iso15118CertificateHashData"),
            station_id=conn.station_id,
        )
        # Remembered before the answer goes out: a charging session credited to this token
        # must follow an accepted Authorize (csms/ocpp/store.py transaction_event).
        await self._in_transaction(
            lambda session: self._store.authorization(
                session,
                conn.station_id,
                p["idToken"],
                decision.status,
                decision.certificate_status,
            )
        )
        trace = current_trace()
        if trace is not None:
            trace.detail = decision.detail
        response: dict[str, Any] = {
            "idTokenInfo": {"status": decision.status, **decision.extra_id_token_info}
        }
        if decision.certificate_status is not None:
            response["certificateStatus"] = decision.certificate_status
        return response, None

    async def get_15118_ev_certificate(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> HandlerResult:
        async with self._parts.diagnostics.tracing(
            INSTALLATION, conn.station_id, conn.version.value
        ) as trace:
            trace.action = str(p["action"])[:16]
            answer, after, ev = await self._get_15118_ev_certificate(conn, p)
            trace.outcome(answer["status"], ev.response_code or ev.reason_code, ev.detail)
            return answer, after

    async def _get_15118_ev_certificate(
        self, conn: StationConnection, p: dict[str, Any]
    ) -> tuple[dict[str, Any], AfterSend | None, EvCertificateAnswer]:
        outcome = "error"
        try:
            with metrics.timed(metrics.CPS_SECONDS):
                answer = await asyncio.to_thread(
                    self._parts.contracts.get_15118_ev_certificate,
                    p["iso15118SchemaVersion"],
                    p["action"],
                    p["exiRequest"],
                    station_id=conn.station_id,
                    # OCPP 2.1 carries ISO 15118-20's larger requests (its schema's bound).
                    max_exi_request=EXI_REQUEST_21
                    if conn.version is OcppVersion.V21
                    else limits.EXI,
                )
            outcome = "accepted" if answer.status == "Accepted" else "failed"
        finally:
            metrics.CPS_INSTALLATIONS.labels(outcome=outcome).inc()
        response: dict[str, Any] = {"status": answer.status, "exiResponse": answer.exi_response}
        if answer.remaining_contracts is not None and conn.version is OcppVersion.V21:
            response["remainingContracts"] = answer.remaining_contracts  # a 2.1 field
        if answer.reason_code:
            response["statusInfo"] = limits.status_info(answer.reason_code, answer.additional_info)
        return response, None, answer
