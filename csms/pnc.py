"""Plug & Charge wiring: the OCPP core's questions (csms.ocpp.contract_port) answered by the
contract service (contracts/). The OCPP core never decides a contract matter; this adapter only
translates between OCPP's field names and the contract service's types, and owns the unit of
work of each answer: what the car is told has been issued is committed before it is sent."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from contracts.authorization import HashData, PncAuthorizer
from contracts.cps import MAX_EXI_CHARACTERS, CertificateProvisioningService

from .ocpp.contract_port import AuthorizeDecision, EvCertificateAnswer


class PncDecisions:
    """csms.ocpp.contract_port.ContractDecisions over the product's contract service."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        cps: CertificateProvisioningService,
        authorizer: PncAuthorizer,
    ) -> None:
        self._sessions = sessions
        self._cps = cps
        self._authorizer = authorizer

    def authorize(
        self,
        id_token: dict[str, Any],
        pem_chain: str | None,
        hash_data: list[dict[str, Any]] | None,
        *,
        station_id: str,
    ) -> AuthorizeDecision:
        if id_token.get("type") != "eMAID":
            # Only contract identifiers are ours to decide; RFID cards and the like are not.
            return AuthorizeDecision("Unknown")
        entries = [
            HashData(
                hash_algorithm=entry["hashAlgorithm"],
                issuer_name_hash=entry["issuerNameHash"],
                issuer_key_hash=entry["issuerKeyHash"],
                serial_number=entry["serialNumber"],
                responder_url=entry.get("responderURL"),
            )
            for entry in hash_data or []
        ]
        with self._sessions() as session:  # reads only
            decision = self._authorizer.authorize(
                session, id_token["idToken"], pem_chain, entries or None
            )
        return AuthorizeDecision(
            decision.id_token_status, decision.certificate_status, detail=decision.detail
        )

    def get_15118_ev_certificate(
        self,
        schema_version: str,
        action: str,
        exi_request_b64: str,
        *,
        station_id: str,
        max_exi_request: int = MAX_EXI_CHARACTERS,
    ) -> EvCertificateAnswer:
        with self._sessions.begin() as session:
            answer = self._cps.handle(
                session, schema_version, action, exi_request_b64, max_exi_request
            )
        reason = None if answer.status == "Accepted" else answer.response_code
        # statusInfo's limits are applied where the response is built (csms.ocpp.limits).
        return EvCertificateAnswer(
            answer.status,
            answer.exi_response,
            reason_code=reason,
            remaining_contracts=answer.remaining_contracts,
            response_code=answer.response_code,
            detail=answer.detail,
        )
