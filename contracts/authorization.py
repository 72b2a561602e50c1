"""The Plug & Charge authorization decision (OCPP 2.0.1 C07) the CSMS answers Authorize with.

From the eMAID plus either the contract certificate chain (PEM) or its OCSP hash data:
certificateStatus and idTokenInfo.status per the C07 table:

| situation                                         | certificateStatus  | idToken status   |
| chain valid, contract blocked/ended/unknown       | ContractCancelled  | Blocked/Expired/ |
|                                                   |                    | Invalid/Unknown  |
| chain valid, contract active                      | Accepted           | Accepted         |
| chain expired                                     | CertificateExpired | Expired          |
| chain revoked                                     | CertificateRevoked | Invalid          |
| chain not verifiable (or CN is not the eMAID)     | CertChainError     | Invalid          |

A contract of another mobility operator (its chain ends at an imported, active `mo-root` or
`v2g-root`, not at the product's own MO root) has no contract here: with a valid chain and no
local contract of that eMAID it is Accepted, its status being that operator's to keep (its
revocation reaches the product through the CRLs imported for its CAs). An eMAID under the
product's own country and provider ID is never taken from a foreign root: CertChainError /
Invalid. Once the root is distrusted the chain no longer verifies: CertChainError / Invalid.

Nothing is cached: a revocation or a termination takes effect on the next authorization.
The `responderURL` in hash data is never fetched; the product answers from its own records,
read through the caller's session. The OCPP core asks for a station in the station's own
name, so there is no principal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from cryptography import x509
from sqlalchemy import select
from sqlalchemy.orm import Session

from iso15118.emaid import EmaidError, normalize_emaid, parse_emaid
from pki.authority import CertificateAuthority
from pki.db import CertificateRecord
from pki.errors import ValidationReason
from pki.issuance import serial_to_hex
from pki.ocsp import cert_id_for

from . import diagnostics
from .models import CONTRACT_PROFILES, Usability, usability
from .service import ContractService, emaid_or_none
from .trust import TrustView

HASH_NAMES = {"SHA256": "sha256", "SHA384": "sha384", "SHA512": "sha512"}


@dataclass(frozen=True)
class HashData:
    """OCPP OCSPRequestDataType / CertificateHashDataType (hex strings)."""

    hash_algorithm: str
    issuer_name_hash: str
    issuer_key_hash: str
    serial_number: str
    responder_url: str | None = None


@dataclass(frozen=True)
class AuthorizationDecision:
    certificate_status: str | None  # AuthorizeCertificateStatusEnumType; None: nothing checked
    id_token_status: str  # AuthorizationStatusEnumType
    detail: str


def _decision(cert_status: str | None, token_status: str, detail: str) -> AuthorizationDecision:
    return AuthorizationDecision(cert_status, token_status, detail)


class TokenOnly(StrEnum):
    """What an Authorize with a contract's eMAID and neither its certificate nor its hash data
    gets. Anyone can type an eMAID (it is printed on cards and shown in apps), while only the
    car holds the contract certificate's key, so by default such a request is refused."""

    REFUSE = "refuse"
    ACCEPT = "accept"


