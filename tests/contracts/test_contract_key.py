"""Contract private key encryption. The -2 construction is checked against Josev's
`decrypt_priv_key` in test_josev_interop.py; here: its fixed sizes, and the -20 variant,
whose KDF no public source confirmed (hence "unverified" in the names)."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric import ec

from iso15118.contract_key import (
    KDF_20_CONFIRMED,
    ContractKeyError,
    decrypt_contract_key_iso2,
    decrypt_contract_key_iso20,
    encrypt_contract_key_iso2,
    encrypt_contract_key_iso20,
)


def test_iso2_sizes_and_round_trip() -> None:
    car = ec.generate_private_key(ec.SECP256R1())
    contract = ec.generate_private_key(ec.SECP256R1())
    sealed = encrypt_contract_key_iso2(contract, car.public_key())
    assert len(sealed.encrypted) == 48 and len(sealed.dh_public_key) == 65
    assert sealed.dh_public_key[0] == 0x04
    opened = decrypt_contract_key_iso2(sealed.encrypted, sealed.dh_public_key, car)
    assert opened.private_numbers() == contract.private_numbers()
    again = encrypt_contract_key_iso2(contract, car.public_key())
    assert again.encrypted != sealed.encrypted  # fresh ephemeral key and IV every time


def test_iso2_refuses_a_car_key_on_another_curve() -> None:
    with pytest.raises(ContractKeyError):
        encrypt_contract_key_iso2(
            ec.generate_private_key(ec.SECP256R1()),
            ec.generate_private_key(ec.SECP384R1()).public_key(),
        )


def test_iso20_unverified_kdf_sizes_round_trip_and_aad_binding() -> None:
    assert KDF_20_CONFIRMED is False
    car = ec.generate_private_key(ec.SECP521R1())
    contract = ec.generate_private_key(ec.SECP521R1())
    aad = b"WMIABC1234567890XA" + b"0123456789ABCDEF0123456789ABCDEF01234567"
    sealed = encrypt_contract_key_iso20(contract, car.public_key(), aad)
    assert len(sealed.encrypted) == 94  # IV 12 || CT 66 || tag 16, as the -20 XSD says
    assert len(sealed.dh_public_key) == 133
    opened = decrypt_contract_key_iso20(sealed.encrypted, sealed.dh_public_key, car, aad)
    assert opened.private_numbers() == contract.private_numbers()
    with pytest.raises(InvalidTag):
        decrypt_contract_key_iso20(sealed.encrypted, sealed.dh_public_key, car, aad[:-1] + b"8")
