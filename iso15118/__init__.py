"""ISO 15118 EXI codec and XML-signature helpers for the Plug & Charge back end.

Public API (everything else is internal):

- decode_v2g_message(data) / encode_v2g_message(message): -2 V2G_Message bytes <-> typed model
- decode_iso20_message(data) / encode_iso20_message(message): -20 CommonMessages bytes <->
  typed model (CertificateInstallationReq20/Res20; GenericBody for the other messages)
- decode_exi(data, schema) / encode_exi(tree, schema): any message as the codec's tree
- encode_fragment(name, content, schema): EXI fragment of one element (what gets signed)
- fragment_digest, build_signed_info, sign_signed_info, build_signature, verify_signature
- sign_signed_info_with / build_signature_with: the same through a `sign(data) -> DER` callable
- ExiDecodeError (with .bit_position), ExiEncodeError, SignatureError
"""

from __future__ import annotations

from typing import Any

from iso15118.exi.codec import UntypedValue
from iso15118.exi.errors import ExiDecodeError, ExiEncodeError, ExiError
from iso15118.exi.schemas import ISO2_NAMESPACE, ISO20_NAMESPACE, codec
from iso15118.messages import (
    PRIVATE_KEY_ELEMENTS,
    CertificateChain,
    CertificateInstallationReq20,
    CertificateInstallationRes20,
    GenericBody,
    Message20,
    MessageHeader20,
    RootCertificateID,
    SignedInstallationData20,
    V2GMessage,
    message20_from_tree,
    message20_to_tree,
)
from iso15118.xmldsig import (
    SignatureError,
    build_signature,
    build_signature_with,
    build_signed_info,
    encode_fragment,
    fragment_digest,
    sign_signed_info,
    sign_signed_info_with,
    verify_signature,
)


def decode_exi(data: bytes, schema: str = "iso-2", fragment: bool = False) -> dict[str, Any]:
    """Decodes an EXI document (or fragment) of `schema` ("iso-2", "iso-20", "xmldsig")."""
    return codec(schema).decode(bytes(data), fragment=fragment)


def encode_exi(tree: dict[str, Any], schema: str = "iso-2", fragment: bool = False) -> bytes:
    return codec(schema).encode(tree, fragment=fragment)


def decode_v2g_message(data: bytes) -> V2GMessage:
    """An ISO 15118-2 V2G_Message (without V2GTP header) as a typed model."""
    tree = decode_exi(data, "iso-2")
    if "V2G_Message" not in tree:
        raise ExiDecodeError(f"root element is {next(iter(tree))}, not V2G_Message", 8)
    return V2GMessage.from_tree(tree)


def encode_v2g_message(message: V2GMessage) -> bytes:
    return encode_exi(message.to_tree(), "iso-2")


def decode_iso20_message(data: bytes) -> Message20:
    """An ISO 15118-20 CommonMessages document (without V2GTP header) as a typed model."""
    return message20_from_tree(decode_exi(data, "iso-20"))


def encode_iso20_message(message: Message20) -> bytes:
    return encode_exi(message20_to_tree(message), "iso-20")


__all__ = [
    "ISO2_NAMESPACE",
    "ISO20_NAMESPACE",
    "PRIVATE_KEY_ELEMENTS",
    "CertificateChain",
    "CertificateInstallationReq20",
    "CertificateInstallationRes20",
    "ExiDecodeError",
    "ExiEncodeError",
    "ExiError",
    "GenericBody",
    "Message20",
    "MessageHeader20",
    "RootCertificateID",
    "SignatureError",
    "SignedInstallationData20",
    "UntypedValue",
    "V2GMessage",
    "build_signature",
    "build_signature_with",
    "build_signed_info",
    "decode_exi",
    "decode_iso20_message",
    "decode_v2g_message",
    "encode_exi",
    "encode_fragment",
    "encode_iso20_message",
    "encode_v2g_message",
    "fragment_digest",
    "sign_signed_info",
    "sign_signed_info_with",
    "verify_signature",
]
