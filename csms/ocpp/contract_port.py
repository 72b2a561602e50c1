"""Seams to the contract service (contracts/), which decides Plug & Charge questions.

The OCPP core asks; it never decides a contract matter itself. The composition root
(csms/container.py) puts the contract service behind the adapter in csms/pnc.py into
`OcppParts.contracts`; `RefusingContractDecisions` answers every question with a schema-valid
refusal, for a deployment (or a test) without the contract service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from . import limits


@dataclass(frozen=True)
class AuthorizeDecision:
    """OCPP AuthorizeResponse content (C07): idTokenInfo.status and certificateStatus."""

    status: str  # AuthorizationStatusEnumType: Accepted, Blocked, Expired, Invalid, Unknown, …
    certificate_status: str | None = None  # Accepted, CertificateRevoked, CertChainError, …
    extra_id_token_info: dict[str, Any] = field(default_factory=dict)  # e.g. cacheExpiryDateTime
    detail: str | None = None  # why, for the operator's diagnostics (never sent)


@dataclass(frozen=True)
class EvCertificateAnswer:
    """OCPP Get15118EVCertificateResponse content (M01/M02)."""

    status: str  # Accepted | Failed
    exi_response: str  # base64 EXI of the whole V2G_Message (≤ 5600 characters)
    reason_code: str | None = None  # statusInfo.reasonCode (the handler cuts it to 20)
    additional_info: str | None = None  # statusInfo.additionalInfo (cut to 512 likewise)
    remaining_contracts: int | None = None  # ISO 15118-20; OCPP 2.1's remainingContracts
    response_code: str | None = None  # the ISO 15118 ResponseCode inside exiResponse
    detail: str | None = None  # why, for the operator's diagnostics (never sent)


class ContractDecisions(Protocol):
    """What the contract service answers for the OCPP core. Implementations are synchronous
    and run in a worker thread; they must answer within the §6 time budgets (4.5 s for M01/M02
    including the OCPP round trip, 1.5 s for C07)."""

    def authorize(
        self,
        id_token: dict[str, Any],
        pem_chain: str | None,
        hash_data: list[dict[str, Any]] | None,
        *,
        station_id: str,
    ) -> AuthorizeDecision: ...

    def get_15118_ev_certificate(
        self,
        schema_version: str,
        action: str,
        exi_request_b64: str,
        *,
        station_id: str,
        max_exi_request: int = limits.EXI,
    ) -> EvCertificateAnswer: ...


class RefusingContractDecisions:
    """The stand-in until the contract service is wired: refuses, never guesses."""

    def authorize(
        self,
        id_token: dict[str, Any],
        pem_chain: str | None,
        hash_data: list[dict[str, Any]] | None,
        *,
        station_id: str,
    ) -> AuthorizeDecision:
        if pem_chain is not None or hash_data:
            return AuthorizeDecision("Unknown", "CertChainError")
        return AuthorizeDecision("Unknown")

    def get_15118_ev_certificate(
        self,
        schema_version: str,
        action: str,
        exi_request_b64: str,
        *,
        station_id: str,
        max_exi_request: int = limits.EXI,
    ) -> EvCertificateAnswer:
        return EvCertificateAnswer("Failed", "", reason_code="NoContractService")
