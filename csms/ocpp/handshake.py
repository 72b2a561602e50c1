"""Who is connecting: the checks made before the WebSocket handshake completes.

Each refusal is an HTTP status at the handshake (part 4 §3.1: an unknown identity gets 404),
never a connection that opens and then misbehaves:

- unknown or disabled station → 404;
- profile 1/2: HTTP Basic with username = station identity and the stored password → else 401;
- profile 2/3 over plain TCP → 403 (the station must use TLS);
- profile 3: a client certificate (OpenSSL already verified the path to a trusted CA and its
  validity period), not revoked in the product's database, CN = station identity (A00.FR.405),
  O = the operator's organisation (A00.FR.404) → else 403.

A revocation check that cannot be made (the database does not answer) raises, and the
handshake is refused: a check fails closed, never open.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from http import HTTPStatus

from cryptography import x509
from cryptography.x509.oid import NameOID
from sqlalchemy.orm import Session

from pki.authority import CertificateAuthority
from pki.status_reader import StatusReader, own_revocation_checker
from pki.trust import TrustStore
from pki.validation import PathValidator

from .stations import Station, StationRegistry
from .tls import CLIENT_CA_NAMES


@dataclass(frozen=True)
class Refusal:
    status: HTTPStatus
    reason: str  # logged and recorded; the station only sees the status


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header[:6].lower() == "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


def _single(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if len(values) == 1 else None


class HandshakeAuthenticator:
    def __init__(
        self,
        registry: StationRegistry,
        ca: CertificateAuthority,
        status_reader: StatusReader,
        organization: str,
    ) -> None:
        self._registry = registry
        self._ca = ca
        self._revocation = own_revocation_checker(ca, status_reader)
        self._organization = organization

    def check(
        self,
        session: Session,
        station: Station | None,
        station_id: str,
        *,
        authorization: str | None,
        tls: bool,
        peer_der: bytes | None,
    ) -> Refusal | None:
        """None when the station may connect. Runs in a worker thread (argon2, database)."""
        if station is None or not station.enabled:
            return Refusal(HTTPStatus.NOT_FOUND, f"unknown or disabled station {station_id!r}")
        if station.security_profile >= 2 and not tls:
            return Refusal(HTTPStatus.FORBIDDEN, "security profile needs TLS")
        if station.security_profile in (1, 2):
            credentials = basic_credentials(authorization)
            if credentials is None:
                return Refusal(HTTPStatus.UNAUTHORIZED, "HTTP Basic credentials missing")
            username, password = credentials
            if username != station.id:
                return Refusal(HTTPStatus.UNAUTHORIZED, "Basic username is not the identity")
            if not self._registry.check_password(station, password, session):
                return Refusal(HTTPStatus.UNAUTHORIZED, "wrong password")
            return None
        if peer_der is None:
            return Refusal(HTTPStatus.FORBIDDEN, "security profile 3 needs a client certificate")
        leaf = x509.load_der_x509_certificate(peer_der)
        return self._check_client_certificate(session, station, leaf)

    def _check_client_certificate(
        self, session: Session, station: Station, leaf: x509.Certificate
    ) -> Refusal | None:
        cn = _single(leaf.subject, NameOID.COMMON_NAME)
        if cn != station.id:
            return Refusal(HTTPStatus.FORBIDDEN, f"certificate CN {cn!r} is not the identity")
        organization = _single(leaf.subject, NameOID.ORGANIZATION_NAME)
        if organization != self._organization:
            return Refusal(
                HTTPStatus.FORBIDDEN, f"certificate O {organization!r} is not the operator's"
            )
        chain = [self._ca.authority(name).certificate for name in CLIENT_CA_NAMES]
        anchors = [chain[-1], *TrustStore.certificates(session, "cso-root", "root")]
        intermediates = chain[:-1] + TrustStore.certificates(session, "cso-root", "sub-ca")
        result = PathValidator(anchors, intermediates, revocation=[self._revocation]).validate(leaf)
        if not result.ok:
            return Refusal(HTTPStatus.FORBIDDEN, f"client certificate: {result.detail}")
        return None
