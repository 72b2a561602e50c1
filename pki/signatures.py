"""Signature verification over the key types the PKI meets, answering yes or no."""

from __future__ import annotations

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes

_ECDSA: dict[str, ec.ECDSA] = {}  # one immutable scheme object per hash, made on first use


def verify_signature(
    public_key: PublicKeyTypes,
    signature: bytes,
    data: bytes,
    hash_algorithm: hashes.HashAlgorithm | None,
) -> bool:
    try:
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            if hash_algorithm is None:
                return False
            scheme = _ECDSA.get(hash_algorithm.name)
            if scheme is None:
                scheme = _ECDSA.setdefault(hash_algorithm.name, ec.ECDSA(hash_algorithm))
            public_key.verify(signature, data, scheme)
        elif isinstance(public_key, ed448.Ed448PublicKey | ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
        elif isinstance(public_key, rsa.RSAPublicKey):
            if hash_algorithm is None:
                return False
            public_key.verify(signature, data, padding.PKCS1v15(), hash_algorithm)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
