"""Encrypting a freshly made contract private key to the car (ISO 15118-2 [V2G2-818] ff.).

-2: ephemeral secp256r1 key; Z = x-coordinate of ECDH(ephemeral, car's key); AES key =
SP 800-56A concatenation KDF with SHA-256, 16 bytes, OtherInfo = 0x01 'U' 'V'; plaintext =
the contract private scalar as 32 big-endian bytes; AES-128-CBC without padding under a random
16-byte IV. On the wire: IV || ciphertext (48 bytes) and the ephemeral public key 04||X||Y
(65 bytes). Checked against Josev's `decrypt_priv_key` in tests/contracts.

-20 (secp521r1, AES-256-GCM): the message layout (IV 12 || CT 66 || tag 16 = 94 bytes, AAD =
PCID || contract certificate SKI in upper-case hex) is public; the KDF is NOT: no public source
confirmed it. We use the -2 construction scaled up (concatenation KDF, SHA-512, 32 bytes, the
same OtherInfo). `KDF_20_CONFIRMED = False` says so; tests carry "unverified" in their names.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.concatkdf import ConcatKDFHash

OTHER_INFO = bytes([0x01, 0x55, 0x56])  # AlgorithmID 0x01, PartyUInfo 'U', PartyVInfo 'V'
KDF_20_CONFIRMED = False


class ContractKeyError(ValueError):
    """The car's key cannot take part in the key agreement (wrong curve or type)."""


@dataclass(frozen=True)
class EncryptedContractKey:
    encrypted: bytes  # -2: IV 16 || CT 32; -20: IV 12 || CT 66 || tag 16
    dh_public_key: bytes  # the ephemeral public key, uncompressed point


def _uncompressed(key: ec.EllipticCurvePublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _shared_secret(
    car_key: ec.EllipticCurvePublicKey, curve: ec.EllipticCurve
) -> tuple[bytes, ec.EllipticCurvePrivateKey]:
    if not isinstance(car_key, ec.EllipticCurvePublicKey) or car_key.curve.name != curve.name:
        raise ContractKeyError(f"the car's key must be an EC key on {curve.name}")
    ephemeral = ec.generate_private_key(curve)
    return ephemeral.exchange(ec.ECDH(), car_key), ephemeral


def derive_key_iso2(shared_secret: bytes) -> bytes:
    return ConcatKDFHash(hashes.SHA256(), 16, OTHER_INFO).derive(shared_secret)


def derive_key_iso20(shared_secret: bytes) -> bytes:
    """UNVERIFIED: see the module docstring."""
    return ConcatKDFHash(hashes.SHA512(), 32, OTHER_INFO).derive(shared_secret)


def encrypt_contract_key_iso2(
    contract_key: ec.EllipticCurvePrivateKey, car_key: ec.EllipticCurvePublicKey
) -> EncryptedContractKey:
    shared, ephemeral = _shared_secret(car_key, ec.SECP256R1())
    iv = os.urandom(16)
    scalar = contract_key.private_numbers().private_value.to_bytes(32, "big")
    encryptor = Cipher(algorithms.AES(derive_key_iso2(shared)), modes.CBC(iv)).encryptor()
    ciphertext = encryptor.update(scalar) + encryptor.finalize()
    return EncryptedContractKey(iv + ciphertext, _uncompressed(ephemeral.public_key()))


def decrypt_contract_key_iso2(
    encrypted: bytes, dh_public_key: bytes, car_private_key: ec.EllipticCurvePrivateKey
) -> ec.EllipticCurvePrivateKey:
    """The car's side (for tests and tools): the contract private key back."""
    peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), dh_public_key)
    key = derive_key_iso2(car_private_key.exchange(ec.ECDH(), peer))
    decryptor = Cipher(algorithms.AES(key), modes.CBC(encrypted[:16])).decryptor()
    scalar = decryptor.update(encrypted[16:]) + decryptor.finalize()
    return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())


def encrypt_contract_key_iso20(
    contract_key: ec.EllipticCurvePrivateKey,
    car_key: ec.EllipticCurvePublicKey,
    associated_data: bytes,
) -> EncryptedContractKey:
    """secp521r1 + AES-256-GCM; `associated_data` = PCID || contract cert SKI (hex, upper)."""
    shared, ephemeral = _shared_secret(car_key, ec.SECP521R1())
    iv = os.urandom(12)
    scalar = contract_key.private_numbers().private_value.to_bytes(66, "big")
    sealed = AESGCM(derive_key_iso20(shared)).encrypt(iv, scalar, associated_data)
    return EncryptedContractKey(iv + sealed, _uncompressed(ephemeral.public_key()))


def decrypt_contract_key_iso20(
    encrypted: bytes,
    dh_public_key: bytes,
    car_private_key: ec.EllipticCurvePrivateKey,
    associated_data: bytes,
) -> ec.EllipticCurvePrivateKey:
    peer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP521R1(), dh_public_key)
    key = derive_key_iso20(car_private_key.exchange(ec.ECDH(), peer))
    scalar = AESGCM(key).decrypt(encrypted[:12], encrypted[12:], associated_data)
    return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP521R1())
