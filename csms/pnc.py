"""Plug & Charge wiring: the OCPP core's questions (csms.ocpp.ports) answered by the contract
service (contracts/). The OCPP core never decides a contract matter; this adapter only
translates between OCPP's field names and the contract service's types."""

from __future__ import annotations

from typing import Any

from contracts.authorization import HashData
from contracts.wiring import ContractDomain, contracts_of

from .ocpp.ports import AuthorizeDecision, EvCertificateAnswer
from .product import Product

# OCPP's statusInfo.reasonCode is at most 20 characters; V2G response codes are longer.
REASON_CODE_LENGTH = 20


class PncDecisions:
    """csms.ocpp.ports.ContractDecisions over the product's contract domain."""

    def __init__(self, domain: ContractDomain) -> None:
        self._domain = domain

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
        decision = self._domain.authorizer.authorize(
            id_token["idToken"], pem_chain, entries or None
        )
        return AuthorizeDecision(decision.id_token_status, decision.certificate_status)

    def get_15118_ev_certificate(
        self, schema_version: str, action: str, exi_request_b64: str, *, station_id: str
    ) -> EvCertificateAnswer:
        answer = self._domain.cps.handle(schema_version, action, exi_request_b64)
        reason = None if answer.status == "Accepted" else answer.response_code
        return EvCertificateAnswer(
            answer.status,
            answer.exi_response,
            reason_code=reason[:REASON_CODE_LENGTH] if reason else None,
        )


def contract_decisions(product: Product) -> PncDecisions:
    return PncDecisions(contracts_of(product))
