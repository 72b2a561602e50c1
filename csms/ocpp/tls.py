"""TLS for the OCPP listener (security profiles 2 and 3).

The server holds two certificates from the product's CPO Sub-CA 2 (profile `csms-server`,
CN = the CSMS's FQDN, A00.FR.511): an ECDSA P-256 one and an RSA-2048 one, because A00.FR.421
requires both the ECDHE-ECDSA and the plain RSA AES-GCM suites. Keys and certificates are
written to the data directory with mode 0600 (csms/files.py) and reused while the certificate
has more than 30 days left.

Client certificates are optional at the TLS layer (profile 2 stations have none); OpenSSL
verifies any that is presented against the product's CPO chain and the imported `cso-root`
anchors, so an unknown issuer or an expired certificate fails the TLS handshake itself. The
checks OpenSSL cannot make (revocation in the product's database, CN = station identity,
O = the operator) happen in csms.ocpp.auth before the WebSocket handshake completes.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from pki.authority import pem_of
from pki.trust import TrustStore

from ..files import private_dir, write_private
from .parts import OcppParts

# A00.FR.421: the four suites a CSMS must offer (TLS 1.2); ECDHE-RSA adds forward secrecy for
# RSA clients. TLS 1.3 suites are OpenSSL's defaults (all AEAD).
TLS12_CIPHERS = ":".join(
    [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384",
        "AES128-GCM-SHA256",
        "AES256-GCM-SHA384",
    ]
)
RENEW_BEFORE = timedelta(days=30)
CLIENT_CA_NAMES = ("cpo-sub2", "cpo-sub1", "v2g-root")


@dataclass(frozen=True)
class ServerCredentials:
    cert_file: Path
    key_file: Path


def _still_good(cert_file: Path, key_file: Path, issuer: x509.Certificate) -> bool:
    if not (cert_file.exists() and key_file.exists()):
        return False
    try:
        leaf = x509.load_pem_x509_certificates(cert_file.read_bytes())[0]
    except ValueError:
        return False
    return (
        leaf.issuer == issuer.subject
        and leaf.not_valid_after_utc - datetime.now(UTC) > RENEW_BEFORE
    )


def server_credentials(parts: OcppParts, kind: str) -> ServerCredentials:
    """The server certificate of key type `kind` ("ec" or "rsa"), issued on first use."""
    settings = parts.settings
    directory = private_dir(settings.data_dir) / "ocpp-tls"
    cert_file = directory / f"server-{kind}.pem"
    key_file = directory / f"server-{kind}.key"
    issuer = parts.ca.authority("cpo-sub2").certificate
    if _still_good(cert_file, key_file, issuer):
        return ServerCredentials(cert_file, key_file)
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey = (
        ec.generate_private_key(ec.SECP256R1())
        if kind == "ec"
        else rsa.generate_private_key(65537, 2048)
    )
    with parts.sessions.begin() as session:
        issued = parts.ca.issue_for_key(
            session,
            key.public_key(),
            "csms-server",
            common_name=settings.ocpp_server_hostname,
            organization=settings.organization,
            country=settings.country,
            actor="system:ocpp-tls",
        )
    write_private(
        key_file,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    write_private(cert_file, issued.pem_chain().encode())
    return ServerCredentials(cert_file, key_file)


def client_trust_pem(parts: OcppParts) -> str:
    """The CAs whose station certificates OpenSSL accepts: the product's CPO chain plus every
    imported CSO root and its sub-CAs."""
    certs = [parts.ca.authority(name).certificate for name in CLIENT_CA_NAMES]
    with parts.sessions() as session:
        certs += TrustStore.certificates(session, "cso-root")
    return pem_of(certs)


def server_context(parts: OcppParts) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2  # A00.FR.416/418
    context.set_ciphers(TLS12_CIPHERS)
    context.options |= ssl.OP_NO_COMPRESSION | ssl.OP_CIPHER_SERVER_PREFERENCE  # A00.FR.424
    for kind in ("ec", "rsa"):
        credentials = server_credentials(parts, kind)
        context.load_cert_chain(credentials.cert_file, credentials.key_file)
    context.verify_mode = ssl.CERT_OPTIONAL
    context.load_verify_locations(cadata=client_trust_pem(parts))
    return context


def refresh_client_trust(context: ssl.SSLContext, parts: OcppParts) -> None:
    """Add CSO roots imported since start; new handshakes see them."""
    context.load_verify_locations(cadata=client_trust_pem(parts))
