"""CA key stores behind one small interface: a `Signer` signs bytes and shows its public key.

- `FileKeyStore`: keys encrypted at rest (PKCS#8 with PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC)
  in the database, so every node sharing the database can sign; decrypted only inside a Signer.
- `Pkcs11KeyStore`: keys generated inside a PKCS#11 token as sensitive, non-extractable objects;
  signing happens in the token (SoftHSM2 in the tests, an HSM in production).

No method here returns private key material.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Protocol

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448
from cryptography.hazmat.primitives.asymmetric.types import PublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from sqlalchemy.orm import Session

from .db import StoredKey
from .errors import KeyStoreError

SIGNATURE_ALGORITHM_OF_KEY = {
    "ec-p256": "ecdsa-with-SHA256",
    "ec-p384": "ecdsa-with-SHA384",
    "ec-p521": "ecdsa-with-SHA512",
    "ed448": "ed448",
}
_CURVES: dict[str, ec.EllipticCurve] = {
    "ec-p256": ec.SECP256R1(),
    "ec-p384": ec.SECP384R1(),
    "ec-p521": ec.SECP521R1(),
}
_HASHES: dict[str, hashes.HashAlgorithm] = {
    "ecdsa-with-SHA256": hashes.SHA256(),
    "ecdsa-with-SHA384": hashes.SHA384(),
    "ecdsa-with-SHA512": hashes.SHA512(),
}


class Signer(Protocol):
    # True where signatures are computed outside this process (an HSM): the CA then checks
    # each one before a certificate exists.
    verify_after_sign: bool

    @property
    def signature_algorithm(self) -> str:
        """One of pki.der.ALGORITHM_IDENTIFIERS."""
        ...

    def public_key(self) -> PublicKeyTypes: ...

    def sign(self, data: bytes) -> bytes:
        """The signature over `data` as X.509 carries it (DER ECDSA-Sig-Value, raw EdDSA)."""
        ...


class KeyStore(Protocol):
    backend: str

    def generate(self, ref: str, key_algorithm: str) -> Signer: ...

    def signer(self, ref: str) -> Signer: ...


class _InMemorySigner:
    """A signer over a key object this process holds; the object never leaves it."""

    verify_after_sign = False

    def __init__(self, key: ec.EllipticCurvePrivateKey | ed448.Ed448PrivateKey) -> None:
        self.__key = key
        if isinstance(key, ed448.Ed448PrivateKey):
            self._algorithm = "ed448"
        else:
            self._algorithm = SIGNATURE_ALGORITHM_OF_KEY[_key_name(key.curve)]
        self._public = key.public_key()
        # Made once: the signature scheme object is immutable and signing is a hot path.
        self._ecdsa = None if self._algorithm == "ed448" else ec.ECDSA(_HASHES[self._algorithm])

    @property
    def signature_algorithm(self) -> str:
        return self._algorithm

    def public_key(self) -> PublicKeyTypes:
        return self._public

    def sign(self, data: bytes) -> bytes:
        key = self.__key
        if isinstance(key, ed448.Ed448PrivateKey):
            return key.sign(data)
        assert self._ecdsa is not None
        return key.sign(data, self._ecdsa)

    def __repr__(self) -> str:
        return f"<Signer {self._algorithm}>"


def _key_name(curve: ec.EllipticCurve) -> str:
    for name, known in _CURVES.items():
        if known.name == curve.name:
            return name
    raise KeyStoreError(f"unsupported curve {curve.name}")


def generate_private_key(
    key_algorithm: str,
) -> ec.EllipticCurvePrivateKey | ed448.Ed448PrivateKey:
    if key_algorithm == "ed448":
        return ed448.Ed448PrivateKey.generate()
    try:
        return ec.generate_private_key(_CURVES[key_algorithm])
    except KeyError:
        raise KeyStoreError(f"cannot make CA keys of type {key_algorithm!r}") from None


class FileKeyStore:
    """CA keys encrypted with a passphrase, stored in the `pki_keys` table."""

    backend = "file"

    def __init__(self, session_factory: Callable[[], Session], passphrase: bytes) -> None:
        if len(passphrase) < 16:
            raise KeyStoreError("the key-store passphrase must be at least 16 characters")
        self._session_factory = session_factory
        self.__passphrase = passphrase
        self._signers: dict[str, _InMemorySigner] = {}
        self._lock = threading.Lock()

    def generate(self, ref: str, key_algorithm: str) -> Signer:
        key = generate_private_key(key_algorithm)
        blob = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(self.__passphrase),
        )
        with self._session_factory() as session, session.begin():
            if session.get(StoredKey, ref) is not None:
                raise KeyStoreError(f"a key named {ref!r} exists already")
            session.add(StoredKey(ref=ref, encrypted_pkcs8=blob, created_at=datetime.now(UTC)))
        signer = _InMemorySigner(key)
        with self._lock:
            self._signers[ref] = signer
        return signer

    def signer(self, ref: str) -> Signer:
        with self._lock:
            cached = self._signers.get(ref)
        if cached is not None:
            return cached
        with self._session_factory() as session:
            stored = session.get(StoredKey, ref)
            if stored is None:
                raise KeyStoreError(f"no key named {ref!r} in the key store")
            blob = stored.encrypted_pkcs8
        try:
            key = serialization.load_pem_private_key(blob, password=self.__passphrase)
        except (ValueError, TypeError):
            raise KeyStoreError(f"cannot decrypt key {ref!r}: wrong CSMS_KEY_PASSPHRASE?") from None
        if not isinstance(key, ec.EllipticCurvePrivateKey | ed448.Ed448PrivateKey):
            raise KeyStoreError(f"key {ref!r} has an unsupported type")
        signer = _InMemorySigner(key)
        with self._lock:
            self._signers.setdefault(ref, signer)
            return self._signers[ref]


class _Pkcs11Signer:
    verify_after_sign = True

    def __init__(
        self, store: Pkcs11KeyStore, ref: str, algorithm: str, public: PublicKeyTypes
    ) -> None:
        self._store = store
        self._ref = ref
        self._algorithm = algorithm
        self._public = public

    @property
    def signature_algorithm(self) -> str:
        return self._algorithm

    def public_key(self) -> PublicKeyTypes:
        return self._public

    def sign(self, data: bytes) -> bytes:
        digest = hashlib.new(self._algorithm.rsplit("-", 1)[1].lower(), data).digest()
        raw = self._store._sign_digest(self._ref, digest)
        half = len(raw) // 2
        return encode_dss_signature(
            int.from_bytes(raw[:half], "big"), int.from_bytes(raw[half:], "big")
        )


# python-pkcs11 has no type information: its session and key handles are typed Any here.
_TOKEN_SESSIONS: dict[tuple[str, str], tuple[Any, threading.Lock]] = {}
_TOKEN_SESSIONS_LOCK = threading.Lock()


def _token_session(module_path: str, token_label: str, pin: str) -> tuple[Any, threading.Lock]:
    """One logged-in session per token and process, shared by every store using it.

    PKCS#11 login state belongs to the whole process, so a second login fails with
    UserAlreadyLoggedIn; a session serves one thread at a time, hence the lock."""
    import pkcs11

    key = (module_path, token_label)
    with _TOKEN_SESSIONS_LOCK:
        if key in _TOKEN_SESSIONS:
            return _TOKEN_SESSIONS[key]
        try:
            token = pkcs11.lib(module_path).get_token(token_label=token_label)
            try:
                session = token.open(user_pin=pin, rw=True)
            except pkcs11.UserAlreadyLoggedIn:
                session = token.open(rw=True)
        except (pkcs11.PKCS11Error, RuntimeError, OSError) as exc:
            raise KeyStoreError(
                f"cannot open PKCS#11 token {token_label!r} with {module_path}: "
                f"{type(exc).__name__}"
            ) from None
        _TOKEN_SESSIONS[key] = (session, threading.Lock())
        return _TOKEN_SESSIONS[key]


class Pkcs11KeyStore:
    """Keys inside a PKCS#11 token. The token does the ECDSA over a digest we compute, which
    works with every token (not all offer CKM_ECDSA_SHA512)."""

    backend = "pkcs11"

    def __init__(self, module_path: str, token_label: str, pin: str) -> None:
        import pkcs11  # imported here: only PKCS#11 deployments need the module loaded

        self._pkcs11 = pkcs11
        self._session, self._lock = _token_session(module_path, token_label, pin)
        self._signers: dict[str, _Pkcs11Signer] = {}
        self._private_handles: dict[str, Any] = {}

    def generate(self, ref: str, key_algorithm: str) -> Signer:
        from pkcs11 import Attribute, KeyType
        from pkcs11.util.ec import encode_named_curve_parameters

        curve = _CURVES.get(key_algorithm)
        if curve is None:
            raise KeyStoreError(f"the PKCS#11 back end makes EC keys only, not {key_algorithm}")
        with self._lock:
            if self._find(ref) is not None:
                raise KeyStoreError(f"a key labelled {ref!r} exists already in the token")
            params = self._session.create_domain_parameters(
                KeyType.EC,
                {Attribute.EC_PARAMS: encode_named_curve_parameters(curve.name)},
                local=True,
            )
            key_id = hashlib.sha256(ref.encode()).digest()[:16]
            params.generate_keypair(
                store=True,
                label=ref,
                id=key_id,
                private_template={
                    Attribute.SENSITIVE: True,
                    Attribute.EXTRACTABLE: False,
                    Attribute.SIGN: True,
                },
            )
        return self.signer(ref)

    def _find(self, ref: str) -> Any:
        from pkcs11 import ObjectClass

        found = list(
            self._session.get_objects(
                {
                    self._pkcs11.Attribute.CLASS: ObjectClass.PRIVATE_KEY,
                    self._pkcs11.Attribute.LABEL: ref,
                }
            )
        )
        return found[0] if found else None

    def signer(self, ref: str) -> Signer:
        if ref in self._signers:
            return self._signers[ref]
        from pkcs11 import ObjectClass
        from pkcs11.util.ec import encode_ec_public_key

        with self._lock:
            try:
                public = self._session.get_key(object_class=ObjectClass.PUBLIC_KEY, label=ref)
            except self._pkcs11.NoSuchKey:
                raise KeyStoreError(f"no key labelled {ref!r} in the PKCS#11 token") from None
            spki = encode_ec_public_key(public)
        public_key = serialization.load_der_public_key(spki)
        assert isinstance(public_key, ec.EllipticCurvePublicKey)
        algorithm = SIGNATURE_ALGORITHM_OF_KEY[_key_name(public_key.curve)]
        signer = _Pkcs11Signer(self, ref, algorithm, public_key)
        self._signers[ref] = signer
        return signer

    def _sign_digest(self, ref: str, digest: bytes) -> bytes:
        from pkcs11 import Mechanism

        with self._lock:
            key = self._private_handles.get(ref)
            if key is None:
                key = self._find(ref)
                if key is None:
                    raise KeyStoreError(f"no key labelled {ref!r} in the PKCS#11 token")
                self._private_handles[ref] = key
            signature: bytes = key.sign(digest, mechanism=Mechanism.ECDSA)
            return signature
