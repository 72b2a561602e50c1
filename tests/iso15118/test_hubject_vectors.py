"""Hubject's real ISO 15118-2 certificate installation exchange (see vectors/.../README.md)."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography import x509

from iso15118 import (
    SignatureError,
    decode_exi,
    decode_v2g_message,
    encode_exi,
    encode_v2g_message,
    fragment_digest,
    verify_signature,
)
from iso15118.messages import CertificateInstallationReq, CertificateInstallationRes

VECTORS = Path(__file__).parent / "vectors" / "hubject-opcp"


def load(name: str) -> bytes:
    return base64.b64decode((VECTORS / f"{name}.exi.b64").read_text())


@pytest.mark.parametrize("name", ["CertificateInstallationReq", "CertificateInstallationRes"])
def test_reencodes_byte_identically(name: str) -> None:
    data = load(name)
    assert encode_exi(decode_exi(data)) == data
    assert encode_v2g_message(decode_v2g_message(data)) == data


def test_request_content() -> None:
    message = decode_v2g_message(load("CertificateInstallationReq"))
    body = message.body
    assert isinstance(body, CertificateInstallationReq)
    assert message.header.session_id == bytes.fromhex("69FC09895168C8B2")
    cert = x509.load_der_x509_certificate(body.oem_provisioning_cert)
    common_name = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    assert common_name == "hubjectopenpnc0001"
    assert [(r.issuer_name, r.serial_number) for r in body.root_certificate_ids] == [
        ("DC=V2G,C=DE,O=RISE V2G Project,CN=V2GRootCA", 12345)
    ]


def test_response_content() -> None:
    message = decode_v2g_message(load("CertificateInstallationRes"))
    body = message.body
    assert isinstance(body, CertificateInstallationRes)
    assert body.response_code == "OK"
    assert body.emaid.value == "EMP99CQAPAB004"
    assert len(body.contract_signature_encrypted_private_key.value) == 48
    assert len(body.dh_public_key.value) == 65


def _verify(name: str, signer_cert_der: bytes) -> None:
    message = decode_v2g_message(load(name))
    assert message.header.signature is not None
    public_key = x509.load_der_x509_certificate(signer_cert_der).public_key()
    verify_signature(message.header.signature.to_tree(), message.signed_elements(), public_key)  # type: ignore[arg-type]


def test_request_signature_verifies() -> None:
    body = decode_v2g_message(load("CertificateInstallationReq")).body
    assert isinstance(body, CertificateInstallationReq)
    _verify("CertificateInstallationReq", body.oem_provisioning_cert)


def test_response_signature_and_all_four_digests_verify() -> None:
    message = decode_v2g_message(load("CertificateInstallationRes"))
    body = message.body
    assert isinstance(body, CertificateInstallationRes)
    assert message.header.signature is not None
    references = {r.uri: r.digest_value for r in message.header.signature.signed_info.references}
    assert len(references) == 4
    for element_id, (name, content) in message.signed_elements().items():
        assert fragment_digest(name, content) == references[f"#{element_id}"], name
    _verify("CertificateInstallationRes", body.sa_provisioning_certificate_chain.certificate)


def test_tampered_response_is_rejected() -> None:
    message = decode_v2g_message(load("CertificateInstallationRes"))
    body = message.body
    assert isinstance(body, CertificateInstallationRes) and message.header.signature
    body.emaid.value = "EMP99CQAPAB005"
    key = x509.load_der_x509_certificate(body.sa_provisioning_certificate_chain.certificate)
    with pytest.raises(SignatureError, match="eMAID"):
        verify_signature(
            message.header.signature.to_tree(),
            message.signed_elements(),
            key.public_key(),  # type: ignore[arg-type]
        )
