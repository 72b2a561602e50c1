"""Building, signing and verifying a CertificateInstallationRes with our helpers."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from iso15118 import (
    SignatureError,
    build_signature,
    decode_v2g_message,
    encode_v2g_message,
    verify_signature,
)
from iso15118.messages import (
    CertificateChain,
    CertificateInstallationRes,
    Header,
    IdentifiedValue,
    Signature,
    V2GMessage,
)


def _response() -> V2GMessage:
    body = CertificateInstallationRes(
        response_code="OK",
        sa_provisioning_certificate_chain=CertificateChain(os.urandom(500), [os.urandom(600)]),
        contract_signature_cert_chain=CertificateChain(os.urandom(700), [os.urandom(800)], "ID1"),
        contract_signature_encrypted_private_key=IdentifiedValue("ID2", os.urandom(48)),
        dh_public_key=IdentifiedValue("ID3", b"\x04" + os.urandom(64)),
        emaid=IdentifiedValue("ID4", "DEABCC1234567X"),
    )
    return V2GMessage(Header(session_id=os.urandom(8)), body)


def test_signed_response_round_trips_and_verifies() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    message = _response()
    signature = build_signature(message.signed_elements(), key)
    assert len(signature["SignatureValue"]["value"]) == 64
    assert [r["URI"] for r in signature["SignedInfo"]["Reference"]] == [
        "#ID1",
        "#ID2",
        "#ID3",
        "#ID4",
    ]
    message.header.signature = Signature.from_tree(signature)
    decoded = decode_v2g_message(encode_v2g_message(message))
    assert decoded == message
    assert decoded.header.signature is not None
    verify_signature(
        decoded.header.signature.to_tree(), decoded.signed_elements(), key.public_key()
    )


def test_signature_by_another_key_is_rejected() -> None:
    message = _response()
    signature = build_signature(message.signed_elements(), ec.generate_private_key(ec.SECP256R1()))
    other = ec.generate_private_key(ec.SECP256R1()).public_key()
    with pytest.raises(SignatureError, match="does not verify"):
        verify_signature(signature, message.signed_elements(), other)
