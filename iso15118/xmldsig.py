"""XML signatures as ISO 15118 uses them over EXI (the -2 xmldsig profile, also in -20).

DigestValue = SHA-256 over the signed element encoded as an EXI fragment of the message
schema (header byte included). SignatureValue = ECDSA over the SignedInfo element encoded
as an EXI fragment of the xmldsig schema, as raw r||s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

from iso15118.exi.schemas import codec

CANONICAL_EXI = "http://www.w3.org/TR/canonical-exi/"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"


class SignatureError(Exception):
    """A signature or one of its reference digests does not verify."""


def encode_fragment(name: str, content: Any, schema: str = "iso-2") -> bytes:
    """The EXI fragment (header byte 0x80 included) of one element of `schema`."""
    return codec(schema).encode({name: content}, fragment=True)


def fragment_digest(name: str, content: Any, schema: str = "iso-2") -> bytes:
    return hashlib.sha256(encode_fragment(name, content, schema)).digest()


def build_signed_info(digests: Mapping[str, bytes]) -> dict[str, Any]:
    """SignedInfo with one Reference per signed element Id, in the given order."""
    return {
        "CanonicalizationMethod": {"Algorithm": CANONICAL_EXI},
        "SignatureMethod": {"Algorithm": ECDSA_SHA256},
        "Reference": [
            {
                "URI": f"#{element_id}",
                "Transforms": {"Transform": [{"Algorithm": CANONICAL_EXI}]},
                "DigestMethod": {"Algorithm": SHA256},
                "DigestValue": digest,
            }
            for element_id, digest in digests.items()
        ],
    }


def _curve_bytes(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> int:
    return (key.curve.key_size + 7) // 8


def _hash_for(key: ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) -> hashes.HashAlgorithm:
    # -2 and -20 with secp256r1 sign with SHA-256; -20's secp521r1 uses SHA-512.
    return hashes.SHA512() if key.curve.key_size > 384 else hashes.SHA256()


def sign_signed_info(signed_info: dict[str, Any], key: ec.EllipticCurvePrivateKey) -> bytes:
    """ECDSA over SignedInfo's xmldsig EXI fragment, as raw r||s (64 bytes for P-256)."""
    der = key.sign(encode_fragment("SignedInfo", signed_info, "xmldsig"), ec.ECDSA(_hash_for(key)))
    r, s = utils.decode_dss_signature(der)
    size = _curve_bytes(key)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def build_signature(
    signed_elements: Mapping[str, tuple[str, Any]],
    key: ec.EllipticCurvePrivateKey,
    schema: str = "iso-2",
) -> dict[str, Any]:
    """A complete header Signature over {Id: (element name, element content)}."""
    digests = {
        element_id: fragment_digest(name, content, schema)
        for element_id, (name, content) in signed_elements.items()
    }
    signed_info = build_signed_info(digests)
    return {
        "SignedInfo": signed_info,
        "SignatureValue": {"value": sign_signed_info(signed_info, key)},
    }


# Signing through a callable: a CA key store (pki.keystore.Signer) never hands out its key,
# it only returns a DER ECDSA-Sig-Value over the data it is given.
DerSigner = Callable[[bytes], bytes]


def sign_signed_info_with(signed_info: dict[str, Any], sign: DerSigner, size: int) -> bytes:
    """Like sign_signed_info, with `sign(data) -> DER signature`; `size` = curve bytes
    (32 for P-256, 66 for P-521). The hash is the signer's (SHA-256 for -2)."""
    der = sign(encode_fragment("SignedInfo", signed_info, "xmldsig"))
    r, s = utils.decode_dss_signature(der)
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def build_signature_with(
    signed_elements: Mapping[str, tuple[str, Any]],
    sign: DerSigner,
    size: int,
    schema: str = "iso-2",
) -> dict[str, Any]:
    """build_signature for a key held behind a signing callable."""
    digests = {
        element_id: fragment_digest(name, content, schema)
        for element_id, (name, content) in signed_elements.items()
    }
    signed_info = build_signed_info(digests)
    return {
        "SignedInfo": signed_info,
        "SignatureValue": {"value": sign_signed_info_with(signed_info, sign, size)},
    }


def verify_signature(
    signature: dict[str, Any],
    signed_elements: Mapping[str, tuple[str, Any]],
    public_key: ec.EllipticCurvePublicKey,
    schema: str = "iso-2",
) -> None:
    """Checks every Reference digest against the elements with that Id and the signature
    value over SignedInfo; raises SignatureError naming what does not verify."""
    signed_info = signature["SignedInfo"]
    references = signed_info.get("Reference", [])
    if not references:
        raise SignatureError("SignedInfo has no Reference")
    for reference in references:
        element_id = reference.get("URI", "").removeprefix("#")
        if element_id not in signed_elements:
            raise SignatureError(f"no signed element with Id {element_id!r}")
        name, content = signed_elements[element_id]
        if fragment_digest(name, content, schema) != reference.get("DigestValue"):
            raise SignatureError(f"digest of {name} (Id {element_id}) does not match")
    raw = signature["SignatureValue"]["value"]
    size = _curve_bytes(public_key)
    if len(raw) != 2 * size:
        raise SignatureError(f"SignatureValue must be {2 * size} bytes, got {len(raw)}")
    der = utils.encode_dss_signature(
        int.from_bytes(raw[:size], "big"), int.from_bytes(raw[size:], "big")
    )
    try:
        public_key.verify(
            der,
            encode_fragment("SignedInfo", signed_info, "xmldsig"),
            ec.ECDSA(_hash_for(public_key)),
        )
    except InvalidSignature as exc:
        raise SignatureError("SignatureValue does not verify over SignedInfo") from exc


def signed_elements_of(body: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """{Id: (name, content)} for a body message and its direct children that carry an Id."""
    found: dict[str, tuple[str, Any]] = {}
    for message_name, message in body.items():
        if isinstance(message, dict):
            if "Id" in message:
                found[message["Id"]] = (message_name, message)
            for child_name, child in message.items():
                if isinstance(child, dict) and "Id" in child:
                    found[child["Id"]] = (child_name, child)
    return found
