"""TLS for the OCPP listener (security profiles 2 and 3).

The server holds two certificates (profile `csms-server`, CN = the CSMS's FQDN, A00.FR.511):
an ECDSA P-256 one and an RSA-2048 one, because A00.FR.421 requires both the ECDHE-ECDSA and
the plain RSA AES-GCM suites. They come from the issuing CA of the current CSMS root
generation (pki/csms_root.py: cpo-sub2 under the V2G root until the first rotation), and
while the previous generation is still in use the link certificate follows the chain. Keys
and certificates are written to the data directory with mode 0600 (csms/files.py) and reused
while the certificate has more than 30 days left and its chain is the one to serve; the
server checks that every few seconds (`reload_server_certificates`) and loads a new one into
the listening context, which the next handshake uses: connections already open keep theirs.

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

from pki.authority import fingerprint_of, pem_of
from pki.csms_root import CsmsRootRotation
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
    changed: bool = False  # written by this call: the listener should load it


def _chain_of(cert_file: Path) -> list[x509.Certificate] | None:
    try:
        return x509.load_pem_x509_certificates(cert_file.read_bytes())
    except (OSError, ValueError):
        return None


def _still_good(
    chain: list[x509.Certificate] | None, key_file: Path, issuer: x509.Certificate
) -> bool:
    if not chain:
        return False
    leaf = chain[0]
    try:
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return False
    return (
        key.public_key() == leaf.public_key()
        and leaf.issuer == issuer.subject
        and leaf.not_valid_after_utc - datetime.now(UTC) > RENEW_BEFORE
    )


def server_credentials(parts: OcppParts, kind: str) -> ServerCredentials:
    """The server certificate of key type `kind` ("ec" or "rsa"), issued when there is none,
    when it has 30 days left, or when the CSMS root's current generation changed; the chain
    file rewritten when only what follows the leaf changed (the rotation's link)."""
    settings = parts.settings
    directory = private_dir(settings.data_dir) / "ocpp-tls"
    cert_file = directory / f"server-{kind}.pem"
    key_file = directory / f"server-{kind}.key"
    with parts.sessions() as session:
        issuer_name, extra = CsmsRootRotation(parts.ca).served_chain(session)
    issuer = parts.ca.authority(issuer_name).certificate
    tail = [*parts.ca.chain_to_root(issuer_name)[:-1], *extra]
    chain = _chain_of(cert_file)
    if chain is not None and _still_good(chain, key_file, issuer):
        if [fingerprint_of(c) for c in chain[1:]] == [fingerprint_of(c) for c in tail]:
            return ServerCredentials(cert_file, key_file)
        write_private(cert_file, pem_of([chain[0], *tail]).encode())
        return ServerCredentials(cert_file, key_file, changed=True)
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
            ca_name=issuer_name,
            actor="system:ocpp-tls",
        )
    # The key first: a crash between the two leaves a key without its certificate, which the
    # next call replaces, never a certificate beside a key that is not its own.
    write_private(
        key_file,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    write_private(cert_file, pem_of([issued.certificate, *tail]).encode())
    return ServerCredentials(cert_file, key_file, changed=True)


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


def reload_server_certificates(context: ssl.SSLContext, parts: OcppParts) -> bool:
    """Load the server certificates into the listening context if they changed (renewed, or
    the CSMS root rotated); True when they did. OpenSSL keeps one certificate per key type,
    so each load replaces its predecessor for every handshake from now on."""
    changed = False
    for kind in ("ec", "rsa"):
        credentials = server_credentials(parts, kind)
        if credentials.changed:
            context.load_cert_chain(credentials.cert_file, credentials.key_file)
            changed = True
    return changed