class PncAuthorizer:
    def __init__(
        self,
        ca: CertificateAuthority,
        trust: TrustView,
        contracts: ContractService,
        *,
        token_only: TokenOnly = TokenOnly.REFUSE,
    ) -> None:
        self._ca = ca
        self._trust = trust
        self._contracts = contracts
        self._token_only = token_only

    def authorize(
        self,
        session: Session,
        emaid: str,
        pem_chain: str | None = None,
        hash_data: list[HashData] | None = None,
        *,
        now: datetime | None = None,
    ) -> AuthorizationDecision:
        now = now or datetime.now(UTC)
        try:
            token = normalize_emaid(emaid)
        except EmaidError as exc:
            if pem_chain or hash_data:
                return _decision("CertChainError", "Invalid", str(exc))
            return _decision(None, "Invalid", str(exc))
        diagnostics.note(emaid=token)
        foreign_root: x509.Certificate | None = None
        if pem_chain:
            failure, anchor = self._check_chain(session, token, pem_chain, now)
            if anchor is not None and not self._trust.is_own_root(self._ca, anchor):
                foreign_root = anchor
        elif hash_data:
            with diagnostics.step("ocsp"):  # the hash data's status, from the own records
                failure = self._check_hash_data(session, token, hash_data, now)
        elif self._token_only is TokenOnly.REFUSE:
            if self._contracts.find_by_emaid(session, token) is None:
                return _decision(None, "Unknown", f"no contract with eMAID {token}")
            return _decision(
                None,
                "Invalid",
                f"contract {token} authorizes with its certificate or its OCSP hash data, "
                "not with its eMAID alone",
            )
        else:
            failure = None
        if failure is not None:
            return failure
        cert_status = "Accepted" if (pem_chain or hash_data) else None
        if foreign_root is not None and self._is_own_provider(token):
            # Another operator's root vouches for its own eMAIDs, never for the product's.
            return _decision(
                "CertChainError",
                "Invalid",
                f"{token} is under the product's own provider ID but certified under "
                f"{foreign_root.subject.rfc4514_string()}",
            )
        if foreign_root is not None and self._contracts.find_by_emaid(session, token) is None:
            return _decision(
                "Accepted",
                "Accepted",
                f"contract {token} of another mobility operator, under the trusted root "
                f"{foreign_root.subject.rfc4514_string()}",
            )
        contract_status, detail = self._token_status(session, token, now)
        if contract_status != "Accepted":
            return _decision("ContractCancelled" if cert_status else None, contract_status, detail)
        return _decision(cert_status, "Accepted", detail)

    def _is_own_provider(self, token: str) -> bool:
        emaid = parse_emaid(token)
        registry = self._contracts.registry
        return (emaid.country, emaid.provider) == (registry.country, registry.provider_id)

    # --- the certificate ----------------------------------------------------------------------

    def _check_chain(
        self, session: Session, token: str, pem_chain: str, now: datetime
    ) -> tuple[AuthorizationDecision | None, x509.Certificate | None]:
        """(the refusal, None) or (None, the trust anchor the chain ended at)."""
        try:
            certificates = x509.load_pem_x509_certificates(pem_chain.encode())
        except ValueError:
            return _decision("CertChainError", "Invalid", "the certificate chain is not PEM"), None
        if not certificates:
            return _decision("CertChainError", "Invalid", "the certificate chain is empty"), None
        leaf, subs = certificates[0], certificates[1:]
        if _cn_emaid(leaf) != token:
            return _decision(
                "CertChainError", "Invalid", f"the contract certificate's CN is not {token}"
            ), None
        validator = self._trust.contract_validator(session, self._ca)
        with diagnostics.step("chain"):
            result = validator.validate(leaf, subs, at=now)
        diagnostics.examine(validator, leaf, subs)
        if result.reason in (ValidationReason.EXPIRED, ValidationReason.NOT_YET_VALID):
            return _decision("CertificateExpired", "Expired", result.detail), None
        if result.reason is ValidationReason.REVOKED:
            return _decision("CertificateRevoked", "Invalid", result.detail), None
        if not result.ok:
            return _decision("CertChainError", "Invalid", result.detail), None
        return None, result.anchor

    def _check_hash_data(
        self, session: Session, token: str, hash_data: list[HashData], now: datetime
    ) -> AuthorizationDecision | None:
        """Hash data can only be checked for certificates the product issued: each entry must
        name one of them (issuer hashes included); the first entry is the contract leaf."""
        for position, entry in enumerate(hash_data):
            record = self._record_for(session, entry)
            if record is None:
                return _decision(
                    "CertChainError",
                    "Invalid",
                    f"hash data entry {position} names no known certificate",
                )
            if position == 0 and (
                record.profile not in CONTRACT_PROFILES or record.subject_cn != token
            ):
                return _decision(
                    "CertChainError",
                    "Invalid",
                    f"the first certificate is not {token}'s contract certificate",
                )
            if record.revoked_at is not None:
                return _decision("CertificateRevoked", "Invalid", f"{record.serial_hex} is revoked")
            if record.not_after < now or record.not_before > now:
                return _decision(
                    "CertificateExpired", "Expired", f"{record.serial_hex} is not valid now"
                )
        return None

    def _record_for(self, session: Session, entry: HashData) -> CertificateRecord | None:
        hash_name = HASH_NAMES.get(entry.hash_algorithm.upper())
        if hash_name is None:
            return None
        try:
            serial = int(entry.serial_number, 16)
        except ValueError:
            return None
        record = session.scalar(
            select(CertificateRecord).where(
                CertificateRecord.serial_hex == serial_to_hex(serial),
                CertificateRecord.status == "issued",
            )
        )
        if record is None or record.issuer_ca is None or record.der is None:
            return None
        issuer = self._ca.authority(record.issuer_ca).certificate
        cert_id = cert_id_for(x509.load_der_x509_certificate(record.der), issuer, hash_name)
        if (
            cert_id.issuer_name_hash.hex() != entry.issuer_name_hash.lower()
            or cert_id.issuer_key_hash.hex() != entry.issuer_key_hash.lower()
        ):
            return None
        return record

    # --- the contract -------------------------------------------------------------------------

    def _token_status(self, session: Session, token: str, now: datetime) -> tuple[str, str]:
        contract = self._contracts.find_by_emaid(session, token)
        if contract is None:
            return "Unknown", f"no contract with eMAID {token}"
        state = usability(contract, now)
        if state is Usability.SUSPENDED:
            return "Blocked", f"contract {token} is suspended"
        if state is Usability.TERMINATED:
            return "Invalid", f"contract {token} is terminated"
        if state is Usability.ENDED:
            return "Expired", f"contract {token} ended {contract.valid_until.isoformat()}"
        return "Accepted", f"contract {token} is active"


def _cn_emaid(certificate: x509.Certificate) -> str | None:
    """The eMAID the contract certificate's CN names, normalised; None if it names none."""
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return emaid_or_none(str(names[0].value)) if names else None
