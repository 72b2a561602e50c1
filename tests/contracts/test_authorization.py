"""The Plug & Charge authorization decision (OCPP 2.0.1 C07, table in plug-and-charge.md §5).

Hash data is computed here from first principles (RFC 6960 CertID with hashlib over the
issuer's DER name and key bits), not with the product's own helper."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from contracts import AuthorizationDecision, HashData
from contracts.authorization import PncAuthorizer, TokenOnly
from iso15118.emaid import check_character
from pki.authority import pem_of
from tests.contracts.conftest import OPERATOR, Pnc, car
from tests.pki.foreign import make_foreign_pki

pytestmark = pytest.mark.postgres


def _issue(pnc: Pnc, emaid: str | None = None) -> tuple[x509.Certificate, list[x509.Certificate]]:
    """A contract certificate as the CPS records it (issued by mo-sub2, CN = eMAID)."""
    emaid = emaid or pnc.emaid
    service = pnc.domain.service
    with pnc.product.session_factory.begin() as session:
        issued = pnc.product.ca.issue_for_key(
            session,
            ec.generate_private_key(ec.SECP256R1()).public_key(),
            "contract",
            common_name=emaid,
            actor="test",
        )
        contract = service.find_by_emaid(session, emaid)
        if contract is not None:
            service.record_certificate(
                session,
                contract,
                serial_hex=issued.serial_hex,
                pcid=pnc.pcid,
                action="install",
                schema="iso-2",
                not_after=issued.certificate.not_valid_after_utc,
                escrowed_key=None,
                actor="test",
            )
    return issued.certificate, list(issued.chain)


def _hash_data(cert: x509.Certificate, issuer: x509.Certificate) -> HashData:
    key_bits = issuer.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return HashData(
        "SHA256",
        hashlib.sha256(issuer.subject.public_bytes()).hexdigest().upper(),
        hashlib.sha256(key_bits).hexdigest(),
        format(cert.serial_number, "x"),
        "http://responder.example/ocsp",
    )


def _authorize(pnc: Pnc, emaid: str, *args: Any, **kwargs: Any) -> AuthorizationDecision:
    with pnc.product.session_factory() as session:  # reads only, as the OCPP core asks
        return pnc.domain.authorizer.authorize(session, emaid, *args, **kwargs)


def _decide(pnc: Pnc, emaid: str, **kwargs: Any) -> tuple[str | None, str]:
    decision = _authorize(pnc, emaid, **kwargs)
    return decision.certificate_status, decision.id_token_status


def test_valid_chain_and_active_contract_are_accepted(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    assert _decide(pnc, pnc.emaid, pem_chain=pem_of([leaf, *chain])) == ("Accepted", "Accepted")
    # hyphenated, lower-case eMAID as a station may send it
    hyphenated = f"{pnc.emaid[:2]}-{pnc.emaid[2:5]}-{pnc.emaid[5:14]}-{pnc.emaid[14]}".lower()
    assert _decide(pnc, hyphenated, pem_chain=pem_of([leaf, *chain]))[0] == "Accepted"


def test_termination_takes_effect_on_the_next_authorization(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    pem = pem_of([leaf, *chain])
    hashes = [_hash_data(leaf, chain[0]), _hash_data(chain[0], chain[1])]
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("Accepted", "Accepted")
    assert _decide(pnc, pnc.emaid, hash_data=hashes) == ("Accepted", "Accepted")
    pnc.operate("terminate")
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("CertificateRevoked", "Invalid")
    assert _decide(pnc, pnc.emaid, hash_data=hashes) == ("CertificateRevoked", "Invalid")


def test_revocation_takes_effect_on_the_next_authorization(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    pem = pem_of([leaf, *chain])
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("Accepted", "Accepted")
    with pnc.product.session_factory.begin() as session:
        pnc.product.ca.revoke(session, leaf.serial_number, reason="keyCompromise", actor="ops")
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("CertificateRevoked", "Invalid")
    assert _decide(pnc, pnc.emaid, hash_data=[_hash_data(leaf, chain[0])]) == (
        "CertificateRevoked",
        "Invalid",
    )


def test_blocked_or_unknown_contract_with_a_valid_chain_is_contract_cancelled(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    pem = pem_of([leaf, *chain])
    pnc.operate("suspend")
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("ContractCancelled", "Blocked")
    pnc.operate("resume")
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("Accepted", "Accepted")
    # A genuine contract certificate whose eMAID has no contract here.
    stranger = "UZUPCC00000000" + check_character("UZUPCC00000000")
    leaf2, chain2 = _issue(pnc, stranger)
    assert _decide(pnc, stranger, pem_chain=pem_of([leaf2, *chain2])) == (
        "ContractCancelled",
        "Unknown",
    )


def test_expired_chain(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    later = leaf.not_valid_after_utc + timedelta(days=1)
    decision = _authorize(pnc, pnc.emaid, pem_of([leaf, *chain]), now=later)
    assert (decision.certificate_status, decision.id_token_status) == (
        "CertificateExpired",
        "Expired",
    )


def test_chain_not_verifiable(pnc: Pnc, tmp_path: Path) -> None:
    # An openssl-made PKI nobody imported, leaf CN = the eMAID.
    foreign = make_foreign_pki(tmp_path / "mo", name="MO", leaf_cn=pnc.emaid)
    pem = (foreign.pem("leaf", "sub2", "sub1")).decode()
    assert _decide(pnc, pnc.emaid, pem_chain=pem) == ("CertChainError", "Invalid")
    assert _decide(pnc, pnc.emaid, pem_chain="not a certificate") == ("CertChainError", "Invalid")
    assert _decide(pnc, pnc.emaid, hash_data=[_hash_data(foreign.leaf, foreign.sub2)]) == (
        "CertChainError",
        "Invalid",
    )


def test_emaid_must_be_the_contract_certificates_cn(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    with pnc.product.session_factory.begin() as session:
        other = pnc.domain.service.create(session, OPERATOR, owner="mallory", pcid=car(1)).emaid
    assert _decide(pnc, other, pem_chain=pem_of([leaf, *chain])) == ("CertChainError", "Invalid")
    assert _decide(pnc, other, hash_data=[_hash_data(leaf, chain[0])]) == (
        "CertChainError",
        "Invalid",
    )


def test_hash_data_with_wrong_issuer_hash_is_not_verifiable(pnc: Pnc) -> None:
    leaf, chain = _issue(pnc)
    good = _hash_data(leaf, chain[0])
    wrong = HashData(good.hash_algorithm, "00" * 32, good.issuer_key_hash, good.serial_number)
    assert _decide(pnc, pnc.emaid, hash_data=[wrong]) == ("CertChainError", "Invalid")


def test_token_only_authorize_is_refused_by_default(pnc: Pnc) -> None:
    """Issue 12: an Authorize with only a contract's eMAID (no certificate, no OCSP hash data)
    is refused unless the operator's policy accepts it: anyone can type an eMAID, only the car
    holds the certificate's key. Fails on the code before issue 12, which accepted it."""
    assert _decide(pnc, pnc.emaid) == (None, "Invalid")
    assert _decide(pnc, "UZUPCC99999999") == (None, "Unknown")  # no such contract
    leaf, chain = _issue(pnc)  # with its certificate, the same contract is accepted
    assert _decide(pnc, pnc.emaid, pem_chain=pem_of([leaf, *chain])) == ("Accepted", "Accepted")


def test_token_only_decision_without_certificate(pnc: Pnc) -> None:
    """Under the policy that accepts eMAID-only Authorize (CSMS_PNC_EMAID_ONLY_AUTHORIZE)."""
    authorizer = pnc.domain.authorizer
    pnc.domain.authorizer = PncAuthorizer(
        pnc.product.ca, pnc.domain.trust_view, pnc.domain.service, token_only=TokenOnly.ACCEPT
    )
    assert authorizer is not pnc.domain.authorizer
    assert _decide(pnc, pnc.emaid) == (None, "Accepted")
    assert _decide(pnc, "not an emaid") == (None, "Invalid")
    with pnc.product.session_factory() as session:
        contract = pnc.domain.service.get(session, OPERATOR, pnc.emaid)
    after_end = contract.valid_until + timedelta(seconds=1)
    decision = _authorize(pnc, pnc.emaid, now=after_end)
    assert decision.id_token_status == "Expired"
    assert datetime.now(UTC) < contract.valid_until
