"""Typed ISO 15118-20 CertificateInstallationReq/Res: round trips and signatures."""

from __future__ import annotations

import random

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from iso15118 import (
    CertificateChain,
    CertificateInstallationReq20,
    CertificateInstallationRes20,
    GenericBody,
    MessageHeader20,
    RootCertificateID,
    SignedInstallationData20,
    build_signature,
    decode_exi,
    decode_iso20_message,
    encode_exi,
    encode_iso20_message,
    verify_signature,
)
from iso15118.exi.schemas import codec, grammar
from tests.iso15118.random_messages import RandomMessages, make_certificates

TYPED = {
    "CertificateInstallationReq": CertificateInstallationReq20,
    "CertificateInstallationRes": CertificateInstallationRes20,
}


@pytest.mark.parametrize("name", sorted(TYPED))
def test_random_messages_round_trip_through_the_typed_model(name: str) -> None:
    """Random schema walks (optional parts present and absent, facet-limit lengths, empty
    values): bytes -> typed model -> bytes is the identity, and the model's tree is the
    codec's tree."""
    rng = random.Random(f"typed-20-{name}")
    generator = RandomMessages(grammar("iso-20"), rng, make_certificates(4, rng))
    json_codec = codec("iso-20", json_text=True)
    for _ in range(300):
        data = json_codec.encode(generator.document(name))
        message = decode_iso20_message(data)
        assert isinstance(message, TYPED[name])
        assert encode_iso20_message(message) == data
        assert {name: message.to_tree()} == decode_exi(data, "iso-20")


def _response(key_id: str = "ID1") -> CertificateInstallationRes20:
    chain = CertificateChain(b"\x30\x82" + bytes(300), [b"\x30\x82" + bytes(200)])
    return CertificateInstallationRes20(
        header=MessageHeader20(
            session_id=bytes.fromhex("0102030405060708"), timestamp=1_700_000_000
        ),
        response_code="OK",
        evse_processing="Finished",
        cps_certificate_chain=CertificateChain(b"\x30\x82" + bytes(100)),
        signed_installation_data=SignedInstallationData20(
            id=key_id,
            contract_certificate_chain=chain,
            ecdh_curve="SECP521",
            dh_public_key=bytes(133),
            encrypted_private_key=bytes(94),
        ),
        remaining_contract_certificate_chains=0,
    )


def test_signed_installation_data_signature_round_trip() -> None:
    key = ec.generate_private_key(ec.SECP521R1())
    response = _response()
    signed = response.signed_elements()
    assert list(signed) == ["ID1"]
    assert signed["ID1"][0] == "SignedInstallationData"
    response.header.signature = build_signature(signed, key, schema="iso-20")
    data = encode_iso20_message(response)
    decoded = decode_iso20_message(data)
    assert decoded == response
    assert encode_iso20_message(decoded) == data
    assert isinstance(decoded, CertificateInstallationRes20) and decoded.header.signature
    verify_signature(
        decoded.header.signature, decoded.signed_elements(), key.public_key(), "iso-20"
    )


def test_request_with_and_without_optional_parts() -> None:
    chain = CertificateChain(b"\x30\x01\x00", id="OEM1")
    for emaids in (None, ["DEABC1234567890"], ["E" * 255] * 8):
        request = CertificateInstallationReq20(
            header=MessageHeader20(session_id=b"\x00" * 8, timestamp=0),
            oem_provisioning_certificate_chain=chain,
            root_certificate_ids=[RootCertificateID("CN=V2G Root", 2**64)],
            maximum_contract_certificate_chains=255,
            prioritized_emaids=emaids,
        )
        data = encode_iso20_message(request)
        assert decode_iso20_message(data) == request
        assert list(request.signed_elements()) == ["OEM1"]


def test_other_messages_stay_generic() -> None:
    tree = decode_exi(
        encode_exi(
            {
                "SessionStopReq": {
                    "Header": {"SessionID": bytes(8), "TimeStamp": 1},
                    "ChargingSession": "Terminate",
                }
            },
            "iso-20",
        ),
        "iso-20",
    )
    message = decode_iso20_message(encode_exi(tree, "iso-20"))
    assert message == GenericBody("SessionStopReq", tree["SessionStopReq"])
    assert encode_iso20_message(message) == encode_exi(tree, "iso-20")


def test_private_key_element_is_checked() -> None:
    response = _response()
    response.signed_installation_data.private_key_element = "RSA_EncryptedPrivateKey"
    with pytest.raises(ValueError, match="private_key_element"):
        response.to_tree()
