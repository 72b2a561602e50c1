"""The key stores: keys encrypted at rest or held in the token, never handed out."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from csms.container import Container
from pki.db import StoredKey
from pki.errors import KeyStoreError
from pki.keystore import FileKeyStore


def test_file_keys_are_encrypted_at_rest(make_container) -> None:  # type: ignore[no-untyped-def]
    container: Container = make_container("postgres-file")
    with container.session_factory() as session:
        blobs = list(session.scalars(select(StoredKey.encrypted_pkcs8)))
    assert len(blobs) == len(container.ca.authorities())
    for blob in blobs:
        assert blob.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
        with pytest.raises((TypeError, ValueError)):
            serialization.load_pem_private_key(blob, password=None)
    # A wrong passphrase cannot open them; the error says so without showing anything.
    wrong = FileKeyStore(container.session_factory, b"wrong-passphrase-0123456")
    with pytest.raises(KeyStoreError, match="wrong CSMS_KEY_PASSPHRASE"):
        wrong.signer(container.ca.authority("v2g-root").key_ref)


def test_softhsm_keys_are_sensitive_and_not_extractable(make_container, softhsm_token) -> None:  # type: ignore[no-untyped-def]
    import pkcs11
    from pkcs11 import Attribute, ObjectClass

    container: Container = make_container("postgres-softhsm")
    authority = container.ca.authority("mo-sub2")
    assert authority.key_backend == "pkcs11"
    lib = pkcs11.lib(str(softhsm_token.module_path))
    token = lib.get_token(token_label=softhsm_token.token_label)
    with token.open(rw=False) as session:  # the process is logged in already
        key = session.get_key(object_class=ObjectClass.PRIVATE_KEY, label=authority.key_ref)
        assert key[Attribute.SENSITIVE] is True
        assert key[Attribute.EXTRACTABLE] is False
        with pytest.raises(pkcs11.PKCS11Error):
            _ = key[Attribute.VALUE]
    # Nothing of the key lives in the database.
    with container.session_factory() as session:
        assert list(session.scalars(select(StoredKey.ref))) == []


def test_short_passphrase_is_refused(container: Container) -> None:
    with pytest.raises(KeyStoreError):
        FileKeyStore(container.session_factory, b"short")
